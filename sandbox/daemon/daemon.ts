// The daemon: owns the stores and everything that changes them. This issue's
// part covers images and builds: built-in images installed at start, builds,
// tags, history, save and load. Containers, exec and networks come with the
// runtime. The Engine API router (sandbox/server) calls these methods.
import { NetworkFabric } from '../net/fabric.ts';
import type { BuildOptions, BuildResult } from '../builder/evaluator.ts';
import { BuildError, type BuildBackend, type RunStepRequest, type RunStepResult } from '../builder/backend.ts';
import { contextFromTree, type SourceTree } from '../builder/build-context.ts';
import { dockerfileInTree } from '../builder/context-dockerfile.ts';
import type { DirNode } from '../fs/node.ts';
import { loadImages, type LoadedImage } from '../image/archive-load.ts';
import { saveImages } from '../image/archive-save.ts';
import { familiarName, familiarString, normalizeTagged, parseReference, withDefaultTag } from '../image/reference.ts';
import { ImageStore, type Image } from '../image/store.ts';
import { builtinFor, installBuiltin, installBuiltinImages, isBuiltinRepository } from '../images/install.ts';
import { LayerStore } from '../layer/store.ts';
import { diffIdOf, layerChain } from '../layer/layer.ts';
import { cloneTree } from '../fs/node.ts';
import { rfc3339Nano, type ImageConfig } from '../image/config.ts';
import { readTarTree, TarBreakoutError } from '../layer/tar-read.ts';
import { randomId, type IdSource } from './ids.ts';
import { ContainerStartError, runBuildStep } from './step-runner.ts';
import { EngineDisk, type DiskSize } from './disk.ts';
import { Kernel } from '../kernel/kernel.ts';
import { Cgroup } from '../kernel/cgroup.ts';
import type { Clock } from '../kernel/clock.ts';
import { Userland } from '../programs/registry.ts';
import { EventBus } from './events.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import { Containers, type CreateOptions } from './containers.ts';
import { startHostProcesses } from './host-processes.ts';
import { Volumes } from './volumes.ts';
import type { Container } from './container.ts';
import { baselineOf, takeSnapshot, type BuiltinBaseline, type SnapshotOptions } from './snapshot.ts';
import type { AnySnapshot, EngineSnapshot } from './snapshot-format.ts';
import { restoreSnapshot } from './restore.ts';

export interface DaemonOptions {
  /** Wall clock in ms (injected for deterministic tests); defaults to `clock`'s wall clock. */
  now?: () => number;
  /**
   * The kernel's clock: its timers drive sleeps, stop timeouts, restart
   * back-off and health checks (a test's manual clock makes them instant).
   */
  clock?: Clock;
  newId?: IdSource;
  /**
   * The machine's files that `-v /path:/target` binds (the page's workspace).
   * Without one, host-path binds are refused.
   */
  hostFs?: TreeFs;
  /**
   * A snapshot (Daemon.snapshot(), any format) to boot into: the machine as
   * it was, its containers stopped as after a reboot. What cannot come back
   * is named in `restoreWarnings`; a format it cannot read throws SnapshotError.
   */
  restore?: AnySnapshot;
  /** The size of the disk containers' writable layers live on (tests make it small). */
  disk?: DiskSize;
  /** The machine's memory in bytes (default MACHINE_MEMORY): all containers' memory together, past which the global OOM killer runs. */
  memory?: number;
}

export interface DaemonBuildOptions extends Omit<BuildOptions, 'context' | 'dockerfile' | 'dockerfileName'> {
  /** The build context: a tar (as the Engine API receives it) or a tree. */
  context: Uint8Array | DirNode;
  /** Path of the Dockerfile inside the context. */
  dockerfile?: string;
  /** The context came from a client that applied .dockerignore (POST /build): dockerd filters nothing more. */
  clientFiltered?: boolean;
}

const MAX_CONTEXT = 512 * 1024 * 1024;
/** DiffID of an empty layer tar. */
const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
/**
 * The machine's memory (MemTotal in /proc/meminfo and docker info): what all
 * containers together may hold. When it is exhausted the kernel's global OOM
 * killer ends the process holding the most (exit 137, OOMKilled), as on a
 * Linux host with no swap — which is what stops a memory bomb run without
 * -m. Small enough that what the machine's processes may hold stays well
 * within what a browser tab can (the disk, images and the page come on top).
 */
