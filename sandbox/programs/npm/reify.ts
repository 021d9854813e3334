// Making node_modules match the ideal tree (Arborist's reify): the diff
// against what is installed (a folder whose version or integrity changed is
// CHANGE, a new one ADD, one the ideal tree has not got REMOVE), then the
// removals, the tarballs fetched from the store (checked against their
// integrity, kept in npm's cache) and unpacked shallow-first, the bins
// linked, and the hidden lockfile written. Packages left out by --omit (or
// NODE_ENV=production) and optional ones for another platform are not
// installed, though package-lock.json still lists them.
import { mayAccess, W_OK, X_OK } from '../../kernel/vfs.ts';
import { linkBins, nodeDir, unlinkBins, type GlobalBins } from './bin-links.ts';
import { cacheWriter } from './cacache.ts';
import { fsError, NpmError } from './errors.ts';
import { platformOk } from './ideal.ts';
import { normalizeBin } from './normalize-bin.ts';
import { checkIntegrity, integrityOf } from './integrity.ts';
import { lockText } from './lockfile.ts';
import { tarballUrl } from './store-layout.ts';
import type { Session } from './session.ts';
import { inventory, type PkgNode } from './tree.ts';
import { unpackTarball } from './unpack.ts';

export interface ReifyOptions {
  omit: ReadonlySet<string>;
  dryRun?: boolean;
  /** Write package-lock.json (not for `--no-save`, `--no-package-lock` or `npm ci`). */
  writeLock: boolean;
  binLinks?: boolean;
  lockFormat?: { indent: string; newline: string };
  /** A global install: top-level packages' bins go here instead of node_modules/.bin. */
  globalBins?: GlobalBins;
}

export interface ReifyResult {
  added: number;
  removed: number;
  changed: number;
}

/** Whether a node of the ideal tree gets installed (Arborist's omit rules, and optional deps for another platform). */
export function installable(n: PkgNode, omit: ReadonlySet<string>): boolean {
  for (let x: PkgNode | null = n; x && !x.isRoot; x = x.parent) {
    if ((omit.has('dev') && x.dev) || (omit.has('optional') && x.optional) || (omit.has('peer') && x.peer)) return false;
    if (omit.has('dev') && omit.has('optional') && x.devOptional) return false;
    if (x.optional && !platformOk(x.pkg)) return false;
  }
  return true;
}

