// The daemon's containers: create from an image with `docker run`'s
// options, start, wait, stop, kill, remove, logs — and the names and IDs
// they are found by. Limits are checked as Docker checks them.
import { parseSignal } from '../kernel/signals.ts';
import { topTable, type TopTable } from './top.ts';
import type { CgroupLimits } from '../kernel/cgroup.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Image } from '../image/store.ts';
import type { LayerStore } from '../layer/store.ts';
import type { Userland } from '../programs/registry.ts';
import { EngineDisk } from './disk.ts';
import { Container, type ContainerOptions, type MountSpec, type NetworkAttachment, type PortBinding, type RestartPolicy } from './container.ts';
import type { NetworkFabric } from '../net/fabric.ts';
import { ContainerError } from './errors.ts';
import { EventBus } from './events.ts';
import type { Volumes } from './volumes.ts';
import type { IdSource } from './ids.ts';
import type { HealthConfig } from '../image/config.ts';
import { mergeHealthcheck, monitorHealth, validateHealthcheck } from './health.ts';

export interface CreateOptions {
  image: Image;
  /** The reference the client named the image by (what `docker ps` and inspect's Config.Image show). */
  imageRef?: string;
  name?: string;
  /** Replaces the image's CMD. */
  cmd?: string[];
  /** Replaces the image's ENTRYPOINT (and then drops its CMD). */
  entrypoint?: string[];
  /** KEY=value; replace the image's values of the same key. */
  env?: string[];
  user?: string;
  workdir?: string;
  hostname?: string;
  /** --platform: linux[/amd64] (the default) or wasi/wasm. */
  platform?: string;
  /** Bytes (-m). */
  memory?: number;
  /** CPUs (--cpus 0.5). */
  cpus?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpuShares?: number;
  pidsLimit?: number;
  /** -v / --mount / --tmpfs. */
  mounts?: MountRequest[];
  init?: boolean;
  /** --restart no | on-failure[:N] | always | unless-stopped */
  restart?: string;
  /** -t: a terminal for the process. */
  tty?: boolean;
  /** -i: keep stdin open (for `docker attach` / the run's client). */
  interactive?: boolean;
  /** --network: bridge (default), host, none or a user-defined network. */
  network?: string;
  /** --network-alias (user-defined networks only). */
  networkAliases?: string[];
  /** --ip (user-defined networks only). */
  ip?: string;
  /** -p [ip:][hostPort:]containerPort[/tcp]. */
  publish?: string[];
  /** --label: the container's labels, over the image's. */
  labels?: Record<string, string>;
  /** The create request's ExposedPorts ("80/tcp"; the CLI adds each -p port): with the image's, the container's. */
  exposedPorts?: string[];
  /** -v /path: the request's Config.Volumes, each an anonymous volume, as the image's VOLUMEs are. */
  anonymousVolumes?: string[];
  /** -P: every port the image EXPOSEs, on ephemeral host ports. */
  publishAll?: boolean;
  /** --health-* / --no-healthcheck: over the image's HEALTHCHECK, field by field. */
  healthcheck?: HealthConfig;
  /** --rm: HostConfig.AutoRemove (the API router removes it when it exits). */
  autoRemove?: boolean;
}

/** -p's forms: 80, 8080:80, 127.0.0.1:8080:80, 127.0.0.1::80, with an optional /tcp. */
export function parsePublish(spec: string): PortBinding {
  const [body = '', proto = 'tcp'] = spec.split('/');
  if (proto !== 'tcp') throw new ContainerError(`invalid proto: ${proto} (only tcp ports can be published in the sandbox)`, 400);
  const parts = body.split(':');
  let hostIp = '0.0.0.0';
  let hostPort = '';
  let containerPort: string;
  if (parts.length === 1) containerPort = parts[0]!;
  else if (parts.length === 2) [hostPort, containerPort] = parts as [string, string];
  else if (parts.length === 3) [hostIp, hostPort, containerPort] = parts as [string, string, string];
  else throw new ContainerError(`invalid port specification: "${spec}"`, 400);
  if (!/^\d+$/.test(containerPort) || Number(containerPort) < 1 || Number(containerPort) > 65535) throw new ContainerError(`invalid containerPort: ${containerPort}`, 400);
  if (hostPort !== '' && (!/^\d+$/.test(hostPort) || Number(hostPort) > 65535)) throw new ContainerError(`invalid hostPort: ${hostPort}`, 400);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(hostIp)) throw new ContainerError(`invalid IP address: ${hostIp}`, 400);
  return { containerPort: Number(containerPort), hostPort: hostPort === '' ? 0 : Number(hostPort), hostIp };
}

