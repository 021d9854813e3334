// Where the preview's pages live. A container's page must not share the
// playground's origin (it could read the saved machine and lesson progress
// in this origin's storage, and reach parent.document), so the preview is
// served from a second origin that serves the same static site: the
// playground frames that origin's preview-host.html, which registers the
// preview worker there and hands its requests to this page (bridge.ts).
//
// The second origin should be on the playground's site (another host under
// the same registrable domain: play.example.com and preview.example.com):
// its frame is then first-party, while an origin of another site is a
// third-party frame, which a browser that blocks third-party cookies (a
// private window, Safari, and Debian's Chromium 156 by default: measured)
// refuses a Service Worker and any storage. Origins keep storage and DOM
// apart either way.
//
// Which origin: VITE_PREVIEW_ORIGIN at build time (one setting, because the
// page's Content-Security-Policy must name it too: web/csp.ts). Otherwise,
// for local use, the same server under another name, automatically:
//  - a page on http://NAME.localhost:PORT previews on
//    http://preview.NAME.localhost:PORT — the same site (browsers resolve
//    every *.localhost to the loopback), so it works wherever Service
//    Workers do;
//  - a page on http://127.0.0.1:PORT previews on http://localhost:PORT and
//    the other way round — another site, so only where third-party storage
//    is allowed; where it is refused the page falls back to its own origin
//    and says so (bridge.ts).
// Anywhere else without a setting (a single-origin static host) the preview
// stays on the page's own origin, as before, with that known limit.
import { normaliseOrigin } from '../embed/origins.ts';

/** The two loopback names that reach the same local server, each the other's preview origin. */
const LOOPBACK_PAIR = new Map([['127.0.0.1', 'localhost'], ['localhost', '127.0.0.1']]);

/** CSP host-sources for the automatic local preview origins (any port: the build does not know it; no scheme: the page's). */
export const LOOPBACK_FRAME_SOURCES = ['localhost:*', '*.localhost:*', '127.0.0.1:*'];

/** A preview origin, and whether the page chose it itself (a local name) rather than the build's setting. */
export interface PreviewOriginChoice { origin: string; automatic: boolean }

/**
 * The configured preview origin, normalised; null when unset. A value that is
 * not exactly an http(s) origin throws (the build stops on it rather than
 * shipping a page whose preview quietly stays same-origin).
 *
 * @example configuredPreviewOrigin('https://Preview.example/') // 'https://preview.example'
 */
export function configuredPreviewOrigin(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const origin = normaliseOrigin(value.trim());
  if (!origin) throw new Error(`VITE_PREVIEW_ORIGIN must be an http(s) origin such as https://preview.example.com (scheme, host and port only), not ${JSON.stringify(value)}`);
  return origin;
}

/**
 * The origin whose preview/ serves the container pages of a playground at
 * `page`, or null for the page's own origin (no second origin known).
 *
 * @example previewOriginFor(new URL('http://play.localhost:4173/'), null) // { origin: 'http://preview.play.localhost:4173', automatic: true }
 */
export function previewOriginFor(page: URL, configured: string | null): PreviewOriginChoice | null {
  if (configured) return configured === page.origin ? null : { origin: configured, automatic: false };
  const port = page.port ? `:${page.port}` : '';
  const host = page.hostname;
  // A preview origin opened as a page (preview.*.localhost) gets no preview origin of its own.
  if (host.endsWith('.localhost') && !host.startsWith('preview.')) return { origin: `${page.protocol}//preview.${host}${port}`, automatic: true };
  const other = LOOPBACK_PAIR.get(host);
  return other ? { origin: `${page.protocol}//${other}${port}`, automatic: true } : null;
}

/**
 * The page's address under a *.localhost name, where its automatic preview
 * origin is on its own site — for a page on 127.0.0.1 or localhost, whose
 * automatic preview origin is another site; null elsewhere.
 *
 * @example sameSiteLocalUrl(new URL('http://127.0.0.1:4173/embed/?x=1')) // 'http://play.localhost:4173/embed/?x=1'
 */
export function sameSiteLocalUrl(page: URL): string | null {
  if (!LOOPBACK_PAIR.has(page.hostname)) return null;
  const url = new URL(page.href);
  url.hostname = 'play.localhost';
  url.hash = '';
  return url.href;
}

/** The same path on another origin: where the site's root (e.g. `/playground/`) is served there. */
export function onOrigin(origin: string, siteRoot: URL): URL {
  return new URL(siteRoot.pathname, origin);
}

/**
 * Whether `origin` is where this playground serves container pages only — a
 * configured preview origin, or an automatic preview.*.localhost one — so an
 * embed must not take orders from it (a container's page there could frame
 * /embed/ and drive it). The loopback pair is not: 127.0.0.1 and localhost
 * are both ordinary page origins as well.
 *
 * @example servesOnlyPreviews('http://preview.play.localhost:4173', previewOriginFor(new URL('http://play.localhost:4173/'), null)) // true
 */
export function servesOnlyPreviews(origin: string, choice: PreviewOriginChoice | null): boolean {
  if (!choice || origin !== choice.origin) return false;
  return !choice.automatic || new URL(origin).hostname.startsWith('preview.');
}
