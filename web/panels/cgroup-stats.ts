// Reading GET /containers/{id}/stats the way the docker CLI reads it: CPU %
// from a sample and the previous one it carries (precpu_stats), memory used
// without the reclaimable page cache, CPU throttling as the growth of the
// cgroup's throttled periods — and sizes in binary units as `docker stats`
// prints them (32 MiB).

export interface CpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data?: { periods: number; throttled_periods: number; throttled_time: number };
}

export interface StatsSample {
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: { usage?: number; max_usage?: number; limit?: number; stats?: Record<string, number> };
}

/**
 * CPU use in percent of one CPU, as the docker CLI computes it
 * (calculateCPUPercentUnix): the container's CPU time over the host's,
 * between the two samples, times the CPUs. A container using two full CPUs
 * shows 200%.
 */
export function cpuPercent(s: StatsSample): number {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats.online_cpus || s.cpu_stats.cpu_usage.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
}

/** Memory used, as the CLI shows it: usage less the inactive page cache (cgroup v1 or v2 key). */
export function memoryUsed(s: StatsSample): number {
  const m = s.memory_stats;
  const usage = m.usage ?? 0;
  const v1 = m.stats?.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = m.stats?.inactive_file;
  return v2 !== undefined && v2 < usage ? usage - v2 : usage;
}

export interface Throttling { periods: number; timeNs: number }

/**
 * How much the CPU quota throttled the container since the previous sample
 * (null: not throttled, or no previous sample to compare with).
 */
export function throttlingSince(s: StatsSample): Throttling | null {
  const now = s.cpu_stats.throttling_data;
  const before = s.precpu_stats.throttling_data;
  if (!now || !before || !s.precpu_stats.system_cpu_usage) return null;
  const periods = now.throttled_periods - before.throttled_periods;
  return periods > 0 ? { periods, timeNs: Math.max(0, now.throttled_time - before.throttled_time) } : null;
}

/** The CPUs a container may use (`--cpus`), from its HostConfig; null without a quota. */
export function cpuLimit(hc: { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number }): number | null {
  if (hc.NanoCpus) return hc.NanoCpus / 1e9;
  if (hc.CpuQuota && hc.CpuQuota > 0) return hc.CpuQuota / (hc.CpuPeriod || 100_000);
  return null;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Bytes in binary units with four significant digits, as `docker stats`
 * prints them (units.BytesSize), with a space.
 * @example formatBytes(32 * 1024 * 1024) === '32 MiB'
 */
export function formatBytes(n: number): string {
  let v = n;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) { v /= 1024; i++; }
  return `${Number(v.toPrecision(4))} ${UNITS[i]}`;
}
