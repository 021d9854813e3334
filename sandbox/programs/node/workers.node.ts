// Guest workers for Node hosts (tests, `npm run dockerd`, the bench):
// worker_threads running the bundled worker.gen.mjs, pooled (guest-pool.ts),
// all given the QuickJS WASM compiled once in this thread (V8 shares the
// compiled code between threads) and the engine's runtime snapshot. Idle
// threads are unref'd: they never hold the host process open.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { GuestPool } from './guest-pool.ts';
import { useQuickJSWasm } from './quickjs.ts';
import { compileQuickJSWasmSync } from './quickjs-wasm.ts';
import { setGuestWorkers, type GuestWorker } from './workers.ts';

const ENTRY = new URL('./worker.gen.mjs', import.meta.url);

let quickjsWasm: WebAssembly.Module | null = null;
/** QuickJS's WASM, compiled once here and handed to every worker. */
function compiledQuickJS(): WebAssembly.Module {
  quickjsWasm ??= compileQuickJSWasmSync(readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  return quickjsWasm;
}

const pool = new GuestPool({
  maxIdle: 4,
  start: (setup) => {
    const thread = new Worker(ENTRY, { workerData: { ...setup, quickjsWasm: compiledQuickJS() } });
    thread.unref();
    return {
      post: (m) => thread.postMessage(m),
      onMessage: (fn) => thread.on('message', fn),
      onDead: (fn) => {
        thread.on('error', fn);
        thread.on('exit', (code) => fn(new Error(`guest worker exited (${code})`)));
      },
      terminate: () => { void thread.terminate(); },
      hold: (busy) => { if (busy) thread.ref(); else thread.unref(); },
    };
  },
});

export function nodeGuestWorker(): GuestWorker {
  return pool.spawn();
}

/**
 * Makes `node` in containers run in worker threads. `prewarm`: take the
 * runtime snapshot now rather than when the first node process starts.
 */
export function installNodeGuestWorkers(options: { prewarm?: boolean } = {}): void {
  setGuestWorkers(nodeGuestWorker);
  // Guests run in this thread (no worker) use the same compiled WASM.
  useQuickJSWasm(() => Promise.resolve(compiledQuickJS()));
  pool.prestart();
  if (options.prewarm) pool.prewarm();
}
