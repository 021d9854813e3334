// A task (a process, kernel side): its identities in every PID namespace it
// is visible in, credentials, working directory, environment, descriptors,
// cgroup, signal dispositions, CPU time, and its life from running through
// zombie to reaped. Programs never see this object; they get a Process.
import type { NetNamespace } from './netns.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import type { Cgroup } from './cgroup.ts';
import type { FdTable } from './fd.ts';
import type { PidNamespace } from './pidns.ts';

/** Thrown inside a program whose process has been killed; never caught by programs. */
export class Killed extends Error {
  override name = 'Killed';
  constructor(readonly signal: number) {
    super(`killed by signal ${signal}`);
  }
}

/** Thrown by Process.exit(); ends the program with `code`. */
export class ExitRequest extends Error {
  override name = 'ExitRequest';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** A blocking call interrupted by a caught signal (EINTR). */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor() {
    super('Interrupted system call');
  }
}

export interface ExitStatus {
  /** The exit code as Docker reports it: the program's code, or 128 + signal. */
  code: number;
  /** The signal that ended it, if any. */
  signal: number | null;
}

export type Disposition = 'default' | 'ignore' | 'catch';

export interface Credentials {
  uid: number;
  gid: number;
  groups: number[];
}

/** The UTS namespace: what `hostname` answers. */
export interface UtsNamespace {
  hostname: string;
}

export class Task {
  readonly pids = new Map<PidNamespace, number>();
  parent: Task | null;
  readonly children = new Set<Task>();
  state: 'running' | 'zombie' | 'reaped' = 'running';
  status: ExitStatus | null = null;
  /** Bytes this task has charged to its cgroup (chosen first by the OOM killer). */
  memory = 0;
  /** CPU time used, ms. */
  cpuMs = 0;
  /** When the current run slice began (ms, kernel clock). */
  sliceStart = 0;
  /** Calls to tick() (the clock is read on some of them only). */
  ticks = 0;
  /** Its network namespace (null: no network at all, not even lo). */
  netns: NetNamespace | null = null;
  /** The file it executes, as exec found it (/proc/PID/exe resolves it), once exec'd through the userland. */
  exe: string | null = null;
  /** The version the built-in binary it executes carries (programs/own-version.ts), if any. */
  exeVersion: string | null = null;
  /** Process group (host PID of its leader): what a terminal's ^C reaches. */
  pgid: number;
  readonly startedAt: number;
  readonly dispositions = new Map<number, Disposition>();
  /** Caught signals not yet handled by the program, oldest first. */
  readonly pending: number[] = [];
  /** The signal that killed it, once it is being killed. */
  killedBy: number | null = null;
  /** Rejects interruptible waits in progress (kill, caught signal). */
  readonly interrupters = new Set<(e: Error) => void>();
  readonly exitWaiters: Array<(s: ExitStatus) => void> = [];

  constructor(
    readonly pid: number,
    readonly pidns: PidNamespace,
    parent: Task | null,
    public argv: string[],
    public env: Map<string, string>,
    public cwd: string,
    public creds: Credentials,
    public fds: FdTable,
    public cgroup: Cgroup,
    public fs: TreeFs,
    public uts: UtsNamespace,
    startedAt: number,
  ) {
    this.parent = parent;
    this.startedAt = startedAt;
    this.pgid = parent?.pgid ?? pid;
  }

  /** Its PID as seen from `ns` (0 when not visible there). */
  pidIn(ns: PidNamespace): number {
    return this.pids.get(ns) ?? 0;
  }

  /** Its PID in its own namespace (what `$$` shows inside the container). */
  get nsPid(): number {
    return this.pidIn(this.pidns);
  }

  /** The command name (`comm`): the program's base name. */
  get comm(): string {
    const a0 = this.argv[0] ?? '';
    return a0.slice(a0.lastIndexOf('/') + 1).slice(0, 15);
  }

  isInit(): boolean {
    return this.pidns.init === this;
  }

  disposition(sig: number): Disposition {
    return this.dispositions.get(sig) ?? 'default';
  }
}
