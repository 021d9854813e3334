// The daemon's objects in the Engine API's JSON shapes: images as
// /images/json and /images/{name}/json list them, history rows, and
// containers as /containers/json and /containers/{id}/json report them.
import type { Container } from '../daemon/container.ts';
import { humanDuration } from '../api/units.ts';
import { familiarTagged, formatIp, type Daemon, type Image } from '../daemon/daemon.ts';
import { healthcheckJson, healthJson, healthSuffix } from './health.ts';

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);


/** The image's references in their familiar form. */
export function refsOf(d: Daemon, id: Image['id']): string[] {
  return d.images.refsOf(id).map(familiarTagged);
}

export function imageSummary(d: Daemon, img: Image): Record<string, unknown> {
  const refs = refsOf(d, img.id);
  return {
    Containers: -1,
    Created: seconds(img.config.created),
    Id: img.id,
    Labels: img.config.config.Labels ?? null,
    ParentId: img.parent ?? '',
    RepoDigests: [],
    RepoTags: refs.length > 0 ? refs : [],
    SharedSize: -1,
    Size: img.size,
  };
}

export function imageInspect(d: Daemon, img: Image): Record<string, unknown> {
  const c = img.config;
  return {
    Id: img.id,
    RepoTags: refsOf(d, img.id),
    RepoDigests: [],
    Parent: img.parent ?? '',
    Comment: '',
    Created: c.created,
    DockerVersion: '',
    Author: c.author ?? '',
    Config: {
      Hostname: '', Domainname: '', User: c.config.User ?? '', AttachStdin: false, AttachStdout: false, AttachStderr: false,
      ExposedPorts: c.config.ExposedPorts, Tty: false, OpenStdin: false, StdinOnce: false, Env: c.config.Env ?? null,
      Cmd: c.config.Cmd ?? null, ...(c.config.Healthcheck && { Healthcheck: healthcheckJson(c.config.Healthcheck) }),
      Image: '', Volumes: c.config.Volumes ?? null, WorkingDir: c.config.WorkingDir ?? '',
      Entrypoint: c.config.Entrypoint ?? null, OnBuild: c.config.OnBuild ?? null, Labels: c.config.Labels ?? null,
      ...(c.config.StopSignal && { StopSignal: c.config.StopSignal }), ...(c.config.Shell && { Shell: c.config.Shell }),
    },
    Architecture: c.architecture,
    ...(c.variant && { Variant: c.variant }),
    Os: c.os,
    Size: img.size,
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: c.rootfs.diff_ids },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}

/** `docker ps`'s Command column: the entrypoint and command joined. */
function commandOf(c: Container): string {
  return [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])].join(' ');
}

/** Docker's Status column: "Up 3 seconds", "Up 5 minutes (healthy)", "Exited (0) 2 minutes ago", "Created". */
export function humanStatus(c: Container, now: number): string {
  const s = c.state;
  if (s.Running) return `Up ${humanDuration(now - Date.parse(s.StartedAt))}${s.Paused ? ' (Paused)' : healthSuffix(c)}`;
  if (s.Status === 'created') return 'Created';
  if (s.Status === 'exited' || s.Status === 'dead') return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
  return s.Status;
}

interface SummaryPort { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }

/**
 * `docker ps`'s ports: each published binding (`0.0.0.0:8080->80/tcp`) and,
 * while the container runs, each exposed port nothing is published on
 * (`80/tcp`) — dockerd lists the container's NetworkSettings.Ports, which hold
 * both and are emptied when it stops.
 */
function summaryPorts(c: Container): SummaryPort[] {
  const ports: SummaryPort[] = c.publishedPorts.map((p) => ({ IP: p.hostIp, PrivatePort: p.containerPort, PublicPort: p.hostPort, Type: 'tcp' }));
  // With --network host or none there are no port mappings at all: nothing to list.
  const mode = c.networkOpts?.mode ?? 'bridge';
  if (!c.state.Running || (c.networkOpts?.fabric.find(mode)?.driver ?? 'bridge') !== 'bridge') return ports;
  for (const key of Object.keys(c.config.ExposedPorts ?? {})) {
    const [port = '', type = 'tcp'] = key.split('/');
    const n = Number(port);
    if (!Number.isInteger(n) || ports.some((p) => p.PrivatePort === n && p.Type === type)) continue;
    ports.push({ PrivatePort: n, Type: type });
  }
  return ports;
}

/**
 * The IMAGE of `docker ps` (dockerd's refreshImage): the reference the
 * container was created from while it still names the container's image;
 * once the tag has moved (the image was rebuilt) or is gone, the image's ID,
 * so a container still running an old build shows as one.
 */
function imageShown(d: Daemon, c: Container): string {
  const id = c.image?.id ?? '';
  const asked = c.config.Image ?? (c.image ? refsOf(d, c.image.id)[0] : undefined);
  if (!asked) return id;
  const now = d.images.resolve(asked);
  return !c.image || now?.id === id ? asked : id;
}

export function containerSummary(d: Daemon, c: Container, now: number): Record<string, unknown> {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: imageShown(d, c),
    ImageID: c.image?.id ?? '',
    Command: commandOf(c),
    Created: Math.floor(c.created / 1000),
    Ports: summaryPorts(c),
    Labels: c.config.Labels ?? {},
    State: c.state.Status,
    Status: humanStatus(c, now),
    HostConfig: { NetworkMode: c.networkOpts?.mode ?? 'bridge' },
    NetworkSettings: { Networks: (networkSettings(d, c) as { Networks: unknown }).Networks },
    Mounts: mountsJson(c),
  };
}

