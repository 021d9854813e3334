// More docker verbs: events (--since/--until, --filter, --format), info,
// update, export, attach, volume/network inspect and prune, system prune,
// and the registry verbs the offline playground refuses plainly.
import { EngineError } from '../../client/client.ts';
import { CliError, forEachArg, type Command } from '../command.ts';
import { filtersJson, type FlagSpec } from '../flags.ts';
import { Demuxer } from '../demux.ts';
import { normalizePathPosix } from '../paths.ts';
import { ramInBytes } from './run.ts';
import { humanSize } from '../table.ts';
import { render } from '../template.ts';
import { INSPECT_FORMAT_HELP } from '../help.ts';

/** A time as `docker events`/`logs` take it: unix seconds, RFC 3339, or a duration ago (10m, 1h30m). */
export function parseTime(v: string, now: number): number | null {
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const rel = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
  if (rel && v !== '') return Math.floor((now - ((Number(rel[1] ?? 0) * 3600 + Number(rel[2] ?? 0) * 60 + Number(rel[3] ?? 0)) * 1000)) / 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

interface EventJson { Type: string; Action: string; Actor: { ID: string; Attributes: Record<string, string> }; timeNano: number }

/** timeNano exactly as sent (JSON.parse would round it to a double). */
function eventLine(e: EventJson, raw: string): string {
  const ns = BigInt(/"timeNano":(\d+)/.exec(raw)?.[1] ?? '0');
  const ms = Number(ns / 1000000n);
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${String(ns % 1000000000n).padStart(9, '0')}Z`);
  const attrs = Object.keys(e.Actor.Attributes).sort().map((k) => `${k}=${e.Actor.Attributes[k]}`).join(', ');
  return `${iso} ${e.Type} ${e.Action} ${e.Actor.ID}${attrs ? ` (${attrs})` : ''}\n`;
}

export const events: Command = {
  spec: {
    name: 'events', usage: 'events [OPTIONS]', description: 'Get real time events from the server', maxArgs: 0,
    flags: [
      { name: 'filter', short: 'f', type: 'list', value: 'filter', description: 'Filter output based on conditions provided' },
      { name: 'format', type: 'string', description: INSPECT_FORMAT_HELP },
      { name: 'since', type: 'string', description: 'Show all events created since timestamp' },
      { name: 'until', type: 'string', description: 'Stream events until this timestamp' },
    ],
  },
  async run({ client, io, flags, now }) {
    const time = (name: string): number | undefined => {
      const v = flags.strings.get(name);
      if (v === undefined) return undefined;
      const t = parseTime(v, now);
      if (t === null) throw new CliError(`invalid value for "${name}": failed to parse value as time or duration: "${v}"`, 1);
      return t;
    };
    const r = await client.request('GET', '/events', { query: { since: time('since'), until: time('until'), filters: filtersJson(flags) } });
    const format = flags.strings.get('format');
    let pending = '';
    const dec = new TextDecoder();
    const stop = io.interrupt ?? new Promise<void>(() => {});
    let stopped = false;
    void stop.then(() => { stopped = true; });
    for await (const chunk of r.chunks()) {
      if (stopped) break;
      pending += dec.decode(chunk, { stream: true });
      let nl;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const raw = pending.slice(0, nl);
        const e = JSON.parse(raw) as EventJson;
        pending = pending.slice(nl + 1);
        io.stdout(format ? `${format === 'json' ? raw : render(format, e)}\n` : eventLine(e, raw));
      }
    }
    return 0;
  },
};

export const info: Command = {
  spec: { name: 'info', usage: 'info [OPTIONS]', description: 'Display system-wide information', maxArgs: 0, flags: [{ name: 'format', short: 'f', type: 'string', description: INSPECT_FORMAT_HELP }] },
  async run({ client, io, flags }) {
    const i = await client.json<Record<string, unknown> & { Plugins: { Volume: string[]; Network: string[]; Log: string[] }; Runtimes: Record<string, unknown> }>('GET', '/info');
    const format = flags.strings.get('format');
    if (format) { io.stdout(`${render(format, i)}\n`); return 0; }
    const mem = Number(i.MemTotal ?? 0);
    io.stdout([
      'Client:', ' Version:    28.2.2', ' Context:    default', ' Debug Mode: false', '', 'Server:',
      ` Containers: ${i.Containers}`, `  Running: ${i.ContainersRunning}`, `  Paused: ${i.ContainersPaused}`, `  Stopped: ${i.ContainersStopped}`,
      ` Images: ${i.Images}`, ` Server Version: ${i.ServerVersion}`, ` Storage Driver: ${i.Driver}`, '  Backing Filesystem: memory',
      ` Logging Driver: ${i.LoggingDriver}`, ` Cgroup Driver: ${i.CgroupDriver}`, ` Cgroup Version: ${i.CgroupVersion}`, ' Plugins:',
      `  Volume: ${i.Plugins.Volume.join(' ')}`, `  Network: ${i.Plugins.Network.join(' ')}`, `  Log: ${i.Plugins.Log.join(' ')}`,
      ' Swarm: inactive', ` Runtimes: ${Object.keys(i.Runtimes).join(' ')}`, ` Default Runtime: ${i.DefaultRuntime}`, ` Init Binary: ${i.InitBinary}`,
      ' containerd version: ', ' runc version: ', ' init version: ', ' Security Options:', '  cgroupns', ` Kernel Version: ${i.KernelVersion}`,
      ` Operating System: ${i.OperatingSystem}`, ` OSType: ${i.OSType}`, ` Architecture: ${i.Architecture}`, ` CPUs: ${i.NCPU}`,
      ` Total Memory: ${mem >= 2 ** 30 ? `${Number((mem / 2 ** 30).toPrecision(4))}GiB` : `${Number((mem / 2 ** 20).toPrecision(4))}MiB`}`,
      ` Name: ${i.Name}`, ` ID: ${i.ID}`, ` Docker Root Dir: ${i.DockerRootDir}`, ' Debug Mode: false', ' Experimental: false',
      ' Live Restore Enabled: false', '', '',
    ].join('\n'));
    return 0;
  },
};

export const update: Command = {
  spec: {
    name: 'update', usage: 'update [OPTIONS] CONTAINER [CONTAINER...]', description: 'Update configuration of one or more containers', minArgs: 1,
    flags: [
      { name: 'cpus', type: 'string', value: 'decimal', description: 'Number of CPUs' },
      { name: 'cpu-shares', short: 'c', type: 'int', description: 'CPU shares (relative weight)' },
      { name: 'memory', short: 'm', type: 'string', value: 'bytes', description: 'Memory limit' },
      { name: 'pids-limit', type: 'int', description: 'Tune container pids limit (set -1 for unlimited)' },
      { name: 'restart', type: 'string', description: 'Restart policy to apply when a container exits' },
    ],
  },
  async run(ctx) {
    const f = ctx.flags;
    const memory = f.strings.get('memory');
    const bytes = memory === undefined ? undefined : ramInBytes(memory);
    if (memory !== undefined && bytes === null) throw new CliError(`invalid argument "${memory}" for "-m, --memory" flag: invalid size: '${memory}'`, 125);
    const body = {
      ...(bytes !== undefined && bytes !== null && { Memory: bytes }),
      ...(f.strings.get('cpus') && { NanoCpus: Math.round(Number(f.strings.get('cpus')) * 1e9) }),
      ...(f.strings.get('cpu-shares') && { CpuShares: Number(f.strings.get('cpu-shares')) }),
      ...(f.strings.get('pids-limit') && { PidsLimit: Number(f.strings.get('pids-limit')) }),
    };
    return forEachArg(ctx, async (name) => { await ctx.client.request('POST', `/containers/${encodeURIComponent(name)}/update`, { body }); return name; });
  },
};

export const exportCmd: Command = {
  spec: { name: 'export', usage: 'export [OPTIONS] CONTAINER', description: "Export a container's filesystem as a tar archive", minArgs: 1, maxArgs: 1, flags: [{ name: 'output', short: 'o', type: 'string', description: 'Write to a file, instead of STDOUT' }] },
  async run({ client, io, flags }) {
    const out = flags.strings.get('output');
    if (!out && io.isTTY) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    const tar = await (await client.request('GET', `/containers/${encodeURIComponent(flags.args[0]!)}/export`)).bytes();
    if (!out) { io.stdout(tar); return 0; }
    if (!io.files) throw new CliError('no workspace to write into', 1);
    io.files.writeFileSync(normalizePathPosix(out, io.cwd ?? '/'), tar);
    return 0;
  },
};

export const attach: Command = {
  spec: { name: 'attach', usage: 'attach [OPTIONS] CONTAINER', description: "Attach local standard input, output, and error streams to a running container", minArgs: 1, maxArgs: 1, flags: [{ name: 'no-stdin', type: 'bool', description: 'Do not attach STDIN' }] },
  async run({ client, io, flags }) {
    const name = flags.args[0]!;
    const c = await client.json<{ State: { Running: boolean }; Config: { Tty: boolean; OpenStdin: boolean } }>('GET', `/containers/${encodeURIComponent(name)}/json`);
    if (!c.State.Running) throw new CliError('You cannot attach to a stopped container, start it first', 1);
    const stdin = c.Config.OpenStdin && !flags.bools.get('no-stdin');
    const conn = await client.hijack('POST', `/containers/${encodeURIComponent(name)}/attach`, { query: { stream: true, stdout: true, stderr: true, stdin } });
    if (stdin && io.readStdin) void (async () => { for (let chunk = await io.readStdin!(); chunk; chunk = await io.readStdin!()) await conn.write(chunk); })();
    const demux = new Demuxer((s, d) => (s === 2 ? io.stderr(d) : io.stdout(d)));
    for (let chunk = await conn.read(); chunk; chunk = await conn.read()) {
      if (c.Config.Tty) io.stdout(chunk);
      else demux.push(chunk);
    }
    const after = await client.json<{ State: { ExitCode: number } }>('GET', `/containers/${encodeURIComponent(name)}/json`);
    return after.State.ExitCode;
  },
};

function inspectObjects(kind: 'volume' | 'network'): Command {
  return {
    spec: { name: `${kind} inspect`, usage: `${kind} inspect [OPTIONS] ${kind.toUpperCase()} [${kind.toUpperCase()}...]`, description: `Display detailed information on one or more ${kind}s`, minArgs: 1, flags: [{ name: 'format', short: 'f', type: 'string', description: INSPECT_FORMAT_HELP }] },
    async run({ client, io, flags }) {
      const found: unknown[] = [];
      let failed = false;
      for (const name of flags.args) {
        try {
          found.push(await client.json('GET', `/${kind}s/${encodeURIComponent(name)}`));
        } catch (e) {
          if (!(e instanceof EngineError)) throw e;
          io.stderr(`Error response from daemon: ${e.message}\n`);
          failed = true;
        }
      }
      const format = flags.strings.get('format');
      if (format) for (const o of found) io.stdout(`${render(format, o)}\n`);
      else io.stdout(`${JSON.stringify(found, null, 4)}\n`);
      return failed ? 1 : 0;
    },
  };
}

function prune(kind: 'volume' | 'network'): Command {
  return {
    spec: { name: `${kind} prune`, usage: `${kind} prune [OPTIONS]`, description: kind === 'volume' ? 'Remove unused local volumes' : 'Remove all unused networks', maxArgs: 0, flags: [
      { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
      ...(kind === 'volume' ? [{ name: 'all', short: 'a', type: 'bool', description: 'Remove all unused volumes, not just anonymous ones' } as const] : []),
    ] },
    async run({ client, io, flags }) {
      if (!flags.bools.get('force')) { io.stderr(`WARNING! This will remove unused ${kind}s.\nUse --force (-f): the playground does not prompt.\n`); return 1; }
      if (kind === 'volume') {
        const r = await client.json<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/volumes/prune', { query: { ...(flags.bools.get('all') && { filters: JSON.stringify({ all: ['true'] }) }) } });
        const deleted = r.VolumesDeleted ?? [];
        io.stdout(`${deleted.length > 0 ? `Deleted Volumes:\n${deleted.map((v) => `${v}\n`).join('')}\n` : ''}Total reclaimed space: ${humanSize(r.SpaceReclaimed)}\n`);
      } else {
        const r = await client.json<{ NetworksDeleted: string[] | null }>('POST', '/networks/prune');
        const deleted = r.NetworksDeleted ?? [];
        if (deleted.length > 0) io.stdout(`Deleted Networks:\n${deleted.map((n) => `${n}\n`).join('')}`);
      }
      return 0;
    },
  };
}

const LOGIN_FLAGS: FlagSpec[] = [
  { name: 'password', short: 'p', type: 'string', description: 'Password or Personal Access Token (PAT)' },
  { name: 'password-stdin', type: 'bool', description: 'Take the Password or Personal Access Token (PAT) from stdin' },
  { name: 'username', short: 'u', type: 'string', description: 'Username' },
];

/** Registry verbs: the playground has no registry and no network (login's flags parse; push, search and logout take none). */
function offline(name: string, usage: string, description: string): Command {
  return {
    spec: { name, usage, description, flags: name === 'login' ? LOGIN_FLAGS : [] },
    async run() {
      throw new CliError(`docker ${name}: the playground runs offline, with no registry: images come from its built-in set, docker build, docker load and docker commit`, 1);
    },
  };
}



export const systemPrune: Command = {
  spec: { name: 'system prune', usage: 'system prune [OPTIONS]', description: 'Remove unused data', maxArgs: 0, flags: [{ name: 'all', short: 'a', type: 'bool', description: 'Remove all unused images not just dangling ones' }, { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' }, { name: 'volumes', type: 'bool', description: 'Prune anonymous volumes' }] },
  async run({ client, io, flags }) {
    if (!flags.bools.get('force')) { io.stderr('WARNING! This will remove all stopped containers, unused networks and dangling images.\nUse --force (-f): the playground does not prompt.\n'); return 1; }
    let out = '';
    let reclaimed = 0;
    const c = await client.json<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/containers/prune');
    if (c.ContainersDeleted?.length) out += `Deleted Containers:\n${c.ContainersDeleted.map((x) => `${x}\n`).join('')}\n`;
    reclaimed += c.SpaceReclaimed;
    if (flags.bools.get('volumes')) {
      const v = await client.json<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/volumes/prune');
      if (v.VolumesDeleted?.length) out += `Deleted Volumes:\n${v.VolumesDeleted.map((x) => `${x}\n`).join('')}\n`;
      reclaimed += v.SpaceReclaimed;
    }
    const n = await client.json<{ NetworksDeleted: string[] | null }>('POST', '/networks/prune');
    if (n.NetworksDeleted?.length) out += `Deleted Networks:\n${n.NetworksDeleted.map((x) => `${x}\n`).join('')}\n`;
    const i = await client.json<{ ImagesDeleted: Array<{ Untagged?: string; Deleted?: string }> | null; SpaceReclaimed: number }>('POST', '/images/prune', { query: { filters: JSON.stringify({ dangling: [flags.bools.get('all') ? 'false' : 'true'] }) } });
    if (i.ImagesDeleted?.length) out += `Deleted Images:\n${i.ImagesDeleted.map((x) => (x.Untagged ? `untagged: ${x.Untagged}\n` : `deleted: ${x.Deleted}\n`)).join('')}\n`;
    reclaimed += i.SpaceReclaimed;
    await client.request('POST', '/build/prune');
    io.stdout(`${out}Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};

const push = offline('push', 'push [OPTIONS] NAME[:TAG]', 'Upload an image to a registry');

export const MORE_COMMANDS = new Map<string, Command>([
  ['events', events], ['system events', events], ['info', info], ['system info', info], ['update', update], ['container update', update],
  ['export', exportCmd], ['container export', exportCmd], ['attach', attach], ['container attach', attach],
  ['volume inspect', inspectObjects('volume')], ['network inspect', inspectObjects('network')],
  ['volume prune', prune('volume')], ['network prune', prune('network')],
  ['login', offline('login', 'login [OPTIONS] [SERVER]', 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.')], ['logout', offline('logout', 'logout [SERVER]', 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.')],
  ['push', push], ['search', offline('search', 'search [OPTIONS] TERM', 'Search Docker Hub for images')],
  ['system prune', systemPrune],
  ['image push', push],
]);
