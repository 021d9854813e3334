// The preview origin's end of the playground's preview (the playground's end
// is web/preview/preview-origin.ts). The playground frames this page, hidden,
// from its preview origin — another origin serving the same static site — as
//   <preview origin><site>/preview-host.html?tab=<tab id>&parent=<playground origin>
// It registers preview-sw.js on this origin (scope ./preview/) and hands the
// worker's `preview-request` messages for its tab to the playground, with the
// worker's reply port: the playground's engine answers on it. So the pages of
// ./preview/<tab>/<port>/ — what containers serve — run on this origin, never
// on the playground's: its storage and DOM are out of their reach.
//
// A worker registration is partitioned by the top-level site: this frame and
// the pane's preview frame (both framed by the playground) share one, so the
// pane's pages are this worker's clients. A top-level tab on this origin
// shares it too when this origin is on the playground's site; on another
// site it is in a partition of its own, which no hidden relay serves. For the
// pane's "Open in new tab" the playground opens this page as the tab, with
// &open=<port><path>: where the worker sees the hidden relay for the tab, the
// tab goes straight to the page; otherwise it relays to its opener itself
// and shows the page in a frame of its own.
//
// Messages go only to the playground origin the URL names, with that exact
// targetOrigin (a page elsewhere that frames or opens this one hears
// nothing), and never to this origin itself (a container's page cannot make
// itself the playground). Where the browser says who the parent is
// (location.ancestorOrigins), it must be that origin.
(async () => {
  const params = new URLSearchParams(location.search);
  const tab = params.get('tab') ?? '';
  const parentOrigin = params.get('parent') ?? '';
  const open = params.get('open');
  const framed = window.parent !== window;

  /** A message in the page (only a top-level tab shows one), in English and Spanish. */
  const say = (en, es) => {
    document.title = 'Docker Playground preview';
    for (const [lang, text] of [['en', en], ['es', es]]) {
      const p = document.createElement('p');
      p.lang = lang;
      p.textContent = text;
      p.style.font = '14px system-ui, sans-serif';
      p.style.color = '#59636e';
      document.body.append(p);
    }
  };

  if (!/^[a-z0-9]{1,32}$/.test(tab) || !isOtherOrigin(parentOrigin)) {
    say('This page relays the Docker Playground\'s preview; it was opened with a wrong address.', 'Esta página transmite la vista previa del Docker Playground; se abrió con una dirección incorrecta.');
    return;
  }
  if (framed && location.ancestorOrigins && location.ancestorOrigins[0] !== parentOrigin) return;
  // A top-level tab talks to the playground tab that opened it (if it can: COOP cuts the opener); its pages
  // (same-origin frames) must not reach that tab.
  const target = framed ? window.parent : window.opener;
  if (!framed) window.opener = null;
  const tell = (message) => target?.postMessage({ ...message, tab }, parentOrigin);

  try {
    if (!('serviceWorker' in navigator)) throw new Error('Service Workers are not available here');
    const reg = await navigator.serviceWorker.register('preview-sw.js', { scope: 'preview/' });
    navigator.serviceWorker.addEventListener('message', (e) => {
      const m = e.data;
      if (m?.type === 'relay-ping' && m.tab === tab && framed && e.ports[0]) { e.ports[0].postMessage(true); return; }
      if (m?.type !== 'preview-request' || m.tab !== tab || !e.ports[0] || !target) return;
      if (target.closed) { e.ports[0].postMessage({ error: 'the playground tab that opened this preview is closed' }); return; }
      target.postMessage(m, parentOrigin, [e.ports[0]]);
    });
    navigator.serviceWorker.startMessages();
    const worker = reg.installing ?? reg.waiting ?? reg.active;
    if (worker && worker.state !== 'activated') {
      await new Promise((resolve, reject) => worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') resolve();
        if (worker.state === 'redundant') reject(new Error('the preview worker did not install'));
      }));
    }
  } catch (err) {
    tell({ type: 'preview-host-failed', reason: `${err?.name ?? 'Error'}: ${err?.message ?? err}` });
    if (!framed) say(`The preview cannot start here: ${err?.message ?? err}`, `La vista previa no puede arrancar aquí: ${err?.message ?? err}`);
    return;
  }
  if (framed) { tell({ type: 'preview-host-ready' }); return; }
  const page = pageUrl(open ?? '');
  if (!page) {
    say('This preview tab was opened with a wrong address.', 'Esta pestaña de vista previa se abrió con una dirección incorrecta.');
    return;
  }
  // The playground's hidden relay is in this tab's partition: its tab answers the page's requests as the pane's.
  if (await relayedHere(tab)) { location.replace(page.href); return; }
  if (!target) {
    say('This tab shows a container\'s page only when the playground\'s preview pane opens it (Open in new tab), and that page is still open.', 'Esta pestaña muestra la página de un contenedor solo cuando la abre el panel de vista previa del playground (Abrir en una pestaña nueva) y esa página sigue abierta.');
    return;
  }
  tell({ type: 'preview-host-ready' });
  showPage(page);

  /** Asks the worker whether the hidden relay for `id` is one of its clients, and answers (false when it does not say within two seconds). */
  async function relayedHere(id) {
    const reg = await navigator.serviceWorker.getRegistration('preview/');
    if (!reg?.active) return false;
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data === true); setTimeout(() => resolve(false), 2000); });
    reg.active.postMessage({ type: 'relay-for', tab: id }, [channel.port2]);
    return answer;
  }

  /** The page `where` ("<port><path>") names under ./preview/<tab>/, or null when it names none. */
  function pageUrl(where) {
    const m = /^(\d{1,5})(\/.*)?$/.exec(where);
    const base = new URL(`preview/${tab}/`, document.baseURI);
    const src = m ? new URL(`${m[1]}${m[2] ?? '/'}`, base) : null;
    return src && src.href.startsWith(base.href) ? src : null;
  }

  /** The tab's own view of the container's page: a frame filling the tab, titled as the page is. */
  function showPage(src) {
    const port = src.pathname.slice(new URL(`preview/${tab}/`, document.baseURI).pathname.length).split('/')[0];
    document.title = `localhost:${port}`;
    document.documentElement.style.height = document.body.style.height = '100%';
    document.body.style.margin = '0';
    const frame = document.createElement('iframe');
    frame.title = `localhost:${port}`;
    frame.src = src.href;
    frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin');
    Object.assign(frame.style, { display: 'block', width: '100%', height: '100%', border: '0' });
    frame.addEventListener('load', () => {
      try { document.title = frame.contentDocument?.title || `localhost:${port}`; } catch { /* a page elsewhere */ }
    });
    document.body.append(frame);
  }

  function isOtherOrigin(value) {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value && value !== location.origin;
    } catch {
      return false;
    }
  }
})();
