// The process as a program sees it: its arguments, environment, working
// directory and credentials, and the system calls it makes — descriptors and
// pipes, spawning and waiting for children, signals, sleeping, memory
// charges, and tick(), which every busy loop calls so the kernel can share
// the CPU, enforce cpu.max and deliver signals.
import type { TreeFs } from '../fs/tree-fs.ts';
import { SysError } from './errno.ts';
import { FdTable, PipeReadEnd, PipeWriteEnd, type IoContext, type OpenFile } from './fd.ts';
import { Pipe } from './pipe.ts';
import { TtyFile, type Tty } from './tty.ts';
import type { ListenerFile, NetNamespace } from './netns.ts';
import type { UnixSockets } from './unix.ts';
import { normalizePath } from '../fs/path.ts';
import { SIGPIPE } from './signals.ts';
import type { Cgroup } from './cgroup.ts';
import type { Clock } from './clock.ts';
import { ExitRequest, Interrupted, Killed, type Credentials, type Disposition, type ExitStatus, type Task, type UtsNamespace } from './task.ts';

/** A program: gets its process, resolves to its exit code. */
export type Program = (p: Process) => Promise<number>;

/** How long a task runs before it gives the host a turn (ms). */
export const TIME_SLICE_MS = 4;

/** What a Process needs from the kernel (implemented by Kernel). */
export interface KernelServices {
  readonly clock: Clock;
  /** Unix stream sockets bound to paths. */
  readonly unix: UnixSockets;
  spawn(spec: {
    program: Program; argv: string[]; env: Map<string, string>; cwd: string; creds: Credentials; fs: TreeFs;
    fds: FdTable; cgroup: Cgroup; uts: UtsNamespace; parent: Task | null;
  }): Task;
  signal(task: Task, sig: number): void;
  waitExit(task: Task): Promise<ExitStatus>;
  reap(task: Task): void;
  chargeCpu(task: Task): number;
  chargeMemory(task: Task, bytes: number): void;
  uncharge(task: Task, bytes: number): void;
}

const encoder = new TextEncoder();

export interface SpawnOptions {
  argv: string[];
  env?: Map<string, string>;
  cwd?: string;
  /** Child descriptor → parent descriptor it gets a copy of. Default: the parent's whole table. */
  fds?: Map<number, number>;
  creds?: Credentials;
}

export class Process {
  constructor(private readonly kernel: KernelServices, readonly task: Task) {}

  get argv(): string[] { return this.task.argv; }
  get env(): Map<string, string> { return this.task.env; }
  get cwd(): string { return this.task.cwd; }
  set cwd(dir: string) { this.task.cwd = dir; }
  get fs(): TreeFs { return this.task.fs; }
  get uid(): number { return this.task.creds.uid; }
  get gid(): number { return this.task.creds.gid; }
  /** PID in the process's own namespace. */
  get pid(): number { return this.task.nsPid; }
  get ppid(): number { return this.task.parent ? this.task.parent.pidIn(this.task.pidns) : 0; }
  get hostname(): string { return this.task.uts.hostname; }

  private alive(): void {
    if (this.task.killedBy !== null) throw new Killed(this.task.killedBy);
    if (this.task.state !== 'running') throw new Killed(9);
  }

  /** Makes a wait interruptible by kill (always) and by caught signals (when `interruptible`). */
  wait<T>(p: Promise<T>, interruptible = false): Promise<T> {
    this.alive();
    if (interruptible && this.task.pending.length > 0) return Promise.reject(new Interrupted());
    const task = this.task;
    this.kernel.chargeCpu(task);
    return new Promise<T>((resolve, reject) => {
      const interrupt = (e: Error): void => {
        if (e instanceof Interrupted && !interruptible) return;
        task.interrupters.delete(interrupt);
        reject(e);
      };
      task.interrupters.add(interrupt);
      p.then(
        (v) => {
          task.interrupters.delete(interrupt);
          // A paused container's processes stay stopped even when what they waited for arrives.
          if (task.cgroup.isFrozen()) { void task.cgroup.waitThawed().then(() => { task.sliceStart = this.kernel.clock.now(); resolve(v); }); return; }
          task.sliceStart = this.kernel.clock.now();
          resolve(v);
        },
        (e: unknown) => { task.interrupters.delete(interrupt); task.sliceStart = this.kernel.clock.now(); reject(e); },
      );
    });
  }

