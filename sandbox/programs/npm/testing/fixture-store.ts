// A PackageStore made in memory for tests: each package version a real
// .tgz (a `package/` tar, gzipped) with its package.json and the files
// given, its packument entry carrying the tarball's sha512 integrity and
// registry URL — what the generated store holds, at a size a unit test can
// reason about.
import semver from 'semver';
import { MemoryFs } from '../../../fs/memory.ts';
import { gzip } from '../../../layer/gzip.ts';
import { treeTarBytes } from '../../../layer/tar-write.ts';
import { integrityOf } from '../integrity.ts';
import { tarballUrl } from '../store-layout.ts';
import type { PackageFields, PackageStore, Packument, StoreVersion } from '../store.ts';

export interface FixturePackage extends PackageFields {
  name: string;
  version: string;
  scripts?: Record<string, string>;
  /** Extra files (path below the package → content), with `mode` when given as [content, mode]. */
  files?: Record<string, string | [string, number]>;
}

/** A .tgz of a package as `npm pack` makes one (entries under `package/`). */
export async function packTarball(pkg: FixturePackage, prefix = 'package'): Promise<Uint8Array> {
  const fs = new MemoryFs({ now: () => Date.UTC(1985, 9, 26, 8, 15) });
  fs.mkdirSync(`/${prefix}`, { recursive: true });
  const { files, ...manifest } = pkg;
  fs.writeFileSync(`/${prefix}/package.json`, JSON.stringify(manifest, null, 2) + '\n');
  for (const [path, spec] of Object.entries(files ?? {})) {
    const [content, mode] = Array.isArray(spec) ? spec : [spec, 0o644];
    fs.mkdirSync(`/${prefix}/${path}`.replace(/\/[^/]*$/, ''), { recursive: true });
    fs.writeFileSync(`/${prefix}/${path}`, content, { mode });
  }
  return gzip(await treeTarBytes(fs.root));
}

export interface FixtureStore extends PackageStore {
  /** Tarballs served, by `name@version` (what was fetched, for assertions). */
  readonly fetched: string[];
}

/** A store holding `packages`; `latest` is the highest version unless `tags` says otherwise. */
export async function fixtureStore(packages: FixturePackage[], tags: Record<string, Record<string, string>> = {}): Promise<FixtureStore> {
  const docs = new Map<string, Packument>();
  const tgz = new Map<string, Uint8Array>();
  for (const pkg of packages) {
    const bytes = await packTarball(pkg);
    tgz.set(`${pkg.name}@${pkg.version}`, bytes);
    const doc = docs.get(pkg.name) ?? { name: pkg.name, 'dist-tags': {}, versions: {} };
    const { files: _files, bin, ...rest } = pkg;
    const version: StoreVersion = {
      ...rest,
      ...(bin !== undefined && { bin: typeof bin === 'string' ? { [pkg.name.replace(/^@[^/]+\//, '')]: bin.replace(/^\.\//, '') } : bin }),
      ...(pkg.scripts && (pkg.scripts.install || pkg.scripts.preinstall || pkg.scripts.postinstall) ? { hasInstallScript: true } : {}),
      dist: { integrity: integrityOf(bytes), tarball: tarballUrl('https://registry.npmjs.org/', pkg.name, pkg.version) },
    };
    delete (version as { scripts?: unknown }).scripts;
    doc.versions[pkg.version] = version;
    docs.set(pkg.name, doc);
  }
  for (const doc of docs.values()) {
    const versions = Object.keys(doc.versions);
    doc['dist-tags'] = { latest: versions.sort(semver.compare).at(-1)!, ...tags[doc.name] };
  }
  const fetched: string[] = [];
  return {
    fetched,
    async packument(name) {
      const doc = docs.get(name);
      return doc ? structuredClone(doc) : null;
    },
    async tarball(name, version) {
      const bytes = tgz.get(`${name}@${version}`);
      if (!bytes) throw new Error(`the fixture store has no ${name}@${version}`);
      fetched.push(`${name}@${version}`);
      return bytes;
    },
  };
}
