// Reset gives a clean machine: after asking, the stored playground is wiped
// and a fresh engine boots — the student's files and images are gone, the
// starter workspace is back, and the terminal works again.
import { afterAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';

const prompt = (page: Playground['page'], after = 0) => page.waitForFunction((n) => (document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.split('student@playground:~$').length ?? 0) > n, after, { timeout: 20_000 });

describe.skipIf(!canRunBrowser)('reset', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('wipes the machine after asking and boots a clean one', async () => {
    pg = await openPlayground('/', (page) => page.on('dialog', (d) => void d.accept()));
    const { page } = pg;
    await prompt(page);
    await typeInTerminal(page, 'echo mine > mine.txt && docker build -q -t mine . > /dev/null && echo built-ok');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('built-ok'), null, { timeout: 20_000 });
    await page.getByTestId('reset').click();
    await page.getByTestId('machine-message').filter({ hasText: /clean machine|máquina limpia/ }).waitFor({ timeout: 30_000 });
    await prompt(page);
    await typeInTerminal(page, 'ls; docker images -q mine | wc -l');
    await page.waitForFunction(() => /Dockerfile\s+site\s*\n0\s*\n/.test((document.querySelector('[data-testid="terminal"] .xterm-rows') as HTMLElement | null)?.innerText ?? ''), null, { timeout: 20_000 });
    expect(await terminalText(page)).not.toContain('mine.txt');
    expect(pg.errors).toEqual([]);
  }, 90_000);
});
