// Read-only filesystems whose contents are computed when read (/proc,
// /sys/fs/cgroup, /dev): a tree of entries that produce their text, their
// children or their link target on demand, for whoever is looking.
import { FsError } from './errors.ts';
import { dirNode, fileNode, metaOf, symlinkNode, type FsNode, type NodeMeta } from './node.ts';
import { TreeFs, type DirView, type TreeFsOptions } from './tree-fs.ts';

export type SynthEntry =
  | { kind: 'file'; read: () => string | Uint8Array; mode?: number; uid?: number }
  | { kind: 'dir'; list: () => Map<string, SynthEntry>; mode?: number; uid?: number }
  | { kind: 'symlink'; target: () => string };

const enc = new TextEncoder();

class SynthView implements DirView {
  private cache: Map<string, SynthEntry> | null = null;

  constructor(private readonly entry: Extract<SynthEntry, { kind: 'dir' }>, private readonly path: string, private readonly meta0: NodeMeta, private readonly inode: number) {}

  private entries(): Map<string, SynthEntry> {
    this.cache ??= this.entry.list();
    return this.cache;
  }

  meta(): NodeMeta { return this.meta0; }
  mutableMeta(): NodeMeta { throw new FsError('EROFS', 'chmod', this.path); }
  ino(): number { return this.inode; }

  get(name: string): FsNode | undefined {
    const e = this.entries().get(name);
    if (!e) return undefined;
    const meta = metaOf(e.kind === 'symlink' ? 0o777 : e.mode ?? (e.kind === 'dir' ? 0o555 : 0o444), this.meta0.mtimeMs, e.kind === 'symlink' ? 0 : e.uid ?? 0);
    switch (e.kind) {
      case 'file': { const data = e.read(); return fileNode(typeof data === 'string' ? enc.encode(data) : data, meta); }
      case 'dir': return dirNode(meta);
      case 'symlink': return symlinkNode(e.target(), meta);
    }
  }

  child(name: string): DirView {
    const e = this.entries().get(name);
    if (e?.kind !== 'dir') throw new FsError('ENOTDIR', 'open', `${this.path}/${name}`);
    return new SynthView(e, `${this.path}/${name}`, metaOf(e.mode ?? 0o555, this.meta0.mtimeMs, e.uid ?? 0), this.inode + name.length);
  }

  names(): string[] { return [...this.entries().keys()].sort(); }
  set(name: string): void { throw new FsError('EROFS', 'open', `${this.path}/${name}`); }
  remove(name: string): void { throw new FsError('EROFS', 'unlink', `${this.path}/${name}`); }
  mutableChild(name: string): FsNode { throw new FsError('EROFS', 'open', `${this.path}/${name}`); }
  detach(name: string): FsNode { throw new FsError('EROFS', 'rename', `${this.path}/${name}`); }
}

/** A synthetic filesystem: `root(context)` gives the tree as `context` (a process) sees it. */
export class SyntheticFs extends TreeFs {
  private static nextIno = 1_000_000_000;
  private readonly inode = SyntheticFs.nextIno++;

  constructor(private readonly root: (context: unknown) => Extract<SynthEntry, { kind: 'dir' }>, opts: TreeFsOptions = {}) {
    super(opts);
  }

  protected rootView(): DirView {
    return this.mountView(null);
  }

  override mountView(context: unknown): DirView {
    return new SynthView(this.root(context), '', metaOf(0o555, this.now()), this.inode);
  }
}

/** Helpers to build trees. */
export const synth = {
  file: (read: () => string | Uint8Array, mode?: number): SynthEntry => ({ kind: 'file', read, ...(mode !== undefined && { mode }) }),
  dir: (list: () => Map<string, SynthEntry>, mode?: number): Extract<SynthEntry, { kind: 'dir' }> => ({ kind: 'dir', list, ...(mode !== undefined && { mode }) }),
  link: (target: () => string): SynthEntry => ({ kind: 'symlink', target }),
};
