// npm ls [<pkg>...] (list; ll and la are ls --long/--all): the installed
// tree drawn as npm draws it (archy), from the project's dependencies down
// to --depth (0 by default, everything with --all), each package shown
// where it is first met and `deduped` after; `UNMET DEPENDENCY`,
// `extraneous` and `invalid: "<range>" from …` marked, and then listed as
// an ELSPROBLEMS error (exit 1). With package names, only the paths that
// lead to them are drawn (`(empty)` and exit 1 when none does).
import { loadActual } from '../actual.ts';
import { calcDepFlags } from '../dep-flags.ts';
import { NpmError } from '../errors.ts';
import { packageId } from '../pkg-json.ts';
import { readProject } from '../project.ts';
import type { Session } from '../session.ts';
import { inventory, satisfiesSpec, type Edge, type Manifest, type PkgNode } from '../tree.ts';
import { GLOBAL_PREFIX, globalTree } from './install-global.ts';

interface Item { label: string; children: Item[] }

function draw(item: Item, prefix: string, unicode: boolean): string[] {
  const lines: string[] = [];
  item.children.forEach((child, i) => {
    const last = i === item.children.length - 1;
    const branch = unicode ? (last ? '└─' : '├─') + (child.children.length ? '┬' : '─') : (last ? '`-' : '+-') + (child.children.length ? '+' : '-');
    lines.push(`${prefix}${branch} ${child.label}`);
    lines.push(...draw(child, prefix + (last ? '  ' : unicode ? '│ ' : '| '), unicode));
  });
  return lines;
}

export async function ls(s: Session, args: string[]): Promise<number> {
  if (s.config.bool('global')) {
    // npm ls -g: the global folder, its packages as its dependencies.
    const saved = s.prefix;
    s.prefix = `${GLOBAL_PREFIX}/lib`;
    try { return await list(s, args, globalTree(s).pkg); } finally { s.prefix = saved; }
  }
  return list(s, args, readProject(s, false)?.content ?? {});
}

async function list(s: Session, args: string[], pkg: Manifest): Promise<number> {
  const root = loadActual(s.p.fs, s.prefix, pkg);
  calcDepFlags(root);
  const all = s.config.bool('all');
  const depth = all ? Infinity : s.config.isSet('depth') ? Number(s.config.str('depth')) || 0 : args.length ? Infinity : 0;
  const filters = args.map((a) => a.replace(/(?!^)@.*$/, ''));
  const problems: string[] = [];
  const seen = new Set<PkgNode>();
  const where = (n: PkgNode): string => `${s.prefix === '/' ? '' : s.prefix}/${n.location}`;
  const rootId = packageId(pkg) ?? pkg.name ?? '';

  const matches = (n: PkgNode): boolean => filters.includes(n.pkg.name ?? n.name);
  const leadsToMatch = (n: PkgNode, visiting = new Set<PkgNode>()): boolean => {
    if (matches(n)) return true;
    if (visiting.has(n) || visiting.size > 10_000) return false;
    visiting.add(n);
    return [...n.edgesOut.values()].some((e) => e.to && leadsToMatch(e.to, visiting));
  };

  /** One entry below a node: a missing edge, or the node an edge (or an extraneous folder) leads to. */
  type Entry = { key: string; edge: Edge | null; node: PkgNode | null; from: PkgNode };
  /** Arborist's pkgid: name@version, or alias@npm:name@version. */
  const pkgid = (n: PkgNode): string => (n.pkg.name && n.pkg.name !== n.name ? `${n.name}@npm:${n.pkg.name}@${n.version}` : `${n.name}@${n.version}`);
  const entriesOf = (n: PkgNode): Entry[] => {
    const out: Entry[] = [];
    const shown = new Set<PkgNode>();
    for (const e of n.edgesOut.values()) {
      const to = e.to;
      if (!to && e.type === 'peerOptional') continue;
      if (to) shown.add(to);
      out.push({ key: to ? pkgid(to) : `${e.name}@${e.spec}`, edge: e, node: to, from: n });
    }
    for (const c of n.children.values()) if (c.extraneous && !shown.has(c)) out.push({ key: pkgid(c), edge: null, node: c, from: n });
    return out.sort((a, b) => a.key.localeCompare(b.key, 'en'));
  };
  const labelOf = ({ edge, node, from }: Entry): string | null => {
    if (!node) {
      if (filters.length) return null;
      if (edge!.optional) return `UNMET OPTIONAL DEPENDENCY ${edge!.name}@${edge!.spec}`;
      problems.push(`missing: ${edge!.name}@${edge!.spec}, required by ${from.isRoot ? rootId || from.name : from.id}`);
      return `UNMET DEPENDENCY ${edge!.name}@${edge!.spec}`;
    }
    if (filters.length && !leadsToMatch(node)) return null;
    const id = pkgid(node);
    let label = id;
    if (node.extraneous) { label += ' extraneous'; problems.push(`extraneous: ${id} ${where(node)}`); }
    if (edge && !satisfiesSpec(node.version, edge.spec)) {
      label += ` invalid: ${JSON.stringify(edge.spec || '*')} from ${from.isRoot ? 'the root project' : from.location}`;
      problems.push(`invalid: ${id} ${where(node)}`);
    }
    return label;
  };
  // Breadth first, as npm's ls walks: a package is drawn in full where it is first met, `deduped` after.
  const top: Item = { label: '', children: [] };
  const queue: Array<{ node: PkgNode; item: Item; level: number }> = [{ node: root, item: top, level: 0 }];
  seen.add(root);
  for (let i = 0; i < queue.length && i < 100_000; i++) {
    const { node, item, level } = queue[i]!;
    if (level > depth) continue;
    for (const entry of entriesOf(node)) {
      const label = labelOf(entry);
      if (label === null) continue;
      if (entry.node && seen.has(entry.node)) { item.children.push({ label: `${label} deduped`, children: [] }); continue; }
      const child: Item = { label, children: [] };
      item.children.push(child);
      if (entry.node) { seen.add(entry.node); queue.push({ node: entry.node, item: child, level: level + 1 }); }
    }
  }
  const items = top.children;
  const unicode = s.config.bool('unicode');
  const head = `${rootId ? `${rootId} ` : ''}${s.prefix}`;
  const body = items.length ? draw({ label: head, children: items }, '', unicode) : [`${unicode ? '└──' : '`--'} (empty)`];
  if (s.config.bool('parseable')) {
    await s.out([s.prefix, ...inventory(root).filter((n) => seen.has(n)).map(where)].join('\n'));
  } else {
    await s.out(`${head}\n${body.join('\n')}\n`);
  }
  if (problems.length) throw new NpmError('ELSPROBLEMS', [['', problems.join('\n')]]);
  if (filters.length && items.length === 0) return 1;
  return 0;
}