  private io(): IoContext {
    return {
      wait: <T>(p: Promise<T>) => this.wait(p),
      charge: (n: number) => this.charge(n),
      cgroup: this.task.cgroup,
    };
  }

  /**
   * Gives way when this task's time slice is used up, enforcing cpu.max and
   * delivering kills. Returns undefined on the fast path (nothing to await).
   */
  tick(): Promise<void> | undefined {
    this.alive();
    // Reading the clock costs more than a shell builtin: look every 16 calls.
    if ((++this.task.ticks & 15) !== 0) return undefined;
    if (this.task.cgroup.isFrozen()) return this.wait(this.task.cgroup.waitThawed());
    const now = this.kernel.clock.now();
    const ran = now - this.task.sliceStart;
    if (ran < TIME_SLICE_MS && (this.task.cgroup.limits.cpuQuotaUs === null || ran < this.task.cgroup.sliceMs(now, TIME_SLICE_MS))) return undefined;
    return this.giveWay();
  }

  /**
   * After a burst of work that could not call tick() (a WASM guest running
   * between host calls): charges it, and throttles or gives way like tick().
   */
  settleCpu(): Promise<void> | undefined {
    this.alive();
    if (this.task.cgroup.isFrozen()) return this.wait(this.task.cgroup.waitThawed());
    const now = this.kernel.clock.now();
    const ran = now - this.task.sliceStart;
    if (ran < TIME_SLICE_MS && (this.task.cgroup.limits.cpuQuotaUs === null || ran < this.task.cgroup.sliceMs(now, TIME_SLICE_MS))) return undefined;
    return this.giveWay();
  }

  private async giveWay(): Promise<void> {
    const throttle = this.kernel.chargeCpu(this.task);
    if (throttle > 0) this.task.cgroup.recordThrottle(throttle);
    await this.wait(throttle > 0 ? this.kernel.clock.sleep(throttle).promise : this.kernel.clock.yieldToHost());
  }

  // ---- descriptors ----------------------------------------------------------

  get fds(): FdTable { return this.task.fds; }

  async read(fd: number, max = 65536): Promise<Uint8Array | null> {
    this.alive();
    return this.task.fds.get(fd).read(max, this.io());
  }

  async write(fd: number, data: Uint8Array | string): Promise<number> {
    this.alive();
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    try {
      return await this.task.fds.get(fd).write(bytes, this.io());
    } catch (e) {
      if (e instanceof SysError && e.errno === 'EPIPE') this.kernel.signal(this.task, SIGPIPE);
      throw e;
    }
  }

  open(file: OpenFile, min = 0): number {
    this.alive();
    return this.task.fds.alloc(file, min);
  }

  close(fd: number): void { this.task.fds.close(fd); }
  dup2(from: number, to: number): void { this.task.fds.dup2(from, to); }

  /** A new pipe: [read end, write end]. */
  pipe(): [number, number] {
    this.alive();
    const p = new Pipe();
    return [this.task.fds.alloc(new PipeReadEnd(p)), this.task.fds.alloc(new PipeWriteEnd(p))];
  }

  // ---- processes ------------------------------------------------------------

  /** fork + exec in one: starts `program` as a child. Throws SysError EAGAIN at pids.max. */
  spawn(program: Program, opts: SpawnOptions): Task {
    this.alive();
    let fds: FdTable;
    if (opts.fds) {
      fds = new FdTable();
      for (const [child, parent] of opts.fds) fds.set(child, this.task.fds.get(parent));
    } else {
      fds = this.task.fds.clone();
    }
    return this.kernel.spawn({
      program,
      argv: opts.argv,
      env: opts.env ?? new Map(this.task.env),
      cwd: opts.cwd ?? this.task.cwd,
      creds: opts.creds ?? { ...this.task.creds, groups: [...this.task.creds.groups] },
      fs: this.task.fs,
      fds,
      cgroup: this.task.cgroup,
      uts: this.task.uts,
      parent: this.task,
    });
  }

  /** Waits for a child to exit and reaps it. Interrupted by caught signals when asked. */
  async waitChild(child: Task, interruptible = false): Promise<ExitStatus> {
    if (child.parent !== this.task) throw new SysError('ECHILD');
    const status = await this.wait(this.kernel.waitExit(child), interruptible);
    this.kernel.reap(child);
    return status;
  }

