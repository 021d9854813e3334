// id [-ugnG]: user and group identities.
import type { Program } from '../../kernel/process.ts';
import { out, parseArgs } from './lib.ts';
import { nameOf } from './info-lib.ts';

export const id: Program = async (p) => {
  const args = await parseArgs(p, 'ugnrG');
  if (!args) return 1;
  const user = nameOf(p, '/etc/passwd', p.uid);
  const group = nameOf(p, '/etc/group', p.gid);
  const show = (n: number, name: string | null): string => (args.flags.has('n') ? (name ?? String(n)) : String(n));
  if (args.flags.has('u')) { await out(p, show(p.uid, user) + '\n'); return 0; }
  if (args.flags.has('g')) { await out(p, show(p.gid, group) + '\n'); return 0; }
  const groups = [p.gid, ...p.task.creds.groups.filter((g) => g !== p.gid)];
  if (args.flags.has('G')) { await out(p, groups.map((g) => show(g, nameOf(p, '/etc/group', g))).join(' ') + '\n'); return 0; }
  const fmt = (n: number, name: string | null): string => (name ? `${n}(${name})` : String(n));
  await out(p, `uid=${fmt(p.uid, user)} gid=${fmt(p.gid, group)} groups=${groups.map((g) => fmt(g, nameOf(p, '/etc/group', g))).join(',')}\n`);
  return 0;
};
