// The preview on the playground's own origin: what the page does where no
// second origin is known (a single-origin static host; see origin.ts). It
// registers the preview worker beside the page, at ./preview/, and answers
// the requests the worker forwards for this tab.
//
// The known limit of this mode: the preview's pages share the playground's
// origin, so a container's page can read this page's localStorage and
// IndexedDB (the saved machine, lesson progress) and reach parent.document.
// Only a second origin fixes that (preview-origin.ts): every way of giving
// the page an opaque origin loses the worker, so nothing it loads would reach
// the container. Measured in Debian's Chromium 156 (opaque-origin.e2e.test.ts
// repeats each one, and fails the day Chromium changes):
//  (a) the worker adds `Content-Security-Policy: sandbox allow-scripts …` to
//      the page: the navigation is answered by the worker and the page's
//      origin is "null" (storage and parent.document throw SecurityError;
//      links in it navigate through the worker), but the page is no client of
//      the worker: its stylesheet, scripts, images and fetch go to the static
//      host (404; fetch is also CORS-refused from origin null). The same as a
//      top-level tab.
//  (b) <iframe sandbox> without allow-same-origin, or <iframe credentialless>:
//      not even the page's own request reaches the worker.
//  (c) a sandboxed srcdoc or blob: frame made by a page the worker controls
//      (Chromium 135+ lets unsandboxed srcdoc frames inherit the controller):
//      not inherited once sandboxed; everything goes to the static host.
// This is the specified behaviour, not a Chromium gap: w3c/ServiceWorker#648,
// #1390 and #1727 and whatwg/html#10585 (a proposed `sandbox` token letting the
// parent's worker control the frame) are where it would change. Left out,
// with reasons: rewriting the page's HTML, CSS and scripts so that every load
// goes through postMessage (fragile, and module graphs and dynamic loads
// escape it); X-Frame-Options: SAMEORIGIN or frame-ancestors 'self' on the
// preview (Chromium checks every ancestor: the preview goes blank when a
// tutorial on another origin frames the playground, measured); COOP (ignored
// in frames; a preview tab opened from here has no opener anyway, and it
// would still share the storage). What holds: a container cannot install a
// Service Worker of its own (a worker's script is fetched past every worker,
// from the static host, where no container file is), and the preview worker
// refuses to install anywhere but ./preview/ (preview-isolation.e2e.test.ts).
import type { EngineConnection } from '../engine/connection.ts';
import { answer, isPreviewRequest, type PreviewRequest } from './answer.ts';

/**
 * Registers the preview worker at `site`/preview/ and answers its requests for
 * `tab`; resolves once the worker is active. Throws where it cannot register.
 * `seen` hears each request answered (the pane follows its frame's navigations).
 */
export async function serveHere(engine: EngineConnection, site: URL, tab: string, seen: (m: PreviewRequest) => void): Promise<void> {
  const reg = await navigator.serviceWorker.register(new URL('preview-sw.js', site), { scope: new URL('preview/', site).pathname });
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data;
    if (!isPreviewRequest(m) || m.tab !== tab || !e.ports[0]) return;
    seen(m);
    answer(engine, m, e.ports[0]);
  });
  navigator.serviceWorker.startMessages();
  const worker = reg.installing ?? reg.waiting ?? reg.active;
  if (worker && worker.state !== 'activated') {
    await new Promise<void>((resolve, reject) => worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
      if (worker.state === 'redundant') reject(new Error('the preview worker did not install'));
    }));
  }
}
