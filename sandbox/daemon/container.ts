// A container: an image's root under a writable layer, a cgroup with its
// limits, a PID namespace and hostname, the command that is its PID 1, its
// logs, and its state as `docker inspect` reports it. Starting, stopping and
// waiting live here; the daemon's verbs call them.
import { MemoryFs } from '../fs/memory.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import type { DirNode } from '../fs/node.ts';
import { MountFs, type MountTable } from '../fs/mount.ts';
import { synth, SyntheticFs } from '../fs/synthetic.ts';
import { OverlayFs } from '../fs/overlay.ts';
import { cgroupFs } from '../kernel/cgroupfs.ts';
import { devFs } from '../kernel/devfs.ts';
import type { PidNamespace } from '../kernel/pidns.ts';
import { procFs } from '../kernel/procfs.ts';
import type { RunConfig } from '../image/config.ts';
import type { Image } from '../image/store.ts';
import { Cgroup, type CgroupLimits } from '../kernel/cgroup.ts';
import { makeStdio, type StdioHandle } from './stdio.ts';
import { Tmpfs } from '../kernel/tmpfs.ts';
import { HOST_NETWORK, NetworkError, type NetNs, type NetworkFabric } from '../net/fabric.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { parseSignal, SIGKILL, SIGTERM } from '../kernel/signals.ts';
import type { ExitStatus, Task } from '../kernel/task.ts';
import type { Userland } from '../programs/registry.ts';
import { resolveUser, UserError } from './users.ts';
import { initProgram } from '../programs/init.ts';
import { isWasm, wasiProgram } from '../programs/wasi/magic.ts';
import { contentHead } from '../fs/content.ts';
import { normalizePath } from '../fs/path.ts';
import { isFsError } from '../fs/errors.ts';
import type { Ledger } from '../fs/charged-dir.ts';
import type { EngineDisk } from './disk.ts';
import type { HealthState } from './health.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A process's environment as dockerd makes it (moby's CreateDaemonEnvironment):
 * PATH, HOSTNAME and, on a terminal (-t), TERM=xterm first, then the
 * container's (and exec's) variables replacing or following them.
 */
export function daemonEnvironment(hostname: string, tty: boolean, vars: readonly string[]): Map<string, string> {
  const env = new Map<string, string>([['PATH', DEFAULT_PATH], ['HOSTNAME', hostname]]);
  if (tty) env.set('TERM', 'xterm');
  for (const kv of vars) {
    const eq = kv.indexOf('=');
    env.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
  }
  return env;
}
const OCI_PREFIX = 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';
const MAX_LOG_BYTES = 8 * 1024 * 1024;

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
}

export interface LogEntry {
  stream: 'stdout' | 'stderr';
  data: Uint8Array;
  /** ms since the epoch. */
  time: number;
}

export interface ContainerOptions {
  id: string;
  name: string;
  /** The image it runs (null for a build step on `FROM scratch`). */
  image: Image | null;
  /** The image's config merged with the run's overrides (Env, Cmd, Entrypoint, User, WorkingDir…). */
  config: RunConfig & { Hostname: string; Tty?: boolean; OpenStdin?: boolean; StdinOnce?: boolean; Image?: string };
  limits: Partial<CgroupLimits>;
  created: number;
  mounts?: MountSpec[];
  /** --init: a small init runs the command and forwards signals to it. */
  init?: boolean;
  restartPolicy?: RestartPolicy;
  /** --network, --network-alias, --ip, -p/-P: how it is attached when it starts. */
  network?: NetworkAttachment;
  /** --platform: 'wasi' runs the command as a WebAssembly (WASI) module, as Docker's wasm runtimes do. */
  platform?: 'linux' | 'wasi';
  /** The disk its writable layer is on (bounded: ENOSPC when full); none: unbounded (tests). */
  disk?: EngineDisk;
  /** --rm: removed once it exits (HostConfig.AutoRemove). */
  autoRemove?: boolean;
  /** A container read back from a snapshot: its writable layer, logs and state as saved. */
  saved?: { upper: DirNode; logs: LogEntry[]; state: ContainerState; restartCount: number; health: HealthState | null };
}

/** A port published with -p (HostPort 0: the engine picks one, as -P does). */
export interface PortBinding {
  containerPort: number;
  hostPort: number;
  hostIp: string;
}

