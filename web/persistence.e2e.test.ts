// The playground survives a reload: files written in the workspace, an
// image built and a container run are there again after the page reloads
// (the machine is kept in IndexedDB by the engine's worker), and a container
// that was running comes back stopped, as Docker shows it after a reboot.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';

const PROMPT = 'student@playground:~$';

async function terminalShows(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout });
}

/** Whether the stored machine has a container of this name (the page reads the IndexedDB the worker writes). */
function storedHas(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => new Promise<boolean>((resolve) => {
    const open = indexedDB.open('docker-playground', 1);
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('meta').objectStore('meta').get('machine');
      get.onerror = () => { db.close(); resolve(false); };
      get.onsuccess = () => {
        db.close();
        const m = get.result as { manifest?: { containers?: Array<{ name: string }> } } | undefined;
        resolve(Boolean(m?.manifest?.containers?.some((c) => c.name === n)));
      };
    };
  }), name);
}

async function untilStored(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await storedHas(page, name)) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the container ${name} was not saved within 30 s`);
}

describe.skipIf(!canRunBrowser)('persistence across reloads', () => {
  let pg: Playground | undefined;
  afterAll(async () => { await pg?.close(); });

  it('finds the workspace, an image and containers again after a reload', async () => {
    pg = await openPlayground();
    const { page } = pg;
    await terminalShows(page, PROMPT);
    // Output checked for is not in the typed line ($((…)) is expanded by the container's shell).
    await typeInTerminal(page, "echo guardado > kept.txt && docker build -q -t keep:v1 . && docker run --name keeper busybox sh -c 'echo hola-$((40+2))'");
    await terminalShows(page, 'hola-42', 60_000);
    await typeInTerminal(page, 'docker run -d --name sleeper busybox sleep 1000');
    await untilStored(page, 'sleeper');

    await page.reload();
    await terminalShows(page, PROMPT);
    await typeInTerminal(page, 'clear; cat kept.txt; docker images keep --format "{{.Repository}}:{{.Tag}}"; docker ps -a --format "{{.Names}} {{.Status}}"; docker logs keeper');
    await terminalShows(page, 'hola-42');
    const text = await terminalText(page);
    expect(text).toContain('guardado');
    expect(text).toContain('keep:v1');
    expect(text).toMatch(/keeper Exited \(0\)/);
    // Running when the page went away: stopped as after a reboot (Docker's 255 for a lost task).
    expect(text).toMatch(/sleeper Exited \(255\)/);
    expect(pg.errors).toEqual([]);
  }, 180_000);
});
