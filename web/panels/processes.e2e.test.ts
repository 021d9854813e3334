// The processes panel: docker top's host PIDs, and — looking from inside
// with docker exec ps — the container's own numbers for the same processes.
import { afterAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from '../testing/browser.ts';

describe.skipIf(!canRunBrowser)('processes panel', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('the same process, two PIDs', async () => {
    pg = await openPlayground();
    const { page } = pg;
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker run -d --name pp busybox sh -c "sleep 1000 & wait" >/dev/null && echo started-pp');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('started-pp'), null, { timeout: 20_000 });
    await page.getByTestId('tab-processes').click();
    await page.getByTestId('processes-pp').waitFor({ timeout: 20_000 });
    await page.getByTestId('processes-pp-inside').click();
    const inside = page.getByTestId('processes-pp-inside-table');
    await inside.getByText('sleep 1000', { exact: true }).waitFor({ timeout: 20_000 });
    // Inside, sh is PID 1 and sleep is its child; the host table now gives sleep its container PID too.
    const insideSleep = await inside.locator('tr').filter({ has: page.getByText('sleep 1000', { exact: true }) }).locator('td').first().innerText();
    const hostSleep = page.getByTestId('processes-pp').locator('table').first().locator('tr').filter({ has: page.getByText(/^(└ )?sleep 1000$/) });
    const [hostPid, nsPid] = await hostSleep.locator('td').evaluateAll((tds) => [tds[0]!.textContent, tds[1]!.textContent]);
    expect(nsPid).toBe(insideSleep);
    expect(Number(hostPid)).toBeGreaterThan(Number(nsPid));
    expect(pg.errors).toEqual([]);
  }, 60_000);
});