const MACHINE_MEMORY = 512 * 1024 * 1024;
/** The processes all containers together may have (a fork bomb without --pids-limit stops here). */
const ENGINE_PIDS_MAX = 4096;

/**
 * A build context's tar as a tree: unpacked at its root (dockerd's chroot)
 * and strict — an entry whose name or hard link climbs out of the context or
 * is absolute fails the build before any step, naming it.
 */
async function readContext(tar: Uint8Array): Promise<DirNode> {
  try {
    return await readTarTree(tar, { whiteouts: false, dest: '/', strict: true, maxBytes: MAX_CONTEXT });
  } catch (e) {
    if (e instanceof TarBreakoutError) {
      throw new BuildError(`failed to read the build context: ${e.message}; the context is refused and no step was run (send a tar of the context directory, with names relative to it, as docker build does)`);
    }
    throw e;
  }
}

export class Daemon implements BuildBackend {
  readonly layers = new LayerStore();
  readonly images = new ImageStore(this.layers);
  /** Every container's processes run on this kernel; the root cgroup caps the whole engine. */
  readonly kernel: Kernel;
  readonly userland = new Userland();
  readonly containers: Containers;
  /** `docker events`: what happened, as it happens. */
  get events(): EventBus { return this.containers.events; }
  readonly volumes: Volumes;
  /** `docker network`: bridges, DNS, published ports. */
  readonly networks: NetworkFabric;
  private readonly clock: () => number;
  /** When the engine started (ms since the epoch): what stats' `read` times count from. */
  readonly bootMs: number;
  /** What host-path bind mounts see (DaemonOptions.hostFs), if anything. */
  readonly hostFs: TreeFs | null;
  private readonly ids: IdSource;
  /** What a fresh boot has (the built-in images): what a snapshot leaves out. */
  builtin: BuiltinBaseline = { images: new Set(), refs: new Map(), layers: new Set() };
  /** What a restore (DaemonOptions.restore) had to leave out, one sentence each. */
  restoreWarnings: string[] = [];

  private constructor(opts: DaemonOptions) {
    this.kernel = new Kernel({ ...(opts.clock && { clock: opts.clock }), rootCgroup: new Cgroup('/', null, { memoryMax: opts.memory ?? MACHINE_MEMORY, pidsMax: ENGINE_PIDS_MAX }) });
    const clock = opts.clock;
    this.clock = opts.now ?? (clock ? () => clock.wallNow() : () => Date.now());
    this.ids = opts.newId ?? randomId;
    this.hostFs = opts.hostFs ?? null;
    this.bootMs = this.clock();
    this.volumes = new Volumes(this.ids, this.clock);
    this.networks = new NetworkFabric(this.ids, this.clock);
    this.containers = new Containers(this.kernel, this.userland, this.layers, this.ids, this.clock, this.volumes, this.networks);
    if (opts.disk) this.containers.disk = new EngineDisk(opts.disk);
    startHostProcesses(this.kernel);
  }

  /** `docker run` without attaching: create, start, wait; `rm` removes it after. */
  async run(opts: CreateOptions & { rm?: boolean }): Promise<{ container: Container; exitCode: number }> {
    const container = this.containers.create(opts);
    try {
      this.containers.start(container);
    } catch (e) {
      if (opts.rm) this.containers.remove(container, true);
      throw e;
    }
    const exitCode = await container.wait();
    if (opts.rm) this.containers.remove(container, true);
    return { container, exitCode };
  }

  /** A daemon with the built-in images installed. */
  static async create(opts: DaemonOptions = {}): Promise<Daemon> {
    const d = new Daemon(opts);
    await installBuiltinImages(d.images, d.layers);
    d.builtin = baselineOf(d.images.list(), (id) => d.images.refsOf(id));
    if (opts.restore) d.restoreWarnings = await restoreSnapshot(d, opts.restore);
    return d;
  }

  /**
   * The machine as a versioned structure that `createEngine({ restore })`
   * boots into (snapshot-format.ts says what is kept).
   * @example const s = await engine.snapshot({ hostPath: '/home/student' });
   */
  snapshot(opts: SnapshotOptions = {}): Promise<EngineSnapshot> {
    return takeSnapshot(this, opts);
  }

  now(): number { return this.clock(); }
  newContainerId(): string { return this.ids(); }

