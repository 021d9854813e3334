// Which packages the offline npm store holds: every package of the trees
// that package-lock.json installs under `node_modules/npm-store-*` (aliased
// devDependencies), found the way Node resolves a dependency over the
// lockfile's paths — the dependent's own node_modules first, then each
// enclosing node_modules up to the root's. A dependency the lock must have
// and lacks is an error (the lock is broken); an optional dependency or a
// peer the lock does not list (another platform's binary, an optional peer)
// is skipped, as npm skips it. Bundled packages come inside their parent's
// tarball and are not store entries of their own.

/** One entry of package-lock.json's `packages` (lockfileVersion 2 and 3). */
export interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  resolved?: string;
  link?: boolean;
  inBundle?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

/** A package the store holds: one name@version, with the lock paths it was found at. */
export interface StoreEntry {
  name: string;
  version: string;
  /** The tarball's subresource integrity (`sha512-…`), as npm checked it. */
  integrity: string;
  paths: string[];
}

export class LockWalkError extends Error {
  override name = 'LockWalkError';
}

/** The prefix of the aliased devDependencies whose trees make the store. */
export const STORE_PREFIX = 'npm-store-';

/** The package name a lock path installs (`node_modules/a/node_modules/@s/b` → `@s/b`). */
export function nameAtPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return path.slice(i + 'node_modules/'.length);
}

/** The lock path whose node_modules holds `path` (`node_modules/a/node_modules/b` → `node_modules/a`; top level → ''). */
function enclosing(path: string): string {
  const i = path.lastIndexOf('/node_modules/');
  return i === -1 ? '' : path.slice(0, i);
}

/**
 * Where `dep`, required from the package at `from`, resolves in the lock
 * (Node's lookup: `from/node_modules/dep`, then up), or null.
 * @example resolveInLock(packages, 'node_modules/a', 'ms') // 'node_modules/a/node_modules/ms' or 'node_modules/ms'
 */
export function resolveInLock(packages: Record<string, LockEntry>, from: string, dep: string): string | null {
  let base = from;
  for (let depth = 0; depth < 10_000; depth++) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (Object.hasOwn(packages, candidate)) return candidate;
    if (!base) return null;
    base = enclosing(base);
  }
  return null;
}

/**
 * The store's packages: the trees of the lock's `node_modules/npm-store-*`
 * entries, one entry per name@version, sorted by name then version.
 */
export function storeEntries(lock: Lockfile, prefix = STORE_PREFIX): StoreEntry[] {
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object') throw new LockWalkError('package-lock.json has no "packages" (lockfileVersion 2 or 3 is needed: run `npm install` with npm 7 or later)');
  const roots = Object.keys(packages).filter((p) => p.startsWith(`node_modules/${prefix}`) && !p.slice('node_modules/'.length).includes('/'));
  if (roots.length === 0) throw new LockWalkError(`package-lock.json has no node_modules/${prefix}* packages`);
  const byId = new Map<string, StoreEntry>();
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path]!;
    if (entry.inBundle) continue;
    if (entry.link) throw new LockWalkError(`package-lock.json: ${path} is a link (${entry.resolved ?? '?'}): the store holds registry packages only`);
    const name = entry.name ?? nameAtPath(path);
    if (!entry.version || !entry.integrity) throw new LockWalkError(`package-lock.json: ${path} has no ${entry.version ? 'integrity' : 'version'}: the store holds registry packages only`);
    const id = `${name}@${entry.version}`;
    const known = byId.get(id);
    if (known && known.integrity !== entry.integrity) throw new LockWalkError(`package-lock.json: ${id} has two integrities (${known.paths[0]} and ${path})`);
    if (known) known.paths.push(path);
    else byId.set(id, { name, version: entry.version, integrity: entry.integrity, paths: [path] });
    const follow = (deps: Record<string, string> | undefined, required: (dep: string) => boolean): void => {
      for (const dep of Object.keys(deps ?? {})) {
        const at = resolveInLock(packages, path, dep);
        if (at) queue.push(at);
        else if (required(dep)) throw new LockWalkError(`package-lock.json: ${path} depends on ${dep}, which the lock does not have: run \`npm install\` to repair the lock`);
      }
    };
    follow(entry.dependencies, () => true);
    follow(entry.optionalDependencies, () => false);
    follow(entry.peerDependencies, () => false);
  }
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}
