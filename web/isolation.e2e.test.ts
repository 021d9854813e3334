// Served cross-origin isolated (COOP/COEP), the page runs node guests in
// their own workers — started from the engine's worker — and says so; the
// same page without those headers runs them in the engine's thread.
import { afterAll, describe, expect, it } from 'vitest';
import { canRunBrowser, ISOLATION_HEADERS, openPlayground, typeInTerminal, type Playground } from './testing/browser.ts';

describe.skipIf(!canRunBrowser)('node guests and cross-origin isolation', () => {
  const open: Playground[] = [];
  afterAll(async () => { for (const pg of open) await pg.close(); });

  it('isolated: guests in workers, node runs', async () => {
    const pg = await openPlayground('/', undefined, ISOLATION_HEADERS);
    open.push(pg);
    const { page } = pg;
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.locator('[data-testid="engine-status"][data-guest-workers="true"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker run --rm node node -e "console.log(\'sum\', [1,2,3].reduce((a, b) => a + b))"');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('sum 6'), null, { timeout: 30_000 });
    expect(pg.errors).toEqual([]);
  }, 90_000);

  it('not isolated: guests share the engine\'s thread, node still runs', async () => {
    const pg = await openPlayground();
    open.push(pg);
    const { page } = pg;
    await page.locator('[data-testid="engine-status"][data-guest-workers="false"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker run --rm node node -e "console.log(\'sum\', 2 * 21)"');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('sum 42'), null, { timeout: 30_000 });
    expect(pg.errors).toEqual([]);
  }, 90_000);
});
