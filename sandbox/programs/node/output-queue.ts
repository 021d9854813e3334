// Output that a guest hands over without waiting (stdout, a socket): queued
// per descriptor and written in order in the background, with Node's
// high-water mark for back-pressure ('drain' once the queue empties) and a
// flush() for exit. A reader that went away (EPIPE) drops what is left.
import type { Process } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';

export const HIGH_WATER_MARK = 16 * 1024;

export class OutputQueue {
  private queue: Uint8Array[] = [];
  private bytes = 0;
  private pumping = false;
  private waiters: Array<() => void> = [];
  /** Set when a write fails; later writes are dropped. */
  failed: string | null = null;
  /** Called when the queue empties after having been over the mark. */
  onDrain: (() => void) | null = null;
  /** Called once everything queued so far is written (for shutdown after end()). */
  private afterFlush: Array<() => void> = [];
  private overMark = false;

  constructor(private readonly p: Process, readonly fd: number, private readonly onError: (errno: string) => void = () => {}) {}

  get busy(): boolean { return this.pumping; }

  /** Queues `data`; false when the queue is now over the high-water mark (wait for onDrain). */
  write(data: Uint8Array): boolean {
    if (this.failed !== null) return false;
    if (data.length > 0) {
      this.queue.push(data);
      this.bytes += data.length;
      if (!this.pumping) void this.pump();
    }
    const below = this.bytes < HIGH_WATER_MARK;
    if (!below) this.overMark = true;
    return below;
  }

  /** Runs `fn` once what is queued now has been written (at once if nothing is). */
  whenFlushed(fn: () => void): void {
    if (!this.pumping) fn();
    else this.afterFlush.push(fn);
  }

  flush(): Promise<void> {
    return new Promise((resolve) => this.whenFlushed(resolve));
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const chunk = this.queue.shift()!;
        try {
          await this.p.write(this.fd, chunk);
        } catch (e) {
          if (e instanceof Killed) throw e;
          this.failed = (e as { errno?: string }).errno ?? 'EPIPE';
          this.queue = [];
          this.onError(this.failed);
        }
        this.bytes -= chunk.length;
      }
    } catch {
      this.queue = [];
    } finally {
      this.bytes = 0;
      this.pumping = false;
      if (this.overMark) {
        this.overMark = false;
        this.onDrain?.();
      }
      for (const fn of this.afterFlush.splice(0)) fn();
      for (const fn of this.waiters.splice(0)) fn();
    }
  }
}
