// The overlay filesystem of a container or a build step: a read-only lower
// tree (an image's layers, merged) under a writable upper tree. Reads fall
// through to the lower tree; the first change to a lower entry copies it up
// (parents first); deleting a lower entry leaves a whiteout; a directory that
// replaces a lower one is opaque. The upper tree is therefore exactly the
// change set of the step: the builder turns it into a layer as it is.
import { dirNode, WHITEOUT, type DirNode, type FsNode, type NodeMeta } from './node.ts';
import { TreeFs, type DirView, type TreeFsOptions } from './tree-fs.ts';
import { ChargedDir, type Ledger } from './charged-dir.ts';

/** Copies a lower node into the upper tree: same inode, own metadata. */
function copyUp(node: FsNode): FsNode {
  const meta = { ...node.meta };
  if (node.kind === 'dir') return { kind: 'dir', ino: node.ino, meta, entries: new Map(), opaque: false };
  return { ...node, meta };
}

class OverlayDir implements DirView {
  private upperNode: DirNode | null;

  constructor(
    upper: DirNode | null,
    private readonly lower: DirNode | null,
    private readonly parent: OverlayDir | null,
    private readonly name: string,
  ) {
    this.upperNode = upper;
  }

  /** This directory in the upper tree, if it has been copied up (or created). */
  private upper(): DirNode | null {
    if (this.upperNode) return this.upperNode;
    const e = this.parent?.upper()?.entries.get(this.name);
    if (e?.kind === 'dir') this.upperNode = e;
    return this.upperNode;
  }

  private ensureUpper(): DirNode {
    const existing = this.upper();
    if (existing) return existing;
    if (!this.parent || !this.lower) throw new Error('overlay: directory without upper or lower');
    const created = copyUp(this.lower) as DirNode;
    this.parent.ensureUpper().entries.set(this.name, created);
    this.upperNode = created;
    return created;
  }

  private lowerEntry(name: string): FsNode | undefined {
    if (this.upper()?.opaque) return undefined;
    const e = this.lower?.entries.get(name);
    return e === undefined || e.kind === 'whiteout' ? undefined : e;
  }

  private upperEntry(name: string): FsNode | undefined {
    const e = this.upper()?.entries.get(name);
    return e === undefined || e.kind === 'whiteout' ? undefined : e;
  }

  meta(): NodeMeta { return (this.upper() ?? this.lower!).meta; }
  mutableMeta(): NodeMeta { return this.ensureUpper().meta; }
  ino(): number { return (this.lower ?? this.upper()!).ino; }

  get(name: string): FsNode | undefined {
    const u = this.upper()?.entries.get(name);
    if (u !== undefined) return u.kind === 'whiteout' ? undefined : u;
    return this.lowerEntry(name);
  }

  child(name: string): OverlayDir {
    const u = this.upper()?.entries.get(name);
    const uDir = u?.kind === 'dir' ? u : null;
    let lDir: DirNode | null = null;
    if (u === undefined || (uDir && !uDir.opaque)) {
      const l = this.lowerEntry(name);
      if (l?.kind === 'dir') lDir = l;
    }
    if (!uDir && !lDir) throw new Error(`overlay: not a directory: ${name}`);
    return new OverlayDir(uDir, lDir, this, name);
  }

  names(): string[] {
    const names = new Set<string>();
    const u = this.upper();
    if (this.lower && !u?.opaque) for (const [n, e] of this.lower.entries) if (e.kind !== 'whiteout') names.add(n);
    if (u) for (const [n, e] of u.entries) e.kind === 'whiteout' ? names.delete(n) : names.add(n);
    return [...names].sort();
  }

  set(name: string, node: FsNode): void {
    const u = this.ensureUpper();
    if (node.kind === 'dir' && u.entries.get(name) !== node && this.lowerEntry(name)?.kind === 'dir') node.opaque = true;
    u.entries.set(name, node);
  }

  remove(name: string): void {
    const u = this.ensureUpper();
    if (this.lowerEntry(name) !== undefined) u.entries.set(name, WHITEOUT);
    else u.entries.delete(name);
  }

  mutableChild(name: string): FsNode {
    const owned = this.upperEntry(name);
    if (owned) return owned;
    const l = this.lowerEntry(name);
    if (!l) throw new Error(`overlay: no entry ${name}`);
    const copy = copyUp(l);
    this.ensureUpper().entries.set(name, copy);
    return copy;
  }

  detach(name: string): FsNode {
    const node = this.get(name);
    if (!node) throw new Error(`overlay: no entry ${name}`);
    const owned = node.kind === 'dir' ? this.child(name).materialize() : (this.upperEntry(name) ?? copyUp(node));
    this.remove(name);
    return owned;
  }

  /** A tree owned by the caller holding everything this directory shows. */
  materialize(): DirNode {
    const out = copyUp((this.upper() ?? this.lower)!) as DirNode;
    out.meta = { ...this.meta() };
    for (const n of this.names()) {
      const e = this.get(n)!;
      out.entries.set(n, e.kind === 'dir' ? this.child(n).materialize() : (this.upperEntry(n) ?? copyUp(e)));
    }
    return out;
  }
}

export class OverlayFs extends TreeFs {
  /** The change set: new and changed entries, whiteouts, opaque directories. */
  readonly upper: DirNode;

  /** What the upper tree may hold (a container's writable layer on the engine's disk); none: unbounded. */
  private readonly ledger: Ledger | null;

  constructor(readonly lower: DirNode, opts: TreeFsOptions & { upper?: DirNode; ledger?: Ledger } = {}) {
    super(opts);
    this.upper = opts.upper ?? dirNode({ ...lower.meta });
    this.ledger = opts.ledger ?? null;
  }

  protected rootView(): DirView {
    const view = new OverlayDir(this.upper, this.lower, null, '');
    return this.ledger ? new ChargedDir(view, this.ledger) : view;
  }
}
