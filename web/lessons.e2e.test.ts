// The Lessons pane in Chromium, as a student uses it: lesson 02 opened from
// the course index (in Spanish), a wrong `docker run` checked and its hint
// shown, the step's Run button typing the right command into the terminal,
// the check passing with its points; a copy-to-editor block written to its
// file and shown in the editor; after a reload the lesson is open again
// with its points; the completion page exported as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from './testing/browser.ts';
import { lessonCatalog } from '../lessons/index.ts';

const PROMPT = 'student@playground:~$';
const terminalShows = (page: Page, text: string, timeout = 20_000) => page.waitForFunction((t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout });

/** Waits for `what` to show; when it does not, the error says what the pane shows instead. */
async function see(what: Locator, pane: Locator, timeout = 30_000): Promise<void> {
  try {
    await what.waitFor({ timeout });
  } catch (e) {
    throw new Error(`${(e as Error).message.split('\n')[0]}\nthe lessons pane shows:\n${(await pane.innerText().catch(() => '(nothing)')).slice(0, 3000)}`);
  }
}

/** A lesson of the course with a copy-to-editor block (lesson 02 has none): its folder and the block's file. */
function lessonWithFileBlock(): { dir: string; file: string } | null {
  for (const dir of readdirSync('lessons').filter((d) => /^\d{2}-/.test(d)).sort()) {
    const m = /```\w* file=(\S+)/.exec(readFileSync(`lessons/${dir}/lesson.es.md`, 'utf8'));
    if (m) return { dir, file: m[1]! };
  }
  return null;
}

describe.skipIf(!canRunBrowser)('the Lessons pane', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('runs, checks and keeps a lesson\'s progress, copies a block to the editor and exports the completion record', async () => {
    pg = await openPlayground('/', (page) => page.on('dialog', (d) => void d.accept()));
    const { page } = pg;
    await page.getByLabel(/Language|Idioma/).selectOption('es');
    await terminalShows(page, PROMPT);
    const pane = page.getByTestId('lessons-pane');
    await pane.getByTestId('lesson-first-container').getByRole('button').click();
    await see(pane.getByRole('heading', { level: 2, name: 'Tu primer contenedor' }), pane);
    const checks = (await lessonCatalog().find((e) => e.meta.id === 'first-container')!.open()).checks.list;
    const total = checks.reduce((n, c) => n + c.points, 0);
    const points = checks.find((c) => c.id === 'web-running')!.points;

    // A mistake: the ports the wrong way round. The check says so.
    await typeInTerminal(page, 'docker run -d --name web -p 80:8080 nginx:alpine');
    await page.waitForFunction(() => (document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.split('student@playground:~$').length ?? 0) > 2, null, { timeout: 20_000 });
    const step = pane.locator('section[data-step="run"]');
    await step.getByTestId('check-run').click();
    const result = step.getByTestId('check-result-web-running');
    await see(result.and(page.locator('[data-state="failed"]')), pane);
    expect(await result.innerText()).toContain('-p 8080:80');

    // Put right with the step's Run button: the command appears in the terminal, as typed.
    await typeInTerminal(page, 'docker rm -f web');
    await step.getByTestId('run-block').first().click();
    await see(step.locator('.code-state.done').first(), pane, 20_000);
    await page.waitForFunction((t) => (document.querySelector('[data-testid="terminal"] .xterm-rows') as HTMLElement | null)?.innerText.replace(/\n/g, '').includes(t), 'docker run -d --name web -p 8080:80 nginx:alpine', { timeout: 5_000 }); // (long lines wrap)
    await step.getByTestId('check-run').click();
    await see(result.and(page.locator('[data-state="passed"]')), pane);
    expect(await result.innerText()).toContain(`${points}/${points}`);
    await see(pane.getByTestId('lesson-score').filter({ hasText: `${points} / ${total}` }), pane);

    // Copy to editor, in a lesson that has such a block: the file is written and shown in the editor.
    const other = lessonWithFileBlock();
    expect(other).not.toBeNull();
    const otherId = lessonCatalog().find((e) => e.dir === other!.dir)!.meta.id;
    await pane.getByTestId('lessons-back').click();
    await pane.getByTestId(`lesson-${otherId}`).getByRole('button').click();
    await pane.getByTestId('copy-block').first().click();
    await page.locator('.editor-path').filter({ hasText: other!.file }).waitFor({ timeout: 20_000 });
    await see(pane.locator('.code-state.done').first(), pane);
    await typeInTerminal(page, `test -s ${other!.file} && echo copied-ok`);
    await terminalShows(page, 'copied-ok');
    await pane.getByTestId('lessons-back').click();
    await pane.getByTestId('lesson-first-container').getByRole('button').click();

    // A reload: the lesson opens again, its points kept.
    await page.reload();
    await terminalShows(page, PROMPT);
    await see(pane.getByRole('heading', { level: 2, name: 'Tu primer contenedor' }), pane);
    await see(pane.getByTestId('lesson-score').filter({ hasText: `${points} / ${total}` }), pane);
    await see(pane.locator('[data-testid="check-result-web-running"][data-state="passed"]'), pane);

    // The completion page, downloaded as JSON.
    await pane.getByTestId('lesson-report').first().click();
    await see(pane.getByTestId('certificate-score').filter({ hasText: `${points} de ${total}` }), pane);
    const [download] = await Promise.all([page.waitForEvent('download'), pane.getByTestId('completion-export').click()]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toBe('docker-playground-first-container.json');
    expect(report).toMatchObject({ kind: 'docker-playground.lesson-report', lang: 'es', lesson: { id: 'first-container', title: 'Tu primer contenedor' }, score: points, total, completed: false });
    expect(report.checks.find((c: { id: string }) => c.id === 'web-running')).toMatchObject({ passed: true, earned: points, attempts: 2, last: 'passed' });
    expect(report.checks).toHaveLength(checks.length);
    expect(pg.errors).toEqual([]);
  }, 90_000);
});
