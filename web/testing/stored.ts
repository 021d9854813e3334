// End-to-end tests of what the page keeps: the stored machine read from the
// page's IndexedDB as the worker wrote it (its manifest, and the workspace
// tree's files decoded from the tree codec's header), a tab crashed as a
// killed renderer is (its worker dies with it), and the next tab on the
// same browser profile.
import type { BrowserContext, Page } from 'playwright-core';

export const PROMPT = 'student@playground:~$';

export interface StoredMachine {
  format: number;
  tags: Array<[string, string]>;
  containers: string[];
  volumes: string[];
  /** Workspace files (relative paths) and their sizes. */
  files: Record<string, number>;
  /** The text of workspace files of at most 256 bytes. */
  texts: Record<string, string>;
}

/** The machine the worker stored (null: none, or the store cannot be read). */
export function storedMachine(page: Page, db = 'docker-playground'): Promise<StoredMachine | null> {
  return page.evaluate((name) => new Promise<StoredMachine | null>((resolve) => {
    const open = indexedDB.open(name);
    // No such database: none is made (the worker must create it with its stores).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const d = open.result;
      if (!d.objectStoreNames.contains('meta')) { d.close(); resolve(null); return; }
      const tx = d.transaction(['meta', 'blobs']);
      const get = tx.objectStore('meta').get('machine');
      get.onsuccess = () => {
        const m = get.result as { format: number; manifest?: { tags: Array<[string, string]>; containers: Array<{ name: string }>; volumes: Array<{ name: string }>; workspace: { tree: string } | null } } | undefined;
        // Another format (a newer page's): only its number is read.
        if (!m?.manifest || m.format !== 2) { d.close(); resolve(m ? { format: m.format, tags: [], containers: [], volumes: [], files: {}, texts: {} } : null); return; }
        const man = m.manifest;
        const out: StoredMachine = { format: m.format, tags: man.tags, containers: man.containers.map((c) => c.name), volumes: man.volumes.map((v) => v.name), files: {}, texts: {} };
        if (!man.workspace) { d.close(); resolve(out); return; }
        const blob = tx.objectStore('blobs').get(man.workspace.tree);
        blob.onsuccess = () => {
          d.close();
          // The tree codec: "DPTREE1\n", a big-endian u32 header length, the JSON header (rows, parents first), the bytes.
          const bytes = blob.result as Uint8Array;
          const len = new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0);
          const rows = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as Array<[number, string, string, ...unknown[]]>;
          const data = 12 + len;
          const paths: string[] = [];
          rows.forEach((r, i) => {
            paths[i] = r[0] < 0 ? '' : `${paths[r[0]] ? `${paths[r[0]]}/` : ''}${r[1]}`;
            if (r[2] === 'f') {
              const [off, size] = [r[7] as number, r[8] as number];
              out.files[paths[i]!] = size;
              if (size <= 256) out.texts[paths[i]!] = new TextDecoder().decode(bytes.subarray(data + off, data + off + size));
            } else if (r[2] === 'g') {
              out.files[paths[i]!] = r[8] as number;
            }
          });
          resolve(out);
        };
        blob.onerror = () => { d.close(); resolve(null); };
      };
      get.onerror = () => { d.close(); resolve(null); };
    };
  }), db);
}

/** Polls the stored machine until `pred` holds (30 s at most). */
export async function untilStored(page: Page, pred: (m: StoredMachine) => boolean, what: string): Promise<StoredMachine> {
  for (let i = 0; i < 120; i++) {
    const m = await storedMachine(page);
    if (m && pred(m)) return m;
    await page.waitForTimeout(250);
  }
  throw new Error(`never stored: ${what}`);
}

/**
 * Readies a crash of the tab's renderer (and so of the engine's worker):
 * the returned function kills it at once, as a crash does.
 */
export async function crasher(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  return async () => {
    const crashed = page.waitForEvent('crash', { timeout: 10_000 });
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
  };
}

/** Kills the tab's renderer (and so the engine's worker) as a crash does. */
export async function crashTab(page: Page): Promise<void> {
  await (await crasher(page))();
}

/** A new tab on the same profile (its storage), opened at `url`; console errors go to `errors`. */
export async function openTab(context: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return page;
}

export function terminalShows(page: Page, text: string, timeout = 30_000): Promise<unknown> {
  return page.waitForFunction((t) => document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent?.includes(t), text, { timeout });
}
