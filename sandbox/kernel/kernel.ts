// The kernel: the task table, process creation and death, signal delivery,
// and the accounting that makes cgroup limits real. Programs are async
// functions; they run concurrently on the host's event loop and give way in
// Process.tick() and every blocking call, where the kernel charges their CPU
// time, throttles them to cpu.max, delivers signals and ends killed ones.
import type { TreeFs } from '../fs/tree-fs.ts';
import { MountFs } from '../fs/mount.ts';
import { Cgroup } from './cgroup.ts';
import { hostClock, type Clock } from './clock.ts';
import { SysError } from './errno.ts';
import { FdTable } from './fd.ts';
import { PidNamespace } from './pidns.ts';
import type { NetNamespace } from './netns.ts';
import { Process, type KernelServices, type Program } from './process.ts';
import { defaultAction, SIGCHLD, SIGKILL, signalExitCode } from './signals.ts';
import { ExitRequest, Interrupted, Killed, Task, type Credentials, type ExitStatus, type UtsNamespace } from './task.ts';
import { UnixSockets } from './unix.ts';

export interface SpawnSpec {
  program: Program;
  argv: string[];
  env: Map<string, string>;
  cwd: string;
  creds: Credentials;
  fs: TreeFs;
  fds: FdTable;
  cgroup: Cgroup;
  uts: UtsNamespace;
  parent: Task | null;
  /** Start a new PID namespace (a container's init). */
  newPidns?: boolean;
  /** Join this PID namespace (docker exec). */
  pidns?: PidNamespace;
  /** Its network namespace (default: the parent's). */
  netns?: NetNamespace | null;
}

export class Kernel implements KernelServices {
  readonly clock: Clock;
  readonly rootNs = new PidNamespace(null);
  readonly rootCgroup: Cgroup;
  /** Sockets bound to paths of this kernel's filesystems (dockerd's /var/run/docker.sock on the host). */
  readonly unix = new UnixSockets();
  private readonly tasks = new Map<number, Task>();

  constructor(opts: { clock?: Clock; rootCgroup?: Cgroup } = {}) {
    this.clock = opts.clock ?? hostClock();
    this.rootCgroup = opts.rootCgroup ?? new Cgroup('/');
  }

  /** A task by its PID in the host namespace. */
  task(pid: number): Task | undefined {
    return this.tasks.get(pid);
  }

