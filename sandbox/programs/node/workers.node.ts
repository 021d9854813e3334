// Guest workers for Node hosts (tests, `npm run dockerd`, the bench):
// worker_threads running the bundled worker.gen.mjs, all given the QuickJS
// WASM compiled once in this thread. Workers are pooled: a
// guest that exits normally gives its (warm) thread back for the next one —
// every guest still gets a fresh QuickJS instance — while a killed guest's
// thread is terminated. Idle threads are unref'd: they never hold the host
// process open.
//
// The snapshot of the compiled built-ins (lib-snapshot.ts) is taken by a
// spare worker when the first node guest starts (or at once with `prewarm`,
// for hosts whose start-up is not on anyone's clock), and again, with the
// package files guests report compiling (the code cache), when there are new
// ones: every worker starts with the latest, and so do guests in this thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CodeCache } from './code-cache.ts';
import { useLibSnapshot } from './lib-snapshot.ts';
import { useQuickJSWasm } from './quickjs.ts';
import type { QuickJSSnapshot } from './snapshot.ts';
import { setGuestWorkers, type GuestWorker } from './workers.ts';

const ENTRY = new URL('./worker.gen.mjs', import.meta.url);
const MAX_IDLE = 4;

interface Pooled { thread: Worker; current: ((m: unknown) => void) | null; failed: ((e: unknown) => void) | null; dead: boolean }

const idle: Pooled[] = [];
let snapshot: QuickJSSnapshot | null = null;
/** The worker taking a snapshot now (one at a time). */
let warming: Pooled | null = null;
const codeCache = new CodeCache();
/** The memory ceiling node guests last had: a new worker makes a runtime ready for it. */
let lastCeiling: number | undefined;

let quickjsWasm: WebAssembly.Module | null = null;
/** QuickJS's WASM, compiled once here and handed to every worker (V8 shares the compiled code between threads). */
function compiledQuickJS(): WebAssembly.Module {
  quickjsWasm ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  return quickjsWasm;
}

function start(): Pooled {
  const thread = new Worker(ENTRY, { workerData: { quickjsWasm: compiledQuickJS(), ...(snapshot && { snapshot }), ...(lastCeiling && { memoryCeiling: lastCeiling }) } });
  thread.unref();
  const pooled: Pooled = { thread, current: null, failed: null, dead: false };
  thread.on('message', (m: { type?: string; snapshot?: QuickJSSnapshot | null; files?: Array<[string, string]> }) => {
    if (m.type === 'snapshot') {
      if (warming === pooled) warming = null;
      if (m.snapshot) shareSnapshot(m.snapshot);
      warm();
      return;
    }
    if (m.type === 'compiled') {
      if (codeCache.add(m.files ?? []) && snapshot) warm();
      return;
    }
    pooled.current?.(m);
  });
  thread.on('error', (e) => {
    died(pooled);
    pooled.failed?.(e);
  });
  thread.on('exit', () => died(pooled));
  return pooled;
}

function died(pooled: Pooled): void {
  pooled.dead = true;
  const i = idle.indexOf(pooled);
  if (i !== -1) idle.splice(i, 1);
  if (warming === pooled) {
    warming = null;
    codeCache.retry();
  }
}

/** A worker took a snapshot: every worker and this thread use it from now on. */
function shareSnapshot(s: QuickJSSnapshot): void {
  snapshot = s;
  useLibSnapshot(s);
  for (const w of idle) w.thread.postMessage({ type: 'setup', snapshot: s });
}

/** Asks a spare worker for a snapshot when there is none or the code cache has new files (one at a time). */
function warm(): void {
  if (warming || (snapshot && !codeCache.pending)) return;
  let spare = idle.find((w) => !w.dead);
  if (!spare) idle.push(spare = start());
  warming = spare;
  spare.thread.postMessage({ type: 'warm', files: codeCache.take() });
}

export function nodeGuestWorker(): GuestWorker {
  // The worker taking a snapshot stays aside (a killed guest would take its work down with it).
  for (let i = idle.length - 1; i >= 0; i--) if (idle[i]!.dead) idle.splice(i, 1);
  const at = idle.findLastIndex((w) => w !== warming);
  const pooled = at === -1 ? start() : idle.splice(at, 1)[0]!;
  if (!idle.some((w) => w !== warming)) idle.push(start());
  const w = pooled;
  w.thread.ref();
  return {
    post: (m) => {
      const init = m as { type?: string; kind?: string; memoryCeiling?: number };
      if (init.type === 'init' && init.kind === 'node') {
        lastCeiling = init.memoryCeiling;
        warm();
      }
      w.thread.postMessage(m);
    },
    onMessage: (fn) => { w.current = fn; },
    onError: (fn) => { w.failed = fn; },
    release: () => {
      w.current = null;
      w.failed = null;
      w.thread.unref();
      if (!w.dead && idle.length < MAX_IDLE) idle.push(w);
      else void w.thread.terminate();
    },
    terminate: () => {
      w.current = null;
      w.failed = null;
      w.dead = true;
      if (warming === w) {
        warming = null;
        codeCache.retry();
      }
      void w.thread.terminate();
    },
  };
}

/**
 * Makes `node` in containers run in worker threads. `prewarm`: take the
 * built-ins' snapshot now rather than when the first node process starts.
 */
export function installNodeGuestWorkers(options: { prewarm?: boolean } = {}): void {
  setGuestWorkers(nodeGuestWorker);
  // Guests run in this thread (no worker) use the same compiled WASM.
  useQuickJSWasm(() => Promise.resolve(compiledQuickJS()));
  if (idle.length === 0) idle.push(start());
  if (options.prewarm) warm();
}
