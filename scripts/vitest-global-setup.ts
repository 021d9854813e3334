// Vitest's global setup: generates sandbox/programs/node/lib.gen.ts (the
// node runtime's JavaScript) and the offline npm store (public/npm-store/,
// a no-op when current) so that running a single test file directly works
// as `npm test` does. Under `npm test` the pretest script has just
// generated them (the typecheck needs them first), so it is not done twice.
export async function setup(): Promise<void> {
  if (process.env.npm_lifecycle_event === 'test') return;
  await import('./gen-node-lib.ts');
  const { generateProjectNpmStore } = await import('./gen-npm-store.ts');
  const line = await generateProjectNpmStore();
  if (line) console.log(line);
}
