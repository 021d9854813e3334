// Where things are in the offline npm store (the directory the build step,
// scripts/gen-npm-store.ts, writes and every host serves): the registry's own
// layout. `index.json` holds every packument, one object keyed by package
// name; each tarball is at `<name>/-/<basename>-<version>.tgz`, as on
// registry.npmjs.org (a scoped package keeps its `@scope/` directory and
// drops the scope from the file name: `@babel/core/-/core-7.0.0.tgz`).
import type { PackageStore, Packument } from './store.ts';

/** The registry the store's packages came from (their `dist.tarball` URLs). */
export const REGISTRY_URL = 'https://registry.npmjs.org/';

/** The store's document of packuments, relative to the store's directory. */
export const STORE_INDEX = 'index.json';

/**
 * The tarball's path under the store (and under the registry).
 * @example tarballPath('@babel/core', '7.0.0') // '@babel/core/-/core-7.0.0.tgz'
 */
export function tarballPath(name: string, version: string): string {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `${name}/-/${base}-${version}.tgz`;
}

/** The registry URL npm records for the tarball (`dist.tarball`). */
export function registryTarballUrl(name: string, version: string): string {
  return tarballUrl(REGISTRY_URL, name, version);
}

/** A tarball's URL under any registry: `<registry><name>/-/<name without scope>-<version>.tgz`. */
export function tarballUrl(registry: string, name: string, version: string): string {
  return `${registry}${tarballPath(name, version)}`;
}

/**
 * A PackageStore over this layout, for any host: `load` gives the index's
 * packuments (loaded once, as the host sees fit), `read` a tarball by its
 * path in the store. Only a name@version the index lists is read; each
 * caller gets its own copy of a packument.
 */
export function storeOverIndex(load: () => Promise<Map<string, Packument>>, read: (path: string) => Promise<Uint8Array>): PackageStore {
  return {
    async packument(name) {
      const doc = (await load()).get(name);
      return doc ? structuredClone(doc) : null;
    },
    async tarball(name, version) {
      const doc = (await load()).get(name);
      if (!doc || !Object.hasOwn(doc.versions, version)) throw new Error(`the npm store has no ${name}@${version}`);
      return read(tarballPath(name, version));
    },
  };
}
