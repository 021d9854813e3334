// The page's side of the preview: registers the preview Service Worker and
// answers the requests it forwards for this tab by asking the engine worker
// to dial the published port. Each tab has its own id, so two playground
// tabs never answer for each other's containers.
//
// The preview's pages share the playground's origin (issue 7, still open): a
// container's page can read this page's localStorage and IndexedDB (the saved
// machine, lesson progress) and reach parent.document. No second origin
// exists (the site is static files on any host), and every way of giving the
// page an opaque origin loses the worker, so nothing it loads would reach the
// container. Measured in Debian's Chromium 156 (opaque-origin.e2e.test.ts
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

export const TAB_ID = Math.random().toString(36).slice(2, 10);

interface PreviewRequest { type: 'preview-request'; tab: string; port: number; method: string; path: string; headers: Array<[string, string]>; body: Uint8Array | null }

let registration: Promise<ServiceWorkerRegistration | null> | null = null;

/** Registers the preview worker once; null where Service Workers are unavailable (an insecure origin, some embeds). */
export function previewReady(engine: EngineConnection): Promise<ServiceWorkerRegistration | null> {
  registration ??= (async () => {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
    try {
      const base = new URL('./', document.baseURI);
      const reg = await navigator.serviceWorker.register(new URL('preview-sw.js', base), { scope: new URL('preview/', base).pathname });
      navigator.serviceWorker.addEventListener('message', (e: MessageEvent<PreviewRequest>) => {
        const m = e.data;
        if (m?.type !== 'preview-request' || m.tab !== TAB_ID || !e.ports[0]) return;
        const reply = e.ports[0];
        engine.fetchPort(m.port, { method: m.method, path: m.path, headers: m.headers, body: m.body }).then(
          (res) => reply.postMessage(res, [res.body.buffer as ArrayBuffer]),
          (err: Error) => reply.postMessage({ error: err.message }),
        );
      });
      navigator.serviceWorker.startMessages();
      const worker = reg.installing ?? reg.waiting ?? reg.active;
      if (worker && worker.state !== 'activated') {
        await new Promise<void>((resolve) => worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve(); }));
      }
      return reg;
    } catch {
      return null;
    }
  })();
  return registration;
}

/** The preview URL of `port` for this tab. */
export function previewUrl(port: number, path = '/'): string {
  return new URL(`preview/${TAB_ID}/${port}${path}`, document.baseURI).href;
}
