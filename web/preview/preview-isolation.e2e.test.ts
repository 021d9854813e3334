// A container's web page in the preview pane, in Chromium, each way the
// page can serve it (web/preview/origin.ts):
//  - on a preview origin of the playground's site: the playground on
//    http://play.localhost:PORT, the preview on http://preview.play.localhost:PORT
//    (the same server), in Debian's Chromium as it comes — refusing
//    third-party storage;
//  - on a preview origin of another site: the playground on
//    http://127.0.0.1:PORT, the preview on http://localhost:PORT, in a
//    Chromium that allows third-party storage (Chrome's default);
//  - on the page's own origin, where no second origin is known (served as
//    http://[::1]:PORT): as before, with the known limit;
//  - and 127.0.0.1 in a Chromium refusing third-party storage: the page
//    falls back to its own origin and says so.
// On a preview origin the container's script cannot read the playground's
// localStorage or IndexedDB, nor reach parent.document. Every way its
// scripts, stylesheet, image and fetch to its own server go through the
// preview Service Worker to the container, its links and forms stay in the
// pane, and Open in new tab shows it in a tab of its own. What the page is
// refused: a Service Worker of its own (its script is fetched past every
// worker, from the static host, where no container file is), and the
// preview worker registered over the site's own pages (it refuses to
// install outside ./preview/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, typeInTerminal, type OpenOptions, type Playground } from '../testing/browser.ts';
import { escape, report, RUN_SITE, SITE_HASH, watchPolicy } from './container-site.ts';

interface Mode { name: string; open: OpenOptions; separate: boolean; newTab: 'direct' | 'relay' }
const MODES: Mode[] = [
  { name: 'on a preview origin of its site (play.localhost, third-party storage refused)', open: { name: 'play.localhost' }, separate: true, newTab: 'direct' },
  { name: 'on a preview origin of another site (127.0.0.1 and localhost, third-party storage allowed)', open: { name: '127.0.0.1', thirdPartyStorage: true }, separate: true, newTab: 'relay' },
  { name: 'on the page\'s own origin (no second origin known: [::1])', open: { name: '[::1]' }, separate: false, newTab: 'direct' },
];

