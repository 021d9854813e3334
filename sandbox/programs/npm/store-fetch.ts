// The offline npm store for the page: the engine's Web Worker fetches the
// store the site ships (public/npm-store/ in the build, store-layout.ts)
// from the site itself. index.json is fetched once and kept (a failed fetch
// is not kept: the next `npm` tries again); tarballs are fetched when npm
// asks for them (the browser's HTTP cache keeps them). Every request has a
// time limit, so a host that does not answer makes npm fail, not hang; a
// failure rejects with what went wrong and where, for npm to report as its
// offline error (ENOTCACHED).
import { isGzip } from '../../layer/gzip.ts';
import type { Packument, PackageStore } from './store.ts';
import { STORE_INDEX, storeOverIndex } from './store-layout.ts';

/** The part of a fetch Response the store reads. */
export interface StoreResponse {
  ok: boolean;
  status: number;
  statusText?: string;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of `fetch` the store uses (the host's fetch by default; tests pass their own). */
export type StoreFetch = (url: string, init?: { signal?: unknown }) => Promise<StoreResponse>;

export interface FetchStoreOptions {
  fetch?: StoreFetch;
  /** How long one request may take, body included (30 s by default). */
  timeoutMs?: number;
}

interface AbortLike { abort(): void; signal: unknown }

/** The host's fetch, looked up when first needed (sandbox/ compiles without the DOM's types). */
function hostFetch(): StoreFetch {
  const f = (globalThis as { fetch?: StoreFetch }).fetch;
  if (!f) throw new Error('this host has no fetch');
  return f.bind(globalThis);
}

/**
 * A PackageStore over the store served at `storeUrl` (the URL of its
 * directory, ending in `/`).
 * @example setPackageStore(fetchPackageStore(new URL('/npm-store/index.json', import.meta.url).href.replace(/index\.json$/, '')))
 */
export function fetchPackageStore(storeUrl: string, opts: FetchStoreOptions = {}): PackageStore {
  const base = storeUrl.endsWith('/') ? storeUrl : `${storeUrl}/`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const fetchFn = opts.fetch ?? hostFetch();

  /** GETs `url` and reads its body with `read`, within the time limit. */
  const get = <T>(url: string, read: (r: StoreResponse) => Promise<T>): Promise<T> => {
    const Controller = (globalThis as { AbortController?: new () => AbortLike }).AbortController;
    const controller = Controller ? new Controller() : null;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        controller?.abort();
        reject(new Error(`GET ${url}: no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const done = (fn: () => void): void => { clearTimeout(timer); fn(); };
      (async () => {
        let r: StoreResponse;
        try {
          r = await fetchFn(url, controller ? { signal: controller.signal } : undefined);
        } catch (e) {
          throw new Error(`GET ${url}: ${(e as Error).message || String(e)}`);
        }
        if (!r.ok) throw new Error(`GET ${url}: ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`);
        return read(r);
      })().then((v) => done(() => resolve(v)), (e: Error) => done(() => reject(e)));
    });
  };

  let index: Promise<Map<string, Packument>> | null = null;
  const load = (): Promise<Map<string, Packument>> => {
    if (index) return index;
    const loading = get(`${base}${STORE_INDEX}`, async (r) => {
      const doc = await r.json().catch(() => null);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${base}${STORE_INDEX} is not an npm store index`);
      return new Map(Object.entries(doc as Record<string, Packument>));
    });
    index = loading;
    loading.catch(() => { if (index === loading) index = null; });
    return loading;
  };

  return storeOverIndex(load, async (path) => {
    const url = `${base}${path}`;
    const tgz = await get(url, async (r) => new Uint8Array(await r.arrayBuffer()));
    // A host that sends .tgz files with `Content-Encoding: gzip` has the browser unpack them: the bytes are no longer the registry's.
    if (!isGzip(tgz)) throw new Error(`GET ${url}: the host sent the tarball unpacked (served with Content-Encoding: gzip?), not the registry's .tgz`);
    return tgz;
  });
}
