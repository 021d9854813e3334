// A container's site for the preview's end-to-end tests: nginx serving a page
// whose script loads a stylesheet, an image and JSON from its server, tries
// Service Workers of its own, and tries what a hostile page would on the
// playground — read its storage and DOM, write over what it kept — then
// reports all of it as JSON in #report.
import { strToU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { encodeShare } from '../state/share.ts';

export const SITE: Record<string, string> = {
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
  // With its charset: a frame of another origin does not take the playground's (nginx sends none, as by default).
  'iso/site/next.html': '<!doctype html><html><head><meta charset="utf-8"></head><body><p>Segunda página</p></body></html>\n',
  'iso/site/evil-sw.js': 'self.addEventListener("fetch", (e) => e.respondWith(new Response("owned")));\n',
  // What a hostile page would try on the playground: read its storage and DOM, and write over what it kept.
  'iso/site/app.js': `(async () => {
  const r = { origin: location.origin };
  const attempt = (f) => { try { return f(); } catch (e) { return e.name; } };
  r.parentDom = attempt(() => typeof parent.document.body);
  r.parentStorage = attempt(() => parent.localStorage.getItem('canary'));
  r.parentIdb = attempt(() => typeof parent.indexedDB.open);
  r.canary = localStorage.getItem('canary');
  localStorage.setItem('canary', 'container');
  r.machineStores = await new Promise((done) => {
    const q = indexedDB.open('docker-playground');
    q.onsuccess = () => { const names = [...q.result.objectStoreNames]; q.result.close(); done(names); };
    q.onerror = () => done(q.error.name);
  });
  r.color = getComputedStyle(document.getElementById('title')).color;
  const logo = document.getElementById('logo');
  if (!logo.complete) await new Promise((done) => { logo.onload = logo.onerror = done; });
  r.logo = logo.naturalWidth;
  const res = await fetch('data.json');
  r.data = res.status + ' ' + (await res.json()).mensaje;
  r.ownWorker = await navigator.serviceWorker.register('evil-sw.js').then(() => 'registered', () => 'refused');
  const base = location.href.slice(0, location.href.indexOf('/preview/') + 1);
  r.overSite = await navigator.serviceWorker.register(base + 'preview-sw.js', { scope: base }).then((reg) => new Promise((done) => {
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
  r.opener = attempt(() => String(top.opener));
  document.getElementById('report').textContent = JSON.stringify(r);
})();
`,
};

export interface Report {
  origin: string; canary: string | null; parentDom: string; parentStorage: string | null; parentIdb: string; machineStores: string[] | string;
  color: string; logo: number; data: string; ownWorker: string; overSite: string; scopes: string[]; opener: string;
}

/** A playground address fragment (a share link's) that puts SITE in the workspace under iso/. */
export const SITE_HASH = encodeShare(Object.entries(SITE).map(([path, text]) => ({ path, data: strToU8(text) })));

/** The command that builds SITE and runs it with port 8081 published. */
export const RUN_SITE = 'cd iso && docker build -q -t iso . && docker run -d --name iso -p 8081:80 iso';

/** The report of the SITE page shown in `where` (a page, or a frame's locator). */
export async function report(where: { locator: Page['locator'] }): Promise<Report> {
  return JSON.parse((await where.locator('#report').filter({ hasText: /scopes/ }).textContent({ timeout: 30_000 }))!) as Report;
}

declare global { interface Window { __violations: string[] } }
/** Records the page's Content-Security-Policy violations in window.__violations (give it to openPlayground's `before`). */
export const watchPolicy = (page: Page) => {
  void page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
};

/** `s` as a literal in a regular expression (an origin: its dots and IPv6 brackets). */
export function escape(s: string): string {
  return s.replace(/[[\].]/g, '\\$&');
}
