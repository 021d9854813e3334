// Build marks in Chromium: `docker build` at the terminal leaves, on the
// Dockerfile's lines in the editor, each instruction's layer size and
// whether it came from the cache; a RUN line broken in the editor fails the
// next build, and the error mark sits on that line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from './testing/browser.ts';

const PROMPT = 'student@playground:~$';

function terminalShows(page: Page, text: string, timeout = 30_000): Promise<unknown> {
  return page.waitForFunction((t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout });
}

/** The marks the editor draws, keyed by the text of the line they are on (Monaco renders the mark inside its line). */
function marksByLine(page: Page): Promise<Array<{ line: string; kind: string; mark: string }>> {
  return page.locator('[data-testid="editor"] .view-line').evaluateAll((lines) => lines.flatMap((l) => {
    // Monaco may split the injected text into several spans.
    const spans = [...l.querySelectorAll('.build-mark')];
    if (spans.length === 0) return [];
    const kind = [...spans[0]!.classList].find((c) => c.startsWith('build-mark-'))?.slice('build-mark-'.length) ?? '';
    const text = spans.map((s) => s.textContent ?? '').join('');
    const tidy = (s: string): string => s.replace(/\u00a0/g, ' ').trim();
    return [{ line: tidy((l.textContent ?? '').replace(text, '')), kind, mark: tidy(text) }];
  }));
}

async function untilMarks(page: Page, check: (marks: Array<{ line: string; kind: string; mark: string }>) => boolean): Promise<Array<{ line: string; kind: string; mark: string }>> {
  let marks: Array<{ line: string; kind: string; mark: string }> = [];
  for (let i = 0; i < 100; i++) {
    marks = await marksByLine(page);
    if (check(marks)) return marks;
    await page.waitForTimeout(200);
  }
  throw new Error(`the editor's marks never matched: ${JSON.stringify(marks)}`);
}

describe.skipIf(!canRunBrowser)('build marks in the editor', () => {
  let pg: Playground;
  beforeAll(async () => { pg = await openPlayground(); }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('marks each instruction of the seeded Dockerfile with its layer and the cache', async () => {
    const { page } = pg;
    await terminalShows(page, PROMPT);
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'FROM nginx:alpine' }).waitFor({ timeout: 30_000 });
    await typeInTerminal(page, 'docker build -t site .');
    await terminalShows(page, 'Successfully tagged site:latest', 60_000);
    const marks = await untilMarks(page, (m) => m.length === 3);
    expect(marks).toEqual([
      { line: 'FROM nginx:alpine', kind: 'cached', mark: 'base image · 48.4MB' },
      { line: 'COPY site/ /usr/share/nginx/html/', kind: 'built', mark: '193B · built' },
      { line: 'EXPOSE 80', kind: 'built', mark: 'no layer · built' },
    ]);
    expect(await page.locator('[data-testid="editor"] .build-mark-gutter-built').count()).toBe(2);
    await typeInTerminal(page, 'clear; docker build -t site .');
    await untilMarks(page, (m) => m.length === 3 && m.slice(1).every((x) => x.kind === 'cached' && x.mark.endsWith('· cached')));
    expect(pg.errors).toEqual([]);
  }, 90_000);

  it('a RUN line broken in the editor fails the build: the error mark is on that line', async () => {
    const { page } = pg;
    const editor = page.locator('[data-testid="editor"]');
    // The keys must reach the editor, not the terminal that had focus (on a loaded machine a click can land
    // before Monaco takes focus): wait for it to be focused, and for the line to be in it.
    await editor.locator('.view-lines').click();
    await editor.locator('.monaco-editor.focused').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('RUN echo hola');
    await page.keyboard.press('Escape');
    await editor.locator('.view-line', { hasText: 'RUN echo hola' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await typeInTerminal(page, 'clear; docker build -t site .');
    await untilMarks(page, (m) => m.some((x) => x.line === 'RUN echo hola' && x.kind === 'built'));

    // The typo: `ech` is no command (127).
    await editor.locator('.view-line', { hasText: 'RUN echo hola' }).click();
    await editor.locator('.monaco-editor.focused').waitFor({ timeout: 10_000 });
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('RUN ech hola');
    await page.keyboard.press('Escape');
    await editor.locator('.view-line', { hasText: 'RUN ech hola' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    // Another file is open when the build fails: the error opens the Dockerfile at its line.
    await page.getByTestId('file-item-site').click();
    await page.getByTestId('file-item-site/index.html').click();
    await editor.locator('.view-lines').filter({ hasText: 'Hola desde un contenedor' }).waitFor({ timeout: 10_000 });
    await typeInTerminal(page, 'clear; docker build -t site .');
    await terminalShows(page, 'returned a non-zero code: 127', 60_000);
    await editor.locator('.view-lines').filter({ hasText: 'FROM nginx:alpine' }).waitFor({ timeout: 10_000 });
    const marks = await untilMarks(page, (m) => m.some((x) => x.kind === 'error'));
    expect(marks.find((x) => x.kind === 'error')).toEqual({ line: 'RUN ech hola', kind: 'error', mark: "The command '/bin/sh -c ech hola' returned a non-zero code: 127" });
    expect(marks.filter((x) => x.kind !== 'error').map((x) => x.line)).toEqual(['FROM nginx:alpine', 'COPY site/ /usr/share/nginx/html/', 'EXPOSE 80']);
    await editor.locator('.build-mark-error-line').waitFor({ timeout: 5_000 });
    await page.getByTestId('editor-notice').filter({ hasText: 'ech hola' }).waitFor({ timeout: 5_000 });
    // The cursor was put on the failing line (Monaco draws it on a later animation frame: poll).
    await expect.poll(() => editor.locator('.view-line', { hasText: 'RUN ech hola' }).evaluate((l) => {
      const cursor = l.closest('.monaco-editor')?.querySelector('.cursor');
      const a = l.getBoundingClientRect();
      const b = cursor?.getBoundingClientRect();
      return Boolean(b && b.top >= a.top - 1 && b.bottom <= a.bottom + 1);
    }), { timeout: 5_000 }).toBe(true);
    expect(pg.errors).toEqual([]);
  }, 90_000);
});