  /** Every live or zombie task, host PID order. */
  allTasks(): Task[] {
    return [...this.tasks.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Creates a task and starts its program. Throws EAGAIN when pids.max is reached. */
  spawn(spec: SpawnSpec): Task {
    if (!spec.cgroup.tryAddPid()) {
      spec.fds.closeAll();
      throw new SysError('EAGAIN');
    }
    const ns = spec.newPidns ? new PidNamespace(spec.parent?.pidns ?? this.rootNs) : (spec.pidns ?? spec.parent?.pidns ?? this.rootNs);
    const pid = this.rootNs.allocate();
    const task = new Task(pid, ns, spec.parent, spec.argv, spec.env, spec.cwd, spec.creds, spec.fds, spec.cgroup, spec.fs, spec.uts, this.clock.wallNow());
    task.netns = spec.netns !== undefined ? spec.netns : spec.parent?.netns ?? null;
    for (const n of ns.lineage()) {
      const local = n === this.rootNs ? pid : n.allocate();
      task.pids.set(n, local);
      n.tasks.set(local, task);
    }
    if (spec.newPidns) ns.init = task;
    // Each process sees the mounted filesystem as itself (/proc/self).
    if (spec.fs instanceof MountFs) task.fs = spec.fs.bindTo(task);
    this.tasks.set(pid, task);
    spec.parent?.children.add(task);
    task.sliceStart = this.clock.now();
    void this.run(task, spec.program);
    return task;
  }

  private async run(task: Task, program: Program): Promise<void> {
    let status: ExitStatus;
    try {
      await Promise.resolve();
      const code = await program(new Process(this, task));
      status = { code: code & 0xff, signal: null };
    } catch (e) {
      if (e instanceof ExitRequest) status = { code: e.code & 0xff, signal: null };
      else if (e instanceof Killed) status = { code: signalExitCode(e.signal), signal: e.signal };
      else if (e instanceof SysError && e.errno === 'EPIPE') status = { code: signalExitCode(13), signal: 13 };
      // Runaway recursion ran out of stack: what a real process gets is a segfault.
      else if (e instanceof RangeError && /call stack/i.test(e.message)) status = { code: signalExitCode(11), signal: 11 };
      // A string or buffer larger than the host's engine allows is more than the machine's memory: the OOM killer's business.
      else if (isHostAllocationFailure(e) && this.outOfMemory(task)) status = { code: signalExitCode(SIGKILL), signal: SIGKILL };
      else {
        // A program bug: say so on its stderr, as a crashing process would.
        try { await new Process(this, task).write(2, `${task.comm}: internal error: ${(e as Error).message}\n`); } catch { /* stderr gone */ }
        status = { code: 1, signal: null };
      }
    }
    if (task.killedBy !== null) status = { code: signalExitCode(task.killedBy), signal: task.killedBy };
    this.exit(task, status);
  }

  private exit(task: Task, status: ExitStatus): void {
    if (task.state !== 'running') return;
    this.chargeCpu(task);
    task.state = 'zombie';
    task.status = status;
    task.fds.closeAll();
    task.cgroup.uncharge(task.memory);
    task.memory = 0;
    task.cgroup.removePid();
    for (const fn of task.interrupters) fn(new Killed(status.signal ?? SIGKILL));
    task.interrupters.clear();
    // Orphans go to the namespace's init (or are reaped when there is none).
    for (const child of task.children) {
      const init = child.pidns.init && child.pidns.init !== task ? child.pidns.init : null;
      child.parent = init;
      if (init) init.children.add(child);
      else if (child.state === 'zombie') this.reap(child);
    }
    task.children.clear();
    // When init dies, its namespace dies with it.
    if (task.isInit()) for (const other of task.pidns.tasks.values()) if (other !== task) this.kill(other, SIGKILL);
    for (const fn of task.exitWaiters.splice(0)) fn(status);
    const parent = task.parent;
    if (parent && parent.state === 'running') this.signal(parent, SIGCHLD);
    else this.reap(task);
  }

  /** Removes a zombie from every table. */
  reap(task: Task): void {
    if (task.state === 'reaped') return;
    task.state = 'reaped';
    task.parent?.children.delete(task);
    this.tasks.delete(task.pid);
    for (const [ns, pid] of task.pids) ns.tasks.delete(pid);
  }

  /** Resolves when the task has exited (it is not reaped: the parent does that). */
  waitExit(task: Task): Promise<ExitStatus> {
    if (task.status) return Promise.resolve(task.status);
    return new Promise((resolve) => task.exitWaiters.push(resolve));
  }

  /**
   * Delivers a signal. KILL always ends the task; a caught signal is queued
   * for the program and interrupts what it waits on; an ignored one is
   * dropped; otherwise the default action applies — except that a
   * namespace's init ignores signals it has no handler for.
   */
  signal(task: Task, sig: number): void {
    if (task.state !== 'running') return;
    if (sig === SIGKILL) { this.kill(task, SIGKILL); return; }
    const disp = task.disposition(sig);
    if (disp === 'ignore') return;
    if (disp === 'catch') {
      task.pending.push(sig);
      for (const fn of task.interrupters) fn(new Interrupted());
      return;
    }
    if (defaultAction(sig) !== 'terminate') return;
    // A namespace's init gets only the signals it has handlers for (and KILL).
    if (task.isInit()) return;
    this.kill(task, sig);
  }

  /** Sends a signal to every task of a process group (a terminal's ^C). */
  signalGroup(pgid: number, sig: number): void {
    for (const t of this.tasks.values()) if (t.pgid === pgid) this.signal(t, sig);
  }

  /** Ends a task now: its waits reject, its next tick throws, it exits 128 + sig. */
  kill(task: Task, sig: number): void {
    if (task.state !== 'running' || task.killedBy !== null) return;
    task.killedBy = sig;
    const err = new Killed(sig);
    for (const fn of task.interrupters) fn(err);
    task.interrupters.clear();
    // The program may be parked on something that never settles: exit now.
    queueMicrotask(() => this.exit(task, { code: signalExitCode(sig), signal: sig }));
  }

  /** Charges the CPU time since the task's slice began; returns the throttle wait (ms). */
  chargeCpu(task: Task): number {
    const now = this.clock.now();
    const used = Math.max(0, now - task.sliceStart);
    task.sliceStart = now;
    task.cpuMs += used;
    return task.cgroup.chargeCpu(Math.round(used * 1000), now);
  }

  /**
   * Charges memory to a task's cgroup. Over memory.max the OOM killer ends
   * the task in that cgroup holding the most memory, and the charge fails
   * with Killed if that was the caller.
   */
  chargeMemory(task: Task, bytes: number): void {
    if (bytes <= 0) return;
    const over = task.cgroup.tryCharge(bytes);
    if (!over) { task.memory += bytes; return; }
    over.recordOom();
    const victim = this.oomVictim(over) ?? task;
    this.oomKillTask(victim);
    if (victim === task) throw new Killed(SIGKILL);
    // Memory freed by the victim may not be enough: the caller gets it only if it fits now.
    if (task.cgroup.tryCharge(bytes)) { this.oomKillTask(task); throw new Killed(SIGKILL); }
    task.memory += bytes;
  }

  /**
   * An allocation no memory could ever satisfy (the host's engine refused a
   * string or buffer that large: more than the machine's memory): the OOM
   * killer runs as for any charge that does not fit — the caller, holding
   * the most, is usually its victim. False when nothing bounds memory here
   * (no memory.max up to the root): the caller reports the failure itself.
   */
  private outOfMemory(task: Task): boolean {
    const room = task.cgroup.headroom();
    if (!Number.isFinite(room)) return false;
    try {
      this.chargeMemory(task, room + 1);
    } catch (e) {
      if (e instanceof Killed) return true;
      throw e;
    }
    // Another task held more and went first; what this one asked for still cannot be had.
    this.oomKillTask(task);
    return true;
  }

  uncharge(task: Task, bytes: number): void {
    const n = Math.min(bytes, task.memory);
    task.memory -= n;
    task.cgroup.uncharge(n);
  }

  /** The OOM killer for memory no single task holds (tmpfs pages): records it and kills the biggest task in `cg`. */
  oomKill(cg: Cgroup): void {
    cg.recordOom();
    const victim = this.oomVictim(cg);
    if (victim) this.oomKillTask(victim);
  }

  /**
   * Kills an OOM killer's victim (SIGKILL: exit 137), counted in its
   * cgroups' oom_kill. Its memory is given back at once, as Linux's OOM
   * reaper frees a victim's memory without waiting for it to exit: the
   * allocation that ran the killer can then succeed.
   */
  private oomKillTask(victim: Task): void {
    if (victim.state === 'running' && victim.killedBy === null) victim.cgroup.recordOomKill();
    this.kill(victim, SIGKILL);
    victim.cgroup.uncharge(victim.memory);
    victim.memory = 0;
  }

  /**
   * The task the OOM killer of `cg` ends: the one inside it holding the most
   * memory (Linux's badness, without oom_score_adj). For the root — the
   * machine's memory exhausted — that is the global OOM killer, choosing
   * among every container's processes.
   */
  private oomVictim(cg: Cgroup): Task | undefined {
    let best: Task | undefined;
    for (const t of this.tasks.values()) {
      if (t.state !== 'running' || t.killedBy !== null) continue;
      let inside = false;
      for (const c of t.cgroup.lineage()) if (c === cg) inside = true;
      if (inside && (!best || t.memory > best.memory)) best = t;
    }
    return best;
  }
}

/**
 * The host's JavaScript engine refused an allocation for its size (V8:
 * "Invalid string length", "Array buffer allocation failed"; SpiderMonkey:
 * "allocation size overflow"; JavaScriptCore: "Out of memory"). Not
 * "Invalid array length": that is a negative or fractional length, a bug.
 */
function isHostAllocationFailure(e: unknown): boolean {
  if (!(e instanceof RangeError) && (e as Error | null)?.name !== 'InternalError') return false;
  return /invalid string length|array buffer allocation failed|allocation size overflow|out of memory/i.test((e as Error).message);
}
