// The registry side of resolution: packuments from the offline store (each
// fetched once per run), and npm-pick-manifest's choice of a version for a
// spec — the `latest` dist-tag when it satisfies the range (and is neither
// deprecated nor for another Node), else the highest satisfying version,
// preferring ones whose engines accept this Node and that are not
// deprecated. What the store lacks fails as npm does offline (ENOTCACHED for
// a package, ETARGET for a version), with a line on what the playground's
// store holds.
import semver from 'semver';
import { NpmError, type ErrorEntry } from './errors.ts';
import type { RegistrySpec } from './spec.ts';
import { packageStore, type Packument, type PackageStore, type StoreVersion } from './store.ts';
import { tarballUrl } from './store-layout.ts';

/** Packages the tutorials use: the ones of them the store has are named in the offline hint. */
const WELL_KNOWN = ['express', 'lodash', 'dayjs', 'uuid', 'chalk', 'dotenv', 'cors', 'morgan', 'nanoid', 'mocha', 'nodemon', 'axios', 'jest', 'react', 'typescript'];

export class Registry {
  private readonly docs = new Map<string, Promise<Packument | null>>();
  /** Packuments fetched so far (what npm's cache keeps of a run). */
  readonly fetched = new Map<string, Packument>();
  private known: Promise<string[]> | null = null;

  constructor(
    readonly store: PackageStore | null = packageStore(),
    readonly nodeVersion = '22.14.0',
    readonly url = 'https://registry.npmjs.org/',
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** The packument, or null when the store has no such package. */
  packument(name: string): Promise<Packument | null> {
    let doc = this.docs.get(name);
    if (!doc) {
      this.log(`silly packumentCache full:${this.url}${name} cache-miss`);
      const store = this.store;
      doc = store ? store.packument(name).then((d) => { if (d) this.fetched.set(name, d); return d; }, (e: Error) => { throw storeBroken(e); }) : Promise.resolve(null);
      this.docs.set(name, doc);
    }
    return doc;
  }

  /** The version of `spec.name` npm would pick for `spec`; throws npm's offline errors. */
  async manifest(spec: RegistrySpec | { name: string; fetchSpec: string; raw: string }): Promise<StoreVersion> {
    this.log(`silly fetch manifest ${spec.name}@${spec.fetchSpec}`);
    const doc = await this.packument(spec.name);
    if (!doc) throw await this.notCached(`${this.url}${spec.name}`, spec.name);
    const picked = pickManifest(doc, spec.fetchSpec, this.nodeVersion);
    if (!picked) {
      const have = Object.keys(doc.versions).sort(semver.compare);
      throw new NpmError('ETARGET', [['notarget', `No matching version found for ${spec.name}@${spec.fetchSpec}.`]], [
        ['notarget', "In most cases you or one of your dependencies are requesting\na package version that doesn't exist."],
        ...this.offlineHint(`It has ${spec.name} ${have.join(', ')} only.`),
      ]);
    }
    return picked;
  }

  /** The .tgz of name@version; ENOTCACHED when the store has not got that version. */
  async tarball(name: string, version: string): Promise<Uint8Array> {
    const doc = await this.packument(name);
    if (!doc || !this.store || !Object.hasOwn(doc.versions, version)) throw await this.notCached(doc?.versions[version]?.dist.tarball ?? tarballUrl(this.url, name, version), name);
    return this.store.tarball(name, version).catch((e: Error) => { throw storeBroken(e); });
  }

  /** npm's offline error for a request the cache cannot answer, and what the playground's store has instead. */
  async notCached(url: string, name: string): Promise<NpmError> {
    const known = await this.knownPackages();
    const close = known.find((k) => k.toLowerCase() === name.toLowerCase() && k !== name);
    const hint = `It has ${known.length ? `${known.join(', ')} and their dependencies` : 'no such package'}${close ? ` (did you mean ${close}?)` : ''}.`;
    return new NpmError('ENOTCACHED', [['', `request to ${url} failed: cache mode is 'only-if-cached' but no cached response is available.`]],
      this.offlineHint(hint));
  }

  /** The playground's own lines after npm's: why npm is offline, and what the store has. */
  private offlineHint(what: string): ErrorEntry[] {
    if (!this.store) return [['', ''], ['', wrap('The playground is offline, and this one has no package store: npm cannot install anything here.')]];
    return [['', ''], ['', wrap(`The playground is offline: npm installs from its built-in package store, a fixed set of real packages. ${what}`)]];
  }

  /** The well-known packages the store holds (asked once). */
  private knownPackages(): Promise<string[]> {
    this.known ??= (async () => {
      const out: string[] = [];
      for (const name of WELL_KNOWN) if (await this.packument(name).catch(() => null)) out.push(name);
      return out;
    })();
    return this.known;
  }
}

/** Words to lines of at most 80 characters. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > 80) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

function storeBroken(e: Error): NpmError {
  return new NpmError('ENOTCACHED', [['', `the playground's package store cannot be read: ${e.message}`]]);
}

/** Whether a manifest's `engines` accept this Node and npm (npm-install-checks' checkEngine). */
export function engineOk(m: StoreVersion, nodeVersion: string, npmVersion = '10.9.2'): boolean {
  const node = m.engines?.node;
  const npm = m.engines?.npm;
  if (node && !semver.satisfies(nodeVersion, node, { includePrerelease: true })) return false;
  if (npm && !semver.satisfies(npmVersion, npm, { includePrerelease: true })) return false;
  return true;
}

/**
 * npm-pick-manifest for tag, version and range specs (the store has no staged or restricted versions).
 * @example pickManifest(lodashDoc, '^4.17.0', '22.14.0')?.version // '4.18.1'
 */
export function pickManifest(doc: Packument, wanted: string, nodeVersion: string): StoreVersion | null {
  const spec = wanted.trim() === '' ? '*' : wanted.trim();
  const versions = doc.versions;
  const tags = doc['dist-tags'] ?? {};
  if (semver.validRange(spec, true) === null) {
    const v = tags[spec];
    return v !== undefined ? versions[v] ?? null : null;
  }
  const exact = semver.valid(spec, true);
  if (exact) return versions[semver.clean(spec, true) ?? exact] ?? null;
  const latest = tags.latest;
  if (latest && (spec === '*' || semver.satisfies(latest, spec, true))) {
    const m = versions[latest];
    if (m && engineOk(m, nodeVersion) && !m.deprecated) return m;
  }
  const candidates = Object.entries(versions).filter(([v]) => semver.satisfies(v, spec, true));
  candidates.sort(([va, a], [vb, b]) => {
    const ea = engineOk(a, nodeVersion);
    const eb = engineOk(b, nodeVersion);
    const da = !a.deprecated;
    const db = !b.deprecated;
    return (Number(db && eb) - Number(da && ea)) || (Number(eb) - Number(ea)) || (Number(db) - Number(da)) || semver.rcompare(va, vb, true);
  });
  return candidates[0]?.[1] ?? null;
}
