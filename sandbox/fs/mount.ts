// Mounts: a filesystem seen with others attached at paths in it — a
// container's root with /proc, /sys/fs/cgroup and /dev mounted, and files
// bind-mounted over /etc/hostname, /etc/hosts and /etc/resolv.conf. Paths
// walk into a mounted filesystem at its mountpoint; a mountpoint itself
// cannot be removed or replaced (EBUSY), but its owner, mode and times are
// the mounted directory's own (chown of a volume's mountpoint changes the
// volume's root, as on Linux). A MountFs bound to a process
// (bindTo) lets mounted filesystems know who is looking (/proc/self).
import { FsError } from './errors.ts';
import type { DirNode, FsNode, NodeMeta } from './node.ts';
import { TreeFs, type DirView, type TreeFsOptions } from './tree-fs.ts';

export interface Mount {
  fs: TreeFs;
  /** For a file bind mount: the file's path inside `fs`; absent for a directory mount. */
  file?: string;
  /** `:ro` — nothing below it can be changed (EROFS). */
  readonly?: boolean;
  /** For a directory mount of part of `fs` (a bind mount of a subdirectory): its path. */
  dir?: string;
}

export type MountTable = Map<string, Mount>;

const childPath = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

class MountView implements DirView {
  constructor(private readonly inner: DirView, private readonly path: string, private readonly m: MountFs, private readonly readonly = false) {}

  private writable(name: string): void {
    if (this.readonly || this.mountAt(name)?.readonly) throw new FsError('EROFS', 'open', childPath(this.path, name));
  }

  private mountAt(name: string): Mount | undefined {
    return this.m.mounts.get(childPath(this.path, name));
  }

  private fileNodeOf(mount: Mount): FsNode {
    const node = mount.fs.lookupNode(mount.file!);
    if (!node) throw new FsError('ENOENT', 'stat', mount.file!);
    return node;
  }

  meta(): NodeMeta { return this.inner.meta(); }
  mutableMeta(): NodeMeta {
    if (this.readonly) throw new FsError('EROFS', 'chmod', this.path);
    return this.inner.mutableMeta();
  }
  ino(): number { return this.inner.ino(); }

  get(name: string): FsNode | undefined {
    const mount = this.mountAt(name);
    if (!mount) return this.inner.get(name);
    if (mount.file !== undefined) return this.fileNodeOf(mount);
    const root = this.m.rootOfMount(mount);
    const node: DirNode = { kind: 'dir', ino: root.ino(), meta: root.meta(), entries: new Map(), opaque: false };
    return node;
  }

  child(name: string): DirView {
    const mount = this.mountAt(name);
    const path = childPath(this.path, name);
    if (mount && mount.file === undefined) return new MountView(this.m.rootOfMount(mount), path, this.m, this.readonly || !!mount.readonly);
    return new MountView(this.inner.child(name), path, this.m, this.readonly);
  }

  names(): string[] {
    const names = new Set(this.inner.names());
    const prefix = this.path === '/' ? '/' : `${this.path}/`;
    for (const p of this.m.mounts.keys()) {
      if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && p.length > prefix.length) names.add(p.slice(prefix.length));
    }
    return [...names].sort();
  }

  private busy(name: string): void {
    if (this.mountAt(name)) throw new FsError('EBUSY', 'rename', childPath(this.path, name));
  }

  set(name: string, node: FsNode): void { this.writable(name); this.busy(name); this.inner.set(name, node); }
  remove(name: string): void { this.writable(name); this.busy(name); this.inner.remove(name); }
  detach(name: string): FsNode { this.writable(name); this.busy(name); return this.inner.detach(name); }

  mutableChild(name: string): FsNode {
    this.writable(name);
    const mount = this.mountAt(name);
    if (!mount) return this.inner.mutableChild(name);
    if (mount.file === undefined) {
      // Only metadata changes reach here for a directory (writes to it are EISDIR): they go to the mounted root.
      const root = this.m.rootOfMount(mount);
      const node: DirNode = { kind: 'dir', ino: root.ino(), meta: root.mutableMeta(), entries: new Map(), opaque: false };
      return node;
    }
    return mount.fs.mutableNode(mount.file);
  }
}

export class MountFs extends TreeFs {
  constructor(
    readonly base: TreeFs,
    readonly mounts: MountTable,
    readonly context: unknown = null,
    opts: TreeFsOptions = {},
  ) {
    super(opts);
  }

  /** The directory a mount attaches: the mounted fs's root, or a directory in it. */
  rootOfMount(mount: Mount): DirView {
    let view = mount.fs.mountView(this.context);
    for (const part of (mount.dir ?? '').split('/').filter(Boolean)) view = view.child(part);
    return view;
  }

  /** The same filesystem, as seen by `context` (a process). */
  bindTo(context: unknown): MountFs {
    return new MountFs(this.base, this.mounts, context, { now: this.now });
  }

  protected rootView(): DirView {
    return new MountView(this.base.mountView(this.context), '/', this);
  }
}
