// free [-bkmh]: memory as the container's /proc/meminfo and cgroup show it.
import type { Program } from '../../kernel/process.ts';
import { out, parseArgs } from './lib.ts';

export const free: Program = async (p) => {
  const args = await parseArgs(p, 'bkmgh');
  if (!args) return 1;
  let root = p.task.cgroup;
  while (root.parent) root = root.parent;
  const total = root.limits.memoryMax ?? 1024 ** 3;
  const used = root.memoryCurrent;
  const div = args.flags.has('b') ? 1 : args.flags.has('m') ? 1024 * 1024 : args.flags.has('g') ? 1024 ** 3 : 1024;
  const col = (n: number): string => String(Math.round(n / div)).padStart(12);
  await out(p, `              total        used        free      shared  buff/cache   available\nMem:  ${col(total)}${col(used)}${col(total - used)}${col(0)}${col(0)}${col(total - used)}\nSwap: ${col(0)}${col(0)}${col(0)}\n`);
  return 0;
};