function restartPolicyOf(spec: string | undefined): RestartPolicy {
  if (!spec || spec === 'no') return { Name: 'no', MaximumRetryCount: 0 };
  const [name = '', max] = spec.split(':');
  if (name === 'on-failure') {
    if (max !== undefined && !/^\d+$/.test(max)) throw new ContainerError(`invalid restart policy format: maximum retry count must be an integer`, 400);
    return { Name: 'on-failure', MaximumRetryCount: Number(max ?? 0) };
  }
  if (name === 'always' || name === 'unless-stopped') {
    if (max !== undefined) throw new ContainerError(`invalid restart policy format: maximum retry count can only be used with 'on-failure'`, 400);
    return { Name: name, MaximumRetryCount: 0 };
  }
  throw new ContainerError(`invalid restart policy '${spec}'`, 400);
}

export type MountRequest =
  | { type: 'volume'; source?: string; target: string; readonly?: boolean }
  /** createSource: a missing source directory is made (as -v does; --mount refuses it). */
  | { type: 'bind'; fs: import('../fs/tree-fs.ts').TreeFs; source: string; target: string; readonly?: boolean; createSource?: boolean }
  | { type: 'tmpfs'; target: string };

export { ContainerError };

const MIN_MEMORY = 6 * 1024 * 1024;
/** The engine machine's name (Docker Desktop's VM): `hostname` in a --network host container, Name in `docker info`. */
export const HOST_HOSTNAME = 'docker-desktop';
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const ADJECTIVES = ['brave', 'calm', 'eager', 'gentle', 'happy', 'jolly', 'keen', 'lucid', 'nifty', 'quirky', 'sharp', 'vivid', 'wise', 'zen'];
const SCIENTISTS = ['curie', 'darwin', 'euler', 'hopper', 'lovelace', 'noether', 'pascal', 'ritchie', 'shannon', 'turing', 'wozniak', 'yonath'];

export class Containers {
  private readonly byId = new Map<string, Container>();
  /** Where the writable layers are (build steps' too): set once, before any container (Daemon's `disk` option). */
  disk = new EngineDisk();

  constructor(
    private readonly kernel: Kernel,
    private readonly userland: Userland,
    private readonly layers: LayerStore,
    private readonly newId: IdSource,
    private readonly now: () => number,
    private readonly volumes: Volumes,
    private readonly fabric: NetworkFabric,
    readonly events: EventBus = new EventBus(now),
  ) {}

  /** Where it will be attached: checked at create, as Docker does. */
  private networkOf(o: CreateOptions, img: Image['config']['config']): import('./container.ts').NetworkAttachment {
    const mode = o.network ?? 'bridge';
    const n = this.fabric.find(mode);
    if (!n) throw new ContainerError(`network ${mode} not found`, 404);
    const userDefined = n.driver === 'bridge' && n.name !== 'bridge';
    if ((o.networkAliases?.length ?? 0) > 0 && !userDefined) throw new ContainerError('network-scoped alias is supported only for containers in user defined networks', 400);
    if (o.ip && !userDefined) throw new ContainerError('user specified IP address is supported on user defined networks only', 400);
    let ports = (o.publish ?? []).map(parsePublish);
    if (o.publishAll) {
      for (const key of Object.keys(img.ExposedPorts ?? {})) {
        const [port = '', proto = 'tcp'] = key.split('/');
        if (proto === 'tcp' && !ports.some((b) => b.containerPort === Number(port))) ports.push({ containerPort: Number(port), hostPort: 0, hostIp: '0.0.0.0' });
      }
    }
    // Published ports mean nothing without a network namespace of its own.
    if (n.driver !== 'bridge') ports = [];
    return { fabric: this.fabric, mode: n.name, aliases: o.networkAliases ?? [], ip: o.ip, ports };
  }

