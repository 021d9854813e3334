// One version's entry in the store's packument, made from the package's own
// tarball the way the registry makes it at publish time: the fields npm
// reads from the package.json inside (dependencies of every kind, bin,
// engines, os, cpu, license, deprecated, funding), `bin` normalised as npm
// normalises it (npm-normalize-package-bin; `directories.bin` expanded when
// there is no `bin`), `hasInstallScript` when an install, preinstall or
// postinstall script runs (a binding.gyp without an install or preinstall
// script gets npm's implied `node-gyp rebuild`), and `dist` with the
// tarball's integrity, sha1 shasum, file count and unpacked size.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { StoreVersion } from '../../sandbox/programs/npm/store.ts';
import { normalizeBin } from '../../sandbox/programs/npm/normalize-bin.ts';
import { registryTarballUrl } from '../../sandbox/programs/npm/store-layout.ts';

/** What the build step learns from a package's .tgz. */
export interface TarballContents {
  /** The parsed package.json (at the archive's top directory, usually `package/`). */
  packageJson: Record<string, unknown>;
  /** Regular files, paths relative to the package's root. */
  files: string[];
  unpackedSize: number;
}

/** Reads a package tarball (gzip'd tar): its package.json, files and unpacked size. */
export async function readTarball(tgz: Uint8Array): Promise<TarballContents> {
  const extract = tar.extract();
  const files: string[] = [];
  let unpackedSize = 0;
  let packageJson: string | null = null;
  const reading = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      // pacote strips the archive's first path component (`package/` for anything npm packed).
      const rel = h.name.replace(/^\.?\/+/, '').split('/').slice(1).join('/');
      const chunks: Uint8Array[] = [];
      for await (const chunk of entry) if (rel === 'package.json') chunks.push(chunk as Uint8Array);
      if (h.type !== 'file' && h.type !== 'contiguous-file') continue;
      files.push(rel);
      unpackedSize += h.size;
      if (rel === 'package.json') packageJson = Buffer.concat(chunks).toString('utf8');
    }
  })();
  extract.end(gunzipSync(tgz));
  await reading;
  if (packageJson === null) throw new Error('the tarball has no package.json');
  const parsed: unknown = JSON.parse((packageJson as string).replace(/^\uFEFF/, ''));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('its package.json is not an object');
  return { packageJson: parsed as Record<string, unknown>, files, unpackedSize };
}

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** A string map, or undefined (keeps only string values, as npm's readers do). */
function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return Object.keys(out).length ? out : undefined;
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/** Whether installing runs a script (install, preinstall, postinstall, or node-gyp's implied install). */
export function hasInstallScript(pkg: Record<string, unknown>, files: string[]): boolean {
  const scripts = isRecord(pkg.scripts) ? pkg.scripts : {};
  if (scripts.install || scripts.preinstall || scripts.postinstall) return true;
  return pkg.gypfile !== false && files.some((f) => !f.includes('/') && f.endsWith('.gyp'));
}

/**
 * The packument's entry for one version, from its tarball.
 * @example storeVersion(tgz, contents, 'sha512-…') // { name: 'ms', version: '2.1.3', dist: { integrity, shasum, tarball, … } }
 */
export function storeVersion(tgz: Uint8Array, contents: TarballContents, integrity: string): StoreVersion {
  const pkg = contents.packageJson;
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') throw new Error('its package.json has no name or version');
  const v: Omit<StoreVersion, 'dist'> = { name: pkg.name, version: pkg.version };
  const deps = stringMap(pkg.dependencies);
  const optional = stringMap(pkg.optionalDependencies);
  const peers = stringMap(pkg.peerDependencies);
  const engines = stringMap(pkg.engines);
  const bin = normalizeBin(pkg, contents.files);
  // As published: an optional dependency is listed where the package lists it (npm no longer copies it into dependencies).
  if (deps) v.dependencies = deps;
  if (optional) v.optionalDependencies = optional;
  if (peers) v.peerDependencies = peers;
  if (isRecord(pkg.peerDependenciesMeta)) v.peerDependenciesMeta = pkg.peerDependenciesMeta as Record<string, { optional?: boolean }>;
  if (bin) v.bin = bin;
  if (engines) v.engines = engines;
  const os = strings(pkg.os);
  const cpu = strings(pkg.cpu);
  if (os) v.os = os;
  if (cpu) v.cpu = cpu;
  if (typeof pkg.license === 'string') v.license = pkg.license;
  if (typeof pkg.deprecated === 'string') v.deprecated = pkg.deprecated;
  if (hasInstallScript(pkg, contents.files)) v.hasInstallScript = true;
  if (pkg.funding !== undefined) v.funding = pkg.funding;
  const dist = {
    integrity,
    tarball: registryTarballUrl(pkg.name, pkg.version),
    shasum: createHash('sha1').update(tgz).digest('hex'),
    fileCount: contents.files.length,
    unpackedSize: contents.unpackedSize,
  };
  return { ...v, dist };
}
