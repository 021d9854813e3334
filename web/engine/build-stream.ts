// Reading a build as it streams back from POST /build (the legacy builder's
// JSON lines, as the terminal's docker CLI receives them): `{"stream": …}`
// texts — `Step N/M : <instruction>`, ` ---> Using cache`, ` ---> <id>` —
// then `{"aux": {"ID": …}}` on success or `{"errorDetail": …, "error": …}`
// on failure. Fed chunk by chunk (chunks and JSON lines and text lines may
// split anywhere); bounded in memory whatever the build prints.

/** One `Step N/M : …` of the build and how it ended. */
export interface ObservedStep {
  /** N of `Step N/M`. */
  n: number;
  /** M of `Step N/M`. */
  total: number;
  /** The instruction as printed (the builder's one-line `original`). */
  original: string;
  /** ` ---> Using cache` was printed for it. */
  cached: boolean;
  /** The short image ID printed as ` ---> <id>` ('' for FROM scratch); null: the step never finished. */
  imageId: string | null;
}

export interface BuildOutcome {
  steps: ObservedStep[];
  /** aux.ID: the built image's full ID, on success. */
  imageId: string | null;
  /** The build's error message, on failure. */
  error: string | null;
}

/** Longest JSON line kept (a longer one — a flood of RUN output — is skipped). */
const MAX_JSON_LINE = 4 * 1024 * 1024;
/** Longest text line kept (only its start matters: `Step …` lines are short). */
const MAX_TEXT_LINE = 8 * 1024;
const MAX_STEPS = 10_000;

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const IMAGE = /^ ---> ([0-9a-f]*)\s*$/;

/**
 * ```ts
 * const p = new BuildStreamParser();
 * p.push(chunk);            // every chunk of the POST /build answer
 * const { steps, imageId, error } = p.end();
 * ```
 */
export class BuildStreamParser {
  private readonly dec = new TextDecoder();
  private json = '';
  private skipping = false;
  private text = '';
  private readonly outcome: BuildOutcome = { steps: [], imageId: null, error: null };

  push(chunk: Uint8Array): void {
    this.feed(this.dec.decode(chunk, { stream: true }));
  }

  /** The build as far as it was seen (call once the stream has ended). */
  end(): BuildOutcome {
    this.feed(this.dec.decode());
    if (this.json.trim() !== '' && !this.skipping) this.message(this.json);
    this.json = '';
    if (this.text !== '') this.textLine(this.text);
    this.text = '';
    return this.outcome;
  }

  private feed(s: string): void {
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      const part = s.slice(from, nl);
      from = nl + 1;
      if (!this.skipping) this.message(this.json + part);
      this.json = '';
      this.skipping = false;
    }
    if (this.skipping) return;
    this.json += s.slice(from);
    if (this.json.length > MAX_JSON_LINE) { this.json = ''; this.skipping = true; }
  }

  private message(line: string): void {
    const t = line.trim();
    if (t === '') return;
    let m: { stream?: unknown; aux?: { ID?: unknown }; error?: unknown; errorDetail?: { message?: unknown } };
    try { m = JSON.parse(t) as typeof m; } catch { return; }
    if (m === null || typeof m !== 'object') return;
    if (typeof m.stream === 'string') this.streamText(m.stream);
    if (m.aux && typeof m.aux.ID === 'string') this.outcome.imageId = m.aux.ID;
    const error = m.errorDetail?.message ?? m.error;
    if (typeof error === 'string') this.outcome.error = error;
  }

  private streamText(s: string): void {
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      this.textLine((this.text + s.slice(from, nl)).replace(/\r$/, ''));
      this.text = '';
      from = nl + 1;
    }
    if (this.text.length < MAX_TEXT_LINE) this.text = (this.text + s.slice(from)).slice(0, MAX_TEXT_LINE);
  }

  private textLine(line: string): void {
    const steps = this.outcome.steps;
    const step = STEP.exec(line);
    if (step) {
      if (steps.length < MAX_STEPS) steps.push({ n: Number(step[1]), total: Number(step[2]), original: step[3]!, cached: false, imageId: null });
      return;
    }
    const current = steps.at(-1);
    if (!current || current.imageId !== null) return;
    if (line === ' ---> Using cache') current.cached = true;
    else {
      const image = IMAGE.exec(line);
      if (image) current.imageId = image[1]!;
    }
  }
}
