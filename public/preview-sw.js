// The preview pane's Service Worker: requests under ./preview/<tab>/<port>/
// are answered by the playground page whose tab id matches — it forwards
// them to its engine, which dials the container's published port (the
// engine runs in that page, not on a server). Nothing here touches the
// network: a page that is gone gets a 502 that says so.
//
// Where it runs: on the playground's preview origin, registered by
// preview-host.html, which the playground frames and which hands these
// requests on to it (web/preview/preview-origin.ts) — so the pages it serves
// do not share the playground's origin. Where no second origin is known (a
// single-origin static host) the playground registers it on its own origin
// and answers directly (web/preview/same-origin.ts): there the pages share
// the playground's origin, the known limit that file's header explains.
// Either way, the window clients outside ./preview/ hear each request.
//
// One thing this worker keeps from the pages it serves: it works only at
// the scope it was made for, ./preview/ beside this file. Any same-origin
// page may call
// navigator.serviceWorker.register('<base>/preview-sw.js', { scope: '<base>/' });
// registered there it would sit over the site's own pages, so it refuses to
// install (and unregisters an older copy that was).
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

// preview-host.html, opened as a tab, asks whether a hidden relay for its tab among this worker's
// clients answers — framed by the playground in the same storage partition (a preview origin on
// the playground's site) — in which case the tab can simply show the page. A frame that is a
// client without relaying (its own registration was refused) does not answer the ping.
self.addEventListener('message', (event) => {
  const m = event.data;
  if (m?.type !== 'relay-for' || typeof m.tab !== 'string' || !event.ports[0]) return;
  event.waitUntil(relayAnswers(m.tab).then((yes) => event.ports[0].postMessage(yes)));
});

async function relayAnswers(tab) {
  const relays = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c) => {
    const url = new URL(c.url);
    return c.frameType === 'nested' && url.pathname.endsWith('/preview-host.html') && url.searchParams.get('tab') === tab && !url.searchParams.has('open');
  });
  const pings = relays.map((c) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(true);
    c.postMessage({ type: 'relay-ping', tab }, [channel.port2]);
    setTimeout(() => resolve(false), 1000);
  }));
  return (await Promise.all(pings)).some(Boolean);
}

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
  const clients = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    .filter((c) => !c.url.startsWith(self.registration.scope));
  // On a preview origin the playground's relays (preview-host.html) name their tab: only that tab's hear it.
  const relays = clients.filter((c) => new URL(c.url).pathname.endsWith('/preview-host.html'));
  const pages = relays.length > 0 ? relays.filter((c) => new URL(c.url).searchParams.get('tab') === tab) : clients;
  if (pages.length === 0 && relays.length > 0) return text(502, 'The playground tab that ran this preview was reloaded or closed: open the preview again from its pane.');
  if (pages.length === 0) return text(502, 'No playground page answers here: the tab that runs this container was closed, or this page was opened outside it (use the preview pane\'s Open in new tab).');
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : new Uint8Array(await request.arrayBuffer());
  // navigate: 'iframe' for a page loaded in a frame (the pane's), 'document' for a tab's; the pane follows the first.
  const navigate = request.mode === 'navigate' ? request.destination : '';
  const message = { type: 'preview-request', tab, port, method: request.method, path, headers: [...request.headers], body, navigate };
  // Every page that may be that tab hears it (each on its own channel); only the one whose id is in the URL answers.
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