  /** The mounts a container gets: the requested ones, then an anonymous volume per image VOLUME. */
  private mountsOf(o: CreateOptions): MountSpec[] {
    const specs: MountSpec[] = [];
    const root = this.layers.rootOf(o.image.top);
    for (const m of o.mounts ?? []) {
      if (!m.target.startsWith('/')) throw new ContainerError(`invalid mount config for type "${m.type}": invalid mount path: '${m.target}' mount path must be absolute`, 400);
      if (m.type === 'volume') {
        const v = this.volumes.create(m.source);
        this.volumes.seed(v, lookupDir(root, m.target));
        specs.push({ type: 'volume', name: v.name, target: m.target, readonly: !!m.readonly, fs: v.fs });
      } else if (m.type === 'bind') {
        let ok = false;
        try { ok = m.fs.existsSync(m.source); } catch { /* no */ }
        if (!ok && m.createSource) {
          // dockerd makes it, as root, for -v (a directory, even where a file was meant).
          try { m.fs.mkdirSync(m.source, { recursive: true }); ok = true; } catch { /* e.g. a file in the way */ }
        }
        if (!ok) throw new ContainerError(`invalid mount config for type "bind": bind source path does not exist: ${m.source}`, 400);
        specs.push({ type: 'bind', source: m.source, target: m.target, readonly: !!m.readonly, fs: m.fs });
      } else {
        specs.push({ type: 'tmpfs', target: m.target, readonly: false, fs: null });
      }
    }
    for (const target of Object.keys(volumesOf(o))) {
      if (specs.some((s) => s.target === target)) continue;
      const v = this.volumes.create();
      this.volumes.seed(v, lookupDir(root, target));
      specs.push({ type: 'volume', name: v.name, target, readonly: false, fs: v.fs });
    }
    return specs;
  }

  list(): Container[] {
    return [...this.byId.values()].sort((a, b) => b.created - a.created);
  }