  /** kill(2) with a PID as this process sees it. */
  kill(pid: number, sig: number): void {
    this.alive();
    const target = this.task.pidns.tasks.get(pid);
    if (!target || target.state !== 'running') throw new SysError('ESRCH');
    if (sig === 0) return;
    this.kernel.signal(target, sig);
  }

  // ---- network ---------------------------------------------------------------

  /** The network namespace; ENETUNREACH when the process has none. */
  get net(): NetNamespace {
    if (!this.task.netns) throw new SysError('ENETUNREACH');
    return this.task.netns;
  }

  /** connect(): a TCP connection as a descriptor. */
  async connect(ip: string, port: number): Promise<number> {
    this.alive();
    const sock = await this.net.connect(ip, port, this.io());
    return this.installFile(sock);
  }

  /**
   * connect(2) on an AF_UNIX stream socket: the socket bound at `path`
   * (relative to the working directory) as a descriptor. ENOENT, EACCES
   * (no write permission on the socket file) or ECONNREFUSED.
   */
  connectUnix(path: string): number {
    this.alive();
    return this.installFile(this.kernel.unix.connect(this.task.fs, normalizePath(path, this.task.cwd), this.task.creds));
  }

  /** socket + bind + listen: a listening descriptor. */
  listen(ip: string, port: number): number {
    this.alive();
    return this.installFile(this.net.listen(ip, port));
  }

  /** accept(): waits for a connection on a listening descriptor. */
  async accept(fd: number): Promise<number> {
    this.alive();
    const l = this.task.fds.get(fd) as unknown as Partial<ListenerFile>;
    if (typeof l.accept !== 'function') throw new SysError('EINVAL');
    const sock = await l.accept(this.io());
    return this.installFile(sock);
  }

  /** shutdown(fd, SHUT_WR): the peer reads end of file; reading goes on. */
  shutdownWrite(fd: number): void {
    const f = this.task.fds.get(fd) as unknown as { shutdownWrite?: () => void };
    if (typeof f.shutdownWrite !== 'function') throw new SysError('ENOTCONN');
    f.shutdownWrite();
  }

  /** Puts a new open file at the lowest free descriptor. */
  installFile(file: OpenFile): number {
    return this.task.fds.alloc(file);
  }

  /** The terminal behind a descriptor, if it is one (isatty). */
  tty(fd: number): Tty | null {
    if (!this.task.fds.has(fd)) return null;
    const f = this.task.fds.get(fd);
    return f instanceof TtyFile ? f.tty : null;
  }

  /** setpgid(child, child): puts a child in a process group of its own. */
  setProcessGroup(task: Task, pgid = task.pid): void {
    task.pgid = pgid;
  }

  get pgid(): number { return this.task.pgid; }

  /** Sets what happens on `sig` ('catch' queues it for takeSignals()). */
  setDisposition(sig: number, d: Disposition): void {
    this.task.dispositions.set(sig, d);
  }

  /** Caught signals waiting to be handled, oldest first (the queue is emptied). */
  takeSignals(): number[] {
    return this.task.pending.splice(0);
  }

  /** The kernel's monotonic clock, in ms. */
  now(): number {
    return this.kernel.clock.now();
  }

  /** Sleeps; a caught signal ends the sleep early with Interrupted. */
  async sleep(ms: number): Promise<void> {
    const t = this.kernel.clock.sleep(ms);
    try {
      await this.wait(t.promise, true);
    } finally {
      t.cancel();
    }
  }

  /**
   * Waits for `event` or `ms` (null: no timeout), whichever comes first. A
   * caught signal ends the wait early with Interrupted, a kill with Killed.
   */
  async waitAny(event: Promise<unknown>, ms: number | null): Promise<void> {
    const t = ms === null ? null : this.kernel.clock.sleep(Math.max(0, ms));
    try {
      await this.wait(t ? Promise.race([event, t.promise]) : event, true);
    } finally {
      t?.cancel();
    }
  }

  /** Ends the program with `code` (never returns). */
  exit(code: number): never {
    throw new ExitRequest(code);
  }

  // ---- memory ---------------------------------------------------------------

  /** Accounts memory this process holds; over memory.max the OOM killer runs. */
  charge(bytes: number): void {
    this.alive();
    this.kernel.chargeMemory(this.task, bytes);
  }

  uncharge(bytes: number): void {
    this.kernel.uncharge(this.task, bytes);
  }

  /** Bytes this process may still be charged before some memory.max is reached. */
  memoryHeadroom(): number {
    return this.task.cgroup.headroom();
  }
}
