// Vitest's global setup: generates sandbox/programs/node/lib.gen.ts (the
// node runtime's JavaScript) so that running a single test file directly
// works as `npm test` does (which generates it in pretest).
export async function setup(): Promise<void> {
  await import('./gen-node-lib.ts');
}
