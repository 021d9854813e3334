// Usable by keyboard and readable at 200% zoom: a 1400×900 screen at 200%
// lays the page out in 700×450 CSS pixels — the panes stack (each tall
// enough to use, the page scrolls), nothing needs sideways scrolling, the
// terminal still takes commands, and the panels' tabs are reached with Tab
// and switched with the arrow keys.
import { afterAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, type Playground } from './testing/browser.ts';

describe.skipIf(!canRunBrowser)('keyboard and zoom', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('at 200% the panes stack and everything is reachable by keyboard', async () => {
    pg = await openPlayground();
    const { page } = pg;
    await page.setViewportSize({ width: 700, height: 450 });
    await page.locator('.app[data-layout="narrow"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    // Nothing wider than the window: no horizontal scrolling needed to reach the panes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    // The terminal has the focus and Tab completes there; Ctrl+M lets Tab move on. Tab order reaches the panel tabs; arrows move between them.
    await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
    await page.keyboard.press('Control+m');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab');
    }
    expect(reached).toBe(true);
    const first = await page.evaluate(() => document.activeElement?.id);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((id) => document.querySelector('[role="tab"][aria-selected="true"]')?.id !== id, first);
    // The terminal takes keys.
    await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
    await page.keyboard.type('echo zoom-ok');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('zoom-ok'), null, { timeout: 10_000 });
    expect(pg.errors).toEqual([]);
  }, 60_000);
});
