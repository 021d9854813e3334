// tmpfs: a memory filesystem whose file contents are memory — charged to a
// cgroup as they grow (so `-m` covers /dev/shm and --tmpfs mounts, and
// filling one past the limit brings the OOM killer), given back as files
// shrink or go, and capped by the mount's size (ENOSPC). The accounting sits
// in its directory views, which every write goes through, directly or via
// the container's mount table.
import { ChargedDir, Ledger, type SpaceAccount } from '../fs/charged-dir.ts';
import { MemoryFs } from '../fs/memory.ts';
import type { DirView, TreeFsOptions } from '../fs/tree-fs.ts';

/** What a tmpfs charges its content to (the container's memory cgroup). */
export type TmpfsAccounting = SpaceAccount;

export class Tmpfs extends MemoryFs {
  private readonly ledger: Ledger;

  constructor(opts: TreeFsOptions, account: TmpfsAccounting, readonly sizeLimit: number | null = null) {
    super(opts);
    this.ledger = new Ledger(account, { bytes: sizeLimit });
  }

  /** Bytes of file content it holds (what is charged). */
  get bytesUsed(): number {
    return this.ledger.used;
  }

  protected override rootView(): DirView {
    return new ChargedDir(super.rootView(), this.ledger);
  }
}