/**
 * Mounts as dockerd lists them: a volume by its Name, with its directory on
 * the engine's disk as Source and its Driver; a bind by its host path, with
 * the rprivate propagation Linux gives it; RW false for a read-only mount.
 */
function mountsJson(c: Container): Array<Record<string, unknown>> {
  return c.mounts.map((m) => {
    const common = { Destination: m.target, Mode: m.readonly ? 'ro' : '', RW: !m.readonly };
    if (m.type === 'volume') return { Type: 'volume', Name: m.name ?? '', Source: `/var/lib/docker/volumes/${m.name ?? ''}/_data`, ...common, Driver: 'local', Propagation: '' };
    if (m.type === 'bind') return { Type: 'bind', Source: m.source ?? '', ...common, Propagation: 'rprivate' };
    return { Type: m.type, Source: '', ...common, Propagation: '' };
  });
}

/** HostConfig.PortBindings: the -p requests by container port, every binding of a port kept (`-p 8080:80 -p 8081:80`). */
function portBindingsJson(c: Container): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of c.networkOpts?.ports ?? []) (out[`${p.containerPort}/tcp`] ??= []).push({ HostIp: p.hostIp === '0.0.0.0' ? '' : p.hostIp, HostPort: p.hostPort ? String(p.hostPort) : '' });
  return out;
}

/** NetworkSettings: published ports, and each network's endpoint (address, gateway, aliases). */
function networkSettings(d: Daemon, c: Container): Record<string, unknown> {
  const ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> = {};
  for (const p of c.networkOpts?.ports ?? []) ports[`${p.containerPort}/tcp`] ??= null;
  for (const p of c.publishedPorts) (ports[`${p.containerPort}/tcp`] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  for (const port of Object.keys(c.config.ExposedPorts ?? {})) ports[port.includes('/') ? port : `${port}/tcp`] ??= null;
  const networks: Record<string, unknown> = {};
  for (const name of c.state.Running && c.networks.length > 0 ? c.networks : [c.networkOpts?.mode ?? 'bridge']) {
    const n = d.networks.find(name);
    const ep = n?.endpoints.get(c.id);
    networks[name] = {
      IPAMConfig: null, Links: null, Aliases: name === 'bridge' ? null : (c.networkOpts?.aliases ?? []),
      MacAddress: ep?.mac ?? '', DriverOpts: null, GwPriority: 0, NetworkID: n?.id ?? '', EndpointID: ep ? `${c.id.slice(0, 32)}${c.id.slice(0, 32)}` : '',
      Gateway: ep && n?.pool ? formatIp(n.pool.gateway) : '', IPAddress: ep ? formatIp(ep.ip) : '', IPPrefixLen: ep && n?.subnet ? n.subnet.prefixLen : 0,
      IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: name === 'bridge' || !ep ? null : ep.names,
    };
  }
  const bridge = networks.bridge as { IPAddress?: string; Gateway?: string; MacAddress?: string; IPPrefixLen?: number } | undefined;
  return {
    Bridge: '', SandboxID: '', SandboxKey: '', Ports: ports, HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0,
    EndpointID: '', Gateway: bridge?.Gateway ?? '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, IPAddress: bridge?.IPAddress ?? '',
    IPPrefixLen: bridge?.IPPrefixLen ?? 0, IPv6Gateway: '', MacAddress: bridge?.MacAddress ?? '', Networks: networks,
  };
}

export function containerInspect(d: Daemon, c: Container): Record<string, unknown> {
  const argv = [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])];
  const refs = c.image ? refsOf(d, c.image.id) : [];
  const limits = c.cgroup.limits;
  return {
    Id: c.id,
    Created: new Date(c.created).toISOString(),
    Path: argv[0] ?? '',
    Args: argv.slice(1),
    State: { ...c.state, ...(c.health && { Health: healthJson(c.health) }) },
    Image: c.image?.id ?? '',
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: c.platform,
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      Binds: null, NetworkMode: c.networkOpts?.mode ?? 'bridge', PortBindings: portBindingsJson(c), RestartPolicy: { ...c.restartPolicy },
      AutoRemove: c.autoRemove, Init: c.useInit || null, Memory: limits.memoryMax ?? 0, NanoCpus: limits.cpuQuotaUs !== null && limits.cpuQuotaUs !== undefined ? Math.round((limits.cpuQuotaUs / limits.cpuPeriodUs) * 1e9) : 0,
      CpuShares: 0, CpuPeriod: 0, CpuQuota: 0, PidsLimit: limits.pidsMax ?? null,
    },
    GraphDriver: { Data: null, Name: 'overlay2' },
    Mounts: mountsJson(c),
    Config: {
      Hostname: c.config.Hostname, Domainname: '', User: c.config.User ?? '', AttachStdin: false, AttachStdout: true, AttachStderr: true,
      // The image's EXPOSE ports and the -p ones (left out when there are none, as dockerd's omitempty does).
      ...(Object.keys(c.config.ExposedPorts ?? {}).length > 0 && { ExposedPorts: c.config.ExposedPorts }),
      Tty: c.config.Tty ?? false, OpenStdin: c.config.OpenStdin ?? false, StdinOnce: c.config.StdinOnce ?? false,
      Env: c.config.Env ?? [], Cmd: c.config.Cmd ?? null, ...(c.config.Healthcheck && { Healthcheck: healthcheckJson(c.config.Healthcheck) }),
      Image: c.config.Image ?? refs[0] ?? c.image?.id ?? '', Volumes: c.config.Volumes ?? null,
      WorkingDir: c.config.WorkingDir ?? '', Entrypoint: c.config.Entrypoint ?? null, OnBuild: null, Labels: c.config.Labels ?? {},
    },
    NetworkSettings: networkSettings(d, c),
  };
}
