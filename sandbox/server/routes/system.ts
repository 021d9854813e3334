// System routes: /_ping (with the API-Version header clients negotiate
// from), /version and /info as Docker Engine 28 answers them.
import { API_VERSION, BUILD, ENGINE_VERSION, MIN_API_VERSION } from '../../api/types.ts';
import { KERNEL, ONLINE_CPUS, type Daemon } from '../../daemon/daemon.ts';
import { HOST_HOSTNAME } from '../../daemon/containers.ts';
import { imagesDiskUsage, volumeSize, writableSize } from '../../daemon/disk-usage.ts';
import { ApiError, type Router } from '../router.ts';
import { EventBus, type EngineEvent } from '../../daemon/events.ts';
import { containerSummary, refsOf } from '../shapes.ts';

const enc = new TextEncoder();

const PING_HEADERS = {
  'API-Version': API_VERSION, 'Builder-Version': '1', 'Docker-Experimental': 'false', 'Ostype': 'linux',
  'Cache-Control': 'no-cache, no-store, must-revalidate', 'Pragma': 'no-cache', 'Content-Type': 'text/plain; charset=utf-8',
};

export function systemRoutes(r: Router, d: Daemon): void {
  r.add('GET', '/_ping', () => ({ status: 200, headers: PING_HEADERS, body: 'OK' }));
  r.add('HEAD', '/_ping', () => ({ status: 200, headers: PING_HEADERS, body: '' }));

  r.add('GET', '/version', () => ({
    status: 200,
    json: {
      Platform: { Name: 'Docker Playground' },
      Components: [{
        Name: 'Engine', Version: ENGINE_VERSION,
        Details: { ApiVersion: API_VERSION, Arch: 'amd64', BuildTime: BUILD.BuildTime, Experimental: 'false', GitCommit: BUILD.GitCommit, GoVersion: BUILD.GoVersion, KernelVersion: KERNEL.release, MinAPIVersion: MIN_API_VERSION, Os: 'linux' },
      }],
      Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, GitCommit: BUILD.GitCommit, GoVersion: BUILD.GoVersion,
      Os: 'linux', Arch: 'amd64', KernelVersion: KERNEL.release, BuildTime: BUILD.BuildTime,
    },
  }));

  r.add('GET', '/info', () => {
    const containers = d.containers.list();
    const running = containers.filter((c) => c.state.Running && !c.state.Paused).length;
    const paused = containers.filter((c) => c.state.Paused).length;
    return {
      status: 200,
      json: {
        ID: 'PLAY:GROU:NDEN:GINE:0000:0000:0000:0000:0000:0000:0000:0001',
        Containers: containers.length, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: containers.length - running - paused,
        Images: d.images.list().length, Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'memory']],
        Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file'] },
        MemoryLimit: true, SwapLimit: false, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: false, PidsLimit: true,
        IPv4Forwarding: true, Debug: false, NFd: 0, OomKillDisable: false, NGoroutines: 0, SystemTime: new Date().toISOString(),
        LoggingDriver: 'json-file', CgroupDriver: 'cgroupfs', CgroupVersion: '2', NEventsListener: 0,
        KernelVersion: KERNEL.release, OperatingSystem: 'Docker Playground (in-browser engine)', OSVersion: '', OSType: 'linux',
        Architecture: KERNEL.machine, IndexServerAddress: 'https://index.docker.io/v1/', RegistryConfig: { IndexConfigs: {}, InsecureRegistryCIDRs: [], Mirrors: [] },
        NCPU: ONLINE_CPUS, MemTotal: d.kernel.rootCgroup.limits.memoryMax ?? 0, DockerRootDir: '/var/lib/docker', Name: HOST_HOSTNAME,
        Labels: [], ExperimentalBuild: false, ServerVersion: ENGINE_VERSION, Runtimes: { runc: { path: 'runc' } }, DefaultRuntime: 'runc',
        Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
        LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init', SecurityOptions: ['name=cgroupns'], Warnings: null,
      },
    };
  });
}

