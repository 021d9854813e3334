// The build step of the offline npm store (`npm run npm:store`): the
// packages of the lock's npm-store-* trees (lock-walk.ts) are read back
// from npm's own cache by their integrity — `npm ci` fetched and checked
// them; cacache checks them again as it reads, and so does this step — and
// written in the registry's layout (store-layout.ts) with one document of
// packuments (manifest.ts). Nothing is fetched: a tarball missing from the
// cache fails the step, saying to run `npm ci`. When the lock's store
// entries and this step's code are what they were at the last run (a
// stamp) and the output is there, nothing is done.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import cacache from 'cacache';
import semver from 'semver';
import type { Packument, StoreVersion } from '../../sandbox/programs/npm/store.ts';
import { STORE_INDEX, tarballPath } from '../../sandbox/programs/npm/store-layout.ts';
import { storeEntries, type Lockfile, type StoreEntry } from './lock-walk.ts';
import { readTarball, storeVersion } from './manifest.ts';

export interface GenerateOptions {
  /** package-lock.json. */
  lockPath: string;
  /** The store's directory (public/npm-store). */
  outDir: string;
  /** Where the stamp of the last generation is kept; the new store is assembled beside it. */
  workDir: string;
  /** npm's cacache directory (`$(npm config get cache)/_cacache`); asked of npm when not given. */
  cacheDir?: string;
  /** Regenerate even when the stamp matches. */
  force?: boolean;
}

export interface GenerateResult {
  skipped: boolean;
  packages: number;
  versions: number;
  /** Bytes of tarballs. */
  bytes: number;
  /** Bytes of index.json. */
  indexBytes: number;
}

/** A package the store needs is not in npm's cache, or is there corrupt. */
export class StoreBuildError extends Error {
  override name = 'StoreBuildError';
}

/** The code of this step: a change to it regenerates the store. */
const SOURCES = ['./generate.ts', './lock-walk.ts', './manifest.ts', '../../sandbox/programs/npm/store-layout.ts'];

function stampOf(entries: StoreEntry[]): string {
  const h = createHash('sha256');
  for (const src of SOURCES) h.update(readFileSync(new URL(src, import.meta.url))).update('\0');
  for (const e of entries) h.update(`${e.name}@${e.version} ${e.integrity}\n`);
  return h.digest('hex');
}

/** npm's content cache: $npm_config_cache (set under `npm run`) or what `npm config get cache` says. */
export function npmCacheDir(): string {
  const cache = process.env.npm_config_cache || execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return join(cache, '_cacache');
}

async function readFromCache(cacheDir: string, e: StoreEntry): Promise<Buffer> {
  const id = `${e.name}@${e.version}`;
  let data: Buffer;
  try {
    data = await cacache.get.byDigest(cacheDir, e.integrity);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EINTEGRITY' || code === 'EBADSIZE') throw new StoreBuildError(`npm-store: ${id} is corrupt in npm's cache (${cacheDir}): run \`npm cache verify\`, then \`npm ci\``);
    throw new StoreBuildError(`npm-store: ${id} (${e.integrity.slice(0, 20)}…) is not in npm's cache (${cacheDir}): run \`npm ci\` to fetch the store's packages (this step never uses the network)`);
  }
  // cacache has checked the bytes against the integrity; check again, algorithm by algorithm, as npm does.
  const ok = e.integrity.split(/\s+/).some((sri) => {
    const m = /^(sha512|sha384|sha256|sha1)-(.+)$/.exec(sri);
    return m !== null && createHash(m[1]!).update(data).digest('base64') === m[2];
  });
  if (!ok) throw new StoreBuildError(`npm-store: ${id} in npm's cache does not match its integrity ${e.integrity}: run \`npm cache verify\`, then \`npm ci\``);
  return data;
}

/** Runs `fn` over `items`, `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]!); }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The packuments of the store, one per name, versions in semver order.
 * `latest` is the highest release, as the registry's is when each major was
 * published in turn (npm publish moves `latest`; prereleases go out under
 * another tag): a package aliased at its registry `latest` (chalk 6 beside
 * chalk 4) gets that, and `npm install chalk` picks it as npm would — or,
 * where its engines refuse the container's Node, the highest they accept.
 * A package with prereleases only gets the highest of them.
 */
export function packuments(versions: StoreVersion[]): Map<string, Packument> {
  const byName = new Map<string, StoreVersion[]>();
  for (const v of versions) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  const out = new Map<string, Packument>();
  for (const name of [...byName.keys()].sort()) {
    const vs = byName.get(name)!.sort((a, b) => semver.compare(a.version, b.version));
    const releases = vs.filter((v) => semver.prerelease(v.version) === null);
    const latest = (releases.length ? releases : vs).at(-1)!.version;
    out.set(name, { name, 'dist-tags': { latest }, versions: Object.fromEntries(vs.map((v) => [v.version, v])) });
  }
  return out;
}

/** Moves the assembled store into place (a rename; a copy across filesystems). */
function install(tmp: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    renameSync(tmp, outDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EXDEV') { cpSync(tmp, outDir, { recursive: true }); rmSync(tmp, { recursive: true, force: true }); return; }
    // Another run put the same store there meanwhile.
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(join(outDir, STORE_INDEX))) { rmSync(tmp, { recursive: true, force: true }); return; }
    throw e;
  }
}

/**
 * Generates the store, or does nothing when the stamp says it is current.
 * @example await generateNpmStore({ lockPath: 'package-lock.json', outDir: 'public/npm-store', workDir: 'node_modules/.cache/npm-store' })
 */
export async function generateNpmStore(opts: GenerateOptions): Promise<GenerateResult> {
  const lock = JSON.parse(readFileSync(opts.lockPath, 'utf8')) as Lockfile;
  const entries = storeEntries(lock);
  const stamp = stampOf(entries);
  const stampPath = join(opts.workDir, 'stamp');
  const current = !opts.force && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp
    && existsSync(join(opts.outDir, STORE_INDEX)) && entries.every((e) => existsSync(join(opts.outDir, tarballPath(e.name, e.version))));
  if (current) return { skipped: true, packages: new Set(entries.map((e) => e.name)).size, versions: entries.length, bytes: 0, indexBytes: 0 };

  const cacheDir = opts.cacheDir ?? npmCacheDir();
  const tmp = join(opts.workDir, `assembling-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    let bytes = 0;
    const versions = await mapLimited(entries, 8, async (e) => {
      const tgz = await readFromCache(cacheDir, e);
      let v: StoreVersion;
      try {
        v = storeVersion(tgz, await readTarball(tgz), e.integrity);
      } catch (err) {
        throw new StoreBuildError(`npm-store: ${e.name}@${e.version}: ${(err as Error).message}`);
      }
      if (v.name !== e.name || v.version !== e.version) throw new StoreBuildError(`npm-store: the tarball of ${e.name}@${e.version} (${e.paths[0]}) holds ${v.name}@${v.version}`);
      const file = join(tmp, tarballPath(e.name, e.version));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, tgz);
      bytes += tgz.length;
      return v;
    });
    const docs = packuments(versions);
    const index = JSON.stringify(Object.fromEntries(docs));
    writeFileSync(join(tmp, STORE_INDEX), index);
    install(tmp, opts.outDir);
    writeFileSync(stampPath, stamp);
    return { skipped: false, packages: docs.size, versions: versions.length, bytes, indexBytes: Buffer.byteLength(index) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
