// The last build, as the docker CLI saw it. POST /build answers with the
// classic builder's JSON lines — {"stream":"Step 2/4 : RUN apk add curl\n"},
// {"stream":" ---> Using cache\n"}, {"aux":{"ID":"sha256:…"}}, or
// {"error":…} — and recordBuilds() sits on the transport the CLI uses, passes
// every byte through untouched and, when the stream ends, hands over what it
// said: the steps, which of them hit the cache, the image or the error.
// The page wraps its CLI transport with it (web/engine/worker.ts, beside
// traced()); the test runner does the same (lessons/kit/session.ts).
import type { ApiRequest, ApiResponse } from '../../sandbox/api/types.ts';
import type { Transport } from '../../sandbox/index.ts';

export interface BuildStep {
  /** 1-based, as in `Step 2/4`. */
  index: number;
  /** The instruction as the builder printed it: `RUN apk add curl`. */
  instruction: string;
  /** The builder reused a cached image for this step (` ---> Using cache`). */
  cached: boolean;
}

export interface BuildRecord {
  /** The tags asked for (`-t`), as sent. */
  tags: string[];
  /** The Dockerfile's path in the context (`-f`), 'Dockerfile' by default. */
  dockerfile: string;
  /** `--no-cache` was given. */
  noCache: boolean;
  /** The steps the stream announced, in order (none with `docker build -q`: the CLI asked for no progress). */
  steps: BuildStep[];
  /** The built image's ID (`aux.ID`), when the build succeeded. */
  imageId: string | null;
  /** The error the build ended with (a failed step, a refused request). */
  error: string | null;
  /** The stream ended normally (false when the client went away first, e.g. ^C). */
  complete: boolean;
  /** When the build ended (ms since the epoch). */
  at: number;
}

/** Steps that hit the cache, and steps that could have but did not (FROM never does). */
export function cacheSummary(b: BuildRecord): { hits: BuildStep[]; misses: BuildStep[] } {
  const cacheable = b.steps.filter((s) => !/^FROM\s/i.test(s.instruction));
  return { hits: cacheable.filter((s) => s.cached), misses: cacheable.filter((s) => !s.cached) };
}

const BUILD_PATH = /^(\/v[0-9.]+)?\/build$/;
const MAX_LINE = 1024 * 1024;
const MAX_STEPS = 10_000;
const dec = new TextDecoder();

/** Reads a build's JSON-lines response as it streams. */
export class BuildStreamReader {
  private readonly record: BuildRecord;
  private pending = '';
  private text = '';

  constructor(req: Pick<ApiRequest, 'query' | 'queryAll'>, now: () => number = Date.now) {
    const q = req.query;
    this.record = {
      tags: req.queryAll?.get('t') ?? (q.get('t') ? [q.get('t')!] : []),
      dockerfile: q.get('dockerfile') || 'Dockerfile',
      noCache: ['1', 'true', 'True'].includes(q.get('nocache') ?? ''),
      steps: [], imageId: null, error: null, complete: false, at: now(),
    };
    this.now = now;
  }

  private readonly now: () => number;

  /** Feeds one chunk of the response body. */
  push(chunk: Uint8Array): void {
    this.pending += dec.decode(chunk, { stream: true });
    if (this.pending.length > MAX_LINE && !this.pending.includes('\n')) this.pending = '';
    let nl = this.pending.indexOf('\n');
    while (nl >= 0) {
      this.message(this.pending.slice(0, nl).trim());
      this.pending = this.pending.slice(nl + 1);
      nl = this.pending.indexOf('\n');
    }
  }

  private message(line: string): void {
    if (!line) return;
    let m: { stream?: unknown; aux?: { ID?: unknown }; error?: unknown; errorDetail?: { message?: unknown } };
    try { m = JSON.parse(line) as typeof m; } catch { return; }
    if (typeof m.stream === 'string') this.stream(m.stream);
    if (m.aux && typeof m.aux.ID === 'string') this.record.imageId = m.aux.ID;
    const error = m.errorDetail?.message ?? m.error;
    if (typeof error === 'string') this.record.error = error;
  }

  /** Progress text: `Step n/m : …` opens a step; ` ---> Using cache` marks it cached. */
  private stream(s: string): void {
    this.text += s;
    let nl = this.text.indexOf('\n');
    while (nl >= 0) {
      const line = this.text.slice(0, nl).replace(/\r$/, '');
      this.text = this.text.slice(nl + 1);
      nl = this.text.indexOf('\n');
      const step = /^Step (\d+)\/\d+ : (.*)$/.exec(line);
      if (step && this.record.steps.length < MAX_STEPS) this.record.steps.push({ index: Number(step[1]), instruction: step[2]!, cached: false });
      else if (line === ' ---> Using cache') { const last = this.record.steps.at(-1); if (last) last.cached = true; }
    }
    if (this.text.length > MAX_LINE) this.text = '';
  }

  /** The record once the stream has ended (`complete`: it ended normally). */
  finish(complete: boolean): BuildRecord {
    if (this.pending.trim()) this.message(this.pending.trim());
    this.pending = '';
    return { ...this.record, steps: this.record.steps.map((s) => ({ ...s })), complete, at: this.now() };
  }

  /** A request the engine refused outright (4xx/5xx before any stream). */
  refused(res: ApiResponse): BuildRecord {
    const msg = (res.json as { message?: unknown } | undefined)?.message;
    return { ...this.finish(true), error: typeof msg === 'string' ? msg : `the engine answered ${res.status}` };
  }
}

/**
 * `transport` with every POST /build watched: its response passes through
 * unchanged, and `onBuild` gets the record when the response has ended.
 * @example
 *   const cli = new EngineClient(recordBuilds(engineTransport(engine), (b) => { lastBuild = b; }));
 *   const host = new HostMachine({ client: cli, fs });
 */
export function recordBuilds(transport: Transport, onBuild: (b: BuildRecord) => void): Transport {
  return async (req) => {
    const res = await transport(req);
    if (req.method !== 'POST' || !BUILD_PATH.test(req.path)) return res;
    const reader = new BuildStreamReader(req);
    if (res.status >= 400 || !res.stream) {
      onBuild(res.status >= 400 ? reader.refused(res) : reader.finish(true));
      return res;
    }
    const stream = res.stream;
    return {
      ...res,
      stream: async (write, closed) => {
        // What the client no longer receives (it went away: ^C) is not part of the build it saw.
        let gone = false;
        void closed.then(() => { gone = true; });
        let ended = false;
        try {
          await stream(async (chunk) => { if (!gone) reader.push(chunk); await write(chunk); }, closed);
          ended = true;
        } finally {
          onBuild(reader.finish(ended && !gone));
        }
      },
    };
  };
}
