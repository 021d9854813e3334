// Vitest's per-file setup: `node` in containers runs in worker threads, as
// it does under `npm run dockerd` (tests that need the in-thread fallback
// remove the spawner themselves).
import { installNodeGuestWorkers } from '../sandbox/programs/node/workers.node.ts';

installNodeGuestWorkers();
