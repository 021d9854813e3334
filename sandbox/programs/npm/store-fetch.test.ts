import { describe, expect, it } from 'vitest';
import { fetchPackageStore, type StoreFetch, type StoreResponse } from './store-fetch.ts';
import type { Packument } from './store.ts';

const BASE = 'https://example.test/sub/npm-store/';
const GZ = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);

function packument(name: string, versions: string[]): Packument {
  return {
    name, 'dist-tags': { latest: versions[versions.length - 1]! },
    versions: Object.fromEntries(versions.map((v) => [v, { name, version: v, dist: { integrity: `sha512-${name}${v}`, tarball: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${v}.tgz` } }])),
  };
}
const INDEX = { express: packument('express', ['4.22.3', '5.3.0']), '@isaacs/cliui': packument('@isaacs/cliui', ['8.0.2']) };

const ok = (body: unknown): StoreResponse => ({
  ok: true, status: 200,
  json: async () => body,
  arrayBuffer: async () => (body as Uint8Array).slice().buffer,
});
const status = (code: number, text: string): StoreResponse => ({ ok: false, status: code, statusText: text, json: async () => null, arrayBuffer: async () => new ArrayBuffer(0) });

/** A fake host: answers from `files` (URL → response), records every URL asked for. */
function fakeHost(files: Map<string, () => Promise<StoreResponse>>): { fetch: StoreFetch; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetch: async (url) => {
      asked.push(url);
      const f = files.get(url);
      return f ? f() : status(404, 'Not Found');
    },
  };
}

const site = (): Map<string, () => Promise<StoreResponse>> => new Map([
  [`${BASE}index.json`, async () => ok(INDEX)],
  [`${BASE}express/-/express-5.3.0.tgz`, async () => ok(GZ)],
  [`${BASE}@isaacs/cliui/-/cliui-8.0.2.tgz`, async () => ok(GZ)],
]);

describe('the npm store fetched from the site', () => {
  it('fetches index.json once, however many lookups, and answers from it', async () => {
    const host = fakeHost(site());
    const store = fetchPackageStore(BASE, { fetch: host.fetch });
    const [a, b, none] = await Promise.all([store.packument('express'), store.packument('@isaacs/cliui'), store.packument('left-pad')]);
    expect(Object.keys(a!.versions)).toEqual(['4.22.3', '5.3.0']);
    expect(b!['dist-tags'].latest).toBe('8.0.2');
    expect(none).toBeNull();
    await store.packument('express');
    expect(host.asked).toEqual([`${BASE}index.json`]);
  });

  it('fetches tarballs at the registry\'s layout under the store (a scope keeps its directory)', async () => {
    const host = fakeHost(site());
    const store = fetchPackageStore(BASE.slice(0, -1), { fetch: host.fetch });
    expect(await store.tarball('express', '5.3.0')).toEqual(GZ);
    expect(await store.tarball('@isaacs/cliui', '8.0.2')).toEqual(GZ);
    expect(host.asked.slice(1)).toEqual([`${BASE}express/-/express-5.3.0.tgz`, `${BASE}@isaacs/cliui/-/cliui-8.0.2.tgz`]);
  });

  it('refuses, without asking the host, a version the store does not list', async () => {
    const host = fakeHost(site());
    const store = fetchPackageStore(BASE, { fetch: host.fetch });
    await expect(store.tarball('express', '3.0.0')).rejects.toThrow('the npm store has no express@3.0.0');
    await expect(store.tarball('left-pad', '1.0.0')).rejects.toThrow('the npm store has no left-pad@1.0.0');
    expect(host.asked).toEqual([`${BASE}index.json`]);
  });

  it('rejects with the URL and the status when the host answers with an error, and tries again next time', async () => {
    const files = site();
    const index = files.get(`${BASE}index.json`)!;
    files.set(`${BASE}index.json`, async () => status(404, 'Not Found'));
    const host = fakeHost(files);
    const store = fetchPackageStore(BASE, { fetch: host.fetch });
    await expect(store.packument('express')).rejects.toThrow(`GET ${BASE}index.json: 404 Not Found`);
    files.set(`${BASE}index.json`, index);
    expect(await store.packument('express')).not.toBeNull();
    expect(host.asked).toEqual([`${BASE}index.json`, `${BASE}index.json`]);
  });

  it('rejects when the network fails', async () => {
    const store = fetchPackageStore(BASE, { fetch: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(store.packument('express')).rejects.toThrow(`GET ${BASE}index.json: Failed to fetch`);
  });

  it('rejects, not hangs, when the host never answers, and aborts the request', async () => {
    let signal: { aborted?: boolean } | undefined;
    const store = fetchPackageStore(BASE, { timeoutMs: 50, fetch: (_url, init) => { signal = init?.signal as { aborted?: boolean }; return new Promise(() => {}); } });
    await expect(store.packument('express')).rejects.toThrow(`GET ${BASE}index.json: no answer within 0.05 s`);
    expect(signal?.aborted).toBe(true);
  });

  it('rejects a tarball whose body never ends, and one that is not an index', async () => {
    const files = site();
    files.set(`${BASE}express/-/express-5.3.0.tgz`, async () => ({ ...ok(GZ), arrayBuffer: () => new Promise<ArrayBuffer>(() => {}) }));
    const store = fetchPackageStore(BASE, { fetch: fakeHost(files).fetch, timeoutMs: 50 });
    await expect(store.tarball('express', '5.3.0')).rejects.toThrow(/express-5\.3\.0\.tgz: no answer/);
    const html = site();
    html.set(`${BASE}index.json`, async () => ({ ...ok(null), json: async () => { throw new SyntaxError('Unexpected token <'); } }));
    await expect(fetchPackageStore(BASE, { fetch: fakeHost(html).fetch }).packument('express')).rejects.toThrow(`${BASE}index.json is not an npm store index`);
  });

  it('says so when the host unpacked the tarball on the way (Content-Encoding: gzip on a .tgz)', async () => {
    const files = site();
    files.set(`${BASE}express/-/express-5.3.0.tgz`, async () => ok(new Uint8Array([0x70, 0x61, 0x63])));
    const store = fetchPackageStore(BASE, { fetch: fakeHost(files).fetch });
    await expect(store.tarball('express', '5.3.0')).rejects.toThrow(/sent the tarball unpacked/);
  });
});
