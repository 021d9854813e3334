// The playground's host machine: the computer the student sits at, with the
// engine as its dockerd. It has its own kernel (its processes are not the
// containers' — as with Docker Desktop, whose engine runs in a VM), a root
// filesystem whose /home/student is the workspace, and terminals running
// the student's login shell, `student@playground:~$`, in which `docker …`
// is the docker CLI talking to the engine through the Engine API — the API
// dockerd also serves on the host's /var/run/docker.sock, for curl and
// any other client.
import type { EngineClient } from '../client/client.ts';
import { MemoryFs } from '../fs/memory.ts';
import { MountFs, type MountTable } from '../fs/mount.ts';
import { Cgroup } from '../kernel/cgroup.ts';
import { devFs } from '../kernel/devfs.ts';
import { FdTable } from '../kernel/fd.ts';
import { Kernel } from '../kernel/kernel.ts';
import type { Program } from '../kernel/process.ts';
import { procFs } from '../kernel/procfs.ts';
import { Tty, TtyFile, type WinSize } from '../kernel/tty.ts';
import type { Task } from '../kernel/task.ts';
import { Userland } from '../programs/registry.ts';
import { dockerCompleter, dockerProgram } from './docker-program.ts';
import { DOCKER_SOCKET, serveDockerSocket } from './docker-socket.ts';
import { HostNetwork, type PublishedPortDialer } from './network.ts';
import { HOST_HOSTNAME, HOST_USER, populateHostRoot } from './rootfs.ts';

/** The host's memory, as /proc/meminfo and `free` show it. */
const HOST_MEMORY = 2 * 1024 ** 3;

/** A terminal opened on the host (the page's xterm): keys in, output out. */
export interface HostTerminal {
  /** Keys the user typed. */
  input(data: string | Uint8Array): void;
  /** The terminal's new size (SIGWINCH to what runs in it). */
  resize(size: WinSize): void;
  /** Subscribes to what the terminal shows; returns the unsubscribe. */
  onOutput(fn: (data: Uint8Array) => void): () => void;
  /** The login shell's exit status, once it has ended (`exit`, ^D). */
  readonly exited: Promise<number>;
  /** Closes the terminal: its processes get SIGHUP. */
  close(): void;
}

export interface HostOptions {
  /** The engine's API, which the host's `docker` calls. */
  client: EngineClient;
  /** The host's files (the workspace under /home/student); a new filesystem by default. */
  fs?: MemoryFs;
  /** The engine's published ports, reachable on the host's 127.0.0.1 (as Docker Desktop forwards them). */
  dialPublished?: PublishedPortDialer;
  now?: () => number;
}

/** Init: PID 1 of the host; it only waits (orphans are reaped by the kernel). */
const init: Program = (p) => new Promise<number>(() => { void p; });

export class HostMachine {
  /** The host's files; the workspace is HostMachine.home. */
  readonly fs: MemoryFs;
  readonly kernel = new Kernel();
  static readonly home = HOST_USER.home;
  /** The student's uid and gid (files the editor writes belong to them). */
  static readonly uid = HOST_USER.uid;
  static readonly gid = HOST_USER.gid;
  private readonly userland: Userland;
  private readonly root: MountFs;
  private readonly init: Task;
  private readonly cgroup: Cgroup;
  private readonly commandListeners = new Set<(line: string) => void>();

  constructor(opts: HostOptions) {
    this.fs = opts.fs ?? new MemoryFs();
    populateHostRoot(this.fs);
    const now = opts.now ?? Date.now;
    this.userland = new Userland({
      programs: new Map([['docker', dockerProgram(opts.client, now)]]),
      completers: new Map([['docker', dockerCompleter(opts.client)]]),
      onCommandEntered: (line) => { for (const fn of this.commandListeners) fn(line); },
    });
    const boot = this.kernel.clock.wallNow();
    const mounts: MountTable = new Map();
    mounts.set('/proc', { fs: procFs({ pidns: () => this.kernel.rootNs, memTotal: HOST_MEMORY, rootCgroup: this.kernel.rootCgroup, now: () => this.kernel.clock.now(), wallNow: () => this.kernel.clock.wallNow(), bootWall: boot, mounts: () => 'rootfs / rootfs rw 0 0\nproc /proc proc rw 0 0\ndevtmpfs /dev devtmpfs rw 0 0\n' }) });
    mounts.set('/dev', { fs: devFs(() => this.kernel.clock.wallNow()) });
    this.root = new MountFs(this.fs, mounts, null, { now: () => this.kernel.clock.wallNow() });
    this.cgroup = new Cgroup('/user.slice', this.kernel.rootCgroup);
    // dockerd listens on its socket: what curl --unix-socket /var/run/docker.sock reaches.
    this.kernel.unix.bind(DOCKER_SOCKET.real, (conn) => { void serveDockerSocket(conn, opts.client, now); });
    this.init = this.kernel.spawn({
      program: init, argv: ['/sbin/init'], env: new Map(), cwd: '/', creds: { uid: 0, gid: 0, groups: [] },
      fs: this.root, fds: new FdTable(), cgroup: this.kernel.rootCgroup, uts: { hostname: HOST_HOSTNAME }, parent: null,
      netns: new HostNetwork(opts.dialPublished ?? null),
    });
  }

  /**
   * Subscribes to the command lines the student runs at the host's
   * interactive shells, as entered (a command spanning lines arrives whole,
   * joined by newlines); returns the unsubscribe. This is the shell's
   * history as it grows — lessons grade "the commands you ran" from it.
   * @example
   *   host.onCommand((line) => ran.push(line));   // 'docker ps -a'
   */
  onCommand(fn: (line: string) => void): () => void {
    this.commandListeners.add(fn);
    return () => { this.commandListeners.delete(fn); };
  }

  /**
   * Opens a terminal running the student's login shell in the workspace.
   * @example
   *   const t = host.openTerminal({ cols: 80, rows: 24 });
   *   t.onOutput((d) => xterm.write(d));
   *   xterm.onData((keys) => t.input(keys));
   */
  openTerminal(size: WinSize = { cols: 80, rows: 24 }): HostTerminal {
    const kernel = this.kernel;
    const tty = new Tty(kernel);
    tty.size = size;
    const file = new TtyFile(tty);
    const fds = new FdTable();
    for (const fd of [0, 1, 2]) fds.set(fd, file);
    const env = new Map(Object.entries({
      HOME: HOST_USER.home, USER: HOST_USER.name, LOGNAME: HOST_USER.name, SHELL: '/bin/sh', TERM: 'xterm-256color',
      PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin', PS1: '\\u@\\h:\\w\\$ ', HOSTNAME: HOST_HOSTNAME,
    }));
    const shell = kernel.spawn({
      program: this.userland.sh, argv: ['-sh'], env, cwd: HOST_USER.home,
      creds: { uid: HOST_USER.uid, gid: HOST_USER.gid, groups: [999] },
      fs: this.root, fds, cgroup: this.cgroup, uts: { hostname: HOST_HOSTNAME }, parent: this.init,
    });
    const exited = kernel.waitExit(shell).then((s) => { tty.hangup(); kernel.reap(shell); return s.code; });
    return {
      input: (d) => tty.input(d),
      resize: (s) => tty.resize(s),
      onOutput: (fn) => tty.onOutput(fn),
      exited,
      close: () => { tty.hangup(); kernel.signal(shell, 1); },
    };
  }
}
