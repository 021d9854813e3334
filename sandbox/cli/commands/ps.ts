// docker ps / docker container ls: the table, -a, -q, -n/-l, --no-trunc,
// --format (Go templates, `table`), as the docker CLI prints them.
import type { Command } from '../command.ts';
import { filtersJson } from '../flags.ts';
import { ellipsis, humanDuration, shortId } from '../table.ts';
import { renderRows } from '../template.ts';
import { FORMAT_HELP } from '../help.ts';

interface Summary {
  Id: string; Names: string[]; Image: string; ImageID?: string; Command: string; Created: number; State: string; Status: string;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>; Labels: Record<string, string>;
}

const DEFAULT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const HEADERS = { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', RunningFor: 'CREATED', CreatedAt: 'CREATED AT', Status: 'STATUS', Ports: 'PORTS', Names: 'NAMES', State: 'STATE', Labels: 'LABELS' };

/** The PORTS column: 0.0.0.0:8080->80/tcp, 443/tcp. */
export function portsText(p: Summary['Ports']): string {
  return p.map((x) => (x.PublicPort ? `${x.IP ?? '0.0.0.0'}:${x.PublicPort}->${x.PrivatePort}/${x.Type}` : `${x.PrivatePort}/${x.Type}`)).join(', ');
}

/** The IMAGE column: an image ID (the container's tag has moved on) is cut to 12 characters, as docker/cli does. */
function imageText(c: Summary, trunc: boolean): string {
  if (c.Image === '') return '<no image>';
  return trunc && c.ImageID && shortId(c.Image) === shortId(c.ImageID) ? shortId(c.Image) : c.Image;
}

export const ps: Command = {
  spec: {
    name: 'ps', usage: 'ps [OPTIONS]', description: 'List containers', maxArgs: 0,
    flags: [
      { name: 'all', short: 'a', type: 'bool', description: 'Show all containers (default shows just running)' },
      { name: 'filter', short: 'f', type: 'list', value: 'filter', description: 'Filter output based on conditions provided' },
      { name: 'format', type: 'string', description: FORMAT_HELP },
      { name: 'last', short: 'n', type: 'int', description: 'Show n last created containers (includes all states)', default: '-1' },
      { name: 'latest', short: 'l', type: 'bool', description: 'Show the latest created container (includes all states)' },
      { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Only display container IDs' },
      { name: 'size', short: 's', type: 'bool', description: 'Display total file sizes' },
    ],
  },
  async run({ client, io, flags, now }) {
    const last = flags.bools.get('latest') ? 1 : Number(flags.strings.get('last') ?? -1);
    const all = flags.bools.get('all') || last > 0;
    const list = await client.json<Summary[]>('GET', '/containers/json', { query: { all, ...(last > 0 && { limit: last }), filters: filtersJson(flags) } });
    const trunc = !flags.bools.get('no-trunc');
    if (flags.bools.get('quiet')) {
      io.stdout(list.map((c) => `${trunc ? shortId(c.Id) : c.Id}\n`).join(''));
      return 0;
    }
    const rows = list.map((c) => ({
      ID: trunc ? shortId(c.Id) : c.Id, Image: imageText(c, trunc), Command: trunc ? `"${ellipsis(c.Command, 20)}"` : `"${c.Command}"`,
      RunningFor: `${humanDuration(now - c.Created * 1000)} ago`, CreatedAt: new Date(c.Created * 1000).toISOString(),
      Status: c.Status, State: c.State, Ports: portsText(c.Ports), Names: c.Names.map((n) => n.replace(/^\//, '')).join(','),
      Labels: Object.entries(c.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
    }));
    io.stdout(renderRows(flags.strings.get('format') ?? DEFAULT, rows, HEADERS));
    return 0;
  },
};
