// docker volume …, docker network …, and the container verbs port, top,
// diff, wait, rename, pause, unpause, stats --no-stream, the prunes and
// system df (system-df.ts) — Docker's tables, messages and exit codes.
import { forEachArg, type Command } from '../command.ts';
import { keyValues } from '../flags.ts';
import { humanSize, shortId } from '../table.ts';
import { renderRows } from '../template.ts';
import { FORMAT_HELP } from '../help.ts';
import { systemDf } from './system-df.ts';

const each = forEachArg;

const enc = encodeURIComponent;

// ---- volumes -------------------------------------------------------------------------

interface VolumeJson { Name: string; Driver: string; Mountpoint: string; Labels: Record<string, string> | null }

const volumeCreate: Command = {
  spec: { name: 'volume create', usage: 'volume create [OPTIONS] [VOLUME]', description: 'Create a volume', maxArgs: 1, flags: [{ name: 'label', type: 'list', description: 'Set metadata for a volume' }, { name: 'driver', short: 'd', type: 'string', description: 'Specify volume driver name', default: '"local"' }] },
  async run({ client, io, flags }) {
    const labels = keyValues(flags.lists.get('label'), '');
    const v = await client.json<VolumeJson>('POST', '/volumes/create', { body: { Name: flags.args[0] ?? '', Driver: flags.strings.get('driver') ?? 'local', Labels: labels } });
    io.stdout(`${v.Name}\n`);
    return 0;
  },
};

const volumeLs: Command = {
  spec: { name: 'volume ls', usage: 'volume ls [OPTIONS]', description: 'List volumes', maxArgs: 0, flags: [{ name: 'quiet', short: 'q', type: 'bool', description: 'Only display volume names' }, { name: 'format', type: 'string', description: FORMAT_HELP }] },
  async run({ client, io, flags }) {
    const { Volumes } = await client.json<{ Volumes: VolumeJson[] }>('GET', '/volumes');
    if (flags.bools.get('quiet')) { io.stdout(Volumes.map((v) => `${v.Name}\n`).join('')); return 0; }
    io.stdout(renderRows(flags.strings.get('format') ?? 'table {{.Driver}}\t{{.Name}}', Volumes.map((v) => ({ Driver: v.Driver, Name: v.Name, Mountpoint: v.Mountpoint, Scope: 'local' })), { Driver: 'DRIVER', Name: 'VOLUME NAME', Mountpoint: 'MOUNTPOINT', Scope: 'SCOPE' }));
    return 0;
  },
};

const volumeRm: Command = {
  spec: { name: 'volume rm', usage: 'volume rm [OPTIONS] VOLUME [VOLUME...]', description: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.', minArgs: 1, flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Force the removal of one or more volumes' }] },
  run: (ctx) => each(ctx, async (name) => { await ctx.client.request('DELETE', `/volumes/${enc(name)}`); return name; }),
};

// ---- networks ------------------------------------------------------------------------

interface NetworkJson { Id: string; Name: string; Driver: string; Scope: string }

const networkCreate: Command = {
  spec: { name: 'network create', usage: 'network create [OPTIONS] NETWORK', description: 'Create a network', minArgs: 1, maxArgs: 1, flags: [{ name: 'driver', short: 'd', type: 'string', description: 'Driver to manage the Network', default: '"bridge"' }, { name: 'subnet', type: 'list', value: 'strings', description: 'Subnet in CIDR format that represents a network segment' }, { name: 'gateway', type: 'list', value: 'strings', description: 'IPv4 or IPv6 Gateway for the master subnet' }, { name: 'internal', type: 'bool', description: 'Restrict external access to the network' }] },
  async run({ client, io, flags }) {
    const subnet = flags.lists.get('subnet')?.[0];
    const gateway = flags.lists.get('gateway')?.[0];
    const r = await client.json<{ Id: string }>('POST', '/networks/create', { body: { Name: flags.args[0], Driver: flags.strings.get('driver') ?? 'bridge', Internal: flags.bools.get('internal') ?? false, ...(subnet && { IPAM: { Config: [{ Subnet: subnet, ...(gateway && { Gateway: gateway }) }] } }) } });
    io.stdout(`${r.Id}\n`);
    return 0;
  },
};

