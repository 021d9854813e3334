// The optional real Node.js cannot start here (no network in tests, and a
// page that is not cross-origin isolated): switching it on says why, and
// node keeps working on QuickJS.
import { afterAll, describe, expect, it } from 'vitest';
import { canRunBrowser, ISOLATION_HEADERS, openPlayground, typeInTerminal, type Playground } from './testing/browser.ts';

describe.skipIf(!canRunBrowser)('real Node.js (WebContainer) falls back to QuickJS', () => {
  const open: Playground[] = [];
  afterAll(async () => { for (const pg of open) await pg.close(); });

  it('on a page that is not cross-origin isolated: refused at once, with the reason', async () => {
    const pg = await openPlayground();
    open.push(pg);
    await pg.page.getByTestId('real-node-toggle').click();
    await pg.page.getByTestId('real-node-note').filter({ hasText: /cross-origin isolated|aislada entre orígenes/ }).waitFor({ timeout: 5_000 });
    expect(await pg.page.getByTestId('real-node-toggle').isChecked()).toBe(false);
  }, 60_000);

  it('offline on an isolated page: the boot times out, the page says so, node runs on QuickJS', async () => {
    const pg = await openPlayground('/', undefined, ISOLATION_HEADERS);
    open.push(pg);
    const { page } = pg;
    await page.getByTestId('real-node-toggle').click();
    await page.getByTestId('real-node-note').filter({ hasText: /could not start|no pudo arrancar/ }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker run --rm node node -p "process.versions.quickjs ? \'on quickjs\' : \'on v8\'"');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('on quickjs'), null, { timeout: 30_000 });
    // Only the blocked attempts to reach StackBlitz, nothing else, went wrong.
    expect(pg.errors.filter((e) => !/network request blocked|ERR_FAILED|Failed to load resource/.test(e))).toEqual([]);
  }, 60_000);
});
