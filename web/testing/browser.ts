// End-to-end tests' browser: the production build of the page (built once
// per test process and setting with Vite into a temporary directory), served by Vite's
// preview server on a free port, driven in Debian's Chromium through
// playwright-core. Nothing is downloaded and nothing leaves the machine.
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

const builds = new Map<string, Promise<string>>();

/**
 * Builds the page once per setting (production mode) and returns the output
 * directory. `previewOrigin` is VITE_PREVIEW_ORIGIN for that build.
 */
function buildOnce(previewOrigin = ''): Promise<string> {
  let built = builds.get(previewOrigin);
  if (!built) {
    built = (async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
      await withPreviewOrigin(previewOrigin, () => build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } }));
      return outDir;
    })();
    builds.set(previewOrigin, built);
  }
  return built;
}

/** Runs `f` with VITE_PREVIEW_ORIGIN set to `value` (Vite reads it when it loads its configuration). */
async function withPreviewOrigin<T>(value: string, f: () => Promise<T>): Promise<T> {
  const before = process.env.VITE_PREVIEW_ORIGIN;
  process.env.VITE_PREVIEW_ORIGIN = value;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.VITE_PREVIEW_ORIGIN; else process.env.VITE_PREVIEW_ORIGIN = before;
  }
}

/** A port nothing listens on now (for a build that must name the server's origin before it starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Playground {
  page: Page;
  url: string;
  browser: Browser;
  /** Console errors and uncaught exceptions the page produced. */
  errors: string[];
  close(): Promise<void>;
}

/** Whether this machine can run the end-to-end tests (CI installs Chromium; see .ci/run). */
export const canRunBrowser = existsSync(CHROMIUM);

/** COOP/COEP: the page becomes cross-origin isolated (SharedArrayBuffer, guest workers). */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Where and how openPlayground serves and opens the page. */
export interface OpenOptions {
  /**
   * The host name in the page's address: 127.0.0.1 (the default; its preview
   * on http://localhost:PORT, another site), play.localhost (its preview on
   * http://preview.play.localhost:PORT, the same site) or [::1] (no second
   * origin: the preview on the page's own, as on a single-origin static host).
   * See web/preview/origin.ts.
   */
  name?: '127.0.0.1' | 'play.localhost' | '[::1]';
  /** Let frames of other sites use storage (Chrome's default); Debian's Chromium refuses it unless told. */
  thirdPartyStorage?: boolean;
  /** A build with this VITE_PREVIEW_ORIGIN, `{port}` replaced by the server's port (then chosen before the build). */
  previewOrigin?: string;
}

export async function openPlayground(path = '/', before?: (page: Page) => void, headers?: Record<string, string>, options: OpenOptions = {}): Promise<Playground> {
  const fixed = options.previewOrigin ? await freePort() : 0;
  const previewOrigin = options.previewOrigin?.replace('{port}', String(fixed)) ?? '';
  const outDir = await buildOnce(previewOrigin);
  const name = options.name ?? '127.0.0.1';
  const host = name === '[::1]' ? '::1' : '127.0.0.1';
  // npm start's server sends the policy of the same setting as a header.
  const server: PreviewServer = await withPreviewOrigin(previewOrigin, () => preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { port: fixed, host, strictPort: fixed !== 0, ...(headers && { headers }) } }));
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${name}:${port}${path}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...(options.thirdPartyStorage ? ['--disable-features=TrackingProtection3pcd'] : [])] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  // The page must never reach the network: anything not served by the preview server fails the test.
  // (The server answers as localhost and *.localhost too: other origins, for the embedding tests and the preview.)
  const ours = (href: string) => { const u = new URL(href); return u.protocol === 'http:' && u.port === String(port) && /^(127\.0\.0\.1|\[::1\]|localhost|[a-z0-9.-]+\.localhost)$/.test(u.hostname); };
  await context.route((u) => !ours(u.href) && !u.href.startsWith('blob:') && !u.href.startsWith('data:'), (route) => { errors.push(`network request blocked: ${route.request().url()}`); return route.abort(); });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  before?.(page);
  await page.goto(url);
  return {
    page, url, browser, errors,
    async close() { await browser.close(); await server.close(); },
  };
}

/** Types a line into the terminal and waits until the terminal shows `expect` (the screen's text). */
export async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The terminal's visible text (xterm's rows), one line per row. */
export function terminalText(page: Page): Promise<string> {
  return page.locator('[data-testid="terminal"] .xterm-rows').innerText();
}
