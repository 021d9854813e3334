// A pool of guest worker threads, the same in every host (Node's
// worker_threads, a page's Web Workers): a guest that ends normally gives
// its warm thread back for the next one — every guest still gets a fresh
// QuickJS instance — while a killed guest's thread is terminated; a spare
// thread is kept started, so a guest never waits for one to boot.
//
// The pool also keeps the engine's QuickJS runtime snapshot (lib-snapshot.ts)
// current: a spare thread takes it when the first node guest starts (or at
// once: prewarm), and again with the package files guests report compiling
// (the code cache, code-cache.ts) when there are new ones; every thread is
// started with the latest (and idle ones are sent it), and so are guests in
// the engine's own thread. The thread taking a snapshot is kept out of the
// guests' way (a killed guest would take its work down with it).
import { CodeCache } from './code-cache.ts';
import { useLibSnapshot } from './lib-snapshot-state.ts';
import type { QuickJSSnapshot } from './snapshot.ts';
import type { GuestWorkerSetup } from './worker-main.ts';
import type { GuestWorker } from './workers.ts';

/** A host's thread running startGuestWorker (worker-main.ts), from the engine's side. */
export interface PoolThread {
  post(message: unknown): void;
  onMessage(fn: (message: unknown) => void): void;
  /** The thread failed or ended. */
  onDead(fn: (error: unknown) => void): void;
  terminate(): void;
  /** Whether the thread, while idle, may let the host process end (Node). */
  hold?(busy: boolean): void;
}

export interface GuestPoolOptions {
  /** Starts a thread with `setup` (what it is given at once). */
  start(setup: GuestWorkerSetup): PoolThread;
  /** Idle threads kept at most. */
  maxIdle: number;
}

interface Pooled { thread: PoolThread; current: ((m: unknown) => void) | null; failed: ((e: unknown) => void) | null; dead: boolean }

export class GuestPool {
  private readonly idle: Pooled[] = [];
  private setup: GuestWorkerSetup = {};
  private snapshot: QuickJSSnapshot | null = null;
  /** The thread taking a snapshot now (one at a time). */
  private warming: Pooled | null = null;
  private readonly codeCache = new CodeCache();
  /** Whether node guests have started (a snapshot is then wanted). */
  private wanted = false;

  constructor(private readonly options: GuestPoolOptions) {}

  /** What every thread is given from now on (QuickJS's compiled WASM); idle threads are sent it. */
  provide(setup: GuestWorkerSetup): void {
    this.setup = { ...this.setup, ...setup };
    for (const w of this.idle) w.thread.post({ type: 'setup', ...setup });
  }

  /** Starts the spare thread now. */
  prestart(): void {
    if (this.idle.length === 0) this.idle.push(this.start());
  }

  /** Takes the snapshot now rather than when the first node guest starts. */
  prewarm(): void {
    this.wanted = true;
    this.warm();
  }

  /** A thread for one guest. */
  spawn(): GuestWorker {
    for (let i = this.idle.length - 1; i >= 0; i--) if (this.idle[i]!.dead) this.idle.splice(i, 1);
    const at = this.idle.findLastIndex((w) => w !== this.warming);
    const w = at === -1 ? this.start() : this.idle.splice(at, 1)[0]!;
    if (!this.idle.some((x) => x !== this.warming)) this.idle.push(this.start());
    w.thread.hold?.(true);
    return {
      post: (m) => {
        const init = m as { type?: string; kind?: string; memoryCeiling?: number };
        if (init.type === 'init' && init.kind === 'node') {
          this.setup = { ...this.setup, memoryCeiling: init.memoryCeiling };
          this.wanted = true;
          this.warm();
        }
        w.thread.post(m);
      },
      onMessage: (fn) => { w.current = fn; },
      onError: (fn) => { w.failed = fn; },
      release: () => {
        w.current = null;
        w.failed = null;
        w.thread.hold?.(false);
        if (!w.dead && this.idle.length < this.options.maxIdle) this.idle.push(w);
        else this.end(w);
      },
      terminate: () => {
        w.current = null;
        w.failed = null;
        this.end(w);
      },
    };
  }

  private start(): Pooled {
    const thread = this.options.start({ ...this.setup, ...(this.snapshot && { snapshot: this.snapshot }) });
    const pooled: Pooled = { thread, current: null, failed: null, dead: false };
    thread.onMessage((message) => {
      const m = message as { type?: string; snapshot?: QuickJSSnapshot | null; files?: Array<[string, string]> };
      if (m.type === 'snapshot') {
        if (this.warming === pooled) this.warming = null;
        if (m.snapshot) this.share(m.snapshot);
        this.warm();
      } else if (m.type === 'compiled') {
        if (this.codeCache.add(m.files ?? []) && this.snapshot) this.warm();
      } else {
        pooled.current?.(message);
      }
    });
    thread.onDead((e) => {
      this.died(pooled);
      pooled.failed?.(e);
    });
    return pooled;
  }

  private end(w: Pooled): void {
    this.died(w);
    w.thread.terminate();
  }

  private died(w: Pooled): void {
    w.dead = true;
    const i = this.idle.indexOf(w);
    if (i !== -1) this.idle.splice(i, 1);
    if (this.warming === w) {
      this.warming = null;
      this.codeCache.retry();
    }
  }

  /** A thread took a snapshot: every thread and this one use it from now on. */
  private share(s: QuickJSSnapshot): void {
    this.snapshot = s;
    useLibSnapshot(s);
    for (const w of this.idle) w.thread.post({ type: 'setup', snapshot: s });
  }

  /** Asks a spare thread for a snapshot when one is wanted and there is none, or the code cache has new files. */
  private warm(): void {
    if (!this.wanted || this.warming || (this.snapshot && !this.codeCache.pending)) return;
    let spare = this.idle.find((w) => !w.dead);
    if (!spare) this.idle.push(spare = this.start());
    this.warming = spare;
    spare.thread.post({ type: 'warm', files: this.codeCache.take() });
  }
}
