// Pipes: a bounded buffer (64 KiB, as Linux's default) between a read end and
// a write end. Writers block while it is full (backpressure), readers block
// while it is empty and get EOF once every write end is closed; writing with
// no reader left fails with EPIPE (and the kernel sends SIGPIPE). Buffered
// bytes are charged to the writer's cgroup until they are read.
import type { Cgroup } from './cgroup.ts';
import { SysError } from './errno.ts';

export const PIPE_CAPACITY = 64 * 1024;

interface Chunk {
  data: Uint8Array;
  cgroup: Cgroup | null;
}

export class Pipe {
  private readonly chunks: Chunk[] = [];
  private size = 0;
  private waiters: Array<() => void> = [];
  readers = 0;
  writers = 0;

  constructor(readonly capacity = PIPE_CAPACITY) {}

  get buffered(): number {
    return this.size;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /**
   * Reads up to `max` bytes; null at EOF. `wait` turns a promise into one the
   * calling task can be interrupted out of (kill, signal).
   */
  async read(max: number, wait: <T>(p: Promise<T>) => Promise<T>): Promise<Uint8Array | null> {
    while (this.size === 0) {
      if (this.writers === 0) return null;
      await wait(this.changed());
    }
    const parts: Uint8Array[] = [];
    let taken = 0;
    while (taken < max && this.chunks.length > 0) {
      const c = this.chunks[0]!;
      const n = Math.min(c.data.length, max - taken);
      parts.push(c.data.subarray(0, n));
      c.cgroup?.uncharge(n);
      if (n === c.data.length) this.chunks.shift();
      else c.data = c.data.subarray(n);
      taken += n;
    }
    this.size -= taken;
    this.notify();
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(taken);
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.length; }
    return out;
  }

  /**
   * Writes all of `data`, waiting for room as needed. `charge` accounts the
   * buffered bytes (returns false when the cgroup refuses them).
   */
  async write(data: Uint8Array, wait: <T>(p: Promise<T>) => Promise<T>, cgroup: Cgroup | null = null, charge?: (n: number) => void): Promise<number> {
    let written = 0;
    while (written < data.length) {
      if (this.readers === 0) throw new SysError('EPIPE');
      const room = this.capacity - this.size;
      if (room === 0) { await wait(this.changed()); continue; }
      const n = Math.min(room, data.length - written);
      const piece = data.slice(written, written + n);
      charge?.(n);
      this.chunks.push({ data: piece, cgroup });
      this.size += n;
      written += n;
      this.notify();
    }
    return written;
  }

  closeRead(): void {
    this.readers = Math.max(0, this.readers - 1);
    if (this.readers === 0) {
      for (const c of this.chunks) c.cgroup?.uncharge(c.data.length);
      this.chunks.length = 0;
      this.size = 0;
    }
    this.notify();
  }

  closeWrite(): void {
    this.writers = Math.max(0, this.writers - 1);
    this.notify();
  }
}
