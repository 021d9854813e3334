// Stats as the docker CLI reads them: CPU % from two samples, memory used,
// throttling detection, --cpus from HostConfig, and binary sizes.
import { describe, expect, it } from 'vitest';
import { cpuLimit, cpuPercent, formatBytes, memoryUsed, throttlingSince, type CpuStats, type StatsSample } from './cgroup-stats.ts';

const cpu = (total: number, system: number, throttled = 0, throttledNs = 0): CpuStats => ({
  cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2,
  throttling_data: { periods: 10, throttled_periods: throttled, throttled_time: throttledNs },
});

/** The stream's next sample: its precpu_stats are the previous sample's cpu_stats. */
const next = (prev: StatsSample | null, now: CpuStats): StatsSample => ({
  read: '2024-05-01T10:00:01Z', preread: prev?.read ?? '0001-01-01T00:00:00Z',
  pids_stats: { current: 1 }, memory_stats: {},
  cpu_stats: now, precpu_stats: prev?.cpu_stats ?? { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0, online_cpus: 0 },
});

describe('cpuPercent', () => {
  it('is the container\'s share of the host\'s CPU time between two samples, times the CPUs', () => {
    const first = next(null, cpu(1_000_000_000, 100_000_000_000));
    // Over 1 s of two CPUs (2e9 ns of host time) the container ran 0.5 s: 25% of the host, 50% of one CPU.
    const second = next(first, cpu(1_500_000_000, 102_000_000_000));
    expect(cpuPercent(second)).toBeCloseTo(50);
  });

  it('is 0 without a previous sample or without progress', () => {
    expect(cpuPercent(next(null, cpu(0, 0)))).toBe(0);
    const s = next(null, cpu(5, 10));
    expect(cpuPercent(next(s, cpu(5, 20)))).toBe(0);
  });

  it('counts the per-CPU list when online_cpus is missing (older engines)', () => {
    const a = next(null, cpu(0, 1_000));
    const b = next(a, { cpu_usage: { total_usage: 100, percpu_usage: [50, 50, 0, 0] }, system_cpu_usage: 2_000 });
    expect(cpuPercent(b)).toBeCloseTo(40);
  });
});

describe('throttlingSince', () => {
  it('reports the periods (and time) throttled since the previous sample', () => {
    const a = next(null, cpu(1, 1_000, 3, 5_000_000));
    const b = next(a, cpu(2, 2_000, 7, 45_000_000));
    expect(throttlingSince(b)).toEqual({ periods: 4, timeNs: 40_000_000 });
  });

  it('is null when nothing more was throttled, and for the first sample (no previous one)', () => {
    const a = next(null, cpu(1, 1_000, 3));
    expect(throttlingSince(a)).toBeNull();
    expect(throttlingSince(next(a, cpu(2, 2_000, 3)))).toBeNull();
  });
});

describe('memoryUsed', () => {
  it('leaves out the inactive page cache (cgroup v2 and v1 keys), as docker stats does', () => {
    expect(memoryUsed({ ...next(null, cpu(0, 0)), memory_stats: { usage: 1000, stats: { inactive_file: 300 } } })).toBe(700);
    expect(memoryUsed({ ...next(null, cpu(0, 0)), memory_stats: { usage: 1000, stats: { total_inactive_file: 100, inactive_file: 300 } } })).toBe(900);
    expect(memoryUsed({ ...next(null, cpu(0, 0)), memory_stats: { usage: 1000 } })).toBe(1000);
  });
});

describe('limits and sizes', () => {
  it('reads --cpus from NanoCpus or from a CPU quota', () => {
    expect(cpuLimit({ NanoCpus: 500_000_000 })).toBe(0.5);
    expect(cpuLimit({ NanoCpus: 0, CpuQuota: 150_000, CpuPeriod: 100_000 })).toBe(1.5);
    expect(cpuLimit({ NanoCpus: 0, CpuQuota: 0 })).toBeNull();
  });

  it('prints sizes in binary units, four significant digits', () => {
    expect(formatBytes(32 * 1024 * 1024)).toBe('32 MiB');
    expect(formatBytes(156)).toBe('156 B');
    expect(formatBytes(2 ** 31)).toBe('2 GiB');
    expect(formatBytes(7_844_302)).toBe('7.481 MiB');
  });
});