export interface NetworkAttachment {
  fabric: NetworkFabric;
  /** The network it starts on ('bridge', 'host', 'none' or a user-defined one). */
  mode: string;
  aliases: string[];
  ip?: string;
  ports: PortBinding[];
}

/** --restart: no, on-failure[:N], always, unless-stopped. */
export interface RestartPolicy {
  Name: '' | 'no' | 'on-failure' | 'always' | 'unless-stopped';
  MaximumRetryCount: number;
}

/** A mount of a container, as `docker inspect` lists it under Mounts. */
export interface MountSpec {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name. */
  name?: string;
  /** Bind source path. */
  source?: string;
  target: string;
  readonly: boolean;
  /** The filesystem mounted (a volume's, the workspace for binds); tmpfs gets a fresh one. */
  fs: TreeFs | null;
}

export interface ExecOptions {
  user?: string;
  env?: string[];
  workdir?: string;
  onStdout?: (d: Uint8Array) => void;
  onStderr?: (d: Uint8Array) => void;
  /** -t: a terminal on 0, 1, 2 (its output comes as stdout). */
  tty?: boolean;
  /** -i: stdin open for the client to write into. */
  openStdin?: boolean;
}

/** Thrown when a container's process cannot start (Docker's 127/126 cases). */
export class StartError extends Error {
  override name = 'StartError';
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
/** Docker's default --shm-size. */
const SHM_SIZE = 64 * 1024 * 1024;
const MOUNT_TYPES = new Map([['/proc', 'proc'], ['/sys', 'sysfs'], ['/sys/fs/cgroup', 'cgroup2'], ['/dev', 'tmpfs'], ['/dev/shm', 'tmpfs']]);

/** /sys: just enough of it to hold the cgroup mount (and look like sysfs). */
function sysFs(now: () => number): SyntheticFs {
  const empty = () => synth.dir(() => new Map());
  return new SyntheticFs(() => synth.dir(() => new Map([
    ['fs', synth.dir(() => new Map([['cgroup', empty()]]))],
    ['kernel', empty()], ['class', empty()], ['devices', empty()],
  ])), { now });
}

export class Container {
  readonly id: string;
  name: string;
  readonly image: Image | null;
  readonly config: ContainerOptions['config'];
  /** The writable layer over the image (what `docker diff` and `commit` read). */
  readonly fs: OverlayFs;
  /** What its processes see: the overlay with /proc, /sys/fs/cgroup, /dev and /etc files mounted. */
  readonly rootfs: MountFs;
  cgroup: Cgroup;
  readonly created: number;
  readonly mounts: MountSpec[];
  readonly useInit: boolean;
  readonly platform: 'linux' | 'wasi';
  readonly restartPolicy: RestartPolicy;
  readonly autoRemove: boolean;
  restartCount = 0;
  /** Stopped or killed by the user: restart policies leave it alone. */
  private manuallyStopped = false;
  /** Whether the user stopped it (`docker stop`/`kill`) since it last started. */
  get stoppedByUser(): boolean { return this.manuallyStopped; }
  private restartTimer: { cancel(): void } | null = null;
  private kernelRef: Kernel | null = null;
  private userlandRef: Userland | null = null;
  private current: ContainerState = {
    Status: 'created', Running: false, Paused: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: ZERO_TIME, FinishedAt: ZERO_TIME,
  };
  private readonly stateListeners = new Set<(s: ContainerState) => void>();
  /** State.Health while it has a health check that has run (see health.ts); null otherwise. */
  health: HealthState | null = null;
  init: Task | null = null;
  /** Its network namespace while running (null when stopped). */
  netns: NetNs | null = null;
  /** Networks it is attached to at start (docker network connect adds to it). */
  readonly networks: string[] = [];
  readonly networkOpts: NetworkAttachment | null;
  /** The host ports its published ports got this run. */
  publishedPorts: Array<PortBinding & { hostPort: number }> = [];
  private etc: MemoryFs | null = null;
  /** /dev/shm and --tmpfs mounts: emptied (their memory given back) when the container stops. */
  private readonly tmpfsMounts: Tmpfs[] = [];
  /** PID 1's standard streams: what `docker attach` writes into and resizes. */
  stdio: StdioHandle | null = null;
  readonly logs: LogEntry[] = [];
  private logBytes = 0;
  private readonly logListeners = new Set<(e: LogEntry) => void>();
  private exitWaiters: Array<(code: number) => void> = [];
  /** Its writable layer's share of the engine's disk. */
  private readonly disk: Ledger | null;

