// A guest worker's entry point in Node (worker_threads): the engine side is
// the parent port; workerData carries the QuickJS WASM the engine's thread
// compiled once for all workers, and the built-ins' snapshot once there is
// one. Bundled by scripts/gen-node-lib.ts into worker.gen.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { startGuestWorker, type GuestWorkerSetup } from './worker-main.ts';

const port = parentPort!;
startGuestWorker({ post: (m) => port.postMessage(m), onMessage: (fn) => port.on('message', fn) }, (workerData ?? {}) as GuestWorkerSetup);