const networkLs: Command = {
  spec: { name: 'network ls', usage: 'network ls [OPTIONS]', description: 'List networks', maxArgs: 0, flags: [{ name: 'quiet', short: 'q', type: 'bool', description: 'Only display network IDs' }, { name: 'format', type: 'string', description: FORMAT_HELP }, { name: 'no-trunc', type: 'bool', description: 'Do not truncate the output' }] },
  async run({ client, io, flags }) {
    const nets = (await client.json<NetworkJson[]>('GET', '/networks')).sort((a, b) => (a.Name < b.Name ? -1 : 1));
    const trunc = !flags.bools.get('no-trunc');
    if (flags.bools.get('quiet')) { io.stdout(nets.map((n) => `${trunc ? n.Id.slice(0, 12) : n.Id}\n`).join('')); return 0; }
    io.stdout(renderRows(flags.strings.get('format') ?? 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', nets.map((n) => ({ ID: trunc ? n.Id.slice(0, 12) : n.Id, Name: n.Name, Driver: n.Driver, Scope: n.Scope })), { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE' }));
    return 0;
  },
};

const networkRm: Command = {
  spec: { name: 'network rm', usage: 'network rm NETWORK [NETWORK...]', description: 'Remove one or more networks', minArgs: 1, flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Do not error if the network does not exist' }] },
  async run(ctx) {
    const code = await each(ctx, async (name) => { await ctx.client.request('DELETE', `/networks/${enc(name)}`); return name; });
    // docker network rm reports its failures with a final status line.
    if (code !== 0) ctx.io.stderr('exit status 1\n');
    return code;
  },
};

const networkConnect: Command = {
  spec: { name: 'network connect', usage: 'network connect [OPTIONS] NETWORK CONTAINER', description: 'Connect a container to a network', minArgs: 2, maxArgs: 2, flags: [{ name: 'alias', type: 'list', value: 'strings', description: 'Add network-scoped alias for the container' }, { name: 'ip', type: 'string', description: 'IPv4 address (e.g., "172.30.100.104")' }] },
  async run({ client, flags }) {
    const [network, container] = flags.args as [string, string];
    await client.request('POST', `/networks/${enc(network)}/connect`, { body: { Container: container, EndpointConfig: { Aliases: flags.lists.get('alias') ?? [], ...(flags.strings.get('ip') && { IPAMConfig: { IPv4Address: flags.strings.get('ip') } }) } } });
    return 0;
  },
};

const networkDisconnect: Command = {
  spec: { name: 'network disconnect', usage: 'network disconnect [OPTIONS] NETWORK CONTAINER', description: 'Disconnect a container from a network', minArgs: 2, maxArgs: 2, flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Force the container to disconnect from a network' }] },
  async run({ client, flags }) {
    const [network, container] = flags.args as [string, string];
    await client.request('POST', `/networks/${enc(network)}/disconnect`, { body: { Container: container, Force: flags.bools.get('force') ?? false } });
    return 0;
  },
};

// ---- container verbs --------------------------------------------------------------------

interface InspectPorts { NetworkSettings: { Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> } }

const port: Command = {
  spec: { name: 'port', usage: 'port CONTAINER [PRIVATE_PORT[/PROTO]]', description: 'List port mappings or a specific mapping for the container', minArgs: 1, maxArgs: 2, flags: [] },
  async run({ client, io, flags }) {
    const [container, want] = flags.args as [string, string | undefined];
    const info = await client.json<InspectPorts>('GET', `/containers/${enc(container)}/json`);
    const ports = info.NetworkSettings.Ports ?? {};
    if (want) {
      const key = want.includes('/') ? want : `${want}/tcp`;
      const bindings = ports[key];
      if (!bindings) {
        io.stderr(`Error: No public port '${want}' published for ${container}\n`);
        return 1;
      }
      io.stdout(bindings.map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}\n`).join(''));
      return 0;
    }
    for (const key of Object.keys(ports).sort()) for (const b of ports[key] ?? []) io.stdout(`${key} -> ${b.HostIp || '0.0.0.0'}:${b.HostPort}\n`);
    return 0;
  },
};

const top: Command = {
  spec: { name: 'top', usage: 'top CONTAINER [ps OPTIONS]', description: 'Display the running processes of a container', minArgs: 1, flags: [], stopAtFirstArg: true },
  async run({ client, io, flags }) {
    // Everything after the container is ps's (docker passes it as ps_args).
    const psArgs = flags.args.slice(1).join(' ');
    const r = await client.json<{ Titles: string[]; Processes: string[][] }>('GET', `/containers/${enc(flags.args[0]!)}/top`, { query: { ...(psArgs && { ps_args: psArgs }) } });
    const lines = [r.Titles.join('\t'), ...r.Processes.map((p) => p.join('\t'))];
    // docker top's tabwriter: min width 20, padding 1.
    const widths = r.Titles.map((_t, i) => Math.max(...lines.map((l) => (l.split('\t')[i] ?? '').length)));
    io.stdout(`${lines.map((l) => l.split('\t').map((c, i, a) => (i < a.length - 1 ? c.padEnd(Math.max(20, widths[i]! + 1)) : c)).join('')).join('\n')}\n`);
    return 0;
  },
};

const diff: Command = {
  spec: { name: 'diff', usage: 'diff CONTAINER', description: "Inspect changes to files or directories on a container's filesystem", minArgs: 1, maxArgs: 1, flags: [] },
  async run({ client, io, flags }) {
    const changes = await client.json<Array<{ Kind: number; Path: string }> | null>('GET', `/containers/${enc(flags.args[0]!)}/changes`);
    io.stdout((changes ?? []).map((c) => `${['C', 'A', 'D'][c.Kind]} ${c.Path}\n`).join(''));
    return 0;
  },
};

const wait: Command = {
  spec: { name: 'wait', usage: 'wait CONTAINER [CONTAINER...]', description: 'Block until one or more containers stop, then print their exit codes', minArgs: 1, flags: [] },
  run: (ctx) => each(ctx, async (name) => String((await (await ctx.client.request('POST', `/containers/${enc(name)}/wait`)).json<{ StatusCode: number }>()).StatusCode)),
};

const rename: Command = {
  spec: { name: 'rename', usage: 'rename CONTAINER NEW_NAME', description: 'Rename a container', minArgs: 2, maxArgs: 2, flags: [] },
  async run({ client, flags }) {
    await client.request('POST', `/containers/${enc(flags.args[0]!)}/rename`, { query: { name: flags.args[1] } });
    return 0;
  },
};

const pause: Command = {
  spec: { name: 'pause', usage: 'pause CONTAINER [CONTAINER...]', description: 'Pause all processes within one or more containers', minArgs: 1, flags: [] },
  run: (ctx) => each(ctx, async (name) => { await ctx.client.request('POST', `/containers/${enc(name)}/pause`); return name; }),
};

const unpause: Command = {
  spec: { name: 'unpause', usage: 'unpause CONTAINER [CONTAINER...]', description: 'Unpause all processes within one or more containers', minArgs: 1, flags: [] },
  run: (ctx) => each(ctx, async (name) => { await ctx.client.request('POST', `/containers/${enc(name)}/unpause`); return name; }),
};

/** go-units BytesSize: 1.5KiB, 32MiB, 1GiB. */
function bytesSize(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = n;
  let i = 0;
  while (size >= 1024 && i < units.length - 1) { size /= 1024; i++; }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}

interface Stats {
  name: string; id: string; pids_stats: { current?: number };
  cpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
}

const stats: Command = {
  spec: { name: 'stats', usage: 'stats [OPTIONS] [CONTAINER...]', description: 'Display a live stream of container(s) resource usage statistics', flags: [{ name: 'no-stream', type: 'bool', description: 'Disable streaming stats and only pull the first result' }, { name: 'all', short: 'a', type: 'bool', description: 'Show all containers (default shows just running)' }, { name: 'format', type: 'string', description: FORMAT_HELP }, { name: 'no-trunc', type: 'bool', description: 'Do not truncate output' }] },
  async run({ client, io, flags }) {
    let names = flags.args;
    if (names.length === 0) names = (await client.json<Array<{ Id: string }>>('GET', '/containers/json')).map((c) => c.Id);
    if (!flags.bools.get('no-stream')) {
      io.stderr('docker stats: streaming needs a live terminal view; use --no-stream (the page\'s panels show live figures)\n');
      return 1;
    }
    const rows = [];
    for (const name of names) {
      const s = await (await client.request('GET', `/containers/${enc(name)}/stats`, { query: { stream: false } })).json<Stats>();
      const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
      const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
      const cpu = sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * (s.cpu_stats.online_cpus ?? 1) * 100 : 0;
      const usage = (s.memory_stats.usage ?? 0) - (s.memory_stats.stats?.inactive_file ?? 0);
      const limit = s.memory_stats.limit ?? 0;
      const rx = Object.values(s.networks ?? {}).reduce((n, x) => n + x.rx_bytes, 0);
      const tx = Object.values(s.networks ?? {}).reduce((n, x) => n + x.tx_bytes, 0);
      rows.push({
        Container: shortId(s.id), ID: shortId(s.id), Name: s.name.replace(/^\//, ''), CPUPerc: `${cpu.toFixed(2)}%`,
        MemUsage: `${bytesSize(usage)} / ${bytesSize(limit)}`, MemPerc: `${(limit > 0 ? (usage / limit) * 100 : 0).toFixed(2)}%`,
        NetIO: `${humanSize(rx)} / ${humanSize(tx)}`, BlockIO: '0B / 0B', PIDs: String(s.pids_stats.current ?? 0),
      });
    }
    io.stdout(renderRows(flags.strings.get('format') ?? 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}', rows, { ID: 'CONTAINER ID', Container: 'CONTAINER', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS' }));
    return 0;
  },
};

const containerPrune: Command = {
  spec: { name: 'container prune', usage: 'container prune [OPTIONS]', description: 'Remove all stopped containers', maxArgs: 0, flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' }] },
  async run({ client, io, flags }) {
    if (!flags.bools.get('force')) { io.stderr('WARNING! This will remove all stopped containers.\nUse --force (-f): the playground does not prompt.\n'); return 1; }
    const r = await client.json<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/containers/prune');
    const deleted = r.ContainersDeleted ?? [];
    io.stdout(`${deleted.length > 0 ? `Deleted Containers:\n${deleted.map((id) => `${id}\n`).join('')}\n` : ''}Total reclaimed space: ${humanSize(r.SpaceReclaimed)}\n`);
    return 0;
  },
};

const imagePrune: Command = {
  spec: { name: 'image prune', usage: 'image prune [OPTIONS]', description: 'Remove unused images', maxArgs: 0, flags: [{ name: 'all', short: 'a', type: 'bool', description: 'Remove all unused images, not just dangling ones' }, { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' }] },
  async run({ client, io, flags }) {
    if (!flags.bools.get('force')) { io.stderr('WARNING! This will remove all dangling images.\nUse --force (-f): the playground does not prompt.\n'); return 1; }
    const r = await client.json<{ ImagesDeleted: Array<{ Untagged?: string; Deleted?: string }> | null; SpaceReclaimed: number }>('POST', '/images/prune', { query: { filters: JSON.stringify({ dangling: [flags.bools.get('all') ? 'false' : 'true'] }) } });
    const deleted = r.ImagesDeleted ?? [];
    io.stdout(`${deleted.length > 0 ? `Deleted Images:\n${deleted.map((x) => (x.Untagged ? `untagged: ${x.Untagged}\n` : `deleted: ${x.Deleted}\n`)).join('')}\n` : ''}Total reclaimed space: ${humanSize(r.SpaceReclaimed)}\n`);
    return 0;
  },
};

export const OBJECT_COMMANDS = new Map<string, Command>([
  ['volume create', volumeCreate], ['volume ls', volumeLs], ['volume list', volumeLs], ['volume rm', volumeRm], ['volume remove', volumeRm],
  ['network create', networkCreate], ['network ls', networkLs], ['network list', networkLs], ['network rm', networkRm], ['network remove', networkRm],
  ['network connect', networkConnect], ['network disconnect', networkDisconnect],
  ['port', port], ['top', top], ['diff', diff], ['wait', wait], ['rename', rename], ['pause', pause], ['unpause', unpause], ['stats', stats],
  ['container prune', containerPrune], ['image prune', imagePrune], ['system df', systemDf],
  ['container port', port], ['container top', top], ['container diff', diff], ['container wait', wait], ['container rename', rename],
  ['container pause', pause], ['container unpause', unpause], ['container stats', stats],
]);

