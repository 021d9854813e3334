// Guest workers for the engine worker in a browser: module workers started
// from the engine's own worker when SharedArrayBuffer is there (a
// cross-origin isolated page), pooled as in every host (GuestPool);
// otherwise guests run in the engine's thread. Either way QuickJS's WASM is
// compiled once, here, and every guest instance is made from that
// WebAssembly.Module — handed to each guest worker in its first message —
// instead of each fetching and compiling its own. A few seconds after the
// engine starts, a spare worker takes the runtime snapshot, so even the
// first node process starts warm.
import { compileQuickJSWasm, GuestPool, setGuestWorkers, useQuickJSWasm } from '../../sandbox/index.ts';

/** The WASM quickjs-emscripten's release build loads (Vite emits it as an asset and rewrites this URL). */
const quickjsWasmUrl = new URL('../../node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm', import.meta.url).href;

let compiled: Promise<WebAssembly.Module> | null = null;

/** QuickJS's WASM, compiled once, with its function table exported (compileQuickJSWasm: the runtime registers functions there). */
function quickjsWasm(): Promise<WebAssembly.Module> {
  compiled ??= (async () => compileQuickJSWasm(await (await fetch(quickjsWasmUrl)).arrayBuffer()))();
  return compiled;
}

/** How long after the engine starts the snapshot is taken (the page's own start-up goes first). */
const PREWARM_DELAY_MS = 3000;

const pool = new GuestPool({
  maxIdle: 2,
  start: (setup) => {
    const worker = new Worker(new URL('./guest-worker.ts', import.meta.url), { type: 'module', name: 'guest' });
    worker.postMessage({ type: 'setup', ...setup });
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (fn) => worker.addEventListener('message', (e) => fn(e.data)),
      onDead: (fn) => worker.addEventListener('error', (e) => fn(e.message)),
      terminate: () => worker.terminate(),
    };
  },
});

/**
 * Runs guests in workers when this context can share memory with them; says
 * whether it does. Both ways, instances come from the WASM compiled here.
 */
export function installBrowserGuestWorkers(): boolean {
  useQuickJSWasm(quickjsWasm);
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
  if (!isolated) return false;
  setGuestWorkers(() => pool.spawn());
  pool.prestart();
  void quickjsWasm().then((module) => {
    pool.provide({ quickjsWasm: module });
    setTimeout(() => pool.prewarm(), PREWARM_DELAY_MS);
  }, () => {});
  return true;
}
