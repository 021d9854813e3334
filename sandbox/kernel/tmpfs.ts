// tmpfs: a memory filesystem whose file contents are memory — charged to a
// cgroup as they grow (so `-m` covers /dev/shm and --tmpfs mounts, and
// filling one past the limit brings the OOM killer), given back as files
// shrink or go, and capped by the mount's size (ENOSPC). The accounting sits
// in its directory views, which every write goes through, directly or via
// the container's mount table.
import { contentSize, type FileContent } from '../fs/content.ts';
import { FsError } from '../fs/errors.ts';
import { MemoryFs } from '../fs/memory.ts';
import type { FsNode, NodeMeta } from '../fs/node.ts';
import type { DirView, TreeFsOptions } from '../fs/tree-fs.ts';

export interface TmpfsAccounting {
  /** Charges `bytes` more; false when the memory is not there (nothing is charged then). */
  charge(bytes: number): boolean;
  uncharge(bytes: number): void;
}

function sizeOf(node: FsNode | undefined): number {
  if (!node) return 0;
  if (node.kind === 'file') return contentSize(node.content);
  if (node.kind !== 'dir') return 0;
  let n = 0;
  for (const e of node.entries.values()) if (e.kind !== 'whiteout') n += sizeOf(e);
  return n;
}

class Ledger {
  used = 0;
  constructor(private readonly account: TmpfsAccounting, private readonly limit: number | null) {}

  /** Takes `delta` more bytes (or gives some back); ENOSPC when they do not fit. */
  change(delta: number, what: string): void {
    if (delta > 0) {
      if (this.limit !== null && this.used + delta > this.limit) throw new FsError('ENOSPC', 'write', what);
      if (!this.account.charge(delta)) throw new FsError('ENOSPC', 'write', what);
    } else if (delta < 0) {
      this.account.uncharge(-delta);
    }
    this.used += delta;
  }
}

class ChargedDir implements DirView {
  constructor(private readonly inner: DirView, private readonly ledger: Ledger) {}
  meta(): NodeMeta { return this.inner.meta(); }
  mutableMeta(): NodeMeta { return this.inner.mutableMeta(); }
  ino(): number { return this.inner.ino(); }
  names(): string[] { return this.inner.names(); }
  get(name: string): FsNode | undefined { return this.inner.get(name); }
  child(name: string): DirView { return new ChargedDir(this.inner.child(name), this.ledger); }

  set(name: string, node: FsNode): void {
    this.ledger.change(sizeOf(node) - sizeOf(this.inner.get(name)), name);
    this.inner.set(name, node);
  }

  remove(name: string): void {
    const gone = sizeOf(this.inner.get(name));
    this.inner.remove(name);
    this.ledger.change(-gone, name);
  }

  detach(name: string): FsNode {
    const node = this.inner.detach(name);
    this.ledger.change(-sizeOf(node), name);
    return node;
  }

  mutableChild(name: string): FsNode {
    const node = this.inner.mutableChild(name);
    if (node.kind !== 'file') return node;
    const ledger = this.ledger;
    // Writes replace a file's content in place: charge the difference as they do.
    return new Proxy(node, {
      set(target, prop, value: unknown): boolean {
        if (prop === 'content') ledger.change(contentSize(value as FileContent) - contentSize(target.content), name);
        (target as unknown as Record<string | symbol, unknown>)[prop] = value;
        return true;
      },
    });
  }
}

export class Tmpfs extends MemoryFs {
  private readonly ledger: Ledger;

  constructor(opts: TreeFsOptions, account: TmpfsAccounting, readonly sizeLimit: number | null = null) {
    super(opts);
    this.ledger = new Ledger(account, sizeLimit);
  }

  /** Bytes of file content it holds (what is charged). */
  get bytesUsed(): number {
    return this.ledger.used;
  }

  protected override rootView(): DirView {
    return new ChargedDir(super.rootView(), this.ledger);
  }
}
