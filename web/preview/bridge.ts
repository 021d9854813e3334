// The page's side of the preview: pages that containers serve on published
// ports, shown in the pane's frame at <site>/preview/<tab>/<port>/<path>. A
// Service Worker (public/preview-sw.js) takes every request under it and
// hands it to this tab, whose engine dials the port. Each tab has its own
// id, so two playground tabs never answer for each other's containers.
//
// Where the preview lives (origin.ts decides): on a second origin serving
// the same site, when one is known — the container's page then cannot reach
// this page's storage nor its DOM (preview-origin.ts); otherwise on this
// page's own origin, as before, with that known limit (same-origin.ts). A
// local name the page picked itself that cannot start (127.0.0.1 and
// localhost are two sites: a browser refusing third-party storage refuses
// it) falls back to this origin, and the pane says so; a configured origin
// never does: the pane says why it failed and offers a new tab instead.
import type { EngineConnection } from '../engine/connection.ts';
import type { PreviewRequest } from './answer.ts';
import { configuredPreviewOrigin, onOrigin, previewOriginFor, sameSiteLocalUrl, type PreviewOriginChoice } from './origin.ts';
import { connectPreviewOrigin, type PreviewOrigin } from './preview-origin.ts';
import { serveHere } from './same-origin.ts';

/** This tab's id in preview URLs: random, so a page elsewhere cannot guess it. */
export const TAB_ID = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b % 36).toString(36)).join('');

/** The site's root (where preview-sw.js is), for /, /embed/ and any path a static host serves the site under. */
const SITE = new URL('./', new URL('/preview-sw.js', import.meta.url));

export type PreviewState =
  /** `origin`: where previews are served (another than this page's: a preview origin). `refused`: the automatic local preview origin could not start, so this page's own (and why). */
  | { kind: 'ready'; origin: string; refused?: Refusal }
  /** No Service Workers for this page. */
  | { kind: 'unavailable' }
  /** The configured preview origin could not start in a frame; a new tab may still show the page (openPreviewTab). */
  | { kind: 'failed'; origin: string; detail: string };

/** Why the automatic preview origin is not used, and where the playground would get one that works (`suggest`). */
export interface Refusal { origin: string; detail: string; suggest?: string }

let state: Promise<PreviewState> | null = null;
let previewOrigin: PreviewOrigin | null = null;
let site = SITE;

/** The preview origin this page would use, or null for its own (computed once; a bad setting counts as none and is logged). */
export const CHOICE: PreviewOriginChoice | null = (() => {
  try {
    return previewOriginFor(new URL(location.href), configuredPreviewOrigin(import.meta.env.VITE_PREVIEW_ORIGIN as string | undefined));
  } catch (err) {
    console.error(err);
    return null;
  }
})();

/** Starts the preview once: on the preview origin when there is one, else here. */
export function previewReady(engine: EngineConnection): Promise<PreviewState> {
  state ??= (async (): Promise<PreviewState> => {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return { kind: 'unavailable' };
    const here = async (refused?: Refusal): Promise<PreviewState> => {
      try {
        await serveHere(engine, SITE, TAB_ID, follow);
        return { kind: 'ready', origin: location.origin, ...(refused && { refused }) };
      } catch {
        return { kind: 'unavailable' };
      }
    };
    if (!CHOICE) return here();
    const root = onOrigin(CHOICE.origin, SITE);
    previewOrigin = connectPreviewOrigin(engine, root, TAB_ID, follow);
    try {
      await previewOrigin.started;
    } catch (err) {
      const detail = (err as Error).message;
      // A name the page picked itself (local use): the preview stays usable, on this origin, and the pane says why.
      if (CHOICE.automatic) {
        previewOrigin.close();
        previewOrigin = null;
        const suggest = sameSiteLocalUrl(new URL(location.href));
        return here({ origin: CHOICE.origin, detail, ...(suggest && { suggest }) });
      }
      return { kind: 'failed', origin: CHOICE.origin, detail };
    }
    site = root;
    // A worker this page registered here before (a version without a preview origin) serves no one now.
    void navigator.serviceWorker.getRegistration(new URL('preview/', SITE).href).then((r) => r?.unregister(), () => undefined);
    return { kind: 'ready', origin: CHOICE.origin };
  })();
  return state;
}

/** The preview URL of `port`'s `path` for this tab. */
export function previewUrl(port: number, path = '/'): string {
  return new URL(`preview/${TAB_ID}/${port}${path}`, site).href;
}

/** Opens `port`'s `path` in a new tab, answered by this one while it stays open; false when the browser refused a new tab. */
export function openPreviewTab(port: number, path = '/'): boolean {
  if (previewOrigin) return previewOrigin.openTab(port, path);
  // On this origin a tab is one of the worker's clients like the pane's frame, and this page answers it.
  window.open(previewUrl(port, path), '_blank', 'noopener');
  return true;
}

const pages = new Map<number, string>();

/** The page the pane's frame shows for `port` (its last navigation, reported by the worker), or '/'. */
export function currentPage(port: number): string {
  return pages.get(port) ?? '/';
}

/** Records the pane frame's navigations (a form's POST result is not one to open again). */
function follow(m: PreviewRequest): void {
  if (m.navigate === 'iframe' && m.method === 'GET') pages.set(m.port, m.path);
}
