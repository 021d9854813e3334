// cgroup v2 controllers as the kernel enforces them: memory (every charged
// byte counts; over memory.max the OOM killer runs; the root's memory.max is
// the machine's memory, where the global OOM killer runs), cpu (quota per period,
// enforced by the scheduler, with cpu.stat counters) and pids (pids.max
// makes fork fail with EAGAIN). Cgroups nest: a charge counts against every
// ancestor too, so a page-wide root limit protects the tab.

export interface CgroupLimits {
  /** memory.max in bytes; null = "max". */
  memoryMax: number | null;
  /** cpu.max quota in µs per period; null = "max". */
  cpuQuotaUs: number | null;
  /** cpu.max period in µs. */
  cpuPeriodUs: number;
  /** cpu.weight (1–10000; 100 by default; from --cpu-shares). */
  cpuWeight: number;
  /** pids.max; null = "max". */
  pidsMax: number | null;
}

export const DEFAULT_LIMITS: CgroupLimits = { memoryMax: null, cpuQuotaUs: null, cpuPeriodUs: 100_000, cpuWeight: 100, pidsMax: null };

export interface MemoryEvents { low: number; high: number; max: number; oom: number; oom_kill: number }

export interface CpuStat {
  usage_usec: number;
  user_usec: number;
  system_usec: number;
  nr_periods: number;
  nr_throttled: number;
  throttled_usec: number;
}

export type CgroupEvent =
  | { type: 'oom'; cgroup: Cgroup }
  | { type: 'throttle'; cgroup: Cgroup; waitUs: number }
  | { type: 'pids-max'; cgroup: Cgroup };

export class Cgroup {
  limits: CgroupLimits;
  memoryCurrent = 0;
  memoryPeak = 0;
  readonly memoryEvents: MemoryEvents = { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 };
  readonly cpu: CpuStat = { usage_usec: 0, user_usec: 0, system_usec: 0, nr_periods: 0, nr_throttled: 0, throttled_usec: 0 };
  /** The period (by nr_periods) last counted as throttled. */
  private throttledPeriod = -1;
  pidsCurrent = 0;
  pidsMaxEvents = 0;
  /** cgroup.freeze (docker pause): its tasks stop at their next tick or wake-up. */
  frozen = false;
  private thawWaiters: Array<() => void> = [];
  private periodStartMs = -1;
  private usedInPeriodUs = 0;
  private readonly listeners = new Set<(e: CgroupEvent) => void>();

