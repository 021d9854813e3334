// Vitest's global setup: generates sandbox/programs/node/lib.gen.ts (the
// node runtime's JavaScript) so that running a single test file directly
// works as `npm test` does. Under `npm test` the pretest script has just
// generated it (the typecheck needs it first), so it is not done twice.
export async function setup(): Promise<void> {
  if (process.env.npm_lifecycle_event === 'test') return;
  await import('./gen-node-lib.ts');
}
