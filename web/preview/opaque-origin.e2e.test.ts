// Why the preview isolates container pages with a second origin
// (web/preview/origin.ts) and not with a sandbox: what Chromium does with a
// Service Worker and an opaque-origin document — never one of its clients —
// kept as a test so the day it changes is seen (then revisit
// web/preview/same-origin.ts's and origin.ts's headers). A
// small site of its own on 127.0.0.1 — a page that registers a worker for
// /preview/, the worker answering /preview/<mode>/… with a page that loads a
// stylesheet, a script, an image and fetches — and every way of giving that
// page an opaque origin. In each, what reaches the worker and what falls
// through to the site's server (which has no such files: 404) is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, canRunBrowser } from '../testing/browser.ts';

const HOST_PAGE = `<!doctype html><script>
window.reports = [];
addEventListener('message', (e) => window.reports.push(e.data));
window.ready = navigator.serviceWorker.register('/sw.js', { scope: '/preview/' }).then(async (reg) => {
  const w = reg.installing || reg.waiting || reg.active;
  if (w.state !== 'activated') await new Promise((r) => w.addEventListener('statechange', () => w.state === 'activated' && r()));
});
window.seen = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = (e) => r(e.data); navigator.serviceWorker.getRegistration('/preview/').then((g) => g.active.postMessage(0, [c.port2])); });
</script>`;

const WORKER = `const seen = [];
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => e.ports[0].postMessage(seen));
const PAGE = \`<!doctype html><link rel="stylesheet" href="style.css"><script src="app.js"></script>
<p id="p">page</p><img id="img" src="img.svg"><a id="a" href="next.html">next</a><script>
const r = { origin: self.origin };
try { localStorage.length; r.storage = 'readable'; } catch (e) { r.storage = e.name; }
try { parent.document.body; r.parentDom = 'readable'; } catch (e) { r.parentDom = e.name; }
addEventListener('load', async () => {
  r.script = window.appRan === true;
  r.css = getComputedStyle(document.getElementById('p')).color === 'rgb(1, 2, 3)';
  r.image = document.getElementById('img').naturalWidth === 7;
  r.fetch = await fetch('data.json').then((res) => res.status, () => 'failed');
  parent.postMessage(r, '*');
});
<\\/script>\`;
const FILES = { 'style.css': ['text/css', '#p { color: rgb(1, 2, 3) }'], 'app.js': ['text/javascript', 'window.appRan = true'],
  'img.svg': ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="7" height="7"></svg>'], 'data.json': ['application/json', '{}'] };
self.addEventListener('fetch', (event) => {
  const m = /^\\/preview\\/(\\w+)\\/(.+)$/.exec(new URL(event.request.url).pathname);
  if (!m) return;
  seen.push(m[0]);
  const headers = new Headers({ 'content-type': 'text/html' });
  if (m[1] === 'csp') headers.set('Content-Security-Policy', 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads');
  if (m[1] === 'xfo') headers.set('X-Frame-Options', 'SAMEORIGIN');
  if (m[1] === 'ancestors') headers.set('Content-Security-Policy', "frame-ancestors 'self'");
  const file = FILES[m[2]];
  if (file) headers.set('content-type', file[0]);
  event.respondWith(new Response(file ? file[1] : PAGE, { headers }));
});`;

interface Report { origin: string; storage: string; parentDom: string; script: boolean; css: boolean; image: boolean; fetch: number | string }