describe.skipIf(!canRunBrowser).each(MODES)('a container page in the preview, $name', ({ open, separate, newTab }) => {
  let pg: Playground;
  let previewOrigin = '';
  let stores: string[] = [];
  beforeAll(async () => {
    pg = await openPlayground(`/#${SITE_HASH}`, (page) => { page.on('dialog', (d) => void d.accept()); watchPolicy(page); }, undefined, open);
    await pg.page.getByTestId('workspace-message').filter({ hasText: /8/ }).waitFor({ timeout: 30_000 });
    const own = new URL(pg.url).origin;
    previewOrigin = !separate ? own : open.name === 'play.localhost' ? own.replace('play.localhost', 'preview.play.localhost') : own.replace('127.0.0.1', 'localhost');
    await pg.page.evaluate(() => localStorage.setItem('canary', 'playground-secret'));
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  const frame = () => pg.page.frameLocator('[data-testid="preview-frame"]');
  const machineStores = () => pg.page.evaluate(() => new Promise<string[]>((done) => {
    const q = indexedDB.open('docker-playground');
    q.onsuccess = () => { const names = [...q.result.objectStoreNames]; q.result.close(); done(names); };
  }));

  it('runs its scripts, and its stylesheet, image and fetch reach its own server; it gets no Service Worker of its own, nor the preview\'s over the site', async () => {
    const { page } = pg;
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    stores = await machineStores();
    expect(stores.length).toBeGreaterThan(0);
    await typeInTerminal(page, RUN_SITE);
    await page.getByTestId('tab-preview').click();
    await frame().getByText('Página del contenedor').waitFor({ timeout: 30_000 });
    const r = await report(frame());
    expect(r.origin).toBe(previewOrigin);
    expect(r.color).toBe('rgb(10, 20, 30)');
    expect(r.logo).toBe(23);
    expect(r.data).toBe('200 desde el servidor del contenedor');
    expect(r.ownWorker).toBe('refused');
    expect(r.overSite).toBe('redundant');
    expect(r.scopes).toEqual(['preview/']);
    // The playground itself is not under any worker, and its preview still answers.
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await page.getByTestId('preview-same-origin').count()).toBe(0);
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  }, 90_000);

  it(separate
    ? 'cannot read the playground\'s localStorage or IndexedDB nor reach parent.document, and leaves them untouched'
    : 'shares the playground\'s origin: it reads and writes its storage and reaches parent.document (the known limit)', async () => {
    const r = await report(frame());
    const canary = await pg.page.evaluate(() => localStorage.getItem('canary'));
    if (separate) {
      expect(r).toMatchObject({ canary: null, parentDom: 'SecurityError', parentStorage: 'SecurityError', parentIdb: 'SecurityError', machineStores: [] });
      expect(canary).toBe('playground-secret');
    } else {
      expect(r).toMatchObject({ canary: 'playground-secret', parentDom: 'object', parentStorage: 'playground-secret', parentIdb: 'function', machineStores: stores });
      expect(canary).toBe('container');
      await pg.page.evaluate(() => localStorage.setItem('canary', 'playground-secret'));
    }
    expect(await machineStores()).toEqual(stores);
    // The hidden relay is on the preview origin too, and only there.
    const relay = pg.page.getByTestId('preview-host');
    expect(await relay.count()).toBe(separate ? 1 : 0);
    if (separate) expect(new URL((await relay.getAttribute('src'))!).origin).toBe(previewOrigin);
  });

  it('follows its links and forms inside the pane, and Reload brings its first page back', async () => {
    const { page } = pg;
    await frame().locator('#send').click();
    await frame().getByText('Segunda página').waitFor({ timeout: 20_000 });
    const url = page.frames().map((f) => f.url()).find((u) => u.includes('/preview/'));
    expect(url).toMatch(new RegExp(`^${escape(previewOrigin)}/preview/[a-z0-9]+/8081/next\\.html\\?q=7$`));
    await page.getByRole('button', { name: /reload|recargar/i }).click();
    await frame().getByText('Página del contenedor').waitFor({ timeout: 20_000 });
    await frame().locator('#next').click();
    await frame().getByText('Segunda página').waitFor({ timeout: 20_000 });
  }, 60_000);

  it('opens the page the pane shows in a new tab, answered by the playground tab, which it cannot reach', async () => {
    const { page } = pg;
    await page.getByRole('button', { name: /reload|recargar/i }).click();
    await frame().locator('#next').click();
    await frame().getByText('Segunda página').waitFor({ timeout: 20_000 });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('preview-open-tab').click()]);
    // The pane's page, which the worker reported: the tab shows it itself, or — a preview origin of another
    // site, whose top-level tab is in a storage partition of its own — relays for it and frames it.
    const shown = newTab === 'relay' ? tab.frameLocator('iframe') : tab;
    await shown.getByText('Segunda página').waitFor({ timeout: 30_000 });
    const address = newTab === 'relay' ? tab.frames()[1]!.url() : tab.url();
    expect(address).toMatch(new RegExp(`^${escape(previewOrigin)}/preview/[a-z0-9]+/8081/next\\.html$`));
    if (newTab === 'relay') expect(tab.url()).toMatch(/\/preview-host\.html\?tab=[a-z0-9]+&parent=.*&open=8081%2Fnext\.html$/);
    // Its first page there: scripts run, loads are answered; it has no opener to reach the playground with.
    const first = address.replace(/next\.html$/, '');
    await (newTab === 'relay' ? tab.frames()[1]!.goto(first) : tab.goto(first));
    const r = await report(shown);
    expect(r).toMatchObject({ origin: previewOrigin, color: 'rgb(10, 20, 30)', logo: 23, data: '200 desde el servidor del contenedor', opener: 'null' });
    expect(await pg.page.evaluate(() => localStorage.getItem('canary'))).toBe(separate ? 'playground-secret' : 'container');
    await pg.page.evaluate(() => localStorage.setItem('canary', 'playground-secret'));
    await tab.close();
  }, 60_000);

  it(newTab === 'relay'
    ? 'a preview address opened as a tab by itself is not answered (another site: another partition, no relay there)'
    : 'a preview address opened as a tab by itself is answered (the same partition as the pane)', async () => {
    const address = await pg.page.getByTestId('preview-frame').getAttribute('src');
    const tab = await pg.page.context().newPage();
    await tab.goto(address!);
    if (newTab === 'relay') {
      await tab.waitForLoadState('load');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await tab.getByText('Página del contenedor').count()).toBe(0);
    } else {
      await tab.getByText('Página del contenedor').waitFor({ timeout: 30_000 });
    }
    await tab.close();
  }, 60_000);

  it.runIf(separate && newTab === 'direct')('a tab left open when the playground reloads says at once that nothing answers it', async () => {
    const address = (await pg.page.getByTestId('preview-frame').getAttribute('src'))!;
    const tab = await pg.page.context().newPage();
    await tab.goto(address);
    await tab.getByText('Página del contenedor').waitFor({ timeout: 30_000 });
    await pg.page.reload();
    await tab.reload();
    await tab.getByText(/reloaded or closed|tab that runs this container was closed/).waitFor({ timeout: 10_000 });
    await tab.close();
  }, 60_000);
});

describe.skipIf(!canRunBrowser)('the preview of a page on 127.0.0.1 where third-party storage is refused', () => {
  let pg: Playground;
  beforeAll(async () => { pg = await openPlayground('/', watchPolicy); }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('falls back to the page\'s own origin and says so, with the *.localhost address that would give it one', async () => {
    const { page } = pg;
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker build -q -t site . && docker run -d --name site -p 8080:80 site');
    await page.getByTestId('tab-preview').click();
    await page.frameLocator('[data-testid="preview-frame"]').getByText('¡Hola desde un contenedor!').waitFor({ timeout: 30_000 });
    const own = new URL(pg.url).origin;
    expect(new URL((await page.getByTestId('preview-frame').getAttribute('src'))!).origin).toBe(own);
    const note = page.getByTestId('preview-same-origin');
    await expect.poll(() => note.textContent()).toMatch(new RegExp(`${escape(own.replace('127.0.0.1', 'localhost'))} (refused|la rechazó)`));
    expect(await note.locator('a').getAttribute('href')).toBe(`${own.replace('127.0.0.1', 'play.localhost')}/`);
    expect(await page.getByTestId('preview-host').count()).toBe(0);
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  }, 90_000);
});
