// Where things are in the offline npm store (the directory the build step,
// scripts/gen-npm-store.ts, writes and every host serves): the registry's own
// layout. `index.json` holds every packument, one object keyed by package
// name; each tarball is at `<name>/-/<basename>-<version>.tgz`, as on
// registry.npmjs.org (a scoped package keeps its `@scope/` directory and
// drops the scope from the file name: `@babel/core/-/core-7.0.0.tgz`).

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
  return `${REGISTRY_URL}${tarballPath(name, version)}`;
}
