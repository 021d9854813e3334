// `npm run lesson:check -- lessons/<dir> [more dirs…]`: verifies lessons as
// the tests do — lesson.json, both languages in step, checks.ts, the
// solution passing every check, each wrong attempt failing as intended —
// and prints one line per finding. Exits 1 when anything is wrong, 2 when
// called without a folder. `npm` in containers installs from the generated
// offline store (public/npm-store/, which prelesson:check makes): lesson 06
// runs npm ci.
import { installNodeGuestWorkers, installNodePackageStore } from '../../sandbox/index.node.ts';
import { verifyLesson } from './verify.ts';

// As under vitest and `npm run dockerd`: npm reads the store from disk, node runs in worker threads.
installNodePackageStore();
installNodeGuestWorkers();

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