  /**
   * A local image, else a built-in one (re-installed, as a pull would), else
   * Docker's pull error.
   */
  async getImage(ref: string): Promise<Image> {
    const local = this.images.resolve(ref);
    if (local) return local;
    let parsed;
    try { parsed = withDefaultTag(parseReference(ref)); } catch (e) { throw new BuildError((e as Error).message); }
    const def = builtinFor(ref);
    if (def) {
      await installBuiltin(def, this.images, this.layers);
      const pulled = this.images.resolve(ref);
      if (pulled) return pulled;
    }
    if (isBuiltinRepository(ref)) {
      throw new BuildError(`manifest for ${familiarString(parsed)} not found: manifest unknown: manifest unknown`);
    }
    throw new BuildError(`pull access denied for ${familiarName(parsed)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
  }

  async runStep(req: RunStepRequest): Promise<RunStepResult> {
    try {
      return await runBuildStep(req, this.kernel, this.userland, this.clock, this.containers.disk);
    } catch (e) {
      if (e instanceof ContainerStartError) throw new BuildError(e.message);
      throw e;
    }
  }

  /** Builds an image from a context and a Dockerfile in it. */
  async build(opts: DaemonBuildOptions): Promise<BuildResult> {
    const root = opts.context instanceof Uint8Array ? await readContext(opts.context) : opts.context;
    const name = opts.dockerfile ?? 'Dockerfile';
    const text = dockerfileInTree(root, name);
    if (text === null) throw new BuildError(`Cannot locate specified Dockerfile: ${name}`);
    const context: SourceTree = contextFromTree(root, { clientFiltered: opts.clientFiltered ?? false, dockerfile: name });
    // The builder (its parser and dispatchers) loads on the first build: the engine starts without it.
    const { build } = await import('../builder/evaluator.ts');
    return build(this, { ...opts, context, dockerfile: text, dockerfileName: name });
  }

  /**
   * `docker commit`: the container's writable layer as a new image on top
   * of its image, with its current config (Env, Cmd, Entrypoint, …).
   */
  async commit(c: Container, opts: { tag?: string; author?: string; comment?: string } = {}): Promise<Image> {
    if (!c.image) throw new BuildError('cannot commit a build step container');
    const base = c.image;
    const tree = cloneTree(c.fs.upper);
    const diffId = await diffIdOf(tree);
    let top = base.top;
    const empty = diffId === EMPTY_LAYER_DIFF_ID;
    if (!empty) top = this.layers.addWithDiffId(tree, top, diffId);
    const created = rfc3339Nano(this.clock());
    const { Hostname: _h, ...runConfig } = c.config;
    const config: ImageConfig = {
      ...base.config,
      created,
      ...(opts.author && { author: opts.author }),
      config: runConfig,
      rootfs: { type: 'layers', diff_ids: layerChain(top).map((l) => l.diffId) },
      history: [...base.config.history, { created, created_by: c.argv.join(' '), ...(opts.comment && { comment: opts.comment }), ...(empty && { empty_layer: true }) }],
    };
    const image = this.images.create(config, top, { parent: base.id });
    if (opts.tag) this.images.tag(image.id, opts.tag);
    return image;
  }

  /** `docker save`: streams a docker-archive of the named images. */
  async save(names: string[], onChunk: (chunk: Uint8Array) => void): Promise<void> {
    const items = names.map((name) => {
      const image = this.images.mustResolve(name);
      let byRef = false;
      try { byRef = this.images.refsOf(image.id).includes(normalizeTagged(name)); } catch { /* an ID */ }
      const tags = byRef ? [familiarString(withDefaultTag(parseReference(name)))] : [];
      return { image, tags };
    });
    await saveImages(items, onChunk);
  }

  /** `docker load`. */
  load(archive: Uint8Array): Promise<LoadedImage[]> {
    return loadImages(archive, this.images, this.layers);
  }
}

/** What the kernel reports about itself (uname, CPUs): for the API's /version and /info. */
export { KERNEL, ONLINE_CPUS } from '../kernel/procfs.ts';
export { parseSignal } from '../kernel/signals.ts';
export { cidrString, formatIp } from '../net/address.ts';
export { familiarName, familiarString, parseReference, withDefaultTag } from '../image/reference.ts';
export type { Image } from '../image/store.ts';

/** A reference as Docker names it in messages (`busybox` → `busybox:latest`, `docker.io/library/x:1` → `x:1`); IDs and malformed input as given. */
export function familiarTagged(input: string): string {
  if (input.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(input)) return input;
  try {
    return familiarString(withDefaultTag(parseReference(input)));
  } catch {
    return input;
  }
}
