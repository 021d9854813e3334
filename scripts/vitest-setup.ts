// Vitest's per-file setup: `node` in containers runs in worker threads, as
// it does under `npm run dockerd` (tests that need the in-thread fallback
// remove the spawner themselves), and `npm` in containers installs from the
// generated offline store (public/npm-store/), as under `npm run dockerd`.
import { installNodeGuestWorkers } from '../sandbox/programs/node/workers.node.ts';
import { installNodePackageStore } from '../sandbox/programs/npm/store.node.ts';

installNodeGuestWorkers();
installNodePackageStore();

// Property and fuzz tests (`*.fuzz.test.ts`) run briefly under `npm test`
// and longer under `npm run fuzz` (FUZZ_RUNS=…); FUZZ_SEED replays a failure.
import fc from 'fast-check';

fc.configureGlobal({
  numRuns: Number(process.env.FUZZ_RUNS ?? 60),
  ...(process.env.FUZZ_SEED && { seed: Number(process.env.FUZZ_SEED) }),
});
