// Every lesson found under lessons/<nn-slug>/ — new ones are picked up
// without touching this file: it is well formed (lesson.json, both
// languages in step, checks, scripts), its solution passes every check at
// each `#@ check`, and each wrong attempt fails the check it names with the
// hint it names. The scripts are typed into a real host terminal on a fresh
// engine each (kit/runner.ts); the runs of one lesson go concurrently.
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Checks } from './kit/checks.ts';
import { findLessons, importChecks, loadLessonDir } from './kit/load-dir.ts';
import { checkStatic, runAttempt, runSolution } from './kit/verify.ts';

const root = dirname(fileURLToPath(import.meta.url));
const lessons = findLessons(root);
const RUN_TIMEOUT = 120_000;

it('finds the lessons (and not the test fixtures)', () => {
  expect(lessons.map((p) => basename(p))).toEqual(expect.arrayContaining(['01-containers-and-vms', '02-first-container']));
  expect(lessons.every((p) => /^\d{2}-/.test(basename(p)))).toBe(true);
});

for (const path of lessons) {
  const loaded = loadLessonDir(path);
  const checks = async (): Promise<Checks> => ((await importChecks(path)) as { default: Checks }).default;

  describe.concurrent(basename(path), () => {
    it('is well formed: lesson.json, both languages in step, checks and scripts', async () => {
      expect((await checkStatic(loaded)).issues).toEqual([]);
    });

    it('its solution passes every check', async () => {
      const all = await checks();
      const r = await runSolution(loaded, all);
      expect(r.problems).toEqual([]);
      expect([...r.passedIds].sort()).toEqual(all.list.map((c) => c.id).sort());
    }, RUN_TIMEOUT);

    for (const attempt of loaded.attempts) {
      it(`wrong attempt ${attempt.name}: fails ${attempt.spec?.check} with hint ${attempt.spec?.hint}`, async () => {
        const r = await runAttempt(loaded, attempt, await checks());
        expect(r.problems).toEqual([]);
        expect(r.result?.passed).toBe(false);
        expect(r.result?.hint).toBe(attempt.spec?.hint);
      }, RUN_TIMEOUT);
    }
  });
}
