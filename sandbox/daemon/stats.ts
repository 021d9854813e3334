// `docker stats`: a container's counters in the Engine API's shape
// (GET /containers/{id}/stats), read from the same cgroup the limits are
// enforced on — CPU time and throttling, memory, pids — with the previous
// reading as precpu_stats so clients compute CPU % as the docker CLI does.
import type { Cgroup } from '../kernel/cgroup.ts';
import { ONLINE_CPUS } from '../kernel/procfs.ts';
import { rfc3339Nano } from '../image/config.ts';
import type { Container } from './container.ts';

export interface CpuStats {
  cpu_usage: { total_usage: number; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage: number;
  online_cpus: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

export interface StatsJSON {
  id: string;
  name: string;
  read: string;
  preread: string;
  pids_stats: { current: number; limit?: number };
  num_procs: number;
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: { usage?: number; max_usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; rx_packets: number; rx_errors: number; rx_dropped: number; tx_bytes: number; tx_packets: number; tx_errors: number; tx_dropped: number }>;
  blkio_stats: Record<string, null>;
  storage_stats: Record<string, never>;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function cpuStats(cg: Cgroup, bootMs: number, nowMs: number): CpuStats {
  return {
    cpu_usage: { total_usage: cg.cpu.usage_usec * 1000, usage_in_kernelmode: cg.cpu.system_usec * 1000, usage_in_usermode: cg.cpu.user_usec * 1000 },
    // As /proc/stat counts it: every CPU's time since boot, in ns.
    system_cpu_usage: Math.round((nowMs - bootMs) * 1e6 * ONLINE_CPUS),
    online_cpus: ONLINE_CPUS,
    throttling_data: { periods: cg.cpu.nr_periods, throttled_periods: cg.cpu.nr_throttled, throttled_time: cg.cpu.throttled_usec * 1000 },
  };
}

const EMPTY_CPU: CpuStats = {
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 0, online_cpus: 0,
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
};

/** One reading; `previous` (the last one) fills precpu_stats and preread. */
export function readStats(c: Container, o: { bootMs: number; nowMs: number; hostMemory: number; previous?: StatsJSON | null }): StatsJSON {
  const cg = c.cgroup;
  const running = c.state.Running;
  return {
    id: c.id,
    name: `/${c.name}`,
    read: running ? rfc3339Nano(o.nowMs) : ZERO_TIME,
    preread: o.previous ? o.previous.read : ZERO_TIME,
    pids_stats: running ? { current: cg.pidsCurrent, ...(cg.limits.pidsMax !== null && { limit: cg.limits.pidsMax }) } : { current: 0 },
    num_procs: 0,
    cpu_stats: running ? cpuStats(cg, o.bootMs, o.nowMs) : EMPTY_CPU,
    precpu_stats: o.previous?.cpu_stats ?? EMPTY_CPU,
    memory_stats: running ? {
      usage: cg.memoryCurrent,
      max_usage: cg.memoryPeak,
      limit: cg.limits.memoryMax ?? o.hostMemory,
      // cgroup v2 memory.stat: everything the sandbox charges is anonymous memory.
      stats: { anon: cg.memoryCurrent, file: 0, kernel_stack: 0, inactive_file: 0, active_file: 0, oom_kill: cg.memoryEvents.oom_kill },
    } : {},
    ...(running && c.netns?.kind === 'container' && c.netns.endpoints.length > 0 && {
      networks: { eth0: { ...c.netns.counters, rx_errors: 0, rx_dropped: 0, tx_errors: 0, tx_dropped: 0 } },
    }),
    blkio_stats: { io_service_bytes_recursive: null, io_serviced_recursive: null },
    storage_stats: {},
  };
}

/** CPU % as the docker CLI computes it from two readings. */
export function cpuPercent(s: StatsJSON): number {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const systemDelta = s.cpu_stats.system_cpu_usage - s.precpu_stats.system_cpu_usage;
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * s.cpu_stats.online_cpus * 100;
}

/**
 * `docker stats` streaming: a reading now and then every `intervalMs`
 * until stop() (or the container is gone: a last reading with zeros).
 */
export function streamStats(c: Container, o: { bootMs: number; now: () => number; hostMemory: number; intervalMs?: number; sleep: (ms: number) => Promise<void> }, onStats: (s: StatsJSON) => void): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const done = (async () => {
    let previous: StatsJSON | null = null;
    while (!stopped) {
      previous = readStats(c, { bootMs: o.bootMs, nowMs: o.now(), hostMemory: o.hostMemory, previous });
      onStats(previous);
      if (!c.state.Running) break;
      await o.sleep(o.intervalMs ?? 1000);
    }
  })();
  return { stop: () => { stopped = true; }, done };
}
