// POST /containers/create: the decoded container.CreateRequest (the docker
// CLI's body) checked as dockerd checks it and mapped onto the daemon's
// options — the image, the command, -v binds parsed as moby's volume
// parser does (`data:/data:ro`, `/host:/in`, `/anon`), --mount, --tmpfs,
// -p bindings, limits, the restart policy, the network endpoint.
import type { CreateOptions, MountRequest } from '../daemon/containers.ts';
import { familiarTagged, type Daemon } from '../daemon/daemon.ts';
import type { CreateRequestBody } from './api-structs.ts';
import { checkCreateRequest, clampCpuShares } from './container-checks.ts';
import { ApiError } from './router.ts';

const RW = new Set(['rw', 'ro']);
const LABEL = new Set(['z', 'Z']);
const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

/** moby's ValidMountMode: comma-separated options, at most one of each kind. */
function validMode(mode: string): boolean {
  if (mode === '') return true;
  const seen = new Map<string, number>();
  for (const o of mode.split(',')) {
    const kind = RW.has(o) ? 'rw' : LABEL.has(o) ? 'label' : PROPAGATION.has(o) ? 'propagation' : o === 'nocopy' ? 'copy' : CONSISTENCY.has(o) ? 'consistency' : null;
    if (kind === null) return false;
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
  }
  return [...seen.values()].every((n) => n === 1);
}

/** path.Clean(p) === '/' (backslashes read as slashes, as moby's check does). */
function isRoot(p: string): boolean {
  const q = p.replace(/\\/g, '/');
  if (!q.startsWith('/')) return false;
  let depth = 0;
  for (const part of q.split('/')) {
    if (part === '..') depth = Math.max(0, depth - 1);
    else if (part !== '' && part !== '.') depth++;
  }
  return depth === 0;
}

/** Where a mount goes, as moby's linux parser checks it (not empty, not /, absolute). */
function targetProblem(type: string, target: string): string | null {
  const why = target === '' ? 'field Target must not be empty'
    : isRoot(target) ? "invalid specification: destination can't be '/'"
    : !target.startsWith('/') ? `invalid mount path: '${target}' mount path must be absolute` : null;
  return why === null ? null : `invalid mount config for type "${type}": ${why}`;
}

/**
 * One of HostConfig.Binds (`docker run -v`), as moby's parseMountRaw reads it:
 * `target` (an anonymous volume), `source:target[:mode]`; a source that is
 * an absolute path is a bind of the host's directory, else a volume name.
 * @example parseBind(d, 'data:/srv:ro') // { type: 'volume', source: 'data', target: '/srv', readonly: true }
 */
export function parseBind(d: Daemon, raw: string): MountRequest {
  const invalid = (): ApiError => new ApiError(400, `invalid volume specification: '${raw}'`);
  const parts = raw.split(':');
  if (parts.length > 3 || parts[0] === '') throw invalid();
  let source = '';
  let target: string;
  let mode = '';
  if (parts.length === 1) target = parts[0]!;
  else if (parts.length === 2) {
    // A destination and a mode (/foo:rw) is not a volume.
    if (validMode(parts[1]!)) throw invalid();
    [source, target] = parts as [string, string];
  } else [source, target, mode] = parts as [string, string, string];
  if (!validMode(mode)) throw new ApiError(400, `invalid mode: ${mode}`);
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const problem = targetProblem(type, target);
  if (problem) throw new ApiError(400, `invalid volume specification: '${raw}': ${problem}`);
  const readonly = mode.split(',').includes('ro');
  if (type === 'volume') return { type, ...(source && { source }), target, readonly };
  // A host path: the machine's files are the page's workspace (when the engine has one).
  if (!d.hostFs) throw new ApiError(400, `bind mounts of host paths are not available here (${source}): use a named volume`);
  // -v creates a missing host directory (--mount does not: it says the source does not exist).
  return { type, fs: d.hostFs, source, target, readonly, createSource: true };
}

/** HostConfig.Mounts (`--mount`), as validateMountConfig checks each. */
function mountOf(d: Daemon, m: NonNullable<NonNullable<CreateRequestBody['HostConfig']>['Mounts']>[number]): MountRequest {
  const type = m.Type ?? '';
  const invalid = (why: string): ApiError => new ApiError(400, `invalid mount config for type "${type}": ${why}`);
  const target = m.Target ?? '';
  const problem = targetProblem(type, target);
  if (problem) throw new ApiError(400, problem);
  if (type === 'volume') return { type: 'volume', ...(m.Source && { source: m.Source }), target, readonly: m.ReadOnly ?? false };
  if (type === 'tmpfs') {
    if (m.Source) throw invalid('field Source must not be specified');
    return { type: 'tmpfs', target };
  }
  if (type === 'bind') {
    if (!m.Source) throw invalid('field Source must not be empty');
    if (!m.Source.startsWith('/')) throw invalid(`invalid mount path: '${m.Source}' mount path must be absolute`);
    if (!d.hostFs) throw new ApiError(400, `bind mounts of host paths are not available here (${m.Source}): use a named volume`);
    return { type: 'bind', fs: d.hostFs, source: m.Source, target, readonly: m.ReadOnly ?? false };
  }
  throw invalid('mount type unknown');
}

