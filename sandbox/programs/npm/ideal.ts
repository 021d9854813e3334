// Building the ideal tree (Arborist's buildIdealTree): start from what the
// lock file (or, without one, node_modules) says, then walk a queue of
// packages — shallowest first, then by location — and for each dependency
// that is missing or does not accept the version it resolves to (and for
// what the user asked to install), pick a version from the registry and
// place it (place.ts). Packages nothing depends on any more are pruned, and
// each node's dev/optional/peer flags are worked out (dep-flags.ts).
import { calcDepFlags } from './dep-flags.ts';
import { NpmError } from './errors.ts';
import { engineOk, type Registry } from './packuments.ts';
import { normalizeBin } from './normalize-bin.ts';
import { placeDep } from './place.ts';
import { specType } from './spec.ts';
import type { StoreVersion } from './store.ts';
import { aliasOf, inventory, PkgNode, type Edge, type Manifest } from './tree.ts';

export interface IdealOptions {
  registry: Registry;
  /** Root dependencies to resolve afresh even when the tree satisfies them (`npm install <pkg>`). */
  explicit?: ReadonlySet<string>;
  log?: (line: string) => void;
  /** `npm warn …` lines (deprecations). */
  warn?: (title: string, text: string) => void;
  /** Gives the CPU back between packages. */
  tick?: () => Promise<void> | undefined;
  /** Place dependencies inside the top-level package that needs them (global installs). */
  shallow?: boolean;
  /**
   * Whether the starting tree came from a lock file (package-lock.json or
   * node_modules/.package-lock.json). Only then does npm prune what nothing
   * needs once the tree changed: a tree built from nothing keeps the
   * packages a replacement orphaned, marked extraneous (Arborist's
   * #fixDepFlags), and so does this.
   */
  fromDisk?: boolean;
  /** package.json's dependencies were changed by the command (install <pkg>, uninstall). */
  mutated?: boolean;
  /** The flags did not come from a lock file (the tree was read from node_modules): prune even if nothing changed. */
  suspect?: boolean;
}

/** The limits on a tree built from user input. */
const MAX_STEPS = 50_000;
const MAX_DEPTH = 64;

/** A tree node for a registry version (npm-normalize-package-bin'd). */
export function nodeFromManifest(m: StoreVersion | Manifest & { dist?: StoreVersion['dist'] }, name = m.name ?? ''): PkgNode {
  const { dist, ...rest } = m as StoreVersion;
  const pkg: Manifest = { ...rest, bin: normalizeBin({ name: m.name ?? name, bin: m.bin }) };
  if (!pkg.bin) delete pkg.bin;
  return new PkgNode(name, pkg, dist?.tarball ?? null, dist?.integrity ?? null);
}

const platformOk = (m: { os?: string[]; cpu?: string[] }): boolean => listOk(m.os, 'linux') && listOk(m.cpu, 'x64');
function listOk(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true;
  const allowed = list.filter((x) => !x.startsWith('!'));
  if (list.includes(`!${value}`)) return false;
  return allowed.length === 0 || allowed.includes(value);
}

