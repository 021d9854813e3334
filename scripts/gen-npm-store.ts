// `npm run npm:store` (run before test, start, build, dev, bench, dockerd,
// lesson:check, fuzz and typecheck, like node:lib): writes the offline npm
// store that `npm` inside containers installs from — public/npm-store/, in
// the registry's layout, which Vite copies into the built site — from the
// tarballs `npm ci` fetched and checked into npm's cache
// (scripts/npm-store/generate.ts). Quick and silent when nothing changed;
// otherwise prints one line: packages, versions, size.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNpmStore, StoreBuildError } from './npm-store/generate.ts';
import { LockWalkError } from './npm-store/lock-walk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Generates the store at its place in this checkout; returns the summary line, or null when it was current. */
export async function generateProjectNpmStore(): Promise<string | null> {
  const t0 = performance.now();
  const r = await generateNpmStore({
    lockPath: join(root, 'package-lock.json'),
    outDir: join(root, 'public/npm-store'),
    workDir: join(root, 'node_modules/.cache/npm-store'),
    force: process.argv.includes('--force'),
  });
  if (r.skipped) return null;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `npm-store: ${r.packages} packages (${r.versions} versions), ${mb(r.bytes)} of tarballs + ${mb(r.indexBytes)} index.json in public/npm-store (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const line = await generateProjectNpmStore();
    if (line) console.log(line);
  } catch (e) {
    if (!(e instanceof StoreBuildError || e instanceof LockWalkError)) throw e;
    console.error(e.message);
    process.exitCode = 1;
  }
}