/** The docker CLI's create body → the daemon's options (checked first, as dockerd checks before it looks for the image). */
export function createOptions(d: Daemon, body: CreateRequestBody, name: string | undefined, platform: string | undefined): CreateOptions & { autoRemove: boolean } {
  if (!body.Image) throw new ApiError(400, 'Config cannot be empty in order to create a container');
  const healthcheck = checkCreateRequest(body);
  // Only local images: the client pulls on 404 ("Unable to find image … locally"), as with Docker.
  const image = d.images.resolve(body.Image);
  if (!image) throw new ApiError(404, `No such image: ${familiarTagged(body.Image)}`);
  const hc = body.HostConfig ?? {};
  const publish: string[] = [];
  for (const [port, bindings] of Object.entries(hc.PortBindings ?? {})) {
    const containerPort = port.replace(/\/tcp$/, '');
    // A port with no bindings (null or []) is exposed, not published.
    for (const b of bindings) publish.push(`${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort ?? ''}:${containerPort}`.replace(/^:/, ''));
  }
  const policy = hc.RestartPolicy;
  const restart = policy?.Name ? `${policy.Name}${policy.MaximumRetryCount ? `:${policy.MaximumRetryCount}` : ''}` : undefined;
  const network = hc.NetworkMode && hc.NetworkMode !== 'default' ? hc.NetworkMode : undefined;
  const endpoint = network ? body.NetworkingConfig?.EndpointsConfig?.[network] : undefined;
  const mounts: MountRequest[] = [];
  for (const bind of hc.Binds ?? []) mounts.push(parseBind(d, bind));
  for (const m of hc.Mounts ?? []) mounts.push(mountOf(d, m));
  for (const target of Object.keys(hc.Tmpfs ?? {})) mounts.push({ type: 'tmpfs', target });
  // An empty Cmd is no Cmd (the image's is used); PidsLimit 0 or less is unlimited.
  const cmd = body.Cmd?.length ? body.Cmd : undefined;
  const pidsLimit = hc.PidsLimit !== undefined && hc.PidsLimit > 0 ? hc.PidsLimit : undefined;
  return {
    image,
    imageRef: body.Image,
    ...(name && { name }),
    ...(cmd && { cmd }),
    ...(body.Entrypoint && { entrypoint: body.Entrypoint }),
    ...(body.Env && { env: body.Env }),
    ...(body.User && { user: body.User }),
    ...(body.WorkingDir && { workdir: body.WorkingDir }),
    ...(body.Hostname && { hostname: body.Hostname }),
    ...(platform && { platform }),
    ...(hc.Memory && { memory: hc.Memory }),
    ...(hc.NanoCpus && { cpus: hc.NanoCpus / 1e9 }),
    ...(hc.CpuQuota && { cpuQuota: hc.CpuQuota }),
    ...(hc.CpuPeriod && { cpuPeriod: hc.CpuPeriod }),
    ...(hc.CpuShares && { cpuShares: clampCpuShares(hc.CpuShares) }),
    ...(pidsLimit && { pidsLimit }),
    ...(mounts.length > 0 && { mounts }),
    ...(hc.Init && { init: true }),
    ...(restart && { restart }),
    ...(body.Tty && { tty: true }),
    ...(body.OpenStdin && { interactive: true }),
    ...(network && { network }),
    ...(endpoint?.Aliases && { networkAliases: endpoint.Aliases }),
    ...(endpoint?.IPAMConfig?.IPv4Address && { ip: endpoint.IPAMConfig.IPv4Address }),
    ...(publish.length > 0 && { publish }),
    ...(hc.PublishAllPorts && { publishAll: true }),
    ...(body.ExposedPorts && Object.keys(body.ExposedPorts).length > 0 && { exposedPorts: Object.keys(body.ExposedPorts) }),
    ...(body.Volumes && Object.keys(body.Volumes).length > 0 && { anonymousVolumes: Object.keys(body.Volumes) }),
    ...(healthcheck && { healthcheck }),
    ...(body.Labels && { labels: body.Labels }),
    autoRemove: hc.AutoRemove ?? false,
  };
}
