// Reads checks make, through the Engine API only (ctx.client) — the calls
// `docker inspect`, `docker ps -a`, `docker logs`, `docker history` and
// `docker events` make — with Docker's answers typed as far as checks use
// them. A missing object is null, not an error: "there is no container
// called web" is the commonest thing a check has to say.
import { EngineError } from '../../sandbox/index.ts';
import type { CheckContext } from './checks.ts';

type Ctx = Pick<CheckContext, 'client'>;

export interface PortBinding { HostIp?: string; HostPort?: string }

/** GET /containers/{id}/json, the fields checks read. */
export interface ContainerInspect {
  Id: string;
  /** With the leading slash: `/web`. */
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  /** The image's ID (a container is pinned to it). */
  Image: string;
  RestartCount: number;
  State: { Status: string; Running: boolean; Paused: boolean; OOMKilled: boolean; Dead: boolean; Pid: number; ExitCode: number; Error: string; StartedAt: string; FinishedAt: string };
  Config: {
    Image: string; Cmd: string[] | null; Entrypoint: string[] | null; Env: string[] | null; Tty: boolean; OpenStdin: boolean;
    User: string; WorkingDir: string; ExposedPorts?: Record<string, object> | null; Labels: Record<string, string> | null;
  };
  HostConfig: {
    Binds: string[] | null; NetworkMode: string; PortBindings: Record<string, PortBinding[] | null> | null; AutoRemove: boolean;
    RestartPolicy: { Name: string; MaximumRetryCount: number }; Memory: number; NanoCpus: number; PidsLimit: number | null;
  };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
  NetworkSettings: { Ports: Record<string, PortBinding[] | null> | null; Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> };
}

/** GET /containers/json, the fields checks read. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
  Labels: Record<string, string> | null;
}

/** GET /images/{name}/json, the fields checks read. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  Created: string;
  Size: number;
  Config: { Cmd: string[] | null; Entrypoint: string[] | null; Env: string[] | null; ExposedPorts?: Record<string, object> | null; WorkingDir: string; User: string; Labels: Record<string, string> | null };
  RootFS: { Type: string; Layers?: string[] };
}

/** One entry of GET /images/{name}/history (newest first, as Docker lists it). */
export interface HistoryItem { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }

/** One event of GET /events. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

/** null when the engine answers 404. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return null;
    throw e;
  }
}

/** `docker inspect <container>`: by name or ID (prefix); null when there is none. */
export function container(ctx: Ctx, nameOrId: string): Promise<ContainerInspect | null> {
  return orNull(ctx.client.json<ContainerInspect>('GET', `/containers/${encodeURIComponent(nameOrId)}/json`));
}

/** `docker ps -a` (`all: false`: running ones only). */
export function containers(ctx: Ctx, opts: { all?: boolean } = {}): Promise<ContainerSummary[]> {
  return ctx.client.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: opts.all ?? true } });
}

