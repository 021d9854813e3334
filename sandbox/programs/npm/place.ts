// Where a dependency goes in node_modules: Arborist's PlaceDep and
// CanPlaceDep for npm's default (hoisted) strategy, without peer sets.
// Starting at the package that needs it, each ancestor is tried in turn, up
// to the project root; the dep goes at the shallowest one reached before a
// conflict — a different version already there that cannot be replaced, or
// a package below that would start to resolve this version and does not
// accept it. So the tree is flat, and nested only on conflict. Peer
// dependencies are placed beside their dependent, never inside it.
import semver from 'semver';
import { canReplace, gatherDepSet, pruneDedupable } from './dep-set.ts';
import { edgesIn, inventory, satisfiesSpec, type Edge, type PkgNode } from './tree.ts';

export type CanPlace = 'OK' | 'KEEP' | 'REPLACE' | 'CONFLICT';

export interface Placed {
  how: Exclude<CanPlace, 'CONFLICT'>;
  target: PkgNode;
}

/** The deepest node that may hold `name` for `start`: start itself, unless it has a peer dep on it (then above it). */
export function deepestNestingTarget(start: PkgNode, name: string): PkgNode {
  for (const target of start.ancestry()) {
    if (target.isRoot || !target.parent) return target;
    const e = target.edgesOut.get(name);
    if (!e || !e.peer) return target;
  }
  return start.root;
}

/** Can `dep` go in `target`'s node_modules to satisfy `edge`? (CanPlaceDep.checkCanPlace) */
export function canPlace(dep: PkgNode, target: PkgNode, edge: Edge, explicit: boolean): CanPlace {
  const name = edge.name;
  const current = target.children.get(name);
  const targetEdge = target.edgesOut.get(name);
  if (targetEdge?.peer && !target.isRoot) return 'CONFLICT';
  if (!current && targetEdge && targetEdge !== edge && !satisfiesSpec(dep.version, targetEdge.spec)) return 'CONFLICT';
  if (current) {
    if (current.version === dep.version && satisfiesSpec(current.version, edge.spec)) return 'KEEP';
    const tryReplace = semver.valid(dep.version) && semver.valid(current.version) && semver.gte(dep.version, current.version);
    if (tryReplace && canReplace(dep, current)) return 'REPLACE';
    if (satisfiesSpec(current.version, edge.spec) && !explicit) return 'KEEP';
    if (target !== deepestNestingTarget(edge.from, name)) return 'CONFLICT';
    return !edge.peer && target === edge.from ? 'REPLACE' : 'CONFLICT';
  }
  // Nothing of that name here: would placing it change what a package below resolves, to a version it does not accept?
  // (Not asked where the dependent itself is: there it must go; what it shadows is re-resolved afterwards.)
  const shadowed = target !== edge.from && target.parent?.resolve(name);
  if (shadowed) {
    for (const e of edgesIn(edge.from.root).get(shadowed) ?? []) {
      if ((e.from === target || e.from.isDescendantOf(target)) && e.valid && !satisfiesSpec(dep.version, e.spec)) return 'CONFLICT';
    }
  }
  return 'OK';
}

/**
 * Finds the place for `dep` (a node not yet in the tree) to satisfy `edge`
 * and puts it there. Returns where and how, or null when every place
 * conflicts (npm's ERESOLVE territory, which a tree without peer sets does
 * not reach: the package's own node_modules always takes it). `shallow`
 * keeps what a top-level package needs inside it (global installs).
 */
export function placeDep(dep: PkgNode, edge: Edge, explicit: boolean, shallow = false): Placed | null {
  let found: Placed | null = null;
  const start = deepestNestingTarget(edge.from, edge.name);
  for (const target of start.ancestry()) {
    const te = target.edgesOut.get(edge.name);
    if (!target.isRoot && te?.peer) continue;
    const how = canPlace(dep, target, edge, explicit);
    if (how === 'CONFLICT') break;
    found = { how, target };
    // --global installs each package with its dependencies inside it (Arborist's `shallow` strategy).
    if (shallow && target.parent?.isRoot) break;
  }
  if (!found) return null;
  const { how, target } = found;
  if (how === 'KEEP') {
    // An update may have left a now needless duplicate below (PlaceDep's KEEP case).
    pruneDedupable(target);
    return found;
  }
  const old = target.children.get(dep.name);
  if (old) replaceOldDep(dep, old);
  else target.adopt(dep);
  const to = edge.to;
  if (edge.valid && to && to !== dep) pruneDedupable(to, false);
  // Copies of the name below the target that this one now makes needless go, and so may their children.
  for (const n of inventory(target.root).filter((x) => x.name === dep.name && x.isDescendantOf(target))) {
    if (n.root !== target.root) continue;
    pruneDedupable(n, false);
    if (n.root === target.root) for (const kid of [...n.children.values()]) pruneDedupable(kid);
  }
  return found;
}

/**
 * PlaceDep.replaceOldDep: `dep` takes `old`'s place and its nested
 * node_modules; then what only the old version needed, and what the new one
 * finds invalid and nothing else uses, is pruned (pruneForReplacement).
 */
function replaceOldDep(dep: PkgNode, old: PkgNode): void {
  const root = old.root;
  const target = old.parent!;
  const oldDeps: PkgNode[] = [];
  for (const [name, e] of old.edgesOut) {
    const to = e.to;
    if (!dep.edgesOut.has(name) && to) oldDeps.push(...gatherDepSet([to], (x) => x.to !== to, root));
  }
  for (const child of [...old.children.values()]) dep.adopt(child);
  old.detach();
  target.adopt(dep);
  const invalid = new Set<PkgNode>();
  for (const e of dep.edgesOut.values()) {
    const to = e.to;
    if (to && !e.valid) invalid.add(to);
  }
  for (const d of oldDeps) for (const x of gatherDepSet([d], (e) => e.to !== d && e.valid, root)) invalid.add(x);
  for (const junk of gatherDepSet(invalid, (e) => e.from !== dep && e.to !== dep && e.valid, root)) junk.detach();
}
