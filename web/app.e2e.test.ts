// The playground page in Chromium: it boots the engine in a worker, the
// terminal runs docker commands on the host's shell, and the panels follow
// the engine through the Engine API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';

if (!canRunBrowser) console.warn('\n!!! SKIPPING the end-to-end tests: /usr/bin/chromium is missing (apt-get install chromium; .ci/run installs it) !!!\n');

describe.skipIf(!canRunBrowser)('the playground page', () => {
  let pg: Playground;
  beforeAll(async () => { pg = await openPlayground(); }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('boots the engine and runs docker in the terminal', async () => {
    const { page } = pg;
    await page.getByTestId('engine-status').filter({ hasText: /ready|listo/i }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('student@playground:~$'), null, { timeout: 20_000 });
    await typeInTerminal(page, 'docker run --name hola busybox echo hola desde busybox');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('hola desde busybox'), null, { timeout: 20_000 });
    expect(await terminalText(page)).toContain('hola desde busybox');
    await page.getByTestId('tab-containers').click();
    await page.getByTestId('containers-table').getByText('hola', { exact: true }).waitFor({ timeout: 10_000 });
    await page.getByTestId('tab-api').click();
    await page.getByTestId('api-table').getByText('/v1.50/containers/create').waitFor({ timeout: 10_000 });
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('the preview shows what a container serves on its published port', async () => {
    const { page } = pg;
    // The pane opens once nginx listens (curl on the host): before, its "nothing answers yet" page would log a 502.
    await typeInTerminal(page, 'docker build -q -t site . && docker run -d --name site -p 8080:80 site && until curl -sf -o /dev/null localhost:8080; do sleep 0.2; done && echo "port $((8000 + 80)) answers"');
    await page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('port 8080 answers'), null, { timeout: 30_000 });
    await page.getByTestId('tab-preview').click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText('¡Hola desde un contenedor!').waitFor({ timeout: 20_000 });
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('a preview opened before its server listens waits for it (the page looks again every second)', async () => {
    const { page } = pg;
    await typeInTerminal(page, 'docker rm -f site >/dev/null; docker run -d --name late -p 8080:80 busybox sh -c "sleep 2; mkdir /w; echo por fin > /w/index.html; httpd -f -p 80 -h /w"');
    await page.getByTestId('tab-containers').click();
    await page.getByTestId('tab-preview').click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText(/Nothing answers on port 8080 yet/).waitFor({ timeout: 10_000 });
    await frame.getByText('por fin').waitFor({ timeout: 20_000 });
  }, 60_000);
});