  constructor(opts: ContainerOptions, rootfs: import('../fs/node.ts').DirNode, parentCgroup: Cgroup, private readonly clock: () => number) {
    this.id = opts.id;
    this.name = opts.name;
    this.image = opts.image;
    this.config = opts.config;
    this.created = opts.created;
    this.mounts = opts.mounts ?? [];
    this.useInit = opts.init ?? false;
    this.platform = opts.platform ?? 'linux';
    this.restartPolicy = opts.restartPolicy ?? { Name: 'no', MaximumRetryCount: 0 };
    this.autoRemove = opts.autoRemove ?? false;
    this.networkOpts = opts.network ?? null;
    if (opts.network) this.networks.push(opts.network.mode);
    this.disk = opts.disk ? opts.disk.writableLayer(opts.saved?.upper) : null;
    this.fs = new OverlayFs(rootfs, { now: clock, ...(opts.saved && { upper: opts.saved.upper }), ...(this.disk && { ledger: this.disk }) });
    if (opts.saved) {
      this.current = opts.saved.state;
      this.restartCount = opts.saved.restartCount;
      this.health = opts.saved.health;
      for (const e of opts.saved.logs) { this.logs.push(e); this.logBytes += e.data.length; }
    }
    this.cgroup = new Cgroup(`/docker/${opts.id}`, parentCgroup, opts.limits);
    this.rootfs = this.mountedRoot(parentCgroup);
  }

  /** The container is gone: its writable layer's space goes back to the engine's disk. */
  releaseDisk(): void {
    this.disk?.change(-this.disk.used, this.id);
  }

  /** What `docker inspect` shows as State; every change is told to onStateChange's listeners. */
  get state(): ContainerState { return this.current; }
  set state(s: ContainerState) {
    this.current = s;
    for (const fn of this.stateListeners) fn(s);
  }