/** Refuses, as the OS would refuse npm, to create entries in a folder the user may not write. */
function assertWritable(s: Session, dir: string, syscall: string, path: string): void {
  try {
    const st = s.p.fs.statSync(dir);
    if (!mayAccess(st, s.p.task.creds, W_OK | X_OK)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
  } catch (e) {
    if ((e as { code?: string }).code === 'EACCES') throw fsError(e, syscall, path);
  }
}

export async function reify(s: Session, ideal: PkgNode, actual: PkgNode, opts: ReifyOptions): Promise<ReifyResult> {
  const fs = s.p.fs;
  const prefix = s.prefix;
  const base = prefix === '/' ? '' : prefix;
  const creds = { uid: s.uid, gid: s.gid };
  const binsFor = (n: PkgNode): GlobalBins | null => (opts.globalBins && n.parent?.isRoot ? opts.globalBins : null);
  const want = new Map(inventory(ideal).filter((n) => installable(n, opts.omit)).map((n) => [n.location, n]));
  const have = new Map(inventory(actual).map((n) => [n.location, n]));
  for (const n of want.values()) await fillDist(s, n);
  const adds: PkgNode[] = [];
  const changes: PkgNode[] = [];
  for (const [loc, n] of want) {
    const a = have.get(loc);
    if (!a) adds.push(n);
    else if (a.version !== n.version || (a.integrity && n.integrity && a.integrity !== n.integrity)) changes.push(n);
  }
  const removes = [...have.entries()].filter(([loc]) => !want.has(loc)).map(([, n]) => n);
  const result = { added: adds.length, removed: removes.length, changed: changes.length };
  s.log(`silly reify diff added ${result.added} removed ${result.removed} changed ${result.changed}`);
  if (opts.dryRun) return result;

  const nm = `${base}/node_modules`;
  if (adds.length + changes.length > 0 && !fs.existsSync(nm)) {
    assertWritable(s, prefix, 'mkdir', nm);
    mkdir(s, nm);
  } else if (adds.length + changes.length + removes.length > 0) assertWritable(s, nm, 'mkdir', `${nm}/${[...adds, ...removes][0]?.name ?? ''}`);

  try {
    for (const n of removes.sort((a, b) => b.depth - a.depth)) {
      unlinkBins(fs, prefix, n, binsFor(n));
      fs.rmSync(nodeDir(prefix, n), { recursive: true, force: true });
      s.log(`silly REMOVE ${n.location}`);
    }
    const cache = cacheWriter(fs, s.cacheDir, creds, () => Date.now());
    const todo = [...changes, ...adds].sort((a, b) => a.depth - b.depth || a.location.localeCompare(b.location, 'en'));
    // Fetch a few ahead while unpacking: the store may be reading from disk or the network.
    const fetches = new Map<PkgNode, Promise<Uint8Array>>();
    const fetchOf = (n: PkgNode): Promise<Uint8Array> => {
      let f = fetches.get(n);
      if (!f) { f = s.registry.tarball(n.pkg.name ?? n.name, n.version); f.catch(() => {}); fetches.set(n, f); }
      return f;
    };
    for (let i = 0; i < todo.length; i++) {
      for (let j = i; j < Math.min(todo.length, i + 8); j++) fetchOf(todo[j]!);
      const n = todo[i]!;
      const tgz = await s.p.wait(fetchOf(n));
      fetches.delete(n);
      const url = n.resolved ?? tarballUrl(s.registry.url, n.pkg.name ?? n.name, n.version);
      if (n.integrity) checkIntegrity(tgz, n.integrity);
      const integrity = n.integrity ?? integrityOf(tgz);
      cache.put(url, tgz, integrity, 'application/octet-stream');
      const dir = nodeDir(prefix, n);
      if (changes.includes(n)) {
        const old = have.get(n.location);
        if (old) unlinkBins(fs, prefix, old, binsFor(n));
        for (const entry of safeReaddir(s, dir)) if (entry !== 'node_modules') fs.rmSync(`${dir}/${entry}`, { recursive: true, force: true });
      }
      mkdir(s, dir);
      const bins = new Set(Object.values(normalizeBin({ name: n.pkg.name ?? n.name, bin: n.pkg.bin }) ?? {}));
      const { files } = await unpackTarball(fs, dir, tgz, { uid: s.uid, gid: s.gid, bins });
      s.log(`silly ${changes.includes(n) ? 'CHANGE' : 'ADD'} ${n.location} (${files} files)`);
      const t = s.p.tick();
      if (t) await t;
    }
    if (opts.binLinks !== false) for (const n of todo) linkBins(fs, prefix, n, creds, binsFor(n));
    // The registry documents npm fetched go in its cache too (make-fetch-happen keys them by URL).
    const enc = new TextEncoder();
    for (const [name, doc] of s.registry.fetched) {
      const body = enc.encode(JSON.stringify(doc));
      cache.put(`${s.registry.url}${name.replace('/', '%2f')}`, body, integrityOf(body), 'application/json');
    }
    if (fs.existsSync(nm)) {
      const text = lockText(ideal, { hidden: true, folderName: base.split('/').pop(), include: (n) => want.has(n.location), indent: opts.lockFormat?.indent, newline: opts.lockFormat?.newline });
      fs.writeFileSync(`${nm}/.package-lock.json`, text, { mode: 0o644, uid: s.uid, gid: s.gid });
    }
    if (opts.writeLock) {
      const lock = `${base}/package-lock.json`;
      if (!fs.existsSync(lock)) assertWritable(s, prefix, 'open', lock);
      fs.writeFileSync(lock, lockText(ideal, { folderName: base.split('/').pop(), indent: opts.lockFormat?.indent, newline: opts.lockFormat?.newline }),
        fs.existsSync(lock) ? {} : { mode: 0o644, uid: s.uid, gid: s.gid });
    }
  } catch (e) {
    if (e instanceof NpmError || !(e as { code?: string }).code) throw e;
    const err = e as { code: string; syscall?: string; path?: string };
    throw fsError(e, err.syscall ?? 'open', err.path ?? nm);
  }
  return result;
}

function mkdir(s: Session, dir: string): void {
  if (!s.p.fs.existsSync(dir)) s.p.fs.mkdirSync(dir, { recursive: true, mode: 0o755, uid: s.uid, gid: s.gid });
}

function safeReaddir(s: Session, dir: string): string[] {
  try { return s.p.fs.readdirSync(dir); } catch { return []; }
}

/** Gives a node without `resolved`/`integrity` (read from node_modules alone) the registry's, when the store has that version. */
async function fillDist(s: Session, n: PkgNode): Promise<void> {
  if (n.resolved && n.integrity) return;
  const doc = await s.registry.packument(n.pkg.name ?? n.name).catch(() => null);
  const v = doc?.versions[n.version];
  if (!v) return;
  n.resolved ??= v.dist.tarball;
  n.integrity ??= v.dist.integrity;
}
