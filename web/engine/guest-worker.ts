// A guest worker in the browser: the thread a `node` (or WASI) process runs
// in when the page is cross-origin isolated, its system calls blocking on a
// SharedArrayBuffer channel to the engine worker — so a busy guest is
// throttled by cpu.max from inside its loop and `docker kill` ends it by
// terminating this thread. Its first message ('setup', from guest-pool.ts)
// brings QuickJS's WASM as the engine compiled it, and the engine's runtime
// snapshot once there is one.
import { startGuestWorker } from '../../sandbox/index.ts';

declare const self: { postMessage(m: unknown): void; addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void };

startGuestWorker({ post: (m) => self.postMessage(m), onMessage: (fn) => self.addEventListener('message', (e) => fn(e.data)) });
