// The images, cgroups, processes and network panels in Chromium, driven by
// docker commands typed in the terminal: a container limited with -m 32m
// shows its limit as 32 MiB and its CPU quota throttling it; its processes
// and its address appear; an OOM kill is listed; a rebuilt image shows its
// steps as cache hits and the files its RUN layer added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, typeInTerminal, type Playground } from '../testing/browser.ts';

describe.skipIf(!canRunBrowser)('the images, cgroups, processes and network panels', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground();
    await pg.page.getByTestId('engine-status').filter({ hasText: /ready|listo/i }).waitFor({ timeout: 30_000 });
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes('$'), null, { timeout: 20_000 });
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  /**
   * Errors the page reported since `from`, but the editor's: Monaco starts its
   * workers lazily, and how it loads them is the editor's business (the app
   * test checks the whole page).
   */
  const errorsSince = (from: number): string[] => pg.errors.slice(from).filter((e) => !/editorWorkerService|webWorkerBootstrap|^ErrorEvent$/.test(e));
  const waitForTerminal = (text: string, timeout = 30_000) => pg.page.waitForFunction(
    (t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout });

  it('cgroups: the memory limit, CPU throttling; processes and network of a running container', async () => {
    const { page } = pg;
    const errors = pg.errors.length;
    await typeInTerminal(page, 'docker run -d --name lim -m 32m --cpus 0.5 -p 8081:80 busybox sh -c "sleep 600 & while true; do :; done"');
    await page.getByTestId('tab-cgroups').click();
    await expect.poll(() => page.getByTestId('cgroup-lim-memory-limit').textContent(), { timeout: 20_000 }).toBe('32 MiB');
    await page.getByTestId('cgroup-event-throttle').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: '/tmp/explore/cgroups.png' });
    expect(await page.getByTestId('cgroup-lim-cpu').textContent()).toMatch(/--cpus 0.5/);

    await page.getByTestId('tab-processes').click();
    const procs = page.getByTestId('processes-lim');
    await procs.locator('code', { hasText: /^└ sleep 600$/ }).waitFor({ timeout: 10_000 });
    expect(await procs.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('1');

    await page.screenshot({ path: '/tmp/explore/processes.png' });
    await page.getByTestId('tab-network').click();
    await page.getByTestId('network-bridge-lim').getByText(/^172\.17\.\d+\.\d+\/16$/).waitFor({ timeout: 10_000 });
    await page.getByTestId('port-lim-8081').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: '/tmp/explore/network.png' });
    expect(errorsSince(errors)).toEqual([]);
  }, 90_000);

  it('cgroups: an OOM kill is listed as it happens', async () => {
    const { page } = pg;
    const errors = pg.errors.length;
    await page.getByTestId('tab-cgroups').click();
    await typeInTerminal(page, 'docker run -d --name hog -m 16m node node -e "let a=[];for(;;)a.push(new Array(1e6).fill(1))"');
    await page.getByTestId('cgroup-event-oom').filter({ hasText: 'hog' }).waitFor({ timeout: 45_000 });
    expect(errorsSince(errors)).toEqual([]);
  }, 60_000);

  it('images: a rebuild takes its steps from the cache; a layer lists the files it added', async () => {
    const { page } = pg;
    const errors = pg.errors.length;
    await typeInTerminal(page, 'mkdir cachetest && cd cachetest && printf \'FROM alpine\\nRUN echo hi > /hi.txt && rm /etc/motd\\nCMD ["sh"]\\n\' > Dockerfile && docker build -t cachetest . && echo BUILT-ONE');
    await waitForTerminal('BUILT-ONE', 60_000);
    await page.getByTestId('tab-images').click();
    const card = page.locator('[data-testid^="image-"]').filter({ hasText: 'cachetest:latest' }).first();
    await card.getByText(/built \(cache miss\)|construida/).first().waitFor({ timeout: 20_000 });
    await typeInTerminal(page, 'docker build -t cachetest . && echo BUILT-TWO');
    await waitForTerminal('BUILT-TWO', 60_000);
    await expect.poll(async () => (await card.locator('.badge.hit').count()), { timeout: 20_000 }).toBe(2);
    expect(await card.locator('.badge.miss').count()).toBe(0);
    // The RUN row (second from the top) made a layer: its files.
    await card.locator('[data-testid$="-files-1"]').click();
    const files = card.locator('.pn-files');
    await files.getByText('/hi.txt').waitFor({ timeout: 30_000 });
    await files.getByText('/etc/motd').waitFor();
    await page.screenshot({ path: '/tmp/explore/images.png' });
    expect(errorsSince(errors)).toEqual([]);
  }, 150_000);
});
