// The plain in-memory filesystem: one tree of nodes, edited in place. Used
// for the workspace (the editor's files), build contexts, volumes and as the
// reference the overlay is checked against.
import { dirNode, metaOf, type DirNode, type FsNode, type NodeMeta } from './node.ts';
import { TreeFs, type DirView, type TreeFsOptions } from './tree-fs.ts';

class MemoryDir implements DirView {
  constructor(private readonly node: DirNode) {}
  meta(): NodeMeta { return this.node.meta; }
  mutableMeta(): NodeMeta { return this.node.meta; }
  ino(): number { return this.node.ino; }

  get(name: string): FsNode | undefined {
    const e = this.node.entries.get(name);
    return e === undefined || e.kind === 'whiteout' ? undefined : e;
  }

  child(name: string): DirView {
    const e = this.node.entries.get(name);
    if (e?.kind !== 'dir') throw new Error(`not a directory: ${name}`);
    return new MemoryDir(e);
  }

  names(): string[] {
    const out: string[] = [];
    for (const [name, e] of this.node.entries) if (e.kind !== 'whiteout') out.push(name);
    return out.sort();
  }

  set(name: string, node: FsNode): void { this.node.entries.set(name, node); }
  remove(name: string): void { this.node.entries.delete(name); }

  mutableChild(name: string): FsNode {
    const e = this.get(name);
    if (!e) throw new Error(`no entry ${name}`);
    return e;
  }

  detach(name: string): FsNode {
    const e = this.mutableChild(name);
    this.node.entries.delete(name);
    return e;
  }
}

export class MemoryFs extends TreeFs {
  readonly root: DirNode;

  constructor(opts: TreeFsOptions & { root?: DirNode } = {}) {
    super(opts);
    this.root = opts.root ?? dirNode(metaOf(0o755, this.now()));
  }

  protected rootView(): DirView { return new MemoryDir(this.root); }
}
