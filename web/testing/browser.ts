// End-to-end tests' browser: the production build of the page (built once
// per test process with Vite into a temporary directory), served by Vite's
// preview server on a free port, driven in Debian's Chromium through
// playwright-core. Nothing is downloaded and nothing leaves the machine.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let built: Promise<string> | null = null;

/** Builds the page once (production mode) and returns the output directory. */
function buildOnce(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
    await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
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

export async function openPlayground(path = '/', before?: (page: Page) => void, headers?: Record<string, string>): Promise<Playground> {
  const outDir = await buildOnce();
  const server: PreviewServer = await preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false, ...(headers && { headers }) } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}${path}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  // The page must never reach the network: anything not served by the preview server fails the test.
  // (The server answers as localhost too: a second origin, for the embedding tests.)
  const ours = (href: string) => href.startsWith(`http://127.0.0.1:${port}/`) || href.startsWith(`http://localhost:${port}/`);
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
