// Space accounting for a filesystem held in memory: a Ledger counts the
// bytes of file content (and the entries) a tree holds, against a limit of
// its own and an account it charges (a cgroup for tmpfs, the engine's disk
// for containers' writable layers); ChargedDir wraps a tree's directory views
// — which every write goes through — so that growth past either is ENOSPC,
// as a full disk or a full tmpfs answers, and what shrinks is given back.
import { contentSize, type FileContent } from './content.ts';
import { FsError } from './errors.ts';
import type { FsNode, NodeMeta, TreeEntry } from './node.ts';
import type { DirView } from './tree-fs.ts';

/** Where the bytes are charged: false when they are not there (nothing is charged then). */
export interface SpaceAccount {
  charge(bytes: number): boolean;
  uncharge(bytes: number): void;
}

/** Bytes of file content under `node` (whiteouts and links count nothing). */
export function sizeOf(node: FsNode | undefined): number {
  if (!node) return 0;
  if (node.kind === 'file') return contentSize(node.content);
  if (node.kind !== 'dir') return 0;
  let n = 0;
  for (const e of node.entries.values()) if (e.kind !== 'whiteout') n += sizeOf(e);
  return n;
}

/** Entries under `node`, itself included (a whiteout is one too: it takes an inode in overlayfs). */
export function entriesOf(node: TreeEntry | undefined): number {
  if (!node) return 0;
  if (node.kind !== 'dir') return 1;
  let n = 1;
  for (const e of node.entries.values()) n += entriesOf(e);
  return n;
}

export interface LedgerLimits {
  /** Bytes of content (null: only the account bounds them). */
  bytes: number | null;
  /** Entries (files, directories, links); null: no bound. */
  entries?: number | null;
}

export class Ledger {
  used = 0;
  entries = 0;
  constructor(private readonly account: SpaceAccount, private readonly limits: LedgerLimits) {}

  /** Takes `delta` more bytes (or gives some back); ENOSPC when they do not fit. */
  change(delta: number, what: string): void {
    if (delta > 0) {
      if (this.limits.bytes !== null && this.used + delta > this.limits.bytes) throw new FsError('ENOSPC', 'write', what);
      if (!this.account.charge(delta)) throw new FsError('ENOSPC', 'write', what);
    } else if (delta < 0) {
      this.account.uncharge(-delta);
    }
    this.used += delta;
  }

  /** `delta` more entries; ENOSPC past the bound (no inodes left). */
  changeEntries(delta: number, what: string): void {
    const max = this.limits.entries ?? null;
    if (delta > 0 && max !== null && this.entries + delta > max) throw new FsError('ENOSPC', 'open', what);
    this.entries = Math.max(0, this.entries + delta);
  }

  /** Starts from a tree that is already there (a restored writable layer): charged as it stands, limits not applied. */
  adopt(root: FsNode): void {
    const bytes = sizeOf(root);
    this.account.charge(bytes);
    this.used += bytes;
    this.entries += entriesOf(root) - 1;
  }
}

export class ChargedDir implements DirView {
  constructor(private readonly inner: DirView, private readonly ledger: Ledger) {}
  meta(): NodeMeta { return this.inner.meta(); }
  mutableMeta(): NodeMeta { return this.inner.mutableMeta(); }
  ino(): number { return this.inner.ino(); }
  names(): string[] { return this.inner.names(); }
  get(name: string): FsNode | undefined { return this.inner.get(name); }
  child(name: string): DirView { return new ChargedDir(this.inner.child(name), this.ledger); }

  set(name: string, node: FsNode): void {
    const old = this.inner.get(name);
    const entryDelta = entriesOf(node) - entriesOf(old);
    this.ledger.changeEntries(entryDelta, name);
    try {
      this.ledger.change(sizeOf(node) - sizeOf(old), name);
    } catch (e) {
      this.ledger.changeEntries(-entryDelta, name);
      throw e;
    }
    this.inner.set(name, node);
  }

  remove(name: string): void {
    const gone = this.inner.get(name);
    this.inner.remove(name);
    this.ledger.change(-sizeOf(gone), name);
    this.ledger.changeEntries(-entriesOf(gone), name);
  }

  detach(name: string): FsNode {
    const node = this.inner.detach(name);
    this.ledger.change(-sizeOf(node), name);
    this.ledger.changeEntries(-entriesOf(node), name);
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
