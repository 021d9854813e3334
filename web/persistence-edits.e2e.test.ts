// What the student typed survives (Chromium): an edit in the editor is
// there after a reload that comes right after it, after a crash once the
// editor says Saved, after the tab is closed; with the browser's storage
// full the page says so, the typing comes back after a reload all the same
// (kept in localStorage meanwhile), and the page says when saving works
// again. A machine stored by a newer version is left as it is, and the page
// says why. Two tabs on one machine are each told of the other; the last
// to save is what a reload brings back, whole.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';
import { crasher, openTab, PROMPT, storedMachine, terminalShows, untilStored } from './testing/stored.ts';

async function editorReady(page: Page): Promise<void> {
  await terminalShows(page, PROMPT);
  await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'FROM nginx:alpine' }).waitFor({ timeout: 30_000 });
}

/** Types a new last line into the open file (the Dockerfile). */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

/** How many of `marks` the workspace's Dockerfile holds, as the shell reads it. */
async function marksInDockerfile(page: Page, marks: string[]): Promise<number> {
  await typeInTerminal(page, `clear; echo "found=$(grep -c -E '^(${marks.join('|')})$' Dockerfile)"`);
  await terminalShows(page, 'found=', 10_000);
  await page.waitForFunction(() => /found=\d+/.test(document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent ?? ''), null, { timeout: 10_000 });
  return Number(/found=(\d+)/.exec(await terminalText(page))![1]);
}

const message = (page: Page, text: RegExp) => page.getByTestId('machine-message').filter({ hasText: text });

describe.skipIf(!canRunBrowser)('what the student typed', () => {
  let pg: Playground | undefined;
  afterEach(async () => { await pg?.close(); pg = undefined; });

  it('is there after a reload right after typing, a crash once Saved shows, and a closed tab', async () => {
    pg = await openPlayground();
    let page = pg.page;
    await editorReady(page);
    // A machine whose saves take a while (8 MB in the workspace, a container printing without pause): the
    // worker is ended before it could store the last line; the page's journal has it.
    await typeInTerminal(page, "dd if=/dev/urandom of=big.bin bs=1M count=8 2>/dev/null; docker run -d --name ticker busybox sh -c 'while true; do echo tick; done'; echo started-$((40+2))");
    await terminalShows(page, 'started-42');
    await typeLine(page, '# uno');
    await page.reload();
    await editorReady(page);
    const crash = await crasher(page);
    await typeLine(page, '# dos');
    // Saved: stored — the tab dies the moment it says so.
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await crash();
    page = await openTab(pg.page.context(), pg.url, pg.errors);
    await editorReady(page);
    await typeLine(page, '# tres');
    await page.close();
    page = await openTab(pg.page.context(), pg.url, pg.errors);
    await editorReady(page);
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: '# tres' }).waitFor({ timeout: 10_000 });
    expect(await marksInDockerfile(page, ['# uno', '# dos', '# tres'])).toBe(3);
    expect(await page.getByTestId('machine-message').count()).toBe(0);
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('with the storage full: the page says so, the typing comes back after a reload, and saving works again', async () => {
    // The browser's real quota for the page, made tiny before the playground first stores anything (Chromium
    // checks a page's quota when its storage first grows, and then trusts what it found for a while).
    pg = await openPlayground('/favicon.svg');
    const page = pg.page;
    const origin = new URL(pg.url).origin;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
    await page.goto(`${origin}/`);
    await editorReady(page);
    await message(page, /storage for this page is full|almacenamiento del navegador para esta página está lleno/).waitFor({ timeout: 15_000 });
    await typeLine(page, '# con la cuota llena');
    await page.locator('[data-testid="editor-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    expect(await storedMachine(page)).toBeNull();

    await page.reload();
    await editorReady(page);
    // Nothing was stored; the editor's journal (localStorage) kept the line, and puts it back.
    await page.getByTestId('editor-notice').filter({ hasText: /had not been stored|no se habían guardado/ }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: '# con la cuota llena' }).waitFor({ timeout: 10_000 });

    // Room again: the next save stores everything, and the page says saving works again.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await typeInTerminal(page, 'clear; echo despues > after.txt');
    await message(page, /saved in this browser again|vuelve a guardarse/).waitFor({ timeout: 15_000 });
    await untilStored(page, (m) => m.texts['after.txt'] === 'despues\n' && Boolean(m.texts['Dockerfile']?.includes('cuota')), 'after.txt and the line');
    await page.reload();
    await editorReady(page);
    expect(await marksInDockerfile(page, ['# con la cuota llena'])).toBe(1);
    expect(await page.getByTestId('editor-notice').count()).toBe(0);
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('stored by a newer version is left untouched, and the page says why', async () => {
    // A page of the same origin that is not the playground writes the newer machine first.
    pg = await openPlayground('/favicon.svg');
    const page = pg.page;
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('docker-playground', 1);
      open.onupgradeneeded = () => { open.result.createObjectStore('meta'); open.result.createObjectStore('blobs'); };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ format: 99, takenAt: 1, manifest: { from: 'the future' } }, 'machine');
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    }));
    await page.goto(pg.url.replace('/favicon.svg', '/'));
    await terminalShows(page, PROMPT);
    await message(page, /newer version of the playground \(format 99/).waitFor({ timeout: 15_000 });
    // A clean machine runs, and nothing it does is saved over the newer one.
    await typeInTerminal(page, 'echo nuevo > nuevo.txt && docker run --name otro busybox true');
    await page.waitForTimeout(2500);
    expect(await storedMachine(page)).toMatchObject({ format: 99, containers: [] });
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('in two tabs: each is told, and a reload brings back the whole machine of the tab that saved last', async () => {
    pg = await openPlayground();
    const a = pg.page;
    await terminalShows(a, PROMPT);
    await typeInTerminal(a, 'echo a > a.txt');
    await untilStored(a, (m) => m.texts['a.txt'] === 'a\n', 'a.txt');
    const b = await openTab(a.context(), pg.url, pg.errors);
    await terminalShows(b, PROMPT);
    for (const page of [a, b]) await message(page, /open in another tab too|abierto en otra pestaña/).waitFor({ timeout: 15_000 });
    await typeInTerminal(b, 'echo b > b.txt');
    await untilStored(b, (m) => m.texts['b.txt'] === 'b\n' && m.texts['a.txt'] === 'a\n', 'b.txt from tab b');
    await typeInTerminal(a, 'echo a2 > a2.txt');
    // Tab a's machine replaces tab b's whole: a.txt and a2.txt, no b.txt.
    const last = await untilStored(a, (m) => m.texts['a2.txt'] === 'a2\n', 'a2.txt from tab a');
    expect(Object.keys(last.files).filter((f) => /^[ab]2?\.txt$/.test(f)).sort()).toEqual(['a.txt', 'a2.txt']);
    await b.reload();
    await terminalShows(b, PROMPT);
    await typeInTerminal(b, 'clear; ls *.txt | tr "\\n" " "; echo listed-$((40+2))');
    await terminalShows(b, 'listed-42');
    expect(await terminalText(b)).toContain('a.txt a2.txt listed-42');
    expect(await b.getByTestId('machine-message').filter({ hasText: /restored|restaurar/ }).count()).toBe(0);
    expect(pg.errors).toEqual([]);
  }, 60_000);
});
