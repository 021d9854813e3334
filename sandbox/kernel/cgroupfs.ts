// /sys/fs/cgroup inside a container: its own cgroup as the root (cgroup
// namespace), with the cgroup v2 files Docker users read — memory.max
// (`-m 32m` → 33554432), memory.current, memory.peak, memory.events,
// cpu.max, cpu.stat, cpu.weight, pids.max, pids.current, cgroup.procs.
import { synth, SyntheticFs, type SynthEntry } from '../fs/synthetic.ts';
import type { Cgroup } from './cgroup.ts';
import type { PidNamespace } from './pidns.ts';

export function cgroupFs(cg: Cgroup, pidns: () => PidNamespace | null, now: () => number): SyntheticFs {
  const max = (v: number | null): string => (v === null ? 'max' : String(v));
  const files = (): Map<string, SynthEntry> => new Map<string, SynthEntry>([
    ['cgroup.controllers', synth.file(() => 'cpuset cpu io memory hugetlb pids rdma misc\n')],
    ['cgroup.procs', synth.file(() => {
      const ns = pidns();
      return ns ? [...ns.tasks.entries()].filter(([, t]) => t.state === 'running').map(([pid]) => `${pid}\n`).join('') : '';
    })],
    ['cgroup.type', synth.file(() => 'domain\n')],
    ['memory.max', synth.file(() => `${max(cg.limits.memoryMax)}\n`, 0o644)],
    ['memory.current', synth.file(() => `${cg.memoryCurrent}\n`)],
    ['memory.peak', synth.file(() => `${cg.memoryPeak}\n`)],
    ['memory.low', synth.file(() => '0\n', 0o644)],
    ['memory.high', synth.file(() => 'max\n', 0o644)],
    ['memory.swap.max', synth.file(() => '0\n', 0o644)],
    ['memory.events', synth.file(() => Object.entries(cg.memoryEvents).map(([k, v]) => `${k} ${v}\n`).join(''))],
    ['cpu.max', synth.file(() => `${max(cg.limits.cpuQuotaUs)} ${cg.limits.cpuPeriodUs}\n`, 0o644)],
    ['cpu.weight', synth.file(() => `${cg.limits.cpuWeight}\n`, 0o644)],
    ['cpu.stat', synth.file(() => Object.entries(cg.cpu).map(([k, v]) => `${k} ${v}\n`).join(''))],
    ['pids.max', synth.file(() => `${max(cg.limits.pidsMax)}\n`, 0o644)],
    ['pids.current', synth.file(() => `${cg.pidsCurrent}\n`)],
    ['pids.events', synth.file(() => `max ${cg.pidsMaxEvents}\n`)],
  ]);
  return new SyntheticFs(() => synth.dir(files), { now });
}
