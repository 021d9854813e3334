// A share link opens the playground with the files it carries: the page
// asks, writes them into the workspace, and the shell sees them.
import { afterAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';
import { encodeShare } from './state/share.ts';

describe.skipIf(!canRunBrowser)('share links', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('load their files into the workspace after asking', async () => {
    const hash = encodeShare([{ path: 'shared/hola.txt', data: strToU8('compartido por un enlace\n') }]);
    pg = await openPlayground(`/#${hash}`, (page) => page.on('dialog', (d) => void d.accept()));
    const { page } = pg;
    await page.getByTestId('workspace-message').filter({ hasText: /1/ }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'cat shared/hola.txt');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('compartido por un enlace'), null, { timeout: 10_000 });
    expect(await terminalText(page)).toContain('compartido por un enlace');
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(pg.errors).toEqual([]);
  }, 60_000);
});