/** A container's name without the slash. */
export const nameOf = (c: { Name: string } | { Names: string[] }): string => ('Name' in c ? c.Name : c.Names[0] ?? '').replace(/^\//, '');

/** `docker image inspect <image>`; null when there is none. */
export function image(ctx: Ctx, ref: string): Promise<ImageInspect | null> {
  return orNull(ctx.client.json<ImageInspect>('GET', `/images/${encodeURIComponent(ref)}/json`));
}

/** `docker history <image>`, newest layer first; null when the image does not exist. */
export function imageHistory(ctx: Ctx, ref: string): Promise<HistoryItem[] | null> {
  return orNull(ctx.client.json<HistoryItem[]>('GET', `/images/${encodeURIComponent(ref)}/history`));
}

/** GET /info (`docker info`). */
export function engineInfo(ctx: Ctx): Promise<{ KernelVersion: string; OperatingSystem: string; Name: string; Containers: number; Images: number } & Record<string, unknown>> {
  return ctx.client.json('GET', '/info');
}

export interface Logs {
  stdout: string;
  stderr: string;
  /** Both, in the order they were written (with a TTY there is only this). */
  all: string;
}

/**
 * `docker logs <container>`: its output so far, stdout and stderr apart
 * (demultiplexed from the 8-byte-framed stream when the container has no
 * TTY); null when the container does not exist.
 */
export async function logs(ctx: Ctx, nameOrId: string): Promise<Logs | null> {
  const c = await container(ctx, nameOrId);
  if (!c) return null;
  const res = await orNull(ctx.client.request('GET', `/containers/${c.Id}/logs`, { query: { stdout: true, stderr: true } }));
  if (!res) return null;
  const bytes = await res.bytes();
  const dec = new TextDecoder();
  if (c.Config.Tty) { const all = dec.decode(bytes); return { stdout: all, stderr: '', all }; }
  return demux(bytes);
}

/** Splits Docker's multiplexed stream: frames of [stream, 0, 0, 0, size (4 bytes, big-endian)] + payload. */
export function demux(bytes: Uint8Array): Logs {
  const parts = { 1: [] as Uint8Array[], 2: [] as Uint8Array[], all: [] as Uint8Array[] };
  let off = 0;
  while (off + 8 <= bytes.length) {
    const kind = bytes[off]!;
    const size = ((bytes[off + 4]! << 24) >>> 0) + (bytes[off + 5]! << 16) + (bytes[off + 6]! << 8) + bytes[off + 7]!;
    const payload = bytes.subarray(off + 8, Math.min(bytes.length, off + 8 + size));
    if (kind === 1 || kind === 2) parts[kind].push(payload);
    parts.all.push(payload);
    off += 8 + size;
  }
  const text = (chunks: Uint8Array[]): string => {
    const dec = new TextDecoder();
    return chunks.map((c) => dec.decode(c, { stream: true })).join('') + dec.decode();
  };
  return { stdout: text(parts[1]), stderr: text(parts[2]), all: text(parts.all) };
}

/**
 * `docker exec <container> <cmd…>` through the Engine API (create the exec,
 * start it attached): what it printed, stdout and stderr apart.
 * @example const { stdout } = await execIn(ctx, c, ['cat', '/sys/fs/cgroup/memory.max']);
 */
export async function execIn(ctx: Ctx, c: { Id: string }, cmd: string[]): Promise<Logs> {
  const { Id } = await ctx.client.json<{ Id: string }>('POST', `/containers/${c.Id}/exec`, { body: { Cmd: cmd, AttachStdout: true, AttachStderr: true } });
  const conn = await ctx.client.hijack('POST', `/exec/${Id}/start`, { body: { Detach: false, Tty: false } });
  const chunks: Uint8Array[] = [];
  for (let chunk = await conn.read(); chunk; chunk = await conn.read()) chunks.push(chunk);
  const bytes = new Uint8Array(chunks.reduce((n, ch) => n + ch.length, 0));
  let off = 0;
  for (const ch of chunks) { bytes.set(ch, off); off += ch.length; }
  return demux(bytes);
}

/**
 * `docker events --since 0 --until now`: the engine's past events, oldest
 * first, filtered as `--filter` does (`{ type: ['container'], container: ['web'] }`).
 */
export async function events(ctx: Ctx, filters: Record<string, string[]> = {}): Promise<EngineEvent[]> {
  // `until` a millisecond from now (seconds.fraction, as Docker takes it): past events, the stream ends
  // at once. Not `now` itself: an event of this very millisecond may compare as later in floating point.
  const until = ((Date.now() + 1) / 1000).toFixed(3);
  const res = await ctx.client.request('GET', '/events', { query: { since: '0', until, filters: JSON.stringify(filters) } });
  const text = new TextDecoder().decode(await res.bytes());
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EngineEvent);
}

/** The events of the container(s) that had this name (an ID or a name, removed or not), oldest first. */
export async function containerEvents(ctx: Ctx, name: string): Promise<EngineEvent[]> {
  const all = await events(ctx, { type: ['container'] });
  return all.filter((e) => e.Actor.Attributes.name === name || e.Actor.ID === name);
}

/** The host port `containerPort` ("80/tcp") is published on, from the container's HostConfig; null if none. */
export function publishedPort(c: ContainerInspect, containerPort: string): string | null {
  const bindings = c.HostConfig.PortBindings?.[containerPort] ?? null;
  return bindings?.[0]?.HostPort ?? null;
}

/** The value of `name` in a `KEY=value` list (an image's or a container's Env); null when it is not there. */
export function envValue(env: readonly string[] | null | undefined, name: string): string | null {
  const kv = (env ?? []).find((e) => e.startsWith(`${name}=`));
  return kv === undefined ? null : kv.slice(name.length + 1);
}

/** The networks a container is attached to, by name. */
export const networksOf = (c: ContainerInspect): string[] => Object.keys(c.NetworkSettings.Networks ?? {});

/** Whether dockerd could not start it because the host port it publishes is taken. */
export const portTaken = (c: ContainerInspect): boolean => /port is already allocated|address already in use/.test(c.State.Error);

/** `docker network inspect <name>`: the fields checks read; null when there is none. */
export interface NetworkInspect { Name: string; Driver: string; Containers: Record<string, { Name: string; IPv4Address: string }> | null }
export function network(ctx: Ctx, name: string): Promise<NetworkInspect | null> {
  return orNull(ctx.client.json<NetworkInspect>('GET', `/networks/${encodeURIComponent(name)}`));
}

/** `docker volume inspect <name>`; null when there is none. */
export function volume(ctx: Ctx, name: string): Promise<{ Name: string } | null> {
  return orNull(ctx.client.json<{ Name: string }>('GET', `/volumes/${encodeURIComponent(name)}`));
}

/** The non-blank lines of a text, trimmed. */
export const nonBlankLines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

