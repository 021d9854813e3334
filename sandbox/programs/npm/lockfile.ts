// package-lock.json (v3) and npm's hidden lockfile node_modules/.package-lock.json,
// read into a tree and written from one as Arborist's Shrinkwrap does: a
// `packages` entry per folder keyed by its location ("" for the project),
// holding version, resolved, integrity, the package's own metadata
// (dependencies, engines, bin, license, funding, …) and the dev / optional /
// devOptional / peer flags; keys ordered as json-stringify-nice orders them
// (npm's preferred keys first, then scalars before objects, each
// alphabetically). The hidden lockfile has no "" entry.
import { normalizeBin } from './normalize-bin.ts';
import { inventory, PkgNode, type Manifest } from './tree.ts';

export const LOCK_KEY_ORDER = ['name', 'version', 'lockfileVersion', 'resolved', 'integrity', 'requires', 'packages', 'dependencies'];

/** The package fields a lock entry keeps, in npm's order (pkgMetaKeys). */
const META_KEYS = ['version', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'optionalDependencies', 'bundleDependencies',
  'acceptDependencies', 'funding', 'engines', 'os', 'cpu', 'license', 'hasInstallScript', 'bin', 'deprecated', 'workspaces'] as const;

export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  name?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

export interface LockData {
  name?: string;
  version?: string;
  lockfileVersion?: number;
  requires?: boolean;
  packages?: Record<string, LockEntry>;
  dependencies?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON as json-stringify-nice writes it: in every object, scalars (and arrays) before objects, `prefKeys` first, then by localeCompare('en'). */
export function stringifyNice(value: unknown, prefKeys: string[] = LOCK_KEY_ORDER, indent: number | string = 2): string {
  const rank = (k: string): number => { const i = prefKeys.indexOf(k); return i < 0 ? Infinity : i; };
  const sortObj = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).sort(([ak, av], [bk, bv]) => {
    if (isObj(av) !== isObj(bv)) return isObj(av) ? 1 : -1;
    const ra = rank(ak);
    const rb = rank(bk);
    if (ra !== rb) return ra < rb ? -1 : 1;
    return ra === Infinity ? ak.localeCompare(bk, 'en') : 0;
  }));
  return JSON.stringify(value, (_k, v: unknown) => (isObj(v) ? sortObj(v) : v), indent) + (indent ? '\n' : '');
}

/** A node's lock entry (Shrinkwrap.metaFromNode). */
export function lockEntry(node: PkgNode): LockEntry {
  const meta: LockEntry = {};
  const pkg = node.pkg;
  for (const key of META_KEYS) {
    let val: unknown = key === 'hasInstallScript' ? hasInstallScript(pkg) : pkg[key];
    if (key === 'license' && isObj(val) && typeof val.type === 'string') val = val.type;
    if (key === 'bin' && val) val = normalizeBin({ name: pkg.name ?? node.name, bin: val });
    if (key === 'funding' && typeof val === 'string') val = { url: val }; // read-package-json-fast's normalisation
    if (!val || (typeof val === 'object' && Object.keys(val).length === 0)) continue;
    (meta as Record<string, unknown>)[key] = val;
  }
  if (pkg.name && (node.isRoot || pkg.name !== node.name)) meta.name = pkg.name;
  if (node.isRoot && pkg.devDependencies) meta.devDependencies = pkg.devDependencies;
  if (node.integrity) meta.integrity = node.integrity;
  if (node.resolved) meta.resolved = node.resolved;
  if (node.isRoot) return meta;
  if (node.extraneous) meta.extraneous = true;
  else {
    if (node.peer) meta.peer = true;
    if (node.dev) meta.dev = true;
    if (node.optional) meta.optional = true;
    if (node.devOptional && !node.dev && !node.optional) meta.devOptional = true;
  }
  return meta;
}

function hasInstallScript(pkg: Manifest): boolean {
  const s = pkg.scripts ?? {};
  return !!(pkg.hasInstallScript || s.install || s.preinstall || s.postinstall);
}

/** package-lock.json's text for a tree (hidden: node_modules/.package-lock.json's, without the root entry). */
export function lockText(root: PkgNode, opts: { hidden?: boolean; folderName?: string; include?: (n: PkgNode) => boolean; indent?: string; newline?: string } = {}): string {
  const packages: Record<string, LockEntry> = {};
  if (!opts.hidden) packages[''] = lockEntry(root);
  for (const n of inventory(root)) if (!opts.include || opts.include(n)) packages[n.location] = lockEntry(n);
  const data: LockData = {
    name: root.pkg.name ?? opts.folderName,
    ...(root.pkg.version ? { version: root.pkg.version } : {}),
    lockfileVersion: 3,
    requires: true,
    packages,
  };
  const text = stringifyNice(data, LOCK_KEY_ORDER, opts.indent ?? 2);
  return opts.newline !== undefined && opts.newline !== '\n' ? text.replace(/\n/g, opts.newline) : text;
}

/** The folder names along a lock location: `node_modules/a/node_modules/@s/b` → ['a', '@s/b']. */
export function locationNames(location: string): string[] | null {
  if (!location.startsWith('node_modules/')) return null;
  const names = location.slice('node_modules/'.length).split('/node_modules/');
  return names.every((n) => /^(@[^/]+\/)?[^/@][^/]*$/.test(n)) ? names : null;
}

/**
 * The tree a lock describes, under `root` (the project, from package.json).
 * Entries that are links, unversioned or at impossible locations are left out.
 */
export function treeFromLock(root: PkgNode, data: LockData): PkgNode {
  const entries = Object.entries(data.packages ?? {})
    .filter(([loc, e]) => loc !== '' && isObj(e) && typeof e.version === 'string' && !e.link && locationNames(loc))
    .sort(([a], [b]) => a.split('/node_modules/').length - b.split('/node_modules/').length);
  const byLoc = new Map<string, PkgNode>([['', root]]);
  for (const [loc, e] of entries.slice(0, 100_000)) {
    const names = locationNames(loc)!;
    const name = names[names.length - 1]!;
    const parentLoc = names.length === 1 ? '' : loc.slice(0, loc.lastIndexOf('/node_modules/'));
    const parent = byLoc.get(parentLoc);
    if (!parent) continue;
    const pkg: Manifest = { name: typeof e.name === 'string' ? e.name : name };
    for (const key of META_KEYS) if (e[key] !== undefined) (pkg as Record<string, unknown>)[key] = e[key];
    const node = new PkgNode(name, pkg, typeof e.resolved === 'string' ? e.resolved : null, typeof e.integrity === 'string' ? e.integrity : null);
    node.dev = !!e.dev;
    node.optional = !!e.optional;
    node.devOptional = !!e.devOptional || node.dev || node.optional;
    node.peer = !!e.peer;
    parent.adopt(node);
    byLoc.set(loc, node);
  }
  return root;
}

/** Parses lock text; null when it is not JSON or has no `packages` (npm 6's v1 locks). */
export function parseLock(text: string): LockData | null {
  try {
    const data = JSON.parse(text) as unknown;
    if (!isObj(data) || !isObj(data.packages)) return null;
    return data as LockData;
  } catch {
    return null;
  }
}
