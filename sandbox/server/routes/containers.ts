// Container routes: create (the docker CLI's JSON body mapped onto the
// daemon's options), list, inspect, start, stop, restart, kill, wait
// (conditions), logs (multiplexed streams, raw with a TTY; -f), attach
// (a hijacked connection: output out, stdin in) and remove.
import type { HijackedConnection } from '../../api/types.ts';
import { healthFilterValue } from '../../daemon/health.ts';
import type { Container } from '../../daemon/container.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import { followLogs, readLogs, type LogOptions } from '../../daemon/logs.ts';
import { readStats, streamStats } from '../../daemon/stats.ts';
import { exportContainer, getArchive, putArchive } from '../../daemon/archive.ts';
import { parseSignal } from '../../daemon/daemon.ts';
import { ApiError, jsonBody, queryAtoi, queryBool, type Router } from '../router.ts';
import { containerInspect, containerSummary, refsOf } from '../shapes.ts';
import { CreateRequest, UpdateConfig } from '../api-structs.ts';
import { checkResources, checkRestartPolicy, clampCpuShares } from '../container-checks.ts';
import { createOptions } from '../create-options.ts';
import { repoTagReference } from './images.ts';
import { parseFilters } from './system.ts';

const enc = new TextEncoder();

function base64(text: string): string {
  let bin = '';
  for (const b of enc.encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** One frame of Docker's multiplexed stream: [stream, 0, 0, 0, size (BE u32)] + payload. */
export function muxFrame(stream: 'stdin' | 'stdout' | 'stderr', data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(8 + data.length);
  frame[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : 2;
  new DataView(frame.buffer).setUint32(4, data.length);
  frame.set(data, 8);
  return frame;
}

/** The create's `name`: dockerd takes it with or without a leading slash (/web is web); an invalid one is the daemon's 400, with the name as sent. */
function containerName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  return /^\/[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(raw) ? raw.slice(1) : raw;
}

function logOptions(q: Map<string, string>): LogOptions {
  const tail = q.get('tail');
  const time = (v: string | undefined): number | undefined => (v && v !== '0' ? Number(v) * 1000 : undefined);
  return {
    stdout: q.get('stdout') === '1' || q.get('stdout') === 'true',
    stderr: q.get('stderr') === '1' || q.get('stderr') === 'true',
    ...(tail && tail !== 'all' && { tail: Number(tail) }),
    ...(time(q.get('since')) !== undefined && { since: time(q.get('since'))! }),
    ...(time(q.get('until')) !== undefined && { until: time(q.get('until'))! }),
    timestamps: q.get('timestamps') === '1' || q.get('timestamps') === 'true',
  };
}

export function containerRoutes(r: Router, d: Daemon, autoRemove: Set<string>): void {
  const get = (ref: string): Container => d.containers.get(ref);

  r.add('POST', '/containers/create', async (req) => {
    const o = createOptions(d, jsonBody(req, CreateRequest), containerName(req.query.get('name')), req.query.get('platform') || undefined);
    const c = d.containers.create(o);
    if (o.autoRemove) autoRemove.add(c.id);
    return { status: 201, json: { Id: c.id, Warnings: [] } };
  });

  r.add('GET', '/containers/json', (req) => {
    const filters = parseFilters(req.query.get('filters'));
    for (const v of filters.health ?? []) if (!['starting', 'healthy', 'unhealthy', 'none'].includes(v)) throw new ApiError(400, `Unrecognised filter value for health: ${v}`);
    const all = queryBool(req, 'all') || filters.status !== undefined || filters.exited !== undefined;
    let list = d.containers.list().filter((c) => (all || c.state.Running) && containerMatches(d, c, filters));
    list.sort((a, b) => b.created - a.created);
    const limit = Number(req.query.get('limit') ?? -1);
    if (limit > 0) list = list.slice(0, limit);
    const now = d.now();
    return { status: 200, json: list.map((c) => containerSummary(d, c, now)) };
  });

  r.add('GET', '/containers/{id}/json', (_req, p) => ({ status: 200, json: containerInspect(d, get(p.get('id')!)) }));

  r.add('POST', '/containers/{id}/start', (req, p) => {
    // Since API 1.24 the host config goes to create; dockerd refuses a start with a body (`{}` is let through: under 8 bytes).
    if (req.body && req.body.length > 7) throw new ApiError(400, 'starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24');
    const c = get(p.get('id')!);
    if (c.state.Running) return { status: 304, body: '' };
    try {
      d.containers.start(c);
    } catch (e) {
      // A process that cannot start (not found, not executable): Docker answers 400 and the container stays exited.
      watchAutoRemove(d, c, autoRemove);
      if ((e as Error).name === 'StartError') throw new ApiError(400, (e as Error).message);
      throw e;
    }
    watchAutoRemove(d, c, autoRemove);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/stop', async (req, p) => {
    const c = get(p.get('id')!);
    if (!c.state.Running) return { status: 304, body: '' };
    const t = req.query.get('t');
    await d.containers.stop(c, t !== undefined ? Number(t) : undefined);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/restart', async (req, p) => {
    const c = get(p.get('id')!);
    const t = req.query.get('t');
    await d.containers.restart(c, t !== undefined ? Number(t) : undefined);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/kill', (req, p) => {
    const c = get(p.get('id')!);
    const name = req.query.get('signal');
    let sig: number | undefined;
    if (name) {
      const parsed = parseSignal(name);
      if (parsed === null) throw new ApiError(400, `Invalid signal: ${name}`);
      sig = parsed;
    }
    d.containers.kill(c, sig);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/wait', async (req, p) => {
    const c = get(p.get('id')!);
    const condition = req.query.get('condition') ?? 'not-running';
    if (!['not-running', 'next-exit', 'removed'].includes(condition)) throw new ApiError(400, `invalid condition: "${condition}"`);
    // The head goes out at once (the CLI waits on it before starting); the body when the condition is met.
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: async (write) => {
        let code: number;
        if (condition === 'not-running' && !c.state.Running && c.state.Status !== 'created') code = c.state.ExitCode;
        else {
          // next-exit (docker run waits before it starts the container): the exit of the run to come.
          if (c.state.Status === 'created') await containerEvent(d, c, ['start', 'die'], new Promise(() => {}));
          code = c.state.Running ? await c.wait() : c.state.ExitCode;
        }
        if (condition === 'removed' && d.containers.list().includes(c)) await containerEvent(d, c, ['destroy'], new Promise(() => {}));
        await write(enc.encode(`${JSON.stringify({ Error: null, StatusCode: code })}\n`));
      },
    };
  });

  r.add('GET', '/containers/{id}/logs', (req, p) => {
    const c = get(p.get('id')!);
    const o = logOptions(req.query);
    if (!o.stdout && !o.stderr) throw new ApiError(400, 'Bad parameters: you must choose at least one stream');
    const tty = c.config.Tty ?? false;
    const frame = (e: { stream: 'stdout' | 'stderr'; data: Uint8Array }): Uint8Array => (tty ? e.data : muxFrame(e.stream, e.data));
    const headers = { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream' };
    if (!queryBool(req, 'follow')) {
      const chunks = readLogs(c, o).map(frame);
      let n = 0;
      for (const ch of chunks) n += ch.length;
      const body = new Uint8Array(n);
      let off = 0;
      for (const ch of chunks) { body.set(ch, off); off += ch.length; }
      return { status: 200, headers, body };
    }
    return {
      status: 200, headers,
      stream: async (write, closed) => {
        const pending: Promise<void>[] = [];
        const f = followLogs(c, o, (e) => { pending.push(write(frame(e))); });
        void closed.then(() => f.stop());
        await f.done;
        await Promise.all(pending);
      },
    };
  });

  r.add('POST', '/containers/{id}/attach', (req, p) => {
    const c = get(p.get('id')!);
    const wants = { stdin: queryBool(req, 'stdin'), stdout: queryBool(req, 'stdout'), stderr: queryBool(req, 'stderr'), logs: queryBool(req, 'logs'), stream: queryBool(req, 'stream') };
    const tty = c.config.Tty ?? false;
    d.events.emit('container', 'attach', c.id, { image: c.config.Image ?? c.image?.id ?? '', name: c.name });
    return {
      status: 101,
      headers: { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream', 'Connection': 'Upgrade', 'Upgrade': 'tcp' },
      hijack: (conn) => attach(d, c, conn, wants, tty),
    };
  });

  r.add('POST', '/containers/{id}/resize', (req, p) => {
    const rows = queryAtoi(req, 'h');
    const cols = queryAtoi(req, 'w');
    const c = get(p.get('id')!);
    if (!c.state.Running) throw new ApiError(409, `container ${c.id} is not running`);
    // A terminal's size is two 16-bit numbers (struct winsize): the console cuts them so, as runc's does.
    c.stdio?.resize({ rows: rows & 0xffff, cols: cols & 0xffff });
    return { status: 200, body: '' };
  });

  r.add('GET', '/containers/{id}/top', (req, p) => {
    const c = get(p.get('id')!);
    if (!c.state.Running) throw new ApiError(409, `container ${c.id} is not running`);
    return { status: 200, json: d.containers.top(c, req.query.get('ps_args') ?? '') };
  });

  r.add('GET', '/containers/{id}/changes', (_req, p) => ({ status: 200, json: get(p.get('id')!).diff() }));

  r.add('POST', '/containers/{id}/rename', (req, p) => {
    const c = get(p.get('id')!);
    const name = req.query.get('name');
    if (!name) throw new ApiError(400, 'Error when allocating new name: Invalid container name (), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    d.containers.rename(c, name.replace(/^\//, ''));
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/pause', (_req, p) => {
    const c = get(p.get('id')!);
    if (!c.state.Running) throw new ApiError(409, `Container ${c.id} is not running`);
    if (c.state.Paused) throw new ApiError(409, `Container ${c.id} is already paused`);
    d.containers.pause(c);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/unpause', (_req, p) => {
    const c = get(p.get('id')!);
    if (!c.state.Paused) throw new ApiError(409, `Container ${c.id} is not paused`);
    d.containers.unpause(c);
    return { status: 204, body: '' };
  });

  r.add('POST', '/containers/{id}/update', (req, p) => {
    // dockerd decodes and checks the update before it looks for the container.
    const body = jsonBody(req, UpdateConfig);
    checkRestartPolicy(body.RestartPolicy ?? {});
    checkResources(body, true);
    const c = get(p.get('id')!);
    // PidsLimit 0 or less is unlimited (no limit, as this engine's cgroups take it).
    d.containers.update(c, {
      ...(body.Memory && { memory: body.Memory }), ...(body.NanoCpus && { cpus: body.NanoCpus / 1e9 }),
      ...(body.CpuQuota && { cpuQuota: body.CpuQuota }), ...(body.CpuPeriod && { cpuPeriod: body.CpuPeriod }),
      ...(body.CpuShares && { cpuShares: clampCpuShares(body.CpuShares) }), ...(body.PidsLimit !== undefined && body.PidsLimit > 0 && { pidsLimit: body.PidsLimit }),
    });
    return { status: 200, json: { Warnings: [] } };
  });

  r.add('GET', '/containers/{id}/stats', (req, p) => {
    const c = get(p.get('id')!);
    const stream = queryBool(req, 'stream', true) && !queryBool(req, 'one-shot');
    const hostMemory = d.kernel.rootCgroup.limits.memoryMax ?? 2 ** 31;
    if (!stream) {
      // One sample needs a previous one for CPU %: docker stats --no-stream waits a moment, as Docker does.
      return {
        status: 200,
        stream: async (write) => {
          const first = readStats(c, { bootMs: d.bootMs, nowMs: d.now(), hostMemory });
          if (!queryBool(req, 'one-shot')) await new Promise<void>((r) => { setTimeout(() => r(), 100); });
          await write(enc.encode(`${JSON.stringify(readStats(c, { bootMs: d.bootMs, nowMs: d.now(), hostMemory, previous: first }))}\n`));
        },
      };
    }
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: async (write, closed) => {
        const pending: Promise<void>[] = [];
        const s = streamStats(c, { bootMs: d.bootMs, now: () => d.now(), hostMemory, sleep: (ms) => new Promise<void>((r) => { setTimeout(() => r(), ms); }) }, (x) => { pending.push(write(enc.encode(`${JSON.stringify(x)}\n`))); });
        void closed.then(() => s.stop());
        await s.done;
        await Promise.all(pending);
      },
    };
  });

  r.add('GET', '/containers/{id}/export', async (_req, p) => ({ status: 200, headers: { 'Content-Type': 'application/x-tar' }, body: await exportContainer(get(p.get('id')!)) }));

  r.add('HEAD', '/containers/{id}/archive', async (req, p) => {
    const { stat } = await getArchive(get(p.get('id')!), req.query.get('path') ?? '/');
    return { status: 200, headers: { 'X-Docker-Container-Path-Stat': base64(JSON.stringify(stat)) }, body: '' };
  });

  r.add('GET', '/containers/{id}/archive', async (req, p) => {
    const { tar, stat } = await getArchive(get(p.get('id')!), req.query.get('path') ?? '/');
    return { status: 200, headers: { 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': base64(JSON.stringify(stat)) }, body: tar };
  });

  r.add('PUT', '/containers/{id}/archive', async (req, p) => {
    await putArchive(get(p.get('id')!), req.query.get('path') ?? '/', req.body ?? new Uint8Array(0));
    return { status: 200, body: '' };
  });

  r.add('POST', '/commit', async (req) => {
    // The body, if any, is a container config (read as create's is; its changes are not applied here).
    jsonBody(req, CreateRequest);
    const tag = repoTagReference(req.query.get('repo'), req.query.get('tag'));
    const ref = req.query.get('container');
    if (!ref) throw new ApiError(400, 'No container specified');
    const c = get(ref);
    const comment = req.query.get('comment');
    const author = req.query.get('author');
    const img = await d.commit(c, { ...(tag && { tag }), ...(comment && { comment }), ...(author && { author }) });
    d.events.emit('container', 'commit', c.id, { comment: comment ?? '', imageID: img.id, imageRef: tag ?? '', name: c.name });
    return { status: 201, json: { Id: img.id } };
  });

  r.add('POST', '/containers/prune', () => {
    const deleted: string[] = [];
    for (const c of d.containers.list()) {
      if (c.state.Running) continue;
      d.containers.remove(c);
      deleted.push(c.id);
    }
    return { status: 200, json: { ContainersDeleted: deleted, SpaceReclaimed: 0 } };
  });

  r.add('DELETE', '/containers/{id}', (req, p) => {
    const c = get(p.get('id')!);
    d.containers.remove(c, queryBool(req, 'force'));
    autoRemove.delete(c.id);
    if (queryBool(req, 'v')) removeAnonymousVolumes(d, c);
    return { status: 204, body: '' };
  });
}

/** docker rm -v and --rm: the container's anonymous volumes go with it (named ones stay), unless another container uses them. */
function removeAnonymousVolumes(d: Daemon, c: Container): void {
  for (const m of c.mounts) {
    if (m.type !== 'volume' || !m.name) continue;
    const v = d.volumes.list().find((x) => x.name === m.name);
    if (!v?.anonymous || d.containers.list().some((o) => o.mounts.some((x) => x.type === 'volume' && x.name === m.name))) continue;
    d.volumes.remove(m.name, null);
    d.events.emit('volume', 'destroy', m.name, { driver: 'local' });
  }
}

/** --rm: the daemon removes the container once it exits. */
function watchAutoRemove(d: Daemon, c: Container, autoRemove: Set<string>): void {
  if (!autoRemove.has(c.id)) return;
  void c.wait().then(() => {
    if (!autoRemove.has(c.id)) return;
    autoRemove.delete(c.id);
    try { d.containers.remove(c, true); } catch { return; /* already gone */ }
    removeAnonymousVolumes(d, c);
  });
}

/** A hijacked attach: output frames out until the container stops; client bytes into its stdin. */
async function attach(d: Daemon, c: Container, conn: HijackedConnection, wants: Record<string, boolean>, tty: boolean): Promise<void> {
  const writes: Promise<void>[] = [];
  const send = (stream: 'stdout' | 'stderr', data: Uint8Array): void => {
    if (!wants[stream]) return;
    writes.push(conn.write(tty ? data : muxFrame(stream, data)).catch(() => {}));
  };
  if (wants.logs) for (const e of c.logs) send(e.stream, e.data);
  const off = c.onLog((e) => send(e.stream, e.data));
  if (wants.stdin) {
    void (async () => {
      for (;;) {
        const chunk = await conn.read();
        if (chunk === null) { c.stdio?.closeInput(); break; }
        c.stdio?.input(chunk);
      }
    })().catch(() => {});
  }
  try {
    // Attached before start (docker run, docker start -a of a created or an exited container):
    // wait for the run that comes, not a finished past one.
    if (!c.state.Running && (c.state.Status === 'created' || c.state.Status === 'exited')) await containerEvent(d, c, ['start', 'die'], conn.closed);
    if (c.state.Running) await Promise.race([c.wait(), conn.closed]);
  } finally {
    off();
    await Promise.all(writes);
    conn.close();
  }
}

/** Resolves at the container's next event among `actions` (or when `cancel` does). */
function containerEvent(d: Daemon, c: Container, actions: string[], cancel: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const off = d.events.subscribe((e) => {
      if (e.Type === 'container' && e.Actor.ID === c.id && actions.includes(e.Action)) { off(); resolve(); }
    });
    void cancel.then(() => { off(); resolve(); });
  });
}
/** docker ps --filter: status, name, id, label, ancestor, exited, network, volume, health. */
function containerMatches(d: Daemon, c: Container, f: Record<string, string[]>): boolean {
  const any = (key: string, test: (v: string) => boolean): boolean => !f[key] || f[key]!.some(test);
  // Label filters all have to match (the others match any of their values), as Docker's do.
  const every = (key: string, test: (v: string) => boolean): boolean => !f[key] || f[key]!.every(test);
  const labels = c.config.Labels ?? {};
  const imageRefs = c.image ? refsOf(d, c.image.id) : [];
  return any('status', (v) => v === c.state.Status)
    && any('name', (v) => new RegExp(v).test(c.name))
    && any('id', (v) => c.id.startsWith(v))
    && every('label', (v) => { const [k, val] = v.split(/=(.*)/s); return k !== undefined && (val === undefined ? k in labels : labels[k] === val); })
    && any('ancestor', (v) => imageRefs.includes(v) || imageRefs.includes(`${v}:latest`) || (c.image?.id ?? '').replace('sha256:', '').startsWith(v.replace('sha256:', '')) || c.config.Image === v)
    && any('exited', (v) => !c.state.Running && c.state.Status === 'exited' && c.state.ExitCode === Number(v))
    && any('network', (v) => c.networks.includes(v) || c.networkOpts?.mode === v)
    && any('volume', (v) => c.mounts.some((m) => m.name === v || m.target === v))
    && any('health', (v) => v === healthFilterValue(c.health));
}
