// The daemon's containers: create from an image with `docker run`'s
// options, start, wait, stop, kill, remove, logs — and the names and IDs
// they are found by. Limits are checked as Docker checks them.
import type { CgroupLimits } from '../kernel/cgroup.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Image } from '../image/store.ts';
import type { LayerStore } from '../layer/store.ts';
import type { Userland } from '../programs/registry.ts';
import { Container } from './container.ts';
import type { IdSource } from './ids.ts';

export interface CreateOptions {
  image: Image;
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
  /** Bytes (-m). */
  memory?: number;
  /** CPUs (--cpus 0.5). */
  cpus?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpuShares?: number;
  pidsLimit?: number;
}

export class ContainerError extends Error {
  override name = 'ContainerError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

const MIN_MEMORY = 6 * 1024 * 1024;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const ADJECTIVES = ['brave', 'calm', 'eager', 'gentle', 'happy', 'jolly', 'keen', 'lucid', 'nifty', 'quirky', 'sharp', 'vivid', 'wise', 'zen'];
const SCIENTISTS = ['curie', 'darwin', 'euler', 'hopper', 'lovelace', 'noether', 'pascal', 'ritchie', 'shannon', 'turing', 'wozniak', 'yonath'];

export class Containers {
  private readonly byId = new Map<string, Container>();

  constructor(
    private readonly kernel: Kernel,
    private readonly userland: Userland,
    private readonly layers: LayerStore,
    private readonly newId: IdSource,
    private readonly now: () => number,
  ) {}

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
    const id = this.newId();
    const name = o.name ?? this.randomName();
    for (const c of this.byId.values()) {
      if (c.name === name) throw new ContainerError(`Conflict. The container name "/${name}" is already in use by container "${c.id}". You have to remove (or rename) that container to be able to reuse that name.`, 409);
    }
    const img = o.image.config.config;
    const env = [...(img.Env ?? [])];
    for (const kv of o.env ?? []) {
      const key = kv.includes('=') ? kv.slice(0, kv.indexOf('=')) : kv;
      const i = env.findIndex((e) => e === key || e.startsWith(key + '='));
      if (i >= 0) env[i] = kv; else env.push(kv);
    }
    const entrypoint = o.entrypoint ?? img.Entrypoint ?? null;
    const cmd = o.cmd ?? (o.entrypoint ? null : img.Cmd ?? null);
    const c = new Container({
      id, name, image: o.image, created: this.now(),
      config: {
        ...img, Env: env, Cmd: cmd, Entrypoint: entrypoint,
        User: o.user ?? img.User ?? '', WorkingDir: o.workdir ?? img.WorkingDir ?? '',
        Hostname: o.hostname ?? id.slice(0, 12),
      },
      limits: this.limitsOf(o),
    }, this.layers.rootOf(o.image.top), this.kernel.rootCgroup, this.now);
    this.byId.set(id, c);
    return c;
  }

  private randomName(): string {
    for (let i = 0; i < 1000; i++) {
      const n = `${ADJECTIVES[Math.floor(Math.random() * ADJECTIVES.length)]}_${SCIENTISTS[Math.floor(Math.random() * SCIENTISTS.length)]}${i > 0 ? i : ''}`;
      if (![...this.byId.values()].some((c) => c.name === n)) return n;
    }
    return this.newId().slice(0, 12);
  }

  start(c: Container): void {
    c.start(this.kernel, this.userland);
  }

  stop(c: Container, timeoutSec?: number): Promise<void> {
    return c.stop(this.kernel, timeoutSec);
  }

  kill(c: Container, sig?: number): void {
    if (!c.state.Running) throw new ContainerError(`Cannot kill container: ${c.id}: container ${c.id} is not running`, 409);
    c.kill(this.kernel, sig);
  }

  /** Removes a container (`force` kills it first). */
  remove(c: Container, force = false): void {
    if (c.state.Running) {
      if (!force) throw new ContainerError(`You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`, 409);
      c.kill(this.kernel);
    }
    this.byId.delete(c.id);
  }
}
