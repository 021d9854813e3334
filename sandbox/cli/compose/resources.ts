// What a compose project is on the engine, named and labelled as Docker
// Compose names and labels it: containers `<project>-<service>-1`, networks
// and volumes `<project>_<key>`, images built as `<project>-<service>`, and
// the com.docker.compose.* labels by which Compose finds them again. Every
// call goes through the Engine API client, as Compose's own do.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { EngineClient } from '../../client/client.ts';
import type { Project, Service, TopNetwork, TopVolume } from './model.ts';

/** The Compose version the playground's compose speaks for (docker 28.2's bundled plugin). */
export const COMPOSE_VERSION = '2.36.2';

const L = 'com.docker.compose';

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
  Labels: Record<string, string>;
}

export function containerName(project: Project, s: Service): string {
  return s.containerName ?? `${project.name}-${s.name}-1`;
}

/** The image a service runs: its `image`, or what `build` makes (`<project>-<service>`). */
export function serviceImage(project: Project, s: Service): string {
  return s.image ?? `${project.name}-${s.name}`;
}

/** The project's containers (all states), oldest first. */
export async function projectContainers(client: EngineClient, project: Project, services: readonly string[] = []): Promise<ContainerSummary[]> {
  const labels = [`${L}.project=${project.name}`, `${L}.oneoff=False`];
  const list = await client.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: true, filters: JSON.stringify({ label: labels }) } });
  return list
    .filter((c) => services.length === 0 || services.includes(c.Labels[`${L}.service`] ?? ''))
    .sort((a, b) => a.Created - b.Created || a.Names[0]!.localeCompare(b.Names[0]!));
}

export async function networkExists(client: EngineClient, name: string): Promise<boolean> {
  try { await client.json('GET', `/networks/${encodeURIComponent(name)}`); return true; } catch { return false; }
}

export async function createNetwork(client: EngineClient, project: Project, key: string, n: TopNetwork): Promise<void> {
  await client.json('POST', '/networks/create', {
    body: { Name: n.name, Driver: n.driver ?? 'bridge', Labels: { ...Object.fromEntries(n.labels), [`${L}.network`]: key, [`${L}.project`]: project.name, [`${L}.version`]: COMPOSE_VERSION } },
  });
}

export async function volumeExists(client: EngineClient, name: string): Promise<boolean> {
  try { await client.json('GET', `/volumes/${encodeURIComponent(name)}`); return true; } catch { return false; }
}

export async function createVolume(client: EngineClient, project: Project, key: string, v: TopVolume): Promise<void> {
  await client.json('POST', '/volumes/create', {
    body: { Name: v.name, Labels: { ...Object.fromEntries(v.labels), [`${L}.project`]: project.name, [`${L}.version`]: COMPOSE_VERSION, [`${L}.volume`]: key } },
  });
}

/** The Engine API body that creates a service's container (its hash tells whether it must be recreated). */
export function containerBody(project: Project, s: Service): Record<string, unknown> {
  const networks = [...s.networks.keys()].map((k) => project.networks.get(k)!.name);
  const first = [...s.networks.entries()][0];
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of s.ports) {
    const key = `${p.target}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.published ?? '' });
  }
  for (const e of s.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  // Binds as -v gives them; named, anonymous and tmpfs mounts as --mount does.
  const binds = s.volumes.filter((m) => m.type === 'bind').map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  const mounts = s.volumes.filter((m) => m.type !== 'bind').map((m) => ({
    Type: m.type, Target: m.target, ReadOnly: m.readOnly,
    ...(m.source && { Source: project.volumes.get(m.source)!.name }),
  }));
  const body = {
    Image: serviceImage(project, s),
    ...(s.command && { Cmd: s.command }),
    ...(s.entrypoint && { Entrypoint: s.entrypoint }),
    Env: [...s.environment].map(([k, v]) => `${k}=${v}`),
    ...(s.workingDir && { WorkingDir: s.workingDir }),
    ...(s.user && { User: s.user }),
    ...(s.hostname && { Hostname: s.hostname }),
    Tty: s.tty, OpenStdin: s.stdinOpen, AttachStdout: true, AttachStderr: true,
    ExposedPorts: exposed,
    ...(s.healthcheck && { Healthcheck: { Test: s.healthcheck.test, Interval: s.healthcheck.interval, Timeout: s.healthcheck.timeout, Retries: s.healthcheck.retries, StartPeriod: s.healthcheck.startPeriod, StartInterval: s.healthcheck.startInterval } }),
    Labels: Object.fromEntries(s.labels),
    HostConfig: {
      NetworkMode: networks[0] ?? 'none',
      PortBindings: bindings,
      ...(binds.length > 0 && { Binds: binds }),
      Mounts: mounts,
      RestartPolicy: restartPolicy(s.restart),
      ...(s.init && { Init: true }),
      ...(s.memLimit !== null && { Memory: s.memLimit }),
      ...(s.cpus !== null && { NanoCpus: Math.round(s.cpus * 1e9) }),
      ...(s.pidsLimit !== null && { PidsLimit: s.pidsLimit }),
    },
    NetworkingConfig: first ? { EndpointsConfig: { [networks[0]!]: { Aliases: [s.name, ...first[1]] } } } : undefined,
  };
  const hash = sha256Hex(JSON.stringify(body));
  body.Labels = {
    ...body.Labels,
    [`${L}.config-hash`]: hash,
    [`${L}.container-number`]: '1',
    [`${L}.depends_on`]: [...s.dependsOn].map(([d, c]) => `${d}:${c.condition}:${c.restart}`).join(','),
    [`${L}.image`]: serviceImage(project, s),
    [`${L}.oneoff`]: 'False',
    [`${L}.project`]: project.name,
    [`${L}.project.config_files`]: project.configFiles.join(','),
    [`${L}.project.working_dir`]: project.workingDir,
    [`${L}.service`]: s.name,
    [`${L}.version`]: COMPOSE_VERSION,
  };
  return body;
}

function restartPolicy(r: string | null): { Name: string; MaximumRetryCount: number } {
  if (!r || r === 'no') return { Name: 'no', MaximumRetryCount: 0 };
  const [name, count] = r.split(':');
  return { Name: name!, MaximumRetryCount: count ? Number(count) : 0 };
}

function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** The service's other networks, joined after create (the first is the container's NetworkMode). */
export function extraNetworks(project: Project, s: Service): Array<{ name: string; aliases: string[] }> {
  return [...s.networks.entries()].slice(1).map(([k, aliases]) => ({ name: project.networks.get(k)!.name, aliases: [s.name, ...aliases] }));
}
