// The preview pane's Service Worker: requests under ./preview/<tab>/<port>/
// are answered by the playground page whose tab id matches — it forwards
// them to its engine, which dials the container's published port (the
// engine runs in that page, not on a server). Nothing here touches the
// network: a page that is gone gets a 502 that says so.
//
// The pages it serves share the playground's origin (web/preview/bridge.ts
// says why no opaque origin is possible). One thing this worker does keep
// from them: it works only at the scope it was made for, ./preview/ beside
// this file. Any same-origin page may call
// navigator.serviceWorker.register('<base>/preview-sw.js', { scope: '<base>/' });
// registered there it would sit over the playground's own pages, so it
// refuses to install (and unregisters an older copy that was).
const TIMEOUT_MS = 35000;
const OWN_SCOPE = new URL('preview/', self.location.href).href;
const inOwnScope = () => self.registration.scope === OWN_SCOPE;

self.addEventListener('install', (event) => {
  if (inOwnScope()) { self.skipWaiting(); return; }
  // unregister() is a job queued behind this installation: waiting for it here would never end.
  void self.registration.unregister();
  event.waitUntil(Promise.reject(new Error(`preview-sw.js serves only ${OWN_SCOPE}, not ${self.registration.scope}`)));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  if (!inOwnScope()) return;
  const scope = self.registration.scope;
  if (!event.request.url.startsWith(scope)) return;
  const rest = event.request.url.slice(scope.length).split('#')[0];
  const m = /^([a-z0-9]+)\/(\d{1,5})(\/.*)?$/.exec(rest);
  if (!m) return;
  event.respondWith(forward(event.request, m[1], Number(m[2]), m[3] || '/'));
});

/** A page opened before its server listens (a container just started): say so, and look again in a second. */
function waiting(port, error) {
  const esc = (x) => String(x).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="1"><title>localhost:${port}</title></head>
<body style="font: 14px system-ui, sans-serif; color: #59636e; padding: 1rem">
<p>Nothing answers on port ${port} yet (${esc(error)}). Trying again every second…</p>
<p>Todavía no responde nada en el puerto ${port}. Se vuelve a intentar cada segundo…</p></body></html>`;
  return new Response(html, { status: 502, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

function text(status, message) {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function forward(request, tab, port, path) {
  const pages = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    .filter((c) => !c.url.startsWith(self.registration.scope));
  if (pages.length === 0) return text(502, 'The playground page that runs this container is closed.');
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : new Uint8Array(await request.arrayBuffer());
  const message = { type: 'preview-request', tab, port, method: request.method, path, headers: [...request.headers], body };
  // Every playground tab hears it (each on its own channel); only the one whose id is in the URL answers.
  const answer = Promise.race(pages.map((page) => {
    const channel = new MessageChannel();
    const reply = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
    page.postMessage(message, [channel.port2]);
    return reply;
  }));
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ error: `port ${port} did not answer within ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS));
  const r = await Promise.race([answer, timeout]);
  if (r.error && request.mode === 'navigate' && /connection refused/.test(r.error)) return waiting(port, r.error);
  if (r.error) return text(502, r.error);
  const nullBody = r.status === 204 || r.status === 304 || request.method === 'HEAD';
  return new Response(nullBody ? null : r.body, { status: r.status < 200 || r.status > 599 ? 502 : r.status, statusText: r.statusText, headers: r.headers });
}
