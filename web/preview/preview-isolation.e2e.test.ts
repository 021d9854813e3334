// A container's web page in the preview pane, in Chromium: its scripts,
// stylesheet, image and fetch to its own server all go through the preview
// Service Worker to the container, and its links and forms stay in the pane.
// These are what any isolation of the preview must keep (bridge.ts says why
// the page cannot be given an opaque origin in Chromium today). What the page
// is refused: a Service Worker of its own (its script is fetched past every
// worker, from the static host, where no container file is), and the
// playground's preview worker registered over the playground's own pages
// (the worker refuses to install outside ./preview/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from '../testing/browser.ts';
import { encodeShare } from '../state/share.ts';

const SITE: Record<string, string> = {
  'iso/Dockerfile': 'FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\n',
  'iso/site/index.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>iso</title><link rel="stylesheet" href="style.css"><script src="app.js" defer></script></head>
<body><h1 id="title">Página del contenedor</h1><img id="logo" src="logo.svg" alt="logo">
<a id="next" href="next.html">siguiente</a>
<form action="next.html"><input name="q" value="7"><button id="send">enviar</button></form>
<pre id="report"></pre></body></html>
`,
  'iso/site/style.css': '#title { color: rgb(10, 20, 30); }\n',
  'iso/site/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="23" height="5"></svg>\n',
  'iso/site/data.json': '{ "mensaje": "desde el servidor del contenedor" }\n',
  'iso/site/next.html': '<!doctype html><html><body><p>Segunda página</p></body></html>\n',
  'iso/site/evil-sw.js': 'self.addEventListener("fetch", (e) => e.respondWith(new Response("owned")));\n',
  'iso/site/app.js': `(async () => {
  const r = {};
  r.color = getComputedStyle(document.getElementById('title')).color;
  const logo = document.getElementById('logo');
  if (!logo.complete) await new Promise((done) => { logo.onload = logo.onerror = done; });
  r.logo = logo.naturalWidth;
  const res = await fetch('data.json');
  r.data = res.status + ' ' + (await res.json()).mensaje;
  r.ownWorker = await navigator.serviceWorker.register('evil-sw.js').then(() => 'registered', () => 'refused');
  const base = location.href.slice(0, location.href.indexOf('/preview/') + 1);
  r.overPlayground = await navigator.serviceWorker.register(base + 'preview-sw.js', { scope: base }).then((reg) => new Promise((done) => {
    const w = reg.installing || reg.waiting || reg.active;
    const settled = () => w.state === 'redundant' || w.state === 'activated';
    if (settled()) return done(w.state);
    w.addEventListener('statechange', () => { if (settled()) done(w.state); });
    setTimeout(() => done('still ' + w.state), 10000);
  }), (e) => 'refused: ' + e.message);
  for (let i = 0; i < 50; i++) {
    r.scopes = (await navigator.serviceWorker.getRegistrations()).map((x) => x.scope.slice(base.length));
    if (r.scopes.length === 1) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  document.getElementById('report').textContent = JSON.stringify(r);
})();
`,
};

interface Report { color: string; logo: number; data: string; ownWorker: string; overPlayground: string; scopes: string[] }

describe.skipIf(!canRunBrowser)('a container page in the preview', () => {
  let pg: Playground;
  beforeAll(async () => {
    const hash = encodeShare(Object.entries(SITE).map(([path, text]) => ({ path, data: strToU8(text) })));
    pg = await openPlayground(`/#${hash}`, (page) => page.on('dialog', (d) => void d.accept()));
    await pg.page.getByTestId('workspace-message').filter({ hasText: /8/ }).waitFor({ timeout: 30_000 });
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  const frame = () => pg.page.frameLocator('[data-testid="preview-frame"]');

  it('runs its scripts, and its stylesheet, image and fetch reach its own server; it gets no Service Worker of its own, nor the preview\'s over the playground', async () => {
    const { page } = pg;
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'cd iso && docker build -q -t iso . && docker run -d --name iso -p 8081:80 iso');
    await page.getByTestId('tab-preview').click();
    await frame().getByText('Página del contenedor').waitFor({ timeout: 30_000 });
    const text = await frame().locator('#report').filter({ hasText: /scopes/ }).textContent({ timeout: 30_000 });
    const report = JSON.parse(text!) as Report;
    expect(report.color).toBe('rgb(10, 20, 30)');
    expect(report.logo).toBe(23);
    expect(report.data).toBe('200 desde el servidor del contenedor');
    expect(report.ownWorker).toBe('refused');
    expect(report.overPlayground).toBe('redundant');
    expect(report.scopes).toEqual(['preview/']);
    // The playground itself is not under any worker, and its preview still answers.
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  }, 90_000);

  it('follows its links and forms inside the pane, and Reload brings its first page back', async () => {
    const { page } = pg;
    await frame().locator('#send').click();
    await frame().getByText('Segunda página').waitFor({ timeout: 20_000 });
    const url = page.frames().map((f) => f.url()).find((u) => u.includes('/preview/'));
    expect(url).toMatch(/\/preview\/[a-z0-9]+\/8081\/next\.html\?q=7$/);
    await page.getByRole('button', { name: /reload|recargar/i }).click();
    await frame().getByText('Página del contenedor').waitFor({ timeout: 20_000 });
    await frame().locator('#next').click();
    await frame().getByText('Segunda página').waitFor({ timeout: 20_000 });
  }, 60_000);
});
