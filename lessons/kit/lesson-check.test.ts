// `npm run lesson:check`: a deliberately broken lesson (test-fixtures/,
// outside the course) gets every fault named and a non-zero exit; a real
// lesson passes with 0; no folder is a usage error.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyLesson } from './verify.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const BROKEN = join(here, 'test-fixtures/98-broken-lesson');

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(here, 'lesson-check.ts'), ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('lesson:check', () => {
  it('names each fault of a broken lesson: schema, languages out of step, scripts, hints, a solution that does not follow the text or pass, attempts that do not fail as named', async () => {
    const report = await verifyLesson(BROKEN);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'lesson.json: "order" is 7 but the folder says 98',
      'lesson.json: "summary".en: missing or empty',
      'step "dos": code block 1 differs (lesson.es.md line 13, lesson.en.md line 13: code line 1 is "docker ps -a" vs "docker ps"): code blocks must be identical in both languages',
      'attempts/passes-anyway/commands.sh:2: unknown directive "#@ pause" (known: expect, key, check, file, open, sleep)',
      'solution/commands.sh does not type "docker run --name caja busybox true" (step "uno", lesson.es.md line 3) after the lines before it: the solution follows the text\'s click-to-run blocks in order',
      'solution/: no file holds the content of the copy-to-editor block for Dockerfile (step "uno", lesson.es.md line 7): put it in solution/files/Dockerfile or a file written with #@ file',
      'solution/commands.sh does not type "docker ps -a" (step "dos", lesson.es.md line 13) after the lines before it: the solution follows the text\'s click-to-run blocks in order',
      'attempts/unknown-hint/attempt.json: check "caja-exists" has no hint "nope" (hints: missing, failed)',
      'solution: at "#@ check uno" (commands.sh line 3), check "caja-exists" failed — hint "missing": There is no caja.',
      'attempt passes-anyway: check "caja-removed" passed, but this attempt (none: nothing was created, so the check passes) must fail it with hint "stillThere"',
      'attempt unknown-hint: check "caja-exists" failed as it should, but with hint "missing" instead of "nope" (There is no caja.)',
      'attempt wrong-hint: check "caja-exists" failed as it should, but with hint "missing" instead of "failed" (There is no caja.)',
    ]);
  });

  it('exits 1 with the findings for the broken lesson, 0 for a good one, 2 without a folder', async () => {
    const [broken, good, none] = await Promise.all([cli('--', BROKEN), cli('lessons/01-containers-and-vms'), cli()]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('✗ lesson.json: "order" is 7 but the folder says 98');
    expect(broken.stderr).toContain('98-broken-lesson: 12 problems');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/✓ solution: \d+ checks passed/);
    expect(good.stdout).not.toContain('✗');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: npm run lesson:check -- lessons/<nn-slug>');
  }, 60_000);

  it('a folder that is not there is a clear problem', async () => {
    const report = await verifyLesson(join(here, 'test-fixtures/no-such-lesson'));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/no-such-lesson: no such lesson folder$/);
  });
});
