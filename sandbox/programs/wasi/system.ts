// The engine's side of a WASI process: its system calls on the container
// (files through the same checks as any process, the standard streams with
// back-pressure, blocking reads of stdin, sleeping), the charge of its
// linear memory to the cgroup, and its CPU time. Calls that must wait
// (stdin, sleep) can only wait when the guest runs in a worker.
import type { Process } from '../../kernel/process.ts';
import { HostFs } from '../node/host-fs.ts';
import { OutputQueue } from '../node/output-queue.ts';
import { SysCallError } from '../node/sys-error.ts';

export class WasiSystem {
  private readonly fsCalls: HostFs;
  private readonly writers = new Map<number, OutputQueue>();
  private charged = 0;

  constructor(private readonly p: Process, private readonly canWait: boolean) {
    this.fsCalls = new HostFs(p);
  }

  call(op: string, a: unknown[]): unknown {
    switch (op) {
      case 'fs': return this.fsCalls.call(String(a[0]), a.slice(1));
      case 'write': return this.write(Number(a[0]), a[1] as Uint8Array);
      case 'read': return this.read(Number(a[0]), Number(a[1]));
      case 'now': return this.p.now();
      case 'memory': return this.memory(Number(a[0]));
      case 'sleep':
        if (!this.canWait) throw new SysCallError('ENOTSUP', 'poll_oneoff');
        return this.p.sleep(Number(a[0])).catch((e: unknown) => { if ((e as Error).name !== 'Interrupted') throw e; });
      case 'settle': return this.p.settleCpu();
      case 'finish': return this.finish();
      default: throw new SysCallError('ENOSYS', op);
    }
  }

  private write(fd: number, data: Uint8Array): unknown {
    let q = this.writers.get(fd);
    if (!q) {
      q = new OutputQueue(this.p, fd);
      this.writers.set(fd, q);
    }
    const below = q.write(data);
    if (q.failed !== null) throw new SysCallError('EPIPE', 'write');
    // In a worker the guest waits here while its output is over the mark, as a blocking write would.
    return below || !this.canWait ? undefined : q.flush();
  }

  private async read(fd: number, max: number): Promise<Uint8Array> {
    if (!this.canWait) throw new SysCallError('EAGAIN', 'read');
    try {
      return (await this.p.read(fd, max)) ?? new Uint8Array(0);
    } catch (e) {
      if (e instanceof Error && 'errno' in e) throw new SysCallError(String((e as { errno: string }).errno), 'read');
      throw e;
    }
  }

  /** Charges the module's linear memory (its size) to the cgroup; over memory.max the OOM killer runs. */
  private memory(bytes: number): void {
    if (bytes > this.charged) this.p.charge(bytes - this.charged);
    else this.p.uncharge(this.charged - bytes);
    this.charged = bytes;
  }

  async finish(): Promise<void> {
    for (const q of this.writers.values()) await q.flush();
    this.release();
  }

  release(): void {
    if (this.charged > 0) this.p.uncharge(this.charged);
    this.charged = 0;
  }
}
