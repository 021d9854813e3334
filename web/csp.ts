// The Content-Security-Policy of the production build: what the page may
// load and run. The playground needs only itself — its scripts, its workers
// (engine, guests, Monaco's), WebAssembly (QuickJS, WASI programs), the
// preview's service worker and same-origin iframe — plus StackBlitz's frame
// for the optional real Node.js mode. Inline script, eval, plugins and other
// origins are refused, so text that reaches the page (lessons, shared links,
// what containers print) cannot become script. Styles may be inline (Monaco
// and React set them). Sent as a header by `npm start` (vite preview) and
// as a <meta> in the built HTML for plain static hosting; frame-ancestors
// is left open on purpose: tutorials embed the page (/embed/).

const DIRECTIVES: Array<[string, string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  ['worker-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['frame-src', ["'self'", 'https://stackblitz.com']],
  ['object-src', ["'none'"]],
  ['base-uri', ["'self'"]],
  ['form-action', ["'self'"]],
];

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