/** Docker's --filter for events: type, event (action), container, image, volume, network, label. */
function eventMatches(e: EngineEvent, filters: Record<string, string[]>): boolean {
  const has = (key: string, values: Array<string | undefined>): boolean => !filters[key] || filters[key]!.some((f) => values.includes(f));
  const attrs = e.Actor.Attributes;
  return has('type', [e.Type]) && has('event', [e.Action, e.Action.split(':')[0]])
    && (!filters.container || (e.Type === 'container' && has('container', [e.Actor.ID, e.Actor.ID.slice(0, 12), attrs.name])))
    && (!filters.image || has('image', [attrs.image, attrs.name, e.Actor.ID]))
    && (!filters.volume || (e.Type === 'volume' && has('volume', [e.Actor.ID])))
    && (!filters.network || (e.Type === 'network' && has('network', [e.Actor.ID, attrs.name])))
    && (!filters.label || filters.label.some((l) => { const [k, v] = l.split('='); return k !== undefined && (v === undefined ? k in attrs : attrs[k] === v); }));
}

/** Docker's filter JSON: {"type":{"container":true}} (old) or {"type":["container"]}. */
export function parseFilters(raw: string | undefined): Record<string, string[]> {
  if (!raw) return {};
  const invalid = (): ApiError => new ApiError(400, `invalid filter '${raw.length > 200 ? `${raw.slice(0, 200)}…` : raw}'`);
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw invalid(); }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  // No prototype: a filter named "__proto__" is just a (unknown) filter.
  const out = Object.create(null) as Record<string, string[]>;
  for (const [k, v] of Object.entries(parsed)) {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'boolean')) out[k] = Object.keys(v);
    else throw invalid();
  }
  return out;
}

export function eventRoutes(r: Router, d: Daemon): void {
  r.add('GET', '/events', (req) => {
    const filters = parseFilters(req.query.get('filters'));
    const time = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
    const since = time(req.query.get('since'));
    const until = time(req.query.get('until'));
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: async (write, closed) => {
        const line = (e: EngineEvent): Promise<void> => write(enc.encode(`${EventBus.json(e)}\n`));
        // As dockerd: past events only when since or until asks for them; otherwise only what happens from now on.
        if (since !== null || until !== null) for (const e of d.events.past(since, until)) if (eventMatches(e, filters)) await line(e);
        if (until !== null && until * 1000 <= d.now()) return;
        const pending: Promise<void>[] = [];
        const off = d.events.subscribe((e) => { if (eventMatches(e, filters)) pending.push(line(e)); });
        const end = until === null ? closed : Promise.race([closed, new Promise<void>((res) => { setTimeout(() => res(), until * 1000 - d.now()); })]);
        await end;
        off();
        await Promise.all(pending);
      },
    };
  });

  r.add('GET', '/system/df', () => {
    const containers = d.containers.list();
    // The images `docker images` lists: a build's intermediate images (untagged, with children) are left out.
    const listed = d.images.list().filter((img) => refsOf(d, img.id).length > 0 || d.images.children(img.id).length === 0);
    const usage = imagesDiskUsage(d.images, listed);
    const now = d.now();
    return {
      status: 200,
      json: {
        LayersSize: usage.layersSize,
        Images: usage.images.map(({ image: img, sharedSize }) => ({
          Id: img.id, ParentId: img.parent ?? '', RepoTags: refsOf(d, img.id), RepoDigests: [], Created: Math.floor(Date.parse(img.config.created) / 1000),
          Size: img.size, SharedSize: sharedSize, Labels: img.config.config.Labels ?? null, Containers: containers.filter((c) => c.image?.id === img.id).length,
        })),
        Containers: containers.map((c) => ({ ...containerSummary(d, c, now), SizeRw: writableSize(c), SizeRootFs: (c.image?.size ?? 0) + writableSize(c) })),
        Volumes: d.volumes.list().map((v) => ({
          Name: v.name, Driver: 'local', Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, CreatedAt: new Date(v.created).toISOString(), Labels: v.labels, Scope: 'local', Options: null,
          UsageData: { Size: volumeSize(v), RefCount: containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === v.name)).length },
        })),
        BuildCache: [],
      },
    };
  });
}