describe.skipIf(!canRunBrowser)('Chromium, a Service Worker and an opaque-origin page', () => {
  let browser: Browser;
  let page: Page;
  let base = '';
  const servers: http.Server[] = [];
  const network: string[] = [];
  const serve = async (): Promise<string> => {
    const server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(HOST_PAGE); return; }
      if (path === '/sw.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(WORKER); return; }
      if (path === '/embed.html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<iframe src="${base}/"></iframe>`); return; }
      network.push(path);
      res.writeHead(404); res.end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    base = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/`);
    await page.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  }, 60_000);
  afterAll(async () => { await browser?.close(); for (const s of servers) s.close(); });

  /**
   * Frames `make`'s iframe in `host`, and returns the page's report, what the worker saw and what reached the server.
   * A page that is not expected to report (`reports` false) is given half a second after its frame's load event.
   */
  async function trial(host: Page | ReturnType<Page['mainFrame']>, make: string, reports = true): Promise<{ report: Report | null; worker: string[]; server: string[] }> {
    network.length = 0;
    const before = (await host.evaluate('window.seen()') as string[]).length;
    await host.evaluate(`window.reports.length = 0; document.querySelectorAll('iframe').forEach((f) => f.remove()); (${make})()`);
    if (!reports) await host.waitForFunction('document.querySelector("iframe[data-loaded]")', null, { timeout: 10_000 }).then(() => new Promise((r) => setTimeout(r, 500)));
    const report = await host.waitForFunction('window.reports[0]', null, { timeout: reports ? 10_000 : 1 }).then((h) => h.jsonValue() as Promise<Report>, () => null);
    const worker = (await host.evaluate('window.seen()') as string[]).slice(before);
    return { report, worker, server: [...network] };
  }
  const frameOf = (src: string, attrs = '') => `() => { document.body.insertAdjacentHTML('beforeend', '<iframe ${attrs} src="${src}" onload="this.dataset.loaded = 1"></iframe>'); }`;

  it('controls a same-origin preview page: everything it loads reaches the worker (the design in use)', async () => {
    const t = await trial(page, frameOf('/preview/plain/page.html', 'sandbox="allow-scripts allow-same-origin"'));
    expect(t.report).toMatchObject({ origin: base, storage: 'readable', parentDom: 'readable', script: true, css: true, image: true, fetch: 200 });
    expect(t.worker.sort()).toEqual(['app.js', 'data.json', 'img.svg', 'page.html', 'style.css'].map((f) => `/preview/plain/${f}`));
    expect(t.server).toEqual([]);
  });

  it('(a) the worker adds CSP sandbox to the page: it gets an opaque origin, but what it loads goes past the worker to the server', async () => {
    const t = await trial(page, frameOf('/preview/csp/page.html'));
    expect(t.report).toMatchObject({ origin: 'null', storage: 'SecurityError', parentDom: 'SecurityError', script: false, css: false, image: false, fetch: 'failed' });
    expect(t.worker).toEqual(['/preview/csp/page.html']);
    expect(t.server.sort()).toEqual(['app.js', 'data.json', 'img.svg', 'style.css'].map((f) => `/preview/csp/${f}`));
    // Its links navigate through the worker (the frame itself is not sandboxed); what the next page loads does not.
    const frame = page.frames().find((f) => f.url().endsWith('/preview/csp/page.html'))!;
    await page.evaluate('window.reports.length = 0');
    network.length = 0;
    const seenBefore = (await page.evaluate('window.seen()') as string[]).length;
    await frame.click('#a');
    await page.waitForFunction('window.reports.length > 0');
    expect((await page.evaluate('window.seen()') as string[]).slice(seenBefore)).toEqual(['/preview/csp/next.html']);
    expect(network.length).toBe(4);
    // A top-level tab (open in a new tab) the same.
    network.length = 0;
    const tab = await page.context().newPage();
    await tab.goto(`${base}/preview/csp/page.html`);
    await tab.waitForFunction(() => document.readyState === 'complete');
    expect(await tab.evaluate(() => self.origin)).toBe('null');
    await expect.poll(() => network.length).toBe(4);
    await tab.close();
  });

  it('(b) iframe sandbox without allow-same-origin, or credentialless: not even the page is asked of the worker', async () => {
    for (const attrs of ['sandbox="allow-scripts"', 'credentialless']) {
      const t = await trial(page, frameOf('/preview/plain/page.html', attrs), false);
      expect(t.worker, attrs).toEqual([]);
      expect(t.server, attrs).toEqual(['/preview/plain/page.html']);
    }
  });

  it('(c) a sandboxed srcdoc or blob: page made by a controlled page does not inherit its worker', async () => {
    for (const kind of ['srcdoc', 'blob']) {
      await trial(page, frameOf('/preview/plain/page.html'));
      const shim = page.frames().find((f) => f.url().endsWith('/preview/plain/page.html'))!;
      await shim.evaluate('window.reports = []; addEventListener("message", (e) => window.reports.push(e.data)); window.seen = () => parent.seen()');
      const html = await shim.evaluate<string>('fetch("page.html").then((r) => r.text())');
      const t = await trial(shim, `() => { const f = document.createElement('iframe'); f.sandbox = 'allow-scripts';
        const doc = '<base href="' + location.origin + '/preview/${kind}/">' + ${JSON.stringify(html)};
        if (${JSON.stringify(kind)} === 'srcdoc') f.srcdoc = doc; else f.src = URL.createObjectURL(new Blob([doc], { type: 'text/html' }));
        document.body.append(f); }`);
      expect(t.report, kind).toMatchObject({ origin: 'null', script: false, css: false, image: false, fetch: 'failed' });
      expect(t.worker, kind).toEqual([]);
      expect(t.server.sort(), kind).toEqual(['app.js', 'data.json', 'img.svg', 'style.css'].map((f) => `/preview/${kind}/${f}`));
    }
  });

  it('X-Frame-Options: SAMEORIGIN or frame-ancestors \'self\' on the preview would blank it when a tutorial on another origin frames the playground', async () => {
    const tutorial = await serve();
    const outer = await browser.newPage();
    await outer.goto(`${tutorial}/embed.html`);
    // Another port: another origin, the same site (so the framed playground keeps its storage and worker).
    const playground = outer.frames().find((f) => f.url() === `${base}/`)!;
    await playground.waitForFunction('window.ready');
    await playground.evaluate('window.ready');
    expect((await trial(playground, frameOf('/preview/plain/page.html'))).report).not.toBeNull();
    for (const mode of ['xfo', 'ancestors']) expect((await trial(playground, frameOf(`/preview/${mode}/page.html`), false)).report, mode).toBeNull();
    await outer.close();
  }, 30_000);
});
