// `npm run lesson:check -- lessons/<dir> [more dirs…]`: verifies lessons as
// the tests do — lesson.json, both languages in step, checks.ts, the
// solution passing every check, each wrong attempt failing as intended —
// and prints one line per finding. Exits 1 when anything is wrong, 2 when
// called without a folder. `npm` in containers installs from the generated
// offline store (public/npm-store/, which prelesson:check makes), as under
// vitest and `npm run dockerd`: lesson 06 runs npm ci.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fetchPackageStore, setPackageStore } from '../../sandbox/index.ts';
import { verifyLesson } from './verify.ts';

/** The store read from disk, through the page's own store client (a missing file answers 404). */
setPackageStore(fetchPackageStore(new URL('../../public/npm-store/', import.meta.url).href, {
  async fetch(url) {
    try {
      const bytes = await readFile(fileURLToPath(url));
      return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString('utf8')) as unknown, arrayBuffer: async () => new Uint8Array(bytes).buffer };
    } catch (e) {
      return { ok: false, status: 404, statusText: (e as Error).message, json: async () => null, arrayBuffer: async () => new ArrayBuffer(0) };
    }
  },
}));

async function main(argv: string[]): Promise<number> {
  const dirs = argv.filter((a) => a !== '--');
  if (dirs.length === 0) {
    process.stderr.write('usage: npm run lesson:check -- lessons/<nn-slug> [lessons/<nn-slug>…]\n');
    return 2;
  }
  let failed = 0;
  for (const dir of dirs) {
    const report = await verifyLesson(dir);
    process.stdout.write(`${dir}\n${report.lines.map((l) => `  ${l}\n`).join('')}`);
    if (!report.ok) {
      failed++;
      process.stderr.write(`${dir}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}\n`);
    }
  }
  if (dirs.length > 1) process.stdout.write(failed ? `${failed} of ${dirs.length} lessons have problems\n` : `all ${dirs.length} lessons are fine\n`);
  return failed ? 1 : 0;
}

// Containers the checks started may keep timers alive: exit explicitly.
main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`lesson:check: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
