// The preview on a second origin (origin.ts says which): the playground frames
// that origin's preview-host.html, hidden; it registers the preview worker
// there and relays the worker's requests for this tab here, with the
// worker's reply port, and the engine answers on it (public/preview-host.js
// is the other end). The pane's frame loads <preview origin>/…/preview/<tab>/
// <port>/…: the container's page runs on the preview origin, where it cannot
// read this page's storage nor reach its DOM.
//
// Both frames are framed by this page, so the browser's storage partition
// (keyed by the top-level site) is the same for both: the hidden frame's
// worker serves the pane's frame. "Open in new tab" opens preview-host.html
// as the tab (openTab): on the playground's site the tab shares that
// partition and goes straight to the page; on another site it is in a
// partition of its own, so it registers the worker there and relays to this
// page through window.opener — which also serves where the hidden frame
// could not start (a browser that refuses third-party storage).
//
// Trust: only messages from the preview origin, from the hidden frame or a
// tab this page opened, are answered, and all they get is what the engine's
// host gets from a published port of this tab — what a browser on the host
// gets from http://localhost:PORT. Pages on the preview origin (a
// container's among them) can reach the hidden frame, which is same-origin
// with them, so they can ask for that too, and for no more.
import type { EngineConnection } from '../engine/connection.ts';
import { answer, isPreviewRequest, refuse, type PreviewRequest } from './answer.ts';

/** How long the preview origin's page gets to load and start its worker. */
export const START_MS = 15_000;

export interface PreviewOrigin {
  /** Settles once the hidden frame's worker is active; rejects with the reason it cannot start. */
  started: Promise<void>;
  /** Opens `port`'s `path` in a new tab on the preview origin; false when the browser refused to open one. */
  openTab(port: number, path: string): boolean;
  /** Removes the hidden frame and stops answering. */
  close(): void;
}

/**
 * Frames `site`'s preview-host.html (`site` is the site's root on the preview
 * origin) and answers the requests it — and the tabs openTab opens — relay
 * for `tab`. `seen` hears the pane's requests (the pane follows its frame's
 * navigations).
 */
export function connectPreviewOrigin(engine: EngineConnection, site: URL, tab: string, seen: (m: PreviewRequest) => void): PreviewOrigin {
  const origin = site.origin;
  const hostUrl = (extra: string) => new URL(`preview-host.html?tab=${tab}&parent=${encodeURIComponent(location.origin)}${extra}`, site).href;
  const opened = new Set<Window>();
  const frame = document.createElement('iframe');
  let settle: ((detail: string | null) => void) | null = null;

  const onMessage = (e: MessageEvent<unknown>) => {
    if (e.origin !== origin || !e.source) return;
    const fromPane = e.source === frame.contentWindow;
    const m = e.data as { type?: unknown; tab?: unknown; reason?: unknown } | null;
    if (fromPane && m?.tab === tab && settle) {
      if (m.type === 'preview-host-ready') settle(null);
      if (m.type === 'preview-host-failed') settle(typeof m.reason === 'string' ? m.reason.slice(0, 500) : 'it failed');
      return;
    }
    if (!isPreviewRequest(m) || !e.ports[0]) return;
    // A tab opened by this page before it was reloaded (the same window, a new page): say so at once.
    if (m.tab !== tab) { refuse(e.ports[0], 'the playground tab that opened this preview was reloaded or closed: open it again from the preview pane'); return; }
    if (!fromPane && !opened.has(e.source as Window)) return;
    if (fromPane) seen(m);
    answer(engine, m, e.ports[0]);
  };
  window.addEventListener('message', onMessage);

  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => settle?.(`${origin} did not answer within ${START_MS / 1000} s (is the site served there, with preview-host.html?)`), START_MS);
    settle = (detail) => {
      clearTimeout(timer);
      settle = null;
      if (detail === null) resolve(); else reject(new Error(detail));
    };
  });
  frame.src = hostUrl('');
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.title = 'Preview relay';
  frame.setAttribute('aria-hidden', 'true');
  frame.dataset.testid = 'preview-host';
  document.body.append(frame);

  return {
    started,
    openTab(port, path) {
      for (const w of opened) if (w.closed) opened.delete(w);
      // With its opener: the tab may relay through it (preview-host.js cuts its pages off from it).
      const w = window.open(hostUrl(`&open=${encodeURIComponent(`${port}${path}`)}`), '_blank');
      if (w) opened.add(w);
      return w !== null;
    },
    close() {
      window.removeEventListener('message', onMessage);
      settle?.('closed');
      frame.remove();
    },
  };
}
