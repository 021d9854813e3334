// docker images / docker image ls: one row per tag (dangling images as
// <none>), -a, -q, --no-trunc, --format, a REPOSITORY[:TAG] filter.
import type { Command } from '../command.ts';
import { filtersJson } from '../flags.ts';
import { humanDuration, humanSize, shortId } from '../table.ts';
import { renderRows } from '../template.ts';
import { FORMAT_HELP } from '../help.ts';

interface ImageSummary { Id: string; RepoTags: string[]; Created: number; Size: number; Labels: Record<string, string> | null }

const DEFAULT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Digest: 'DIGEST' };

export const images: Command = {
  spec: {
    name: 'images', usage: 'images [OPTIONS] [REPOSITORY[:TAG]]', description: 'List images', maxArgs: 1,
    flags: [
      { name: 'all', short: 'a', type: 'bool', description: 'Show all images (default hides intermediate images)' },
      { name: 'filter', short: 'f', type: 'list', value: 'filter', description: 'Filter output based on conditions provided' },
      { name: 'format', type: 'string', description: FORMAT_HELP },
      { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Only show image IDs' },
    ],
  },
  async run({ client, io, flags, now }) {
    const filters = filtersJson(flags, flags.args[0] ? { reference: [flags.args[0]] } : {});
    const list = await client.json<ImageSummary[]>('GET', '/images/json', { query: { all: flags.bools.get('all') ?? false, filters } });
    const trunc = !flags.bools.get('no-trunc');
    if (flags.bools.get('quiet')) {
      const ids = [...new Set(list.map((i) => (trunc ? shortId(i.Id) : i.Id)))];
      io.stdout(ids.map((id) => `${id}\n`).join(''));
      return 0;
    }
    const rows = list.flatMap((img) => {
      const tags = img.RepoTags.length > 0 ? img.RepoTags : ['<none>:<none>'];
      return tags.map((t) => {
        const at = t.lastIndexOf(':');
        return {
          Repository: t.slice(0, at), Tag: t.slice(at + 1), ID: trunc ? shortId(img.Id) : img.Id,
          CreatedSince: `${humanDuration(now - img.Created * 1000)} ago`, CreatedAt: new Date(img.Created * 1000).toISOString(),
          Size: humanSize(img.Size), Digest: '<none>',
        };
      });
    });
    io.stdout(renderRows(flags.strings.get('format') ?? DEFAULT, rows, HEADERS));
    return 0;
  },
};
