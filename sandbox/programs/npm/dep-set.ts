// Arborist's gather-dep-set and the checks built on it: the packages that
// only a given set (and what it depends on) needs — what goes when a
// package is replaced or deduplicated — and whether a new version can take
// an installed one's place.
import semver from 'semver';
import { edgesIn, satisfiesSpec, type Edge, type PkgNode } from './tree.ts';

/**
 * `set` and everything it depends on through edges `filter` accepts, less
 * any package that something outside the set (through such an edge) needs.
 */
export function gatherDepSet(set: Iterable<PkgNode>, filter: (e: Edge) => boolean, root: PkgNode): Set<PkgNode> {
  const deps = new Set(set);
  for (const node of deps) {
    for (const e of node.edgesOut.values()) {
      const to = e.to;
      if (to && filter(e)) deps.add(to);
    }
  }
  const into = edgesIn(root);
  for (let changed = true, i = 0; changed && deps.size > 0 && i < 10_000; i++) {
    changed = false;
    for (const dep of deps) {
      if ((into.get(dep) ?? []).some((e) => !deps.has(e.from) && filter(e))) {
        deps.delete(dep);
        changed = true;
      }
    }
  }
  return deps;
}

/** Whether `node` satisfies `edge` (its name and the spec's range). */
export function satisfiedBy(edge: Edge, node: PkgNode): boolean {
  return node.name === edge.name && satisfiesSpec(node.version, edge.spec);
}

/** Node.canReplaceWith: every package outside current's own dependency set that uses it accepts `dep`. */
export function canReplace(dep: PkgNode, current: PkgNode): boolean {
  if (dep.name !== current.name || (dep.pkg.name ?? dep.name) !== (current.pkg.name ?? current.name)) return false;
  const root = current.root;
  const own = gatherDepSet([current], (e) => e.to !== current && e.valid, root);
  return (edgesIn(root).get(current) ?? []).every((e) => own.has(e.from) || satisfiedBy(e, dep));
}

/** Node.matches: the same package at the same version. */
export function matches(a: PkgNode, b: PkgNode): boolean {
  return (a.pkg.name ?? a.name) === (b.pkg.name ?? b.name) && a.version === b.version && (!a.integrity || !b.integrity || a.integrity === b.integrity);
}

/** Node.canDedupe: a nested package whose users would be as well served by the copy two levels up (or that nothing uses). */
export function canDedupe(node: PkgNode, preferDedupe = false): boolean {
  const grand = node.parent?.parent;
  if (!node.parent || !grand) return false;
  if ((edgesIn(node.root).get(node) ?? []).length === 0) return true;
  const other = grand.resolve(node.name);
  if (!other) return false;
  if (matches(other, node)) return true;
  if (!canReplace(other, node)) return false;
  return preferDedupe || (semver.valid(other.version) !== null && semver.valid(node.version) !== null && semver.gte(other.version, node.version));
}

/** PlaceDep.pruneDedupable: removes `node` (and what only it needs) when it can be deduped, else looks at its children. */
export function pruneDedupable(node: PkgNode, descend = true): void {
  if (canDedupe(node)) {
    for (const dep of gatherDepSet([node], (e) => e.to !== node && e.valid, node.root)) dep.detach();
    return;
  }
  if (!descend) return;
  for (const child of [...node.children.values()].sort((a, b) => a.location.localeCompare(b.location, 'en'))) {
    if (child.parent === node) pruneDedupable(child);
  }
}
