// The practice machine for tests and `lesson:check`: an engine and the host
// machine beside it, as the page boots them, with a typist at the host's
// terminal. It writes a lesson's files into /home/student as the editor
// would, types a script's lines at the real login shell (each once the
// prompt is back), opens published ports as the page's preview does, and
// grades the lesson's checks through the Engine API with what a
// LessonRecorder saw — the same path the page takes.
import { createEngine, EngineClient, engineTransport, fetchPublished, HostMachine, inProcessClient, publishedPortDialer, MemoryFs, type Engine, type HostTerminal } from '../../sandbox/index.ts';
import { grade, type CheckContext, type CheckResult, type Checks } from './checks.ts';
import type { WorkspaceFiles } from './lesson.ts';
import { KEYS, type ScriptAction } from './script.ts';
import { LessonRecorder } from './session.ts';

/**
 * The host prompt at the end of the screen, in any directory — also after
 * control sequences a program left at the start of the line (docker compose's
 * progress ends with \x1b[?25h, showing the cursor again).
 */
const PROMPT_AT_END = /(^|[\r\n])(?:\x1b\[[0-9;?]*[A-Za-z])*student@playground:[^\r\n]*\$ $/;

/** Whether the screen ends at the host's prompt. */
export function atPrompt(screen: string): boolean {
  return PROMPT_AT_END.test(screen);
}
/** How long a typed line may take to give the prompt back (or an `expect` to show up). */
export const WAIT_MS = 20_000;
const MAX_SCREEN = 1024 * 1024;
/** How long `#@ open` keeps reloading a port that does not answer yet. */
const OPEN_MS = 10_000;

export interface Checkpoint {
  step: string;
  /** The `#@ check` line in the script. */
  line: number;
  results: CheckResult[];
}

export class PracticeMachine {
  /** The page's own Engine API client (the one checks read through). */
  readonly client: EngineClient;
  private screen = '';
  private wake: (() => void) | null = null;
  private readonly terminal: HostTerminal;

  private constructor(readonly engine: Engine, readonly host: HostMachine, readonly recorder: LessonRecorder, private readonly waitMs: number) {
    this.client = inProcessClient(engine);
    recorder.follow(host);
    this.terminal = host.openTerminal({ cols: 120, rows: 40 });
    const dec = new TextDecoder();
    this.terminal.onOutput((d) => {
      this.screen += dec.decode(d, { stream: true });
      // Old output is dropped from the front; positions are kept relative to the end.
      if (this.screen.length > MAX_SCREEN) this.screen = this.screen.slice(-MAX_SCREEN / 2);
      this.wake?.();
    });
  }

  /** A fresh engine and host, the student's shell at its first prompt; `waitMs`: how long a line may take. */
  static async boot(opts: { waitMs?: number } = {}): Promise<PracticeMachine> {
    const fs = new MemoryFs();
    const engine = await createEngine({ hostFs: fs });
    const recorder = new LessonRecorder();
    const host = new HostMachine({ client: new EngineClient(recorder.wrap(engineTransport(engine))), fs, dialPublished: publishedPortDialer(engine) });
    const m = new PracticeMachine(engine, host, recorder, opts.waitMs ?? WAIT_MS);
    await m.waitFor(() => atPrompt(m.screen), 'the first prompt');
    return m;
  }

  /** Everything the terminal has shown (its last megabyte). */
  get transcript(): string {
    return this.screen;
  }

  /** What the checks read now. */
  context(): CheckContext {
    return this.recorder.context(this.client);
  }

  /** Writes files into the workspace as the page's editor does (owned by the student). */
  writeFiles(files: WorkspaceFiles): void {
    const fs = this.host.fs;
    for (const [rel, text] of files) {
      const parts = rel.split('/');
      let dir = HostMachine.home;
      for (const part of parts.slice(0, -1)) {
        dir += `/${part}`;
        if (!fs.existsSync(dir)) { fs.mkdirSync(dir); fs.chownSync(dir, HostMachine.uid, HostMachine.gid); }
      }
      fs.writeFileSync(`${HostMachine.home}/${rel}`, text, { uid: HostMachine.uid, gid: HostMachine.gid });
    }
  }

  /**
   * Plays a script: types its lines, presses its keys, writes its files,
   * opens its ports, and grades `checks` at each `#@ check` (the results come
   * back in order). `source(path)` gives the script folder's files for `#@ file`.
   */
  async play(actions: readonly ScriptAction[], checks: Checks, source: (path: string) => string): Promise<Checkpoint[]> {
    const checkpoints: Checkpoint[] = [];
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i]!;
      const next = actions[i + 1];
      switch (a.kind) {
        case 'type':
        case 'key': {
          const from = this.screen.length;
          this.terminal.input(a.kind === 'type' ? `${a.text}\r` : KEYS[a.key]);
          const what = a.kind === 'type' ? `"${a.text}" (line ${a.line})` : `${a.key} (line ${a.line})`;
          if (next?.kind === 'expect') {
            i++;
            await this.waitFor(() => this.tail(from).includes(next.text), `"${next.text}" after ${what}`);
          } else {
            await this.waitFor(() => atPrompt(this.tail(from)), `the prompt after ${what}`);
          }
          break;
        }
        case 'expect': break;
        case 'file': this.writeFiles(new Map([[a.path, source(a.from)]])); break;
        case 'open': await this.open(a.port, a.path); break;
        case 'sleep': await new Promise((r) => setTimeout(r, a.seconds * 1000)); break;
        case 'check': checkpoints.push({ step: a.step, line: a.line, results: await grade(checks, this.context(), { step: a.step }) }); break;
      }
    }
    return checkpoints;
  }

  /**
   * The preview pane opening http://localhost:PORT/PATH — and, while nothing
   * answers yet (the server is still starting), pressing Reload, as a learner
   * would, for up to OPEN_MS. Still refused then: left to the checks to say.
   */
  private async open(port: number, path: string): Promise<void> {
    const deadline = Date.now() + OPEN_MS;
    for (;;) {
      try {
        await fetchPublished(this.engine, port, { method: 'GET', path, headers: [], body: null }, OPEN_MS);
        return;
      } catch {
        if (Date.now() >= deadline) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Screen text written since position `from` (positions shift when old output is dropped). */
  private tail(from: number): string {
    return this.screen.slice(Math.min(from, this.screen.length));
  }

  private async waitFor(ready: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${this.waitMs / 1000} s waiting for ${what}; the terminal ends with:\n${this.screen.slice(-1200)}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, Math.min(left, 250));
        this.wake = () => { clearTimeout(timer); r(); };
      });
      this.wake = null;
    }
  }

  /** Ends the session: the terminal closes and every container is removed (their processes stop). */
  async dispose(): Promise<void> {
    this.terminal.close();
    const all = await this.client.json<Array<{ Id: string }>>('GET', '/containers/json', { query: { all: true } });
    for (const c of all) await this.client.request('DELETE', `/containers/${c.Id}`, { query: { force: true } }).catch(() => null);
  }
}
