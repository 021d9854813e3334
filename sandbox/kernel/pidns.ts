// PID namespaces: each container gets one; its first task is PID 1 (its
// init) there while having another PID in the host's namespace. When init
// dies, every other task in the namespace is killed, as Linux does.
import type { Task } from './task.ts';

const MAX_PID = 4_194_304;

export class PidNamespace {
  private nextPid = 1;
  readonly tasks = new Map<number, Task>();
  init: Task | null = null;

  constructor(readonly parent: PidNamespace | null) {}

  /** The namespaces a task created here is visible in: this one and its ancestors. */
  *lineage(): Generator<PidNamespace> {
    for (let ns: PidNamespace | null = this; ns; ns = ns.parent) yield ns;
  }

  allocate(): number {
    for (let tries = 0; tries < MAX_PID; tries++) {
      const pid = this.nextPid;
      this.nextPid = this.nextPid >= MAX_PID ? 2 : this.nextPid + 1;
      if (!this.tasks.has(pid)) return pid;
    }
    throw new Error('pid space exhausted');
  }

  /** Whether `ns` is this namespace or one nested inside it. */
  contains(ns: PidNamespace): boolean {
    for (const n of ns.lineage()) if (n === this) return true;
    return false;
  }
}
