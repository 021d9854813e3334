// A guest worker's entry point in Node (worker_threads): the engine side is
// the parent port. Bundled by scripts/gen-node-lib.ts into worker.gen.mjs.
import { parentPort } from 'node:worker_threads';
import { startGuestWorker } from './worker-main.ts';

const port = parentPort!;
startGuestWorker({ post: (m) => port.postMessage(m), onMessage: (fn) => port.on('message', fn) });