  constructor(readonly path: string, readonly parent: Cgroup | null = null, limits: Partial<CgroupLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Subscribes to this cgroup's events (OOM, throttling, pids.max); returns an unsubscribe. */
  onEvent(fn: (e: CgroupEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: CgroupEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    for (const fn of this.thawWaiters.splice(0)) fn();
  }

  /** Resolves when this cgroup (and its ancestors) are not frozen. */
  async waitThawed(): Promise<void> {
    for (let c: Cgroup | null = this; c; c = c.parent) {
      while (c.frozen) await new Promise<void>((r) => c!.thawWaiters.push(r));
    }
  }

  isFrozen(): boolean {
    for (const c of this.lineage()) if (c.frozen) return true;
    return false;
  }

  /** The cgroups from this one up to the root. */
  *lineage(): Generator<Cgroup> {
    for (let c: Cgroup | null = this; c; c = c.parent) yield c;
  }

  // ---- memory -------------------------------------------------------------

  /**
   * Charges bytes to this cgroup and its ancestors. Returns null, or the
   * cgroup whose memory.max the charge would exceed (nothing is charged then:
   * the caller runs the OOM killer there).
   */
  tryCharge(bytes: number): Cgroup | null {
    if (bytes <= 0) return null;
    for (const c of this.lineage()) {
      if (c.limits.memoryMax !== null && c.memoryCurrent + bytes > c.limits.memoryMax) {
        c.memoryEvents.max++;
        return c;
      }
    }
    for (const c of this.lineage()) {
      c.memoryCurrent += bytes;
      if (c.memoryCurrent > c.memoryPeak) c.memoryPeak = c.memoryCurrent;
    }
    return null;
  }

  /** Bytes that can still be charged here before this or an ancestor's memory.max (Infinity: none). */
  headroom(): number {
    let room = Infinity;
    for (const c of this.lineage()) if (c.limits.memoryMax !== null) room = Math.min(room, c.limits.memoryMax - c.memoryCurrent);
    return Math.max(0, room);
  }

  uncharge(bytes: number): void {
    if (bytes <= 0) return;
    for (const c of this.lineage()) c.memoryCurrent = Math.max(0, c.memoryCurrent - bytes);
  }

  /** Records that usage reached this cgroup's memory.max and the OOM killer had to run (memory.events oom). */
  recordOom(): void {
    this.memoryEvents.oom++;
  }

  /**
   * Records that a task of this cgroup was killed by an OOM killer — its own
   * cgroup's, an ancestor's or the machine's (the global one). As in cgroup
   * v2, memory.events oom_kill counts "processes belonging to this cgroup
   * killed by any kind of OOM killer", hierarchically; watchers of each
   * cgroup hear of it (containerd turns it into TaskOOM: dockerd's OOMKilled
   * and its `oom` event).
   */
  recordOomKill(): void {
    for (const c of this.lineage()) {
      c.memoryEvents.oom_kill++;
      c.emit({ type: 'oom', cgroup: c });
    }
  }

  // ---- pids ---------------------------------------------------------------

  /** Accounts a new task; false (and a pids.max event) when a limit is reached. */
  tryAddPid(): boolean {
    for (const c of this.lineage()) {
      if (c.limits.pidsMax !== null && c.pidsCurrent + 1 > c.limits.pidsMax) {
        c.pidsMaxEvents++;
        c.emit({ type: 'pids-max', cgroup: c });
        return false;
      }
    }
    for (const c of this.lineage()) c.pidsCurrent++;
    return true;
  }

  removePid(): void {
    for (const c of this.lineage()) c.pidsCurrent = Math.max(0, c.pidsCurrent - 1);
  }

  // ---- cpu ----------------------------------------------------------------

  /**
   * Charges CPU time used up to `nowMs` and returns how long (ms) the tasks
   * of this cgroup must now wait because the quota of the current period is
   * spent (0 when they may go on).
   */
  chargeCpu(usedUs: number, nowMs: number): number {
    for (const c of this.lineage()) {
      c.cpu.usage_usec += usedUs;
      c.cpu.user_usec += usedUs;
    }
    let wait = 0;
    for (const c of this.lineage()) wait = Math.max(wait, c.quotaWait(usedUs, nowMs));
    return wait;
  }

  private quotaWait(usedUs: number, nowMs: number): number {
    const periodMs = this.limits.cpuPeriodUs / 1000;
    if (this.periodStartMs < 0 || nowMs >= this.periodStartMs + periodMs) {
      const elapsed = this.periodStartMs < 0 ? 1 : Math.floor((nowMs - this.periodStartMs) / periodMs);
      this.periodStartMs = this.periodStartMs < 0 ? nowMs : this.periodStartMs + elapsed * periodMs;
      // As CFS bandwidth control does, time run past the quota is a debt the next periods' quota pays.
      this.usedInPeriodUs = this.limits.cpuQuotaUs === null ? 0 : Math.max(0, this.usedInPeriodUs - this.limits.cpuQuotaUs * elapsed);
      if (this.limits.cpuQuotaUs !== null) this.cpu.nr_periods++;
    }
    this.usedInPeriodUs += usedUs;
    if (this.limits.cpuQuotaUs === null || this.usedInPeriodUs < this.limits.cpuQuotaUs) return 0;
    return Math.max(0, this.periodStartMs + periodMs - nowMs);
  }

  /** Records that this cgroup's tasks were held back for `waitMs` (cpu.stat, throttle event). */
  recordThrottle(waitMs: number): void {
    const us = Math.round(waitMs * 1000);
    for (const c of this.lineage()) {
      // As CFS counts them: periods in which the group was throttled, and the time it was (the
      // first wait of a period lasts to its end: others in the same period are within it).
      if (c.limits.cpuQuotaUs === null || c.throttledPeriod === c.cpu.nr_periods) continue;
      c.throttledPeriod = c.cpu.nr_periods;
      c.cpu.nr_throttled++;
      c.cpu.throttled_usec += us;
      c.emit({ type: 'throttle', cgroup: c, waitUs: us });
    }
  }

  /**
   * How long a task of this cgroup may run before it must check in (ms):
   * the scheduler's slice, or less when the period's quota is nearly spent,
   * so a task overshoots its quota by little.
   */
  sliceMs(nowMs: number, sliceMs: number): number {
    let slice = sliceMs;
    for (const c of this.lineage()) {
      if (c.limits.cpuQuotaUs === null) continue;
      const periodMs = c.limits.cpuPeriodUs / 1000;
      const used = nowMs >= c.periodStartMs + periodMs ? 0 : c.usedInPeriodUs / 1000;
      slice = Math.min(slice, Math.max(0.25, c.limits.cpuQuotaUs / 1000 - used));
    }
    return slice;
  }
}
