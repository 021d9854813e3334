// A build with a configured preview origin (VITE_PREVIEW_ORIGIN), as a
// deployment sets it: the page's Content-Security-Policy frames exactly that
// origin, and the page uses it — and never falls back to its own origin. Here
// the setting names another site (the page on http://127.0.0.1:PORT, the
// preview on http://localhost:PORT) in Debian's Chromium, which refuses
// frames of other sites a Service Worker (third-party storage): the pane says
// why and what to do, and Open in new tab still shows the container's page —
// a top-level tab of the preview origin relays to the playground through its
// opener — without reaching the playground's storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from '../testing/browser.ts';
import { contentSecurityPolicy } from '../csp.ts';
import { escape, report, RUN_SITE, SITE_HASH, watchPolicy } from './container-site.ts';

describe.skipIf(!canRunBrowser)('a build whose preview origin is set (VITE_PREVIEW_ORIGIN) to another site', () => {
  let pg: Playground;
  let previewOrigin = '';
  beforeAll(async () => {
    pg = await openPlayground(`/#${SITE_HASH}`, (page) => { page.on('dialog', (d) => void d.accept()); watchPolicy(page); }, undefined, { previewOrigin: 'http://localhost:{port}' });
    previewOrigin = new URL(pg.url).origin.replace('127.0.0.1', 'localhost');
    await pg.page.getByTestId('workspace-message').filter({ hasText: /8/ }).waitFor({ timeout: 30_000 });
    await pg.page.evaluate(() => localStorage.setItem('canary', 'playground-secret'));
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('frames that origin and no other (the built page\'s policy, and npm start\'s header)', async () => {
    const policy = contentSecurityPolicy(previewOrigin);
    expect(policy).toContain(`frame-src 'self' ${previewOrigin} https://stackblitz.com;`);
    expect(await pg.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(policy);
    expect((await pg.page.request.get(pg.url)).headers()['content-security-policy']).toBe(policy);
  });

  it('says why the pane cannot show the preview there, and does not show it on the playground\'s origin instead', async () => {
    const { page } = pg;
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, RUN_SITE);
    await page.getByTestId('tab-preview').click();
    const failed = page.getByTestId('preview-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toMatch(new RegExp(`${escape(previewOrigin)}.*The user denied permission to use Service Worker.*third-party cookies.*Open in new tab`));
    expect(await page.getByTestId('preview-frame').count()).toBe(0);
    expect(await page.getByTestId('preview-same-origin').count()).toBe(0);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  }, 60_000);

  it('opens the page in a new tab of the preview origin, which relays to the playground and cannot reach it', async () => {
    const { page } = pg;
    // (The site's server may still be starting: then the tab shows "Nothing answers yet" and looks again each second.)
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('preview-open-tab').click()]);
    expect(tab.url()).toMatch(new RegExp(`^${escape(previewOrigin)}/preview-host\\.html\\?`));
    const shown = tab.frameLocator('iframe');
    await shown.getByText('Página del contenedor').waitFor({ timeout: 30_000 });
    const r = await report(shown);
    expect(r).toMatchObject({
      origin: previewOrigin, color: 'rgb(10, 20, 30)', logo: 23, data: '200 desde el servidor del contenedor', ownWorker: 'refused', overSite: 'redundant',
      canary: null, machineStores: [], opener: 'null',
    });
    expect(await page.evaluate(() => localStorage.getItem('canary'))).toBe('playground-secret');
    await shown.locator('#send').click();
    await shown.getByText('Segunda página').waitFor({ timeout: 20_000 });
    // The playground tab gone, the tab says so at once rather than waiting for an answer.
    const address = tab.frames()[1]!.url().replace(/next\.html.*$/, '');
    await page.close();
    await tab.frames()[1]!.goto(address);
    // At once: well inside the wait for a page's answer, which would otherwise run out first.
    await shown.getByText('the playground tab that opened this preview is closed').waitFor({ timeout: 10_000 });
  }, 60_000);
});
