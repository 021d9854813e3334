// The preview of a playground that a tutorial on another site embeds
// (/embed/ in the tutorial's iframe), in a Chromium that lets frames of
// other sites use storage (Chrome's default; without it the embedded
// playground gets no storage nor Service Worker at all, on any origin). The
// preview origin's relay has no frame-ancestors: Chromium checks that
// against every ancestor, so naming the playground would blank the preview
// here — the relay talks only to the playground origin its URL names
// (public/preview-host.js). The tutorial, the playground and the preview are
// three origins; the container's page is on the preview's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, type Playground } from '../testing/browser.ts';

describe.skipIf(!canRunBrowser)('the preview of a playground embedded by a tutorial on another site', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground('/favicon.svg', undefined, undefined, { name: 'play.localhost', thirdPartyStorage: true });
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('shows the container\'s page from the preview origin, inside the tutorial\'s frame', async () => {
    const { page } = pg;
    const playground = new URL(pg.url).origin;
    // public/embed-example.html as the tutorial: the same server under another site's name.
    await page.goto(`${playground.replace('play.localhost', 'tutorial.localhost')}/embed-example.html?playground=${playground}/`);
    const embed = page.frameLocator('docker-playground iframe');
    await embed.locator('[data-testid="terminal"] .xterm-rows').filter({ hasText: 'student@playground:~$' }).waitFor({ timeout: 60_000 });
    // Typed into the embed's terminal; a loaded machine may still move the focus while the embed starts
    // (then the keys go elsewhere): type again until the line shows at the prompt.
    const line = 'mkdir -p w && cd w && echo "<p>desde el contenedor</p>" > index.html && printf "FROM nginx:alpine\\nCOPY index.html /usr/share/nginx/html/\\n" > Dockerfile && docker build -q -t w . && docker run -d -p 8082:80 w && echo "running-$((6*7))"';
    const rows = embed.locator('[data-testid="terminal"] .xterm-rows');
    for (let attempt = 0; attempt < 5 && !(await rows.innerText()).replace(/\n/g, '').includes('running-$((6*7))'); attempt++) {
      await embed.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
      await page.keyboard.press('Control+U');
      await page.keyboard.type(line);
      await page.waitForTimeout(500);
    }
    await page.keyboard.press('Enter');
    // The pane opens once the container runs (a loaded machine may take a while to build it).
    await rows.filter({ hasText: 'running-42' }).waitFor({ timeout: 60_000 });
    await embed.getByTestId('tab-preview').click();
    await embed.frameLocator('[data-testid="preview-frame"]').getByText('desde el contenedor').waitFor({ timeout: 30_000 });
    const shown = page.frames().find((f) => f.url().includes('/preview/') && f.url().includes('/8082/'));
    expect(new URL(shown!.url()).origin).toBe(playground.replace('play.localhost', 'preview.play.localhost'));
    expect(await embed.getByTestId('preview-same-origin').count()).toBe(0);
  }, 120_000);
});