  /** Called on each state change (start, exit, restart, pause, unpause). */
  onStateChange(fn: (s: ContainerState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  /** The mounts every container has (as runc sets them up for Docker). */
  private mountedRoot(engineCgroup: Cgroup): MountFs {
    const etc = new MemoryFs({ now: this.clock });
    this.etc = etc;
    etc.writeFileSync('/hostname', `${this.config.Hostname}\n`);
    this.writeNetworkFiles([], HOST_NETWORK.nameserver);
    const shm = this.tmpfs(SHM_SIZE);
    shm.chmodSync('/', 0o1777);
    const pidns = (): PidNamespace | null => this.init?.pidns ?? null;
    const mounts: MountTable = new Map();
    const table = (): string => [...mounts.keys()].map((p) => `${MOUNT_TYPES.get(p) ?? 'overlay'} ${p} ${MOUNT_TYPES.get(p) ?? 'overlay'} rw 0 0\n`).join('');
    mounts.set('/proc', { fs: procFs({ pidns, memTotal: engineCgroup.limits.memoryMax ?? 1024 ** 3, rootCgroup: engineCgroup, now: this.clock, wallNow: this.clock, bootWall: this.created, mounts: () => `overlay / overlay rw 0 0\n${table()}` }) });
    mounts.set('/sys', { fs: sysFs(this.clock) });
    mounts.set('/sys/fs/cgroup', { fs: cgroupFs(this.cgroup, pidns, this.clock) });
    mounts.set('/dev', { fs: devFs(this.clock) });
    mounts.set('/dev/shm', { fs: shm });
    mounts.set('/etc/hostname', { fs: etc, file: '/hostname' });
    mounts.set('/etc/hosts', { fs: etc, file: '/hosts' });
    mounts.set('/etc/resolv.conf', { fs: etc, file: '/resolv.conf' });
    for (const m of this.mounts) {
      const fs = m.fs ?? (m.type === 'tmpfs' ? this.tmpfs(null) : new MemoryFs({ now: this.clock }));
      if (!this.fs.existsSync(m.target)) this.fs.mkdirSync(m.target, { recursive: true });
      if (m.type === 'bind' && m.source && fs.statSync(m.source).type === 'file') mounts.set(m.target, { fs, file: m.source, readonly: m.readonly });
      else mounts.set(m.target, { fs, ...(m.source && m.source !== '/' && { dir: m.source }), readonly: m.readonly });
    }
    return new MountFs(this.fs, mounts, null, { now: this.clock });
  }

  /** A tmpfs whose contents are charged to this container's memory (the OOM killer runs when they do not fit). */
  private tmpfs(size: number | null): Tmpfs {
    const fs = new Tmpfs({ now: this.clock }, {
      charge: (n) => {
        const over = this.cgroup.tryCharge(n);
        if (!over) return true;
        this.kernelRef?.oomKill(over);
        return false;
      },
      uncharge: (n) => this.cgroup.uncharge(n),
    }, size);
    this.tmpfsMounts.push(fs);
    return fs;
  }

  /** /etc/hosts (localhost, then this container's addresses) and /etc/resolv.conf, as Docker writes them. */
  private writeNetworkFiles(addresses: string[], nameserver: string): void {
    if (!this.etc) return;
    const own = addresses.map((ip) => `${ip}\t${this.config.Hostname}\n`).join('');
    this.etc.writeFileSync('/hosts', `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${own}`);
    this.etc.writeFileSync('/resolv.conf', nameserver === '127.0.0.11'
      ? '# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver 127.0.0.11\noptions ndots:0\n'
      : `# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver ${nameserver}\n`);
  }

  /** Joins its networks and publishes its ports (at start). Throws NetworkError. */
  private attachNetwork(): NetNs | null {
    const o = this.networkOpts;
    if (!o) return null;
    const fabric = o.fabric;
    const first = fabric.mustFind(this.networks[0] ?? o.mode);
    const ns = fabric.namespaceFor(first);
    try {
      if (ns.kind === 'container') {
        for (const ref of this.networks) {
          const first = ref === o.mode;
          fabric.connect(ns, fabric.mustFind(ref), this.id, { names: [this.name, this.id.slice(0, 12)], aliases: first ? o.aliases : this.connectAliases.get(ref) ?? [], ip: first ? o.ip : undefined });
        }
        this.publishedPorts = o.ports.map((b) => ({ ...b, hostPort: fabric.publish(ns, this.id, b.containerPort, b.hostPort, b.hostIp).hostPort }));
      }
    } catch (e) {
      fabric.release(ns, this.id);
      throw e;
    }
    this.writeNetworkFiles(ns.kind === 'container' ? ns.interfaces().filter((i) => i.name !== 'lo').map((i) => i.address) : [], ns.nameserver);
    return ns;
  }

  /** The aliases it has on networks joined with `docker network connect`. */
  readonly connectAliases = new Map<string, string[]>();

  /** `docker network connect`: joins now if running, else at the next start. */
  connectNetwork(ref: string, o: { aliases?: string[]; ip?: string } = {}): void {
    if (!this.networkOpts) throw new NetworkError('container has no network configuration', 400);
    const fabric = this.networkOpts.fabric;
    const n = fabric.mustFind(ref);
    const current = fabric.find(this.networks[0] ?? 'bridge');
    if (n.driver === 'host' || current?.driver === 'host') throw new NetworkError('container cannot be disconnected from host network or connected to host network', 400);
    if (n.driver === 'null' || current?.driver === 'null') throw new NetworkError('container cannot be connected to multiple networks with one of the networks in private (none) mode', 400);
    if (this.networks.includes(n.name)) throw new NetworkError(`endpoint with name ${this.name} already exists in network ${n.name}`, 403);
    if (this.netns) fabric.connect(this.netns, n, this.id, { names: [this.name, this.id.slice(0, 12)], aliases: o.aliases ?? [], ip: o.ip });
    this.networks.push(n.name);
    this.connectAliases.set(n.name, o.aliases ?? []);
  }

  /** `docker network disconnect`. */
  disconnectNetwork(ref: string): void {
    if (!this.networkOpts) throw new NetworkError('container has no network configuration', 400);
    const fabric = this.networkOpts.fabric;
    const n = fabric.mustFind(ref);
    const i = this.networks.indexOf(n.name);
    if (i < 0) throw new NetworkError(`container ${this.id} is not connected to network ${n.name}`, 403);
    if (n.driver === 'host') throw new NetworkError('container cannot be disconnected from host network or connected to host network', 400);
    if (this.netns && this.netns.kind === 'container') fabric.disconnect(this.netns, n, this.id);
    this.networks.splice(i, 1);
    this.connectAliases.delete(n.name);
  }

  private detachNetwork(): void {
    if (this.netns && this.networkOpts && this.netns.kind === 'container') this.networkOpts.fabric.release(this.netns, this.id);
    this.netns = null;
    this.publishedPorts = [];
  }

  /** The command PID 1 runs: ENTRYPOINT followed by CMD. */
  get argv(): string[] {
    return [...(this.config.Entrypoint ?? []), ...(this.config.Cmd ?? [])];
  }

  onLog(fn: (e: LogEntry) => void): () => void {
    this.logListeners.add(fn);
    return () => this.logListeners.delete(fn);
  }

  private log(stream: LogEntry['stream'], data: Uint8Array): void {
    const entry = { stream, data, time: this.clock() };
    this.logs.push(entry);
    this.logBytes += data.length;
    while (this.logBytes > MAX_LOG_BYTES && this.logs.length > 1) this.logBytes -= this.logs.shift()!.data.length;
    for (const fn of this.logListeners) fn(entry);
  }

  /** Starts PID 1. Throws StartError when the command cannot run (the container is then exited). */
  start(kernel: Kernel, userland: Userland): void {
    if (this.state.Running) return;
    this.kernelRef = kernel;
    this.userlandRef = userland;
    this.manuallyStopped = false;
    const argv = this.argv;
    const env = daemonEnvironment(this.config.Hostname, this.config.Tty ?? false, this.config.Env ?? []);
    const fail = (message: string, code: number): never => {
      this.state = { ...this.state, Status: 'exited', ExitCode: code, Error: message, FinishedAt: iso(this.clock()) };
      throw new StartError(message, code);
    };
    if (argv.length === 0) fail('no command specified', 125);
    let creds;
    try {
      creds = resolveUser(this.rootfs, this.config.User ?? '');
    } catch (e) {
      if (e instanceof UserError) return fail(`${OCI_PREFIX}${e.message}: unknown`, 126);
      throw e;
    }
    if (!env.has('HOME')) env.set('HOME', creds.home);
    const cwd = this.config.WorkingDir || '/';
    try {
      this.rootfs.mkdirSync(cwd, { recursive: true });
    } catch (e) {
      // As dockerd's SetupWorkingDirectory says it (`docker run -w /etc/passwd`).
      if (isFsError(e, 'EEXIST')) fail(`Cannot mkdir: ${cwd} is not a directory`, 128);
      if (isFsError(e, 'ENOTDIR')) fail(`mkdir ${cwd}: not a directory`, 128);
      throw e;
    }
    const at = { fs: this.rootfs, cwd, task: { creds: { uid: creds.uid, gid: creds.gid, groups: [] } } };
    let found = userland.resolve(at, argv[0]!, env.get('PATH')!);
    // A wasm runtime loads the module as data: it need not be executable.
    if (this.platform === 'wasi' && 'status' in found && found.status === 126 && argv[0]!.includes('/')) {
      const path = normalizePath(argv[0]!, cwd);
      if (this.rootfs.existsSync(path)) found = { program: wasiProgram(path), argv0: argv[0]!, path };
    }
    if ('status' in found) {
      const cmd = argv[0]!;
      const msg = found.status === 127
        ? (cmd.includes('/') ? `exec: "${cmd}": stat ${cmd}: no such file or directory` : `exec: "${cmd}": executable file not found in $PATH`)
        : `exec: "${cmd}": permission denied`;
      return fail(`${OCI_PREFIX}${msg}: unknown`, found.status);
    }
    let program = found.program;
    if (this.platform === 'wasi') {
      // The wasm runtime runs the module itself: the command must name one.
      if (!isWasm(contentHead(this.rootfs.readContentSync(found.path), 4))) {
        return fail(`${OCI_PREFIX}exec: "${argv[0]}": not a WebAssembly module (this container runs with --platform wasi/wasm): unknown`, 126);
      }
      program = wasiProgram(found.path);
    }
    let netns: NetNs | null;
    try {
      netns = this.attachNetwork();
    } catch (e) {
      if (e instanceof NetworkError) return fail(e.message, 128);
      throw e;
    }
    this.netns = netns;
    const stdio = makeStdio(kernel, {
      tty: this.config.Tty, openStdin: this.config.OpenStdin,
      onStdout: (d) => this.log('stdout', d), onStderr: (d) => this.log('stderr', d),
    });
    const fds = stdio.fds;
    this.cgroup.onEvent((e) => { if (e.type === 'oom') this.state.OOMKilled = true; });
    const childArgv = [found.argv0, ...argv.slice(1)];
    const task = kernel.spawn({
      program: this.useInit ? initProgram(program, childArgv) : program,
      argv: this.useInit ? ['/sbin/docker-init', '--', ...childArgv] : childArgv,
      env, cwd, creds: { uid: creds.uid, gid: creds.gid, groups: [] }, fs: this.rootfs, fds, cgroup: this.cgroup,
      uts: { hostname: this.config.Hostname }, parent: null, newPidns: true, netns,
    });
    this.init = task;
    this.stdio = stdio;
    if (stdio.tty) stdio.tty.foreground = task.pid;
    this.state = { ...this.state, Status: 'running', Running: true, Pid: task.pid, ExitCode: 0, Error: '', StartedAt: iso(this.clock()), FinishedAt: ZERO_TIME, OOMKilled: false };
    void kernel.waitExit(task).then((s) => this.exited(s));
  }

  private exited(s: ExitStatus): void {
    this.cgroup.thaw();
    this.state = { ...this.state, Status: 'exited', Running: false, Paused: false, Pid: 0, ExitCode: s.code, FinishedAt: iso(this.clock()) };
    this.init = null;
    this.stdio?.tty?.hangup();
    this.detachNetwork();
    for (const t of this.tmpfsMounts) for (const name of t.readdirSync('/')) t.rmSync(`/${name}`, { recursive: true, force: true });
    if (this.shouldRestart(s.code)) { this.scheduleRestart(); return; }
    for (const fn of this.exitWaiters.splice(0)) fn(s.code);
  }

  private shouldRestart(code: number): boolean {
    if (this.manuallyStopped || !this.kernelRef) return false;
    const p = this.restartPolicy;
    switch (p.Name) {
      case 'always': case 'unless-stopped': return true;
      case 'on-failure': return code !== 0 && (p.MaximumRetryCount === 0 || this.restartCount < p.MaximumRetryCount);
      default: return false;
    }
  }

  /** Docker's back-off: 100 ms, doubling, at most a minute. */
  private scheduleRestart(): void {
    this.state = { ...this.state, Status: 'restarting', Running: true };
    const delay = Math.min(60_000, 100 * 2 ** Math.min(this.restartCount, 10));
    const timer = this.kernelRef!.clock.sleep(delay);
    this.restartTimer = timer;
    void timer.promise.then(() => {
      if (this.restartTimer !== timer || this.manuallyStopped) return;
      this.restartTimer = null;
      this.restartCount++;
      this.state = { ...this.state, Running: false };
      try {
        this.start(this.kernelRef!, this.userlandRef!);
      } catch {
        for (const fn of this.exitWaiters.splice(0)) fn(this.state.ExitCode);
      }
    });
  }

  /** Marks the container as stopped by the user (no automatic restart). */
  markStopped(): void {
    this.manuallyStopped = true;
    if (this.restartTimer) {
      this.restartTimer.cancel();
      this.restartTimer = null;
      this.state = { ...this.state, Status: 'exited', Running: false };
      for (const fn of this.exitWaiters.splice(0)) fn(this.state.ExitCode);
    }
  }

  /** Resolves with the exit code once the container is not running. */
  wait(): Promise<number> {
    if (!this.state.Running) return Promise.resolve(this.state.ExitCode);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /**
   * `docker exec`: runs a command in the running container — its PID
   * namespace, cgroup, filesystem and hostname — as another process.
   */
  exec(kernel: Kernel, userland: Userland, argv: string[], opts: ExecOptions = {}): { task: Task; done: Promise<number>; stdio: StdioHandle } {
    if (!this.state.Running || !this.init) throw new StartError(`container ${this.id} is not running`, 409);
    if (this.state.Paused) throw new StartError(`container ${this.id} is paused, unpause the container before exec`, 409);
    const env = daemonEnvironment(this.config.Hostname, opts.tty ?? false, [...(this.config.Env ?? []), ...(opts.env ?? [])]);
    let creds;
    try {
      creds = resolveUser(this.rootfs, opts.user ?? this.config.User ?? '');
    } catch (e) {
      if (e instanceof UserError) throw new StartError(`${OCI_PREFIX}${e.message}: unknown`, 126);
      throw e;
    }
    if (!env.has('HOME')) env.set('HOME', creds.home);
    const cwd = opts.workdir || this.config.WorkingDir || '/';
    const found = userland.resolve({ fs: this.rootfs, cwd, task: { creds: { uid: creds.uid, gid: creds.gid, groups: [] } } }, argv[0] ?? '', env.get('PATH')!);
    if ('status' in found) {
      const cmd = argv[0] ?? '';
      throw new StartError(`${OCI_PREFIX}exec: "${cmd}": ${found.status === 127 ? (cmd.includes('/') ? `stat ${cmd}: no such file or directory` : 'executable file not found in $PATH') : 'permission denied'}: unknown`, found.status);
    }
    const stdio = makeStdio(kernel, {
      tty: opts.tty, openStdin: opts.openStdin,
      onStdout: (d) => opts.onStdout?.(d), onStderr: (d) => opts.onStderr?.(d),
    });
    const fds = stdio.fds;
    const task = kernel.spawn({
      program: found.program, argv: [found.argv0, ...argv.slice(1)], env, cwd,
      creds: { uid: creds.uid, gid: creds.gid, groups: [] }, fs: this.rootfs, fds, cgroup: this.cgroup,
      uts: { hostname: this.config.Hostname }, parent: null, pidns: this.init.pidns, netns: this.init.netns,
    });
    if (stdio.tty) stdio.tty.foreground = task.pid;
    const done = kernel.waitExit(task).then((s) => { stdio.tty?.hangup(); return s.code; });
    return { task, done, stdio };
  }

  /** `docker pause`: freezes every process of the container. */
  pause(): void {
    if (!this.state.Running) throw new StartError(`Container ${this.id} is not running`, 409);
    if (this.state.Paused) throw new StartError(`Container ${this.id} is already paused`, 409);
    this.cgroup.freeze();
    this.state = { ...this.state, Status: 'paused', Paused: true };
  }

  unpause(): void {
    if (!this.state.Paused) throw new StartError(`Container ${this.id} is not paused`, 409);
    this.cgroup.thaw();
    this.state = { ...this.state, Status: 'running', Paused: false };
  }

  /** `docker diff`: what the writable layer changed (A added, C changed, D deleted), path order. */
  diff(): Array<{ Kind: 0 | 1 | 2; Path: string }> {
    const out: Array<{ Kind: 0 | 1 | 2; Path: string }> = [];
    const walk = (upper: DirNode, lower: DirNode | null, prefix: string): void => {
      for (const name of [...upper.entries.keys()].sort()) {
        const e = upper.entries.get(name)!;
        const path = `${prefix}/${name}`;
        const below = lower && !upper.opaque ? lower.entries.get(name) : undefined;
        if (e.kind === 'whiteout') { out.push({ Kind: 2, Path: path }); continue; }
        out.push({ Kind: below ? 0 : 1, Path: path });
        if (e.kind === 'dir') walk(e, below?.kind === 'dir' ? below : null, path);
      }
    };
    walk(this.fs.upper, this.fs.lower, '');
    return out;
  }

  /** Sends a signal to PID 1 (`docker kill`). */
  kill(kernel: Kernel, sig = SIGKILL): void {
    this.markStopped();
    if (this.init) kernel.signal(this.init, sig);
  }

  /** `docker stop`: the stop signal, then KILL after `timeoutSec`. */
  async stop(kernel: Kernel, timeoutSec = 10): Promise<void> {
    this.markStopped();
    if (!this.init) return;
    const sig = this.config.StopSignal ? parseSignal(this.config.StopSignal) ?? SIGTERM : SIGTERM;
    kernel.signal(this.init, sig);
    const timer = kernel.clock.sleep(timeoutSec * 1000);
    const done = await Promise.race([this.wait().then(() => true), timer.promise.then(() => false)]);
    timer.cancel();
    if (!done && this.init) {
      kernel.signal(this.init, SIGKILL);
      await this.wait();
    }
  }
}

/** What Docker reports when an exec's process cannot start (exec start, health probes). */
export function execFailureMessage(e: Error): string {
  return `OCI runtime exec failed: exec failed: ${e.message.replace(/^failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: /, '')}`;
}

/** Go's time format for Docker timestamps (RFC 3339 with nanoseconds). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
