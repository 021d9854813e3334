// uname [-asnrvmo]: system information.
import type { Program } from '../../kernel/process.ts';
import { KERNEL } from '../../kernel/procfs.ts';
import { out, parseArgs } from './lib.ts';

export const uname: Program = async (p) => {
  const args = await parseArgs(p, 'asnrvmpio');
  if (!args) return 1;
  const f = args.flags;
  const all = f.has('a');
  const parts: string[] = [];
  if (all || f.has('s') || f.size === 0) parts.push(KERNEL.sysname);
  if (all || f.has('n')) parts.push(p.hostname);
  if (all || f.has('r')) parts.push(KERNEL.release);
  if (all || f.has('v')) parts.push(KERNEL.version);
  if (all || f.has('m')) parts.push(KERNEL.machine);
  if (all || f.has('o')) parts.push('GNU/Linux');
  await out(p, parts.join(' ') + '\n');
  return 0;
};
