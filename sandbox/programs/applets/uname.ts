// uname [-asnrvmo]: system information.
import type { Program } from '../../kernel/process.ts';
import { out, parseArgs } from './lib.ts';

export const uname: Program = async (p) => {
  const args = await parseArgs(p, 'asnrvmpio');
  if (!args) return 1;
  const f = args.flags;
  const all = f.has('a');
  const parts: string[] = [];
  if (all || f.has('s') || f.size === 0) parts.push('Linux');
  if (all || f.has('n')) parts.push(p.hostname);
  if (all || f.has('r')) parts.push('6.6.0-playground');
  if (all || f.has('v')) parts.push('#1 SMP PREEMPT_DYNAMIC');
  if (all || f.has('m')) parts.push('x86_64');
  if (all || f.has('o')) parts.push('GNU/Linux');
  await out(p, parts.join(' ') + '\n');
  return 0;
};
