// npm outdated [<pkg>...] (lib/commands/outdated.js): for the project's
// dependencies (or those named), what is installed, what package.json's
// range would pick and what `latest` is, from the playground's store — a
// row for each that is missing or behind, in npm's table (or --json /
// --parseable), and exit status 1 when there is any. A dependency that is
// not a production one and not installed is left out, as npm does.
import { loadActual } from '../actual.ts';
import { calcDepFlags } from '../dep-flags.ts';
import { pickManifest } from '../packuments.ts';
import { folderName, readProject } from '../project.ts';
import type { Session } from '../session.ts';
import { aliasOf, edgesIn, inventory, type Edge } from '../tree.ts';

interface Row { name: string; current?: string; wanted: string; latest: string; location?: string; path?: string; dependent: string; type: string; homepage?: string }

/** text-table: columns two spaces apart, padded to the widest cell (right-aligned where asked), the last one not padded. */
export function table(rows: string[][], align: string[], width: (s: string) => number = (s) => s.length): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((cell, i) => {
    if (i === r.length - 1 && align[i] !== 'r') return cell;
    const pad = ' '.repeat(widths[i]! - width(cell));
    return align[i] === 'r' ? pad + cell : cell + pad;
  }).join('  ').replace(/\s+$/, '')).join('\n');
}

export async function outdated(s: Session, args: string[]): Promise<number> {
  const pkg = readProject(s, false)?.content ?? {};
  const tree = loadActual(s.p.fs, s.prefix, pkg);
  calcDepFlags(tree);
  const omit = s.config.omit();
  const edges = new Set<Edge>();
  if (args.length) {
    const into = edgesIn(tree);
    for (const n of inventory(tree)) if (args.includes(n.name)) for (const e of into.get(n) ?? []) edges.add(e);
  } else {
    if (s.config.bool('all')) for (const n of inventory(tree)) for (const e of n.edgesOut.values()) edges.add(e);
    for (const e of tree.edgesOut.values()) edges.add(e);
  }
  const rows: Row[] = [];
  for (const edge of edges) {
    const node = edge.to;
    const type = edge.optional ? 'optionalDependencies' : edge.peer ? 'peerDependencies' : edge.dev ? 'devDependencies' : 'dependencies';
    if (node && ((omit.has('dev') && node.dev) || (omit.has('optional') && node.optional) || (omit.has('peer') && node.peer))) continue;
    if (!node && type !== 'dependencies') continue;
    const alias = aliasOf(edge.spec);
    const doc = await s.registry.packument(alias?.name ?? edge.name).catch(() => null);
    if (!doc) continue;
    const wanted = pickManifest(doc, alias?.range ?? edge.spec, s.nodeVersion);
    const latest = pickManifest(doc, '*', s.nodeVersion);
    if (!wanted || !latest) continue;
    const current = node?.version;
    if (current && current === wanted.version && wanted.version === latest.version) continue;
    rows.push({
      name: alias ? edge.spec.replace('npm', edge.name) : edge.name, current, wanted: wanted.version, latest: latest.version, type,
      ...(node && { location: node.location, path: `${s.prefix === '/' ? '' : s.prefix}/${node.location}` }),
      dependent: edge.from.isRoot ? folderName(s) : edge.from.name, // Arborist names the root node after its folder homepage: (doc as { homepage?: string }).homepage,
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.dependent.localeCompare(b.dependent, 'en'));
  if (s.config.bool('json')) {
    const out: Record<string, unknown> = {};
    for (const r of rows) out[r.name] = { current: r.current, wanted: r.wanted, latest: r.latest, dependent: r.dependent, location: r.path };
    await s.out(JSON.stringify(out, null, 2));
  } else if (s.config.bool('parseable')) {
    if (rows.length) await s.out(rows.map((r) => [r.path ?? '', `${r.name}@${r.wanted}`, r.current ? `${r.name}@${r.current}` : 'MISSING', `${r.name}@${r.latest}`, r.dependent].join(':')).join('\n'));
  } else if (rows.length) {
    const long = s.config.bool('long');
    const tty = s.p.tty(1) !== null;
    const c = (code: string, end: string) => (t: string): string => (tty ? `\x1b[${code}m${t}\x1b[${end}m` : t);
    const [yellow, red, cyan, blue] = [c('33', '39'), c('31', '39'), c('36', '39'), c('34', '39')];
    const head = ['Package', 'Current', 'Wanted', 'Latest', 'Location', 'Depended by', ...(long ? ['Package Type', 'Homepage'] : [])].map((h) => (tty ? `\x1b[1m\x1b[4m${h}\x1b[24m\x1b[22m` : h));
    const body = rows.map((r) => [r.current === r.wanted ? yellow(r.name) : red(r.name), r.current ?? 'MISSING', cyan(r.wanted), blue(r.latest), r.location ?? '-', r.dependent,
      ...(long ? [r.type, blue(r.homepage ?? '')] : [])]);
    await s.out(table([head, ...body], ['l', 'r', 'r', 'r', 'l'], (t) => t.replace(/\x1b\[\d+m/g, '').length));
  }
  return rows.length ? 1 : 0;
}
