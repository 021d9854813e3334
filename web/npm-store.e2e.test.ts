// The built site serves the offline npm store (public/npm-store/, generated
// by `npm run npm:store`) from its root, for the full page and for /embed/:
// the index of packuments and the registry's tarballs, byte for byte. The
// engine worker finds the store relative to its own script (Vite rewrites
// the worker's `new URL('/npm-store/index.json', import.meta.url)` to a path
// relative to the worker's chunk), so the worker must live in the site's
// assets/ for both pages: that is checked too.
import { afterEach, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, type Playground } from './testing/browser.ts';

interface Seen { packages: number; expressLatest: string; tarball: string; digestOk: boolean; gzip: boolean }

/** From the page: fetches the store at `storeUrl` and checks one tarball against its integrity (WebCrypto). */
function readStore(pg: Playground, storeUrl: string): Promise<Seen> {
  return pg.page.evaluate(async (base) => {
    const index = await (await fetch(new URL('index.json', base))).json() as Record<string, { 'dist-tags': { latest: string }; versions: Record<string, { dist: { integrity: string; tarball: string } }> }>;
    const express = index.express!;
    const latest = express['dist-tags'].latest;
    const { dist } = express.versions[latest]!;
    const path = new URL(dist.tarball).pathname.slice(1);
    const res = await fetch(new URL(path, base));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', bytes));
    const b64 = btoa(String.fromCharCode(...digest));
    return { packages: Object.keys(index).length, expressLatest: latest, tarball: path, digestOk: `sha512-${b64}` === dist.integrity, gzip: bytes[0] === 0x1f && bytes[1] === 0x8b };
  }, storeUrl);
}

/** The engine worker's script URL (it starts with the page). */
async function engineWorkerUrl(pg: Playground): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const w = pg.page.workers().find((x) => /\/assets\/worker-[^/]*\.js$/.test(x.url()));
    if (w) return w.url();
    if (Date.now() > deadline) throw new Error(`no engine worker under assets/; workers: ${pg.page.workers().map((x) => x.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!canRunBrowser)('the offline npm store in the built site', () => {
  let pg: Playground | null = null;
  afterEach(async () => { await pg?.close(); pg = null; });

  for (const path of ['/', '/embed/']) {
    it(`is served at the site's root for ${path}, where the engine worker looks for it`, async () => {
      pg = await openPlayground(path);
      const root = new URL('/', pg.url).href;
      const worker = await engineWorkerUrl(pg);
      expect(new URL('../npm-store/', worker).href).toBe(`${root}npm-store/`);
      const seen = await readStore(pg, `${root}npm-store/`);
      expect(seen.packages).toBeGreaterThan(100);
      expect(seen.expressLatest).toMatch(/^5\./);
      expect(seen.tarball).toBe(`express/-/express-${seen.expressLatest}.tgz`);
      expect(seen.gzip).toBe(true);
      expect(seen.digestOk).toBe(true);
      expect(pg.errors).toEqual([]);
    }, 120_000);
  }
});
