// The engine's public entry for Node hosts only (scripts, `npm run
// lesson:check`): what sandbox/index.ts cannot carry because it reads the
// host's disk or starts worker threads — the page never imports this.
export { installNodeGuestWorkers } from './programs/node/workers.node.ts';
export { installNodePackageStore } from './programs/npm/store.node.ts';
