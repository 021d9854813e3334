// The production build under its Content-Security-Policy (web/csp.ts): the
// whole playground works with it — engine and guest workers, QuickJS's
// WebAssembly, Monaco, the preview's service worker and frame — and script
// that was not shipped with the page is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from './testing/browser.ts';

declare global { interface Window { __violations: string[]; __injected?: number } }

describe.skipIf(!canRunBrowser)('Content-Security-Policy', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground('/', (page) => {
      void page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
    });
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  const screen = (text: string) => pg.page.waitForFunction((t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout: 30_000 });

  it('is in the built page and sent by npm start\'s server', async () => {
    const meta = await pg.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    const res = await pg.page.request.get(pg.url);
    expect(res.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets the whole playground work: workers, WebAssembly, the editor, the preview', async () => {
    const { page } = pg;
    await screen('student@playground:~$');
    await typeInTerminal(page, 'docker run --rm node:22-alpine node -e "console.log(6 * 7 + 1000)"');
    await screen('1042');
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'FROM nginx:alpine' }).waitFor({ timeout: 30_000 });
    await typeInTerminal(page, 'docker build -q -t site . && docker run -d --name site -p 8080:80 site');
    await page.getByTestId('tab-preview').click();
    await page.frameLocator('[data-testid="preview-frame"]').getByText('¡Hola desde un contenedor!').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(pg.errors).toEqual([]);
  }, 90_000);

  it('refuses script that did not come with the page', async () => {
    const { page } = pg;
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.body.append(s);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    const seen = await page.evaluate(() => window.__violations);
    expect(seen.length).toBeGreaterThan(0);
    for (const v of seen) expect(v).toBe('script-src-elem inline');
  });
});
