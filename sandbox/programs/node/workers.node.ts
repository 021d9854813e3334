// Guest workers for Node hosts (tests, `npm run dockerd`, the bench):
// worker_threads running the bundled worker.gen.mjs, all given the QuickJS
// WASM compiled once in this thread. Workers are pooled: a
// guest that exits normally gives its (warm) thread back for the next one —
// every guest still gets a fresh QuickJS instance — while a killed guest's
// thread is terminated. Idle threads are unref'd: they never hold the host
// process open.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { useQuickJSWasm } from './quickjs.ts';
import { setGuestWorkers, type GuestWorker } from './workers.ts';

const ENTRY = new URL('./worker.gen.mjs', import.meta.url);
const MAX_IDLE = 4;

interface Pooled { thread: Worker; current: ((m: unknown) => void) | null; failed: ((e: unknown) => void) | null; dead: boolean }

const idle: Pooled[] = [];

let quickjsWasm: WebAssembly.Module | null = null;
/** QuickJS's WASM, compiled once here and handed to every worker (V8 shares the compiled code between threads). */
function compiledQuickJS(): WebAssembly.Module {
  quickjsWasm ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  return quickjsWasm;
}

function start(): Pooled {
  const thread = new Worker(ENTRY, { workerData: { quickjsWasm: compiledQuickJS() } });
  thread.unref();
  const pooled: Pooled = { thread, current: null, failed: null, dead: false };
  thread.on('message', (m) => pooled.current?.(m));
  thread.on('error', (e) => {
    pooled.dead = true;
    const i = idle.indexOf(pooled);
    if (i !== -1) idle.splice(i, 1);
    pooled.failed?.(e);
  });
  thread.on('exit', () => { pooled.dead = true; });
  return pooled;
}

export function nodeGuestWorker(): GuestWorker {
  let pooled = idle.pop();
  while (pooled && pooled.dead) pooled = idle.pop();
  pooled ??= start();
  if (idle.length === 0) idle.push(start());
  const w = pooled;
  w.thread.ref();
  return {
    post: (m) => w.thread.postMessage(m),
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
      void w.thread.terminate();
    },
  };
}

/** Makes `node` in containers run in worker threads. */
export function installNodeGuestWorkers(): void {
  setGuestWorkers(nodeGuestWorker);
  // Guests run in this thread (no worker) use the same compiled WASM.
  useQuickJSWasm(() => Promise.resolve(compiledQuickJS()));
  if (idle.length === 0) idle.push(start());
}
