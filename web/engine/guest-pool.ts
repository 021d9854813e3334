// Guest workers for the engine worker in a browser: module workers started
// from the engine's own worker when SharedArrayBuffer is there (a
// cross-origin isolated page); otherwise guests run in the engine's thread.
// A guest that ends normally gives its warm thread back; a killed guest's
// thread is terminated.
import { setGuestWorkers, type GuestWorker } from '../../sandbox/index.ts';

const MAX_IDLE = 2;

interface Pooled { worker: Worker; current: ((m: unknown) => void) | null; failed: ((e: unknown) => void) | null; dead: boolean }

const idle: Pooled[] = [];

function start(): Pooled {
  const worker = new Worker(new URL('./guest-worker.ts', import.meta.url), { type: 'module', name: 'guest' });
  const pooled: Pooled = { worker, current: null, failed: null, dead: false };
  worker.addEventListener('message', (e) => pooled.current?.(e.data));
  worker.addEventListener('error', (e) => { pooled.dead = true; pooled.failed?.(e.message); });
  return pooled;
}

function guestWorker(): GuestWorker {
  let w = idle.pop();
  while (w && w.dead) w = idle.pop();
  w ??= start();
  if (idle.length === 0) idle.push(start());
  const pooled = w;
  return {
    post: (m) => pooled.worker.postMessage(m),
    onMessage: (fn) => { pooled.current = fn; },
    onError: (fn) => { pooled.failed = fn; },
    release: () => {
      pooled.current = null;
      pooled.failed = null;
      if (!pooled.dead && idle.length < MAX_IDLE) idle.push(pooled);
      else pooled.worker.terminate();
    },
    terminate: () => {
      pooled.current = null;
      pooled.failed = null;
      pooled.dead = true;
      pooled.worker.terminate();
    },
  };
}

/** Runs guests in workers when this context can share memory with them; says whether it does. */
export function installBrowserGuestWorkers(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
  if (!isolated) return false;
  setGuestWorkers(guestWorker);
  idle.push(start());
  return true;
}
