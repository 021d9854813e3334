// nproc: the CPUs the machine has. As with the real one, --cpus does not
// change it (cpu.max limits time, not CPUs): the limit is read from
// /sys/fs/cgroup/cpu.max.
import type { Program } from '../../kernel/process.ts';
import { ONLINE_CPUS } from '../../kernel/procfs.ts';
import { out } from './lib.ts';

export const nproc: Program = async (p) => {
  await out(p, `${ONLINE_CPUS}\n`);
  return 0;
};
