// The offline npm store for Node hosts (tests, `npm run dockerd`, the
// bench): the directory `npm run npm:store` generates (public/npm-store/,
// store-layout.ts), read from disk. index.json is read once, on the first
// lookup; tarballs are read when asked for. Only a name@version the index
// lists reaches the filesystem.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { setPackageStore, type Packument, type PackageStore } from './store.ts';
import { STORE_INDEX, storeOverIndex } from './store-layout.ts';

/** The generated store of this checkout. */
export const PROJECT_STORE_DIR = fileURLToPath(new URL('../../../public/npm-store/', import.meta.url));

/**
 * A PackageStore over a store directory.
 * @example const store = nodePackageStore(PROJECT_STORE_DIR); (await store.packument('express'))?.['dist-tags'].latest // '5.3.0'
 */
export function nodePackageStore(dir: string = PROJECT_STORE_DIR): PackageStore {
  let index: Promise<Map<string, Packument>> | null = null;
  const load = (): Promise<Map<string, Packument>> => {
    index ??= readFile(join(dir, STORE_INDEX), 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, Packument>)),
      (e: NodeJS.ErrnoException) => {
        index = null;
        throw new Error(e.code === 'ENOENT' ? `the npm store is not generated (${join(dir, STORE_INDEX)} is missing): run \`npm run npm:store\`` : `cannot read the npm store's ${STORE_INDEX}: ${e.message}`);
      },
    );
    return index;
  };
  return storeOverIndex(load, async (path) => new Uint8Array(await readFile(join(dir, path))));
}

/** Makes `npm` in containers install from the generated store. */
export function installNodePackageStore(): void {
  setPackageStore(nodePackageStore());
}
