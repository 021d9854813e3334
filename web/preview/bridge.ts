// The page's side of the preview: registers the preview Service Worker and
// answers the requests it forwards for this tab by asking the engine worker
// to dial the published port. Each tab has its own id, so two playground
// tabs never answer for each other's containers.
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
