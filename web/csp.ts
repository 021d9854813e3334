// The Content-Security-Policy of the production build: what the page may
// load and run. The playground needs only itself — its scripts, its workers
// (engine, guests, Monaco's), WebAssembly (QuickJS, WASI programs), the
// preview's service worker and frame — plus the preview origin's frames (the
// hidden relay and the pane's pages: web/preview/origin.ts) and StackBlitz's
// frame for the optional real Node.js mode. Inline script, eval, plugins and
// other origins are refused, so text that reaches the page (lessons, shared
// links, what containers print) cannot become script. Styles may be inline
// (Monaco and React set them). Sent as a header by `npm start` (vite
// preview) and as a <meta> in the built HTML for plain static hosting;
// frame-ancestors is left open on purpose: tutorials embed the page (/embed/).
import { LOOPBACK_FRAME_SOURCES } from './preview/origin.ts';

/**
 * The page's policy. `previewOrigin` is the configured preview origin
 * (VITE_PREVIEW_ORIGIN), the one other origin it frames; without one, the
 * loopback names (any port: the build does not know it), which the page
 * pairs only when it is itself served on one of them.
 */
export function contentSecurityPolicy(previewOrigin: string | null): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['worker-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['frame-src', ["'self'", ...(previewOrigin ? [previewOrigin] : LOOPBACK_FRAME_SOURCES), 'https://stackblitz.com']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** The policy of a build without a configured preview origin. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(null);

/**
 * The policy of public/preview-host.html, the preview origin's relay (the same
 * as its <meta>): its one script, the preview worker, and — as a tab of its
 * own — a frame of its own origin's preview/. No frame-ancestors: Chromium
 * checks it against every ancestor, so naming the playground would blank the
 * preview of a playground that a tutorial on another origin embeds; the relay
 * talks only to the playground origin its URL names (preview-host.js).
 */
export const PREVIEW_HOST_POLICY = "default-src 'none'; script-src 'self'; worker-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
