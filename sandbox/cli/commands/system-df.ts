// docker system df [-v]: disk usage from GET /system/df, as docker/cli's
// formatter/disk_usage.go words it. Images' SIZE is the engine's LayersSize
// (each layer once, however many images share it), and RECLAIMABLE what
// removing the unused images would free: all of it minus the unique part
// (Size - SharedSize) of the images containers use. -v lists each image
// with its SHARED SIZE and UNIQUE SIZE, then containers, volumes and the
// build cache.
import type { Command } from '../command.ts';
import { FORMAT_HELP } from '../help.ts';
import { ellipsis, humanDuration, humanSize, shortId, tabwrite } from '../table.ts';
import { render, renderRows } from '../template.ts';

interface DfImage { Id: string; RepoTags: string[] | null; Created: number; Size: number; SharedSize: number; Containers: number }
interface DfContainer { Id: string; Names: string[]; Image: string; Command: string; Created: number; State: string; Status: string; SizeRw?: number; Mounts?: Array<{ Type?: string }> }
interface DfVolume { Name: string; UsageData: { Size: number; RefCount: number } | null }
interface DiskUsage { LayersSize: number; Images: DfImage[] | null; Containers: DfContainer[] | null; Volumes: DfVolume[] | null }

const SUMMARY = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const SUMMARY_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const IMAGE_HEADERS = ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'];
const CONTAINER_HEADERS = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'];

/** go-units HumanSize (4 significant digits), as disk_usage.go sizes totals. */
const size4 = (n: number): string => humanSize(n, 4);
/** "197.8MB (97%)": the percentage only when there is a total to take it of. */
const withPercent = (part: number, whole: number): string => (whole > 0 ? `${size4(part)} (${Math.floor((part * 100) / whole)}%)` : size4(part));
const isActive = (c: DfContainer): boolean => c.State === 'running' || c.State === 'paused' || c.State === 'restarting';

function summaryRows(df: DiskUsage): Array<Record<string, string>> {
  const images = df.Images ?? [];
  const containers = df.Containers ?? [];
  const volumes = (df.Volumes ?? []).filter((v) => v.UsageData && v.UsageData.Size !== -1);
  const used = images.filter((i) => i.Containers > 0 && i.Size !== -1 && i.SharedSize !== -1).reduce((n, i) => n + i.Size - i.SharedSize, 0);
  const rw = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const rwIdle = containers.filter((c) => !isActive(c)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const volSize = volumes.reduce((n, v) => n + v.UsageData!.Size, 0);
  const volIdle = volumes.filter((v) => v.UsageData!.RefCount === 0).reduce((n, v) => n + v.UsageData!.Size, 0);
  return [
    { Type: 'Images', TotalCount: String(images.length), Active: String(images.filter((i) => i.Containers > 0).length), Size: size4(df.LayersSize), Reclaimable: withPercent(df.LayersSize - used, df.LayersSize) },
    { Type: 'Containers', TotalCount: String(containers.length), Active: String(containers.filter(isActive).length), Size: size4(rw), Reclaimable: withPercent(rwIdle, rw) },
    { Type: 'Local Volumes', TotalCount: String(df.Volumes?.length ?? 0), Active: String((df.Volumes ?? []).filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length), Size: size4(volSize), Reclaimable: withPercent(volIdle, volSize) },
    { Type: 'Build Cache', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B' },
  ];
}

/** The -v listing: one row per image (its first tag), container and volume. */
function verbose(df: DiskUsage, now: number): { Images: Array<Record<string, string>>; Containers: Array<Record<string, string>>; Volumes: Array<Record<string, string>> } {
  const ago = (s: number): string => `${humanDuration(now - s * 1000)} ago`;
  return {
    Images: (df.Images ?? []).map((i) => {
      const ref = i.RepoTags?.[0] ?? '<none>:<none>';
      const at = ref.lastIndexOf(':');
      return {
        Repository: ref.slice(0, at), Tag: ref.slice(at + 1), ID: shortId(i.Id), CreatedSince: ago(i.Created), Size: humanSize(i.Size),
        SharedSize: i.SharedSize === -1 ? 'N/A' : size4(i.SharedSize), UniqueSize: i.Size === -1 || i.SharedSize === -1 ? 'N/A' : size4(i.Size - i.SharedSize), Containers: String(i.Containers),
      };
    }),
    Containers: (df.Containers ?? []).map((c) => ({
      ID: shortId(c.Id), Image: c.Image, Command: `"${ellipsis(c.Command, 20)}"`, LocalVolumes: String((c.Mounts ?? []).filter((m) => m.Type === 'volume').length),
      Size: humanSize(c.SizeRw ?? 0), RunningFor: ago(c.Created), Status: c.Status, Names: (c.Names[0] ?? '').replace(/^\//, ''),
    })),
    Volumes: (df.Volumes ?? []).map((v) => ({ Name: v.Name, Links: v.UsageData ? String(v.UsageData.RefCount) : 'N/A', Size: v.UsageData ? size4(v.UsageData.Size) : 'N/A' })),
  };
}

const table = (headers: string[], rows: Array<Record<string, string>>): string => `${tabwrite([headers.join('\t'), ...rows.map((r) => Object.values(r).join('\t'))].join('\n'))}\n`;

export const systemDf: Command = {
  spec: {
    name: 'system df', usage: 'system df [OPTIONS]', description: 'Show docker disk usage', maxArgs: 0,
    flags: [{ name: 'format', type: 'string', description: FORMAT_HELP }, { name: 'verbose', short: 'v', type: 'bool', description: 'Show detailed information on space usage' }],
  },
  async run({ client, io, flags, now }) {
    const df = await client.json<DiskUsage>('GET', '/system/df');
    const format = flags.strings.get('format');
    if (!flags.bools.get('verbose')) {
      io.stdout(renderRows(format ?? SUMMARY, summaryRows(df), SUMMARY_HEADERS));
      return 0;
    }
    const v = verbose(df, now);
    if (format) {
      io.stdout(`${render(format, { ...v, BuildCache: [] })}\n`);
      return 0;
    }
    io.stdout(`Images space usage:\n\n${table(IMAGE_HEADERS, v.Images)}`
      + `\nContainers space usage:\n\n${table(CONTAINER_HEADERS, v.Containers)}`
      + `\nLocal Volumes space usage:\n\n${table(['VOLUME NAME', 'LINKS', 'SIZE'], v.Volumes)}`
      + '\nBuild cache usage: 0B\n\n'
      + `${tabwrite('CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED')}\n`);
    return 0;
  },
};
