// The engine's disk: where containers' writable layers live. In the browser
// it is memory, so it is bounded — a container that writes without end
// (`yes > /tmp/big`, a loop creating files) gets "No space left on device"
// as on a full disk, instead of taking the page's memory with it. Each
// writable layer has a share of its own (so one container filling its
// layer leaves the others room) within the whole disk's capacity.
import { Ledger, type SpaceAccount } from '../fs/charged-dir.ts';
import type { DirNode } from '../fs/node.ts';

/** The disk all writable layers share. */
export const DISK_CAPACITY = 1024 * 1024 * 1024;
/** One container's writable layer: bytes of content, and entries (files, directories, links). */
export const WRITABLE_LAYER_BYTES = 256 * 1024 * 1024;
export const WRITABLE_LAYER_ENTRIES = 50_000;

export interface DiskSize {
  /** Bytes all writable layers may hold together. */
  capacity?: number;
  /** Bytes and entries one writable layer may hold. */
  layerBytes?: number;
  layerEntries?: number;
}

export class EngineDisk implements SpaceAccount {
  used = 0;
  readonly capacity: number;
  private readonly layerBytes: number;
  private readonly layerEntries: number;

  constructor(size: DiskSize = {}) {
    this.capacity = size.capacity ?? DISK_CAPACITY;
    this.layerBytes = size.layerBytes ?? WRITABLE_LAYER_BYTES;
    this.layerEntries = size.layerEntries ?? WRITABLE_LAYER_ENTRIES;
  }

  charge(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }

  uncharge(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  /** The ledger of a writable layer on this disk; `upper`: one restored with what it held. */
  writableLayer(upper?: DirNode): Ledger {
    const ledger = new Ledger(this, { bytes: this.layerBytes, entries: this.layerEntries });
    if (upper) ledger.adopt(upper);
    return ledger;
  }
}
