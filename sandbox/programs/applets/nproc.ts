// nproc: CPUs available (the machine's 2, or fewer under cpu.max).
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

export const nproc: Program = async (p) => {
  const { cpuQuotaUs, cpuPeriodUs } = p.task.cgroup.limits;
  const cpus = cpuQuotaUs === null ? 2 : Math.max(1, Math.min(2, Math.ceil(cpuQuotaUs / cpuPeriodUs)));
  await out(p, `${cpus}\n`);
  return 0;
};
