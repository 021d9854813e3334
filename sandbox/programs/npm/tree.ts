// The package tree npm reasons about (Arborist's Node and Edge, reduced to
// what a hoisted node_modules needs): each node is a package folder under
// its parent's node_modules; each edge is a dependency a package declares,
// resolved the way Node's require() looks it up (the nearest node_modules
// upward). Trees come from package-lock.json (virtual), from node_modules
// (actual), or are built by the resolver (ideal); the lock writer and
// reify read them.
import semver from 'semver';
import type { PackageFields } from './store.ts';

/** The package metadata npm keeps for a node (a packument version, a lock entry or a package.json). */
export interface Manifest extends PackageFields {
  name?: string;
  version?: string;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

export type EdgeType = 'prod' | 'dev' | 'optional' | 'peer' | 'peerOptional';

export class Edge {
  constructor(readonly from: PkgNode, readonly name: string, readonly spec: string, readonly type: EdgeType) {}

  /** The node require() would find from `from`. */
  get to(): PkgNode | null { return this.from.resolve(this.name); }
  get dev(): boolean { return this.type === 'dev'; }
  get optional(): boolean { return this.type === 'optional' || this.type === 'peerOptional'; }
  get peer(): boolean { return this.type === 'peer' || this.type === 'peerOptional'; }
  /** Resolved, and the version satisfies the spec (dist-tags accept any registry version). */
  get valid(): boolean {
    const to = this.to;
    return to !== null && satisfiesSpec(to.version, this.spec);
  }
  /** Whether this edge needs work: unresolved (unless an optional peer) or resolved to a version it does not accept. */
  get problem(): boolean {
    const to = this.to;
    if (!to) return this.type !== 'peerOptional';
    return !satisfiesSpec(to.version, this.spec);
  }
}

/** `npm:<name>@<range>` (an alias: the folder is named for the dependency, the package is another). */
export function aliasOf(spec: string): { name: string; range: string } | null {
  const m = /^npm:((?:@[^/@\s]+\/)?[^/@\s]+)(?:@(.*))?$/.exec(spec.trim());
  return m ? { name: m[1]!, range: m[2]?.trim() || '*' } : null;
}

/** Whether `version` meets a dependency spec: a semver range/version (loosely, as Arborist's dep-valid), a dist-tag, or an alias's range. */
export function satisfiesSpec(version: string, spec: string): boolean {
  const alias = aliasOf(spec);
  const s = alias ? alias.range : spec.trim();
  if (s === '' || s === '*' || s === 'x') return true;
  if (semver.validRange(s, true) === null) return true; // a dist-tag: any registry version is valid
  return semver.satisfies(version, s, true);
}

/**
 * Bumped by every change to any tree's shape or edges: edges resolve by
 * lookup, so a move anywhere can change what points where. edgesIn's answer
 * is kept until then.
 */
let generation = 0;
const treeChanged = (): void => { generation++; };
const edgesInCache = new WeakMap<PkgNode, { generation: number; map: Map<PkgNode, Edge[]> }>();

export class PkgNode {
  readonly children = new Map<string, PkgNode>();
  parent: PkgNode | null = null;
  private edges: Map<string, Edge> | null = null;
  dev = false;
  optional = false;
  devOptional = false;
  peer = false;
  extraneous = false;

  constructor(
    /** The folder name (the package's name). */
    readonly name: string,
    readonly pkg: Manifest,
    public resolved: string | null = null,
    public integrity: string | null = null,
    /** The project root: its edges include devDependencies. */
    readonly isRoot = false,
  ) {}

  get version(): string { return this.pkg.version ?? ''; }
  get root(): PkgNode { let n: PkgNode = this; while (n.parent) n = n.parent; return n; }
  get depth(): number { let d = 0; for (let n = this.parent; n; n = n.parent) d++; return d; }

  /** Path from the project root: '' for the root, `node_modules/a/node_modules/b` below. */
  get location(): string {
    if (this.isRoot || !this.parent) return '';
    const up = this.parent.location;
    return `${up ? up + '/' : ''}node_modules/${this.name}`;
  }

  /** The edges this package declares, by name; a later kind overrides an earlier one as Arborist loads them (peer, prod, optional, then the root's dev). */
  get edgesOut(): Map<string, Edge> {
    if (this.edges) return this.edges;
    const edges = new Map<string, Edge>();
    const add = (deps: Record<string, string> | undefined, type: EdgeType): void => {
      for (const [name, spec] of Object.entries(deps ?? {})) edges.set(name, new Edge(this, name, String(spec), type));
    };
    const meta = this.pkg.peerDependenciesMeta ?? {};
    for (const [name, spec] of Object.entries(this.pkg.peerDependencies ?? {})) {
      edges.set(name, new Edge(this, name, String(spec), meta[name]?.optional ? 'peerOptional' : 'peer'));
    }
    add(this.pkg.dependencies, 'prod');
    add(this.pkg.optionalDependencies, 'optional');
    if (this.isRoot) add(this.pkg.devDependencies, 'dev');
    this.edges = edges;
    return edges;
  }

  /** Forgets the edges (after the manifest's dependencies changed). */
  resetEdges(): void { this.edges = null; treeChanged(); }

  /** What require(name) finds from this package: its own node_modules, then each ancestor's. */
  resolve(name: string): PkgNode | null {
    for (let n: PkgNode | null = this; n; n = n.parent) {
      const hit = n.children.get(name);
      if (hit) return hit;
    }
    return null;
  }

  /** Puts `child` in this node's node_modules (replacing one of the same name). */
  adopt(child: PkgNode): void {
    child.parent?.children.get(child.name) === child && child.parent.children.delete(child.name);
    child.parent = this;
    this.children.set(child.name, child);
    treeChanged();
  }

  /** Takes this node (and everything under it) out of the tree. */
  detach(): void {
    if (this.parent?.children.get(this.name) === this) this.parent.children.delete(this.name);
    this.parent = null;
    treeChanged();
  }

  isDescendantOf(other: PkgNode): boolean {
    for (let n = this.parent; n; n = n.parent) if (n === other) return true;
    return false;
  }

  /** This node and its ancestors, nearest first. */
  *ancestry(): Generator<PkgNode> {
    for (let n: PkgNode | null = this; n; n = n.parent) yield n;
  }

  /** `name@version`, as npm's logs say it. */
  get id(): string { return `${this.pkg.name ?? this.name}@${this.version}`; }
}

/** Every node under `root` (not the root), parents before children, siblings by name. */
export function inventory(root: PkgNode): PkgNode[] {
  const out: PkgNode[] = [];
  const walk = (n: PkgNode): void => {
    for (const name of [...n.children.keys()].sort()) {
      const c = n.children.get(name)!;
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The edges into each node of the tree (computed: edges resolve by lookup). */
export function edgesIn(root: PkgNode): ReadonlyMap<PkgNode, readonly Edge[]> {
  const known = edgesInCache.get(root);
  if (known?.generation === generation) return known.map;
  const map = new Map<PkgNode, Edge[]>();
  for (const n of [root, ...inventory(root)]) {
    for (const e of n.edgesOut.values()) {
      const to = e.to;
      if (!to) continue;
      const list = map.get(to);
      if (list) list.push(e); else map.set(to, [e]);
    }
  }
  edgesInCache.set(root, { generation, map });
  return map;
}
