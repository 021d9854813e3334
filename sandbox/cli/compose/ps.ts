// docker compose ps [-a] [-q] [--services] [--format]: the project's
// containers as Compose lists them — NAME IMAGE COMMAND SERVICE CREATED
// STATUS PORTS — running ones unless -a.
import { portsText } from '../commands/ps.ts';
import { ellipsis, humanDuration } from '../table.ts';
import { renderRows } from '../template.ts';
import { projectContainers } from './resources.ts';
import type { ComposeCommand } from './types.ts';

const DEFAULT = 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}';
const HEADERS = { Name: 'NAME', Image: 'IMAGE', Command: 'COMMAND', Service: 'SERVICE', RunningFor: 'CREATED', Status: 'STATUS', Ports: 'PORTS', ID: 'CONTAINER ID', State: 'STATE', Project: 'PROJECT' };

export const ps: ComposeCommand = {
  spec: {
    name: 'compose ps', usage: 'compose ps [OPTIONS] [SERVICE...]', description: 'List containers',
    flags: [
      { name: 'all', short: 'a', type: 'bool', description: 'Show all stopped containers (including those created by the run command)' },
      { name: 'format', type: 'string', description: 'Format output using a custom template:\n\'table\':            Print output in table format with column headers (default)\n\'table TEMPLATE\':   Print output in table format using the given Go template\n\'json\':             Print in JSON format\n\'TEMPLATE\':         Print output using the given Go template.', default: 'table' },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Only display IDs' },
      { name: 'services', type: 'bool', description: 'Display services' },
    ],
  },
  async run({ client, io, flags, now, project: open }) {
    const project = open();
    const list = (await projectContainers(client, project, flags.args)).filter((c) => flags.bools.get('all') || c.State === 'running' || c.State === 'paused' || c.State === 'restarting');
    const rows = list.map((c) => ({
      ID: c.Id, Name: c.Names[0]!.replace(/^\//, ''), Image: c.Image, Command: `"${ellipsis(c.Command, 20)}"`,
      Service: c.Labels['com.docker.compose.service'] ?? '', Project: project.name, State: c.State,
      RunningFor: `${humanDuration(now - c.Created * 1000)} ago`, Status: c.Status, Ports: portsText(c.Ports),
    })).sort((a, b) => a.Name.localeCompare(b.Name));
    if (flags.bools.get('quiet')) { io.stdout(rows.map((r) => `${r.ID}\n`).join('')); return 0; }
    if (flags.bools.get('services')) { io.stdout([...new Set(rows.map((r) => r.Service))].map((s) => `${s}\n`).join('')); return 0; }
    const format = flags.strings.get('format') ?? 'table';
    if (format === 'json') { io.stdout(rows.map((r) => `${JSON.stringify(r)}\n`).join('')); return 0; }
    io.stdout(renderRows(format === 'table' ? DEFAULT : format, rows, HEADERS));
    return 0;
  },
};