/** Resolves every problem edge of `root`'s tree in place. Throws npm's registry errors (E404/ENOTCACHED/ETARGET). */
export async function buildIdealTree(root: PkgNode, opts: IdealOptions): Promise<void> {
  const explicit = opts.explicit ?? new Set<string>();
  const log = opts.log ?? (() => {});
  log('silly idealTree buildDeps');
  const queue: PkgNode[] = [root, ...inventory(root).filter((n) => [...n.edgesOut.values()].some((e) => e.problem))];
  const failedOptional = new Set<Edge>();
  let mutated = opts.mutated ?? false;
  for (let steps = 0; queue.length > 0; steps++) {
    if (steps > MAX_STEPS) throw new NpmError('ETOOMANY', [['', 'The dependency tree is too large for the playground.']]);
    queue.sort((a, b) => a.depth - b.depth || a.location.localeCompare(b.location, 'en'));
    const node = queue.shift()!;
    if (node !== root && node.root !== root) continue; // pruned meanwhile
    const edges = [...node.edgesOut.values()]
      .filter((e) => (e.problem || (node === root && explicit.has(e.name))) && !failedOptional.has(e))
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    for (const edge of edges) {
      const t = opts.tick?.();
      if (t) await t;
      if (specType(edge.spec) === null) {
        if (edge.optional) { failedOptional.add(edge); continue; }
        throw new NpmError('EUNSUPPORTEDPROTOCOL', [['', `Unsupported dependency spec: "${edge.name}@${edge.spec}" (needed by ${node.isRoot ? 'the project' : node.id})`]],
          [['', 'The playground is offline: npm installs only registry packages from its built-in package store.']]);
      }
      let manifest: StoreVersion;
      try {
        const alias = aliasOf(edge.spec);
        manifest = await opts.registry.manifest(alias
          ? { name: alias.name, fetchSpec: alias.range, raw: `${edge.name}@${edge.spec}` }
          : { name: edge.name, fetchSpec: edge.spec.trim() || '*', raw: `${edge.name}@${edge.spec}` });
      } catch (e) {
        if (edge.optional) { failedOptional.add(edge); continue; }
        throw e;
      }
      // An optional package for another platform stays in the tree (and the lock) but is not installed (reify.ts).
      if (!platformOk(manifest) && !edge.optional) {
        throw new NpmError('EBADPLATFORM', [['notsup', `Unsupported platform for ${manifest.name}@${manifest.version}: wanted {"os":"${(manifest.os ?? []).join(',')}","cpu":"${(manifest.cpu ?? []).join(',')}"} (current: {"os":"linux","cpu":"x64"})`]]);
      }
      const dep = nodeFromManifest(manifest, edge.name);
      const placed = placeDep(dep, edge, node === root && explicit.has(edge.name), opts.shallow);
      if (!placed) {
        // A peer that fits nowhere: npm warns and leaves the dependent as it is, unless the project itself asked for it.
        if (edge.peer && !node.isRoot) { opts.warn?.('ERESOLVE', `overriding peer dependency ${dep.id} wanted by ${node.id}`); continue; }
        throw new NpmError('ERESOLVE', [['ERESOLVE', `unable to resolve dependency tree for ${dep.id} (needed by ${node.isRoot ? 'the project' : node.id})`]]);
      }
      log(`silly placeDep ${placed.target.location || 'ROOT'} ${dep.id} ${placed.how} for: ${node.isRoot ? node.pkg.name ?? '' : node.id} want: ${edge.spec || '*'}`);
      if (placed.how === 'KEEP') continue;
      mutated = true;
      if (manifest.deprecated) opts.warn?.('deprecated', `${dep.id}: ${manifest.deprecated}`);
      if (dep.depth > MAX_DEPTH) throw new NpmError('ELOOP', [['', `Dependency nesting is deeper than ${MAX_DEPTH} levels at ${dep.location}`]]);
      queue.push(dep);
      // Packages below the new one that now resolve its name to a version they do not accept go (back) in the queue.
      for (const n of inventory(placed.target)) if (n.edgesOut.get(edge.name)?.problem && !queue.includes(n)) queue.push(n);
    }
  }
  if (opts.fromDisk && (mutated || opts.suspect)) pruneExtraneous(root);
  calcDepFlags(root);
}

/** Takes out what no edge from the root reaches (Arborist's idealTreePrune). */
export function pruneExtraneous(root: PkgNode): void {
  const reached = new Set<PkgNode>([root]);
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const e of n.edgesOut.values()) {
      const to = e.to;
      if (to && !reached.has(to)) { reached.add(to); stack.push(to); }
    }
  }
  for (const n of inventory(root)) if (!reached.has(n)) n.detach();
}

export { engineOk, platformOk };