  /** By full ID, name, or unique ID prefix; Docker's 404 message otherwise. */
  get(ref: string): Container {
    const exact = this.byId.get(ref);
    if (exact) return exact;
    const name = ref.replace(/^\//, '');
    for (const c of this.byId.values()) if (c.name === name) return c;
    const matches = [...this.byId.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length === 1) return matches[0]!;
    throw new ContainerError(`No such container: ${ref}`, 404);
  }

  private limitsOf(o: CreateOptions): Partial<CgroupLimits> {
    if (o.memory !== undefined && o.memory > 0 && o.memory < MIN_MEMORY) throw new ContainerError('Minimum memory limit allowed is 6MB', 400);
    const limits: Partial<CgroupLimits> = {};
    if (o.memory) limits.memoryMax = o.memory;
    if (o.cpus !== undefined) {
      if (o.cpus < 0.01) throw new ContainerError('Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available', 400);
      limits.cpuPeriodUs = 100_000;
      limits.cpuQuotaUs = Math.round(o.cpus * 100_000);
    }
    if (o.cpuQuota !== undefined && o.cpuQuota > 0) {
      if (o.cpuQuota < 1000) throw new ContainerError('CPU cfs quota can not be less than 1ms (i.e. 1000)', 400);
      limits.cpuQuotaUs = o.cpuQuota;
      limits.cpuPeriodUs = o.cpuPeriod ?? 100_000;
    }
    if (o.cpuShares) limits.cpuWeight = Math.max(1, Math.min(10_000, Math.round(1 + ((o.cpuShares - 2) * 9999) / 262142)));
    if (o.pidsLimit !== undefined && o.pidsLimit > 0) limits.pidsMax = o.pidsLimit;
    return limits;
  }

  create(o: CreateOptions): Container {
    if (o.name !== undefined && !NAME.test(o.name)) {
      throw new ContainerError(`Invalid container name (${o.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 400);
    }
    validateHealthcheck(o.healthcheck);
    const id = this.newId();
    const name = o.name ?? this.randomName();
    for (const c of this.byId.values()) {
      if (c.name === name) throw new ContainerError(`Conflict. The container name "/${name}" is already in use by container "${c.id}". You have to remove (or rename) that container to be able to reuse that name.`, 409);
    }
    const img = o.image.config.config;
    const network = this.networkOf(o, img);
    const env = [...(img.Env ?? [])];
    for (const kv of o.env ?? []) {
      const key = kv.includes('=') ? kv.slice(0, kv.indexOf('=')) : kv;
      const i = env.findIndex((e) => e === key || e.startsWith(key + '='));
      if (i >= 0) env[i] = kv; else env.push(kv);
    }
    const entrypoint = o.entrypoint ?? img.Entrypoint ?? null;
    const cmd = o.cmd ?? (o.entrypoint ? null : img.Cmd ?? null);
    const healthcheck = mergeHealthcheck(o.healthcheck, img.Healthcheck);
    const c = new Container({
      id, name, image: o.image, created: this.now(),
      config: {
        ...img, Env: env, Cmd: cmd, Entrypoint: entrypoint,
        ...(o.anonymousVolumes?.length && { Volumes: volumesOf(o) }),
        ...(o.exposedPorts?.length && { ExposedPorts: { ...img.ExposedPorts, ...Object.fromEntries(o.exposedPorts.map((p) => [p.includes('/') ? p : `${p}/tcp`, {}])) } }),
        ...((img.Labels || o.labels) && { Labels: { ...img.Labels, ...o.labels } }),
        User: o.user ?? img.User ?? '', WorkingDir: o.workdir ?? img.WorkingDir ?? '',
        Hostname: o.hostname ?? (network.mode === 'host' ? HOST_HOSTNAME : id.slice(0, 12)),
        Tty: o.tty ?? false, OpenStdin: o.interactive ?? false, StdinOnce: o.interactive ?? false,
        ...(o.imageRef && { Image: o.imageRef }),
        ...(healthcheck && { Healthcheck: healthcheck }),
      },
      limits: this.limitsOf(o),
      mounts: this.mountsOf(o),
      init: o.init ?? false,
      restartPolicy: restartPolicyOf(o.restart),
      network,
      platform: platformOf(o),
      autoRemove: o.autoRemove ?? false,
      disk: this.disk,
    }, this.layers.rootOf(o.image.top), this.kernel.rootCgroup, this.now);
    this.byId.set(id, c);
    this.monitor(c);
    this.events.emit('container', 'create', c.id, this.attrs(c));
    return c;
  }

  /**
   * Registers a container read back from a snapshot (the engine's restore
   * at boot), as it was saved: no checks and no create event, as dockerd
   * loads its containers from disk.
   */
  adopt(o: Omit<ContainerOptions, 'network'> & { image: Image; network: Omit<NetworkAttachment, 'fabric'> | null }): Container {
    const c = new Container({ ...o, network: o.network ? { ...o.network, fabric: this.fabric } : undefined, disk: this.disk }, this.layers.rootOf(o.image.top), this.kernel.rootCgroup, this.now);
    this.byId.set(c.id, c);
    this.monitor(c);
    return c;
  }

  /** Health checks while it runs (a no-op without a HEALTHCHECK). */
  private monitor(c: Container): void {
    monitorHealth(c, {
      kernel: this.kernel, userland: this.userland, now: this.now, newId: this.newId,
      emit: (action, extra) => this.events.emit('container', action, c.id, this.attrs(c, extra)),
    });
  }

  private randomName(): string {
    for (let i = 0; i < 1000; i++) {
      const n = `${ADJECTIVES[Math.floor(Math.random() * ADJECTIVES.length)]}_${SCIENTISTS[Math.floor(Math.random() * SCIENTISTS.length)]}${i > 0 ? i : ''}`;
      if (![...this.byId.values()].some((c) => c.name === n)) return n;
    }
    return this.newId().slice(0, 12);
  }

  /** The attributes Docker's container events carry. */
  private attrs(c: Container, extra: Record<string, string> = {}): Record<string, string> {
    return { ...c.config.Labels, image: c.config.Image ?? c.image?.id ?? '', name: c.name, ...extra };
  }

  start(c: Container): void {
    try {
      c.start(this.kernel, this.userland);
    } catch (e) {
      // A process that cannot start leaves the container exited: Docker reports it as a die.
      if (c.state.Status === 'exited') this.events.emit('container', 'die', c.id, this.attrs(c, { exitCode: String(c.state.ExitCode) }));
      throw e;
    }
    this.events.emit('container', 'start', c.id, this.attrs(c));
    const offOom = c.cgroup.onEvent((e) => { if (e.type === 'oom') this.events.emit('container', 'oom', c.id, this.attrs(c)); });
    void c.wait().then((code) => {
      offOom();
      this.events.emit('container', 'die', c.id, this.attrs(c, { exitCode: String(code) }));
    });
  }

  async stop(c: Container, timeoutSec?: number): Promise<void> {
    // The event names the signal stop sends: the image's STOPSIGNAL (nginx: SIGQUIT), else SIGTERM.
    const sig = c.config.StopSignal ? parseSignal(c.config.StopSignal) ?? 15 : 15;
    this.events.emit('container', 'kill', c.id, this.attrs(c, { signal: String(sig) }));
    await c.stop(this.kernel, timeoutSec);
    this.events.emit('container', 'stop', c.id, this.attrs(c));
  }

  kill(c: Container, sig?: number): void {
    if (!c.state.Running) throw new ContainerError(`Cannot kill container: ${c.id}: container ${c.id} is not running`, 409);
    this.events.emit('container', 'kill', c.id, this.attrs(c, { signal: String(sig ?? 9) }));
    c.kill(this.kernel, sig);
  }

  pause(c: Container): void {
    c.pause();
    this.events.emit('container', 'pause', c.id, this.attrs(c));
  }

  unpause(c: Container): void {
    c.unpause();
    this.events.emit('container', 'unpause', c.id, this.attrs(c));
  }

  /** `docker restart`: stop (grace period), then start again with the same filesystem. */
  async restart(c: Container, timeoutSec?: number): Promise<void> {
    if (c.state.Running) await this.stop(c, timeoutSec);
    this.start(c);
    this.events.emit('container', 'restart', c.id, this.attrs(c));
  }

  rename(c: Container, name: string): void {
    if (!NAME.test(name)) throw new ContainerError(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 400);
    for (const o of this.byId.values()) {
      if (o !== c && o.name === name) throw new ContainerError(`Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${o.id}". You have to remove (or rename) that container to be able to reuse that name.`, 409);
    }
    const old = c.name;
    c.name = name;
    this.events.emit('container', 'rename', c.id, this.attrs(c, { oldName: `/${old}` }));
  }

  /** `docker update`: changes limits of a container, running or not. */
  update(c: Container, o: Pick<CreateOptions, 'memory' | 'cpus' | 'cpuQuota' | 'cpuPeriod' | 'cpuShares' | 'pidsLimit'>): void {
    const limits = this.limitsOf({ ...o, image: c.image! });
    if (limits.memoryMax !== undefined && limits.memoryMax !== null && limits.memoryMax < c.cgroup.memoryCurrent) {
      throw new ContainerError('Cannot update container: memory limit should be larger than current usage', 400);
    }
    Object.assign(c.cgroup.limits, limits);
  }

  /** `docker top`: the container's processes with their host PIDs. */
  /** docker top: `ps <psArgs>` (default -ef) over the container's processes, host PIDs as Docker shows them. */
  top(c: Container, psArgs = ''): TopTable {
    if (!c.state.Running || !c.init) throw new ContainerError(`Container ${c.id} is not running`, 409);
    const tasks = [...c.init.pidns.tasks.values()].filter((t) => t.state === 'running').sort((a, b) => a.pid - b.pid);
    return topTable(tasks, psArgs, this.now());
  }

  /** Removes a container (`force` kills it first). */
  remove(c: Container, force = false): void {
    if (c.state.Running && c.init && !force) {
      // dockerd 25+'s words (the older "You cannot remove a running container <id>…" is gone).
      throw new ContainerError(`cannot remove container "/${c.name.replace(/^\//, '')}": container is running: stop the container before removing or force remove`, 409);
    }
    c.markStopped();
    this.byId.delete(c.id);
    c.releaseDisk();
    if (c.state.Running && c.init) {
      // As dockerd's rm -f: kill (SIGKILL), then the die of the process, then destroy.
      this.events.emit('container', 'kill', c.id, this.attrs(c, { signal: '9' }));
      c.kill(this.kernel);
      void c.wait().then(() => this.events.emit('container', 'destroy', c.id, this.attrs(c)));
      return;
    }
    if (c.init) c.kill(this.kernel);
    this.events.emit('container', 'destroy', c.id, this.attrs(c));
  }

}

/** The container's Config.Volumes: the image's VOLUMEs and the request's (-v /path), each an anonymous volume. */
function volumesOf(o: CreateOptions): Record<string, Record<string, never>> {
  return { ...o.image.config.config.Volumes, ...Object.fromEntries((o.anonymousVolumes ?? []).map((t) => [t, {}])) };
}

/** The directory at `path` in an image's root, if there is one (for seeding volumes). */
function lookupDir(root: import('../fs/node.ts').DirNode, path: string): import('../fs/node.ts').DirNode | null {
  let node: import('../fs/node.ts').TreeEntry = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (node.kind !== 'dir') return null;
    const next = node.entries.get(part);
    if (!next) return null;
    node = next;
  }
  return node.kind === 'dir' ? node : null;
}

/** --platform: what the engine can run — linux/amd64 images, and any image as wasi/wasm. */
function platformOf(o: CreateOptions): 'linux' | 'wasi' {
  const p = (o.platform ?? '').toLowerCase();
  if (p === '' || p === 'linux' || p === 'linux/amd64' || p === 'linux/x86_64' || p === 'linux/x86-64') return 'linux';
  if (p === 'wasi' || p === 'wasi/wasm' || p === 'wasi/wasm32' || p === 'wasip1/wasm') return 'wasi';
  const ref = o.image.id.replace('sha256:', '').slice(0, 12);
  throw new ContainerError(`image with reference ${ref} was found but does not match the specified platform: wanted ${o.platform}, actual: linux/amd64`, 400);
}
