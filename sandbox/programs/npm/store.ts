// The offline package store that `npm` inside containers installs from: the
// registry the playground ships with. Its packuments hold only the versions
// the store has (real packages from the npm registry, fetched and checked by
// the project's build step, scripts/gen-npm-store.ts); its tarballs are the
// registry's own .tgz files, byte for byte, so their `integrity` holds.
//
// The host installs the store it can offer (setPackageStore): Node hosts read
// the generated directory from disk (store.node.ts), the page's engine worker
// fetches it from the site (store-fetch.ts). Without one, npm fails as npm
// does offline.

/** The fields of a package.json that a registry's packument keeps per version and npm reads. */
export interface PackageFields {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: string | Record<string, string>;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  license?: string;
  deprecated?: string;
  hasInstallScript?: boolean;
  funding?: unknown;
}

/** One version of a package, as a registry packument lists it (the fields npm reads). */
export interface StoreVersion extends PackageFields {
  name: string;
  version: string;
  dist: {
    /** Subresource integrity of the .tgz (`sha512-…`), as in package-lock.json. */
    integrity: string;
    /** The registry URL the tarball came from (package-lock.json's `resolved`). */
    tarball: string;
    shasum?: string;
    fileCount?: number;
    unpackedSize?: number;
  };
}

/** A package's document: its dist-tags and the versions the store holds. */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, StoreVersion>;
}

/** What `npm` needs from a registry. */
export interface PackageStore {
  /** The packument of `name`, or null when the store does not have the package. */
  packument(name: string): Promise<Packument | null>;
  /** The .tgz bytes of name@version (the caller checks them against `dist.integrity`). */
  tarball(name: string, version: string): Promise<Uint8Array>;
}

let installed: PackageStore | null = null;

/** Installs (or, with null, removes) the store the host offers. */
export function setPackageStore(store: PackageStore | null): void {
  installed = store;
}

/** The host's store, or null when the playground has none (npm then fails as offline). */
export function packageStore(): PackageStore | null {
  return installed;
}
