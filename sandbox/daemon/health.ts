// Container health checks, run as dockerd runs them (moby daemon/health.go):
// while a container runs (and is not paused) a monitor execs its HEALTHCHECK
// test inside it every Interval — StartInterval while it is starting within
// StartPeriod — kills a probe that outlives Timeout, and keeps State.Health:
// starting → healthy on a passing probe, → unhealthy after Retries failures
// in a row (failures inside the start period do not count). Status changes
// are `health_status: …` events; each probe is an exec with its exec_create,
// exec_start and exec_die events. Stopping or pausing the container stops the
// monitor and leaves the status unhealthy, as Docker does.
import { goDuration } from '../api/units.ts';
import type { HealthConfig } from '../image/config.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { SIGKILL } from '../kernel/signals.ts';
import type { Task } from '../kernel/task.ts';
import type { Userland } from '../programs/registry.ts';
import { execFailureMessage, iso, type Container, type ContainerState } from './container.ts';
import { ContainerError } from './errors.ts';

export type { HealthConfig };
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/** One probe, as State.Health.Log lists it. */
export interface HealthcheckResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** State.Health. */
export interface HealthState {
  Status: HealthStatus;
  FailingStreak: number;
  /** The last probes, oldest first. */
  Log: HealthcheckResult[];
}

/** What a monitor needs from the daemon. */
export interface HealthHost {
  kernel: Kernel;
  userland: Userland;
  /** Wall clock, ms (the one StartedAt was stamped with). */
  now(): number;
  newId(): string;
  /** A container event for the monitored container, with its usual attributes plus `extra`. */
  emit(action: string, extra?: Record<string, string>): void;
}

const MS = 1e6;
const DEFAULT_INTERVAL = 30_000 * MS;
const DEFAULT_TIMEOUT = 30_000 * MS;
const DEFAULT_START_INTERVAL = 5_000 * MS;
const DEFAULT_RETRIES = 3;
const MAX_LOG_ENTRIES = 5;
const MAX_OUTPUT_BYTES = 4096;

/** dockerd's checks of a create request's Healthcheck (Docker's 400 messages). */
export function validateHealthcheck(hc: HealthConfig | undefined): void {
  if (!hc) return;
  const tooShort = (ns: number | undefined): boolean => ns !== undefined && ns !== 0 && ns < MS;
  if (tooShort(hc.Interval)) throw new ContainerError('Interval in Healthcheck cannot be less than 1ms', 400);
  if (tooShort(hc.Timeout)) throw new ContainerError('Timeout in Healthcheck cannot be less than 1ms', 400);
  if ((hc.Retries ?? 0) < 0) throw new ContainerError('Retries in Healthcheck cannot be negative', 400);
  if (tooShort(hc.StartPeriod)) throw new ContainerError('StartPeriod in Healthcheck cannot be less than 1ms', 400);
  if (tooShort(hc.StartInterval)) throw new ContainerError('StartInterval in Healthcheck cannot be less than 1ms', 400);
}

/**
 * The container's Healthcheck: the run's over the image's, field by field
 * (an unset Test, a zero duration or retry count takes the image's), as
 * dockerd merges them.
 */
export function mergeHealthcheck(run: HealthConfig | undefined, image: HealthConfig | undefined): HealthConfig | undefined {
  if (!image || !run) return run ?? image;
  return {
    Test: run.Test && run.Test.length > 0 ? run.Test : image.Test,
    Interval: run.Interval || image.Interval || 0,
    Timeout: run.Timeout || image.Timeout || 0,
    StartPeriod: run.StartPeriod || image.StartPeriod || 0,
    StartInterval: run.StartInterval || image.StartInterval || 0,
    Retries: run.Retries || image.Retries || 0,
  };
}

/** The probe's command: `CMD a b` as is, `CMD-SHELL cmd` through the image's shell; null for NONE, nothing or an unknown type. */
export function probeCommand(hc: HealthConfig | undefined, shell: string[] | undefined): string[] | null {
  const [kind, ...rest] = hc?.Test ?? [];
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return [...(shell && shell.length > 0 ? shell : ['/bin/sh', '-c']), ...rest];
  return null;
}

/** The health a `health` filter of /containers/json compares: starting, healthy, unhealthy or none. */
export function healthFilterValue(h: HealthState | null): string {
  return h ? h.Status : 'none';
}

/** Starts watching a container whose Healthcheck has a test (nothing to do otherwise). */
export function monitorHealth(c: Container, host: HealthHost): void {
  const argv = probeCommand(c.config.Healthcheck, c.config.Shell);
  if (argv) new HealthMonitor(c, host, c.config.Healthcheck!, argv);
}

/** Up to 4096 bytes of a probe's stdout and stderr, `...` when more came. */
class ProbeOutput {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private truncated = false;

  write(data: Uint8Array): void {
    const keep = Math.min(MAX_OUTPUT_BYTES - this.size, data.length);
    if (keep > 0) { this.chunks.push(data.slice(0, keep)); this.size += keep; }
    if (keep < data.length) this.truncated = true;
  }

  text(): string {
    const all = new Uint8Array(this.size);
    let off = 0;
    for (const c of this.chunks) { all.set(c, off); off += c.length; }
    return new TextDecoder().decode(all) + (this.truncated ? '...' : '');
  }
}

class HealthMonitor {
  /** Bumped whenever the monitor stops: a probe or timer of an older run is ignored. */
  private generation = 0;
  private active = false;
  private timer: { cancel(): void } | null = null;
  private probe: Task | null = null;
  private startedAt = '';
  private readonly intervalMs: number;
  private readonly timeoutNs: number;
  private readonly startPeriodMs: number;
  private readonly startIntervalMs: number;
  private readonly retries: number;

  constructor(private readonly c: Container, private readonly host: HealthHost, hc: HealthConfig, private readonly argv: string[]) {
    this.intervalMs = (hc.Interval || DEFAULT_INTERVAL) / MS;
    this.timeoutNs = hc.Timeout || DEFAULT_TIMEOUT;
    this.startPeriodMs = (hc.StartPeriod || 0) / MS;
    this.startIntervalMs = (hc.StartInterval || DEFAULT_START_INTERVAL) / MS;
    this.retries = hc.Retries && hc.Retries > 0 ? hc.Retries : DEFAULT_RETRIES;
    c.onStateChange((s) => this.update(s));
  }

  /** Docker's initHealthMonitor / updateHealthMonitor: probes run while the container runs unpaused. */
  private update(s: ContainerState): void {
    const wanted = s.Status === 'running' && s.Running && !s.Paused;
    if (wanted && s.StartedAt !== this.startedAt) {
      // A new start (docker start, restart, a restart policy): starting again, the log kept.
      this.startedAt = s.StartedAt;
      this.stop();
      this.c.health = { Status: 'starting', FailingStreak: 0, Log: this.c.health?.Log ?? [] };
    }
    if (wanted && !this.active) {
      this.active = true;
      void this.loop(this.generation);
    } else if (!wanted) {
      this.stop();
    }
  }

  private stop(): void {
    if (!this.active) return;
    this.active = false;
    this.generation++;
    this.timer?.cancel();
    this.timer = null;
    if (this.probe) this.host.kernel.signal(this.probe, SIGKILL);
    this.probe = null;
    // Docker leaves a container whose monitor stopped unhealthy.
    if (this.c.health) this.c.health = { ...this.c.health, Status: 'unhealthy' };
  }

  /** The wait before the next probe: StartInterval while starting within the start period. */
  private interval(): number {
    if (this.host.now() - Date.parse(this.startedAt) >= this.startPeriodMs) return this.intervalMs;
    return this.c.health?.Status === 'starting' ? this.startIntervalMs : this.intervalMs;
  }

  private async loop(generation: number): Promise<void> {
    while (generation === this.generation) {
      const timer = this.host.kernel.clock.sleep(this.interval());
      this.timer = timer;
      await timer.promise;
      if (generation !== this.generation) return;
      this.timer = null;
      const result = await this.runProbe();
      // Stopped while probing: Docker drops the result.
      if (generation !== this.generation) return;
      this.record(result.start, result.entry);
    }
  }

  /** One probe: an exec of the test, killed when it outlives the timeout. */
  private async runProbe(): Promise<{ start: number; entry: HealthcheckResult }> {
    const { host } = this;
    const start = host.now();
    const done = (ExitCode: number, Output: string): { start: number; entry: HealthcheckResult } => ({ start, entry: { Start: iso(start), End: iso(host.now()), ExitCode, Output } });
    const execID = host.newId();
    const command = `${this.argv[0] ?? ''} ${this.argv.slice(1).join(' ')}`;
    host.emit(`exec_create: ${command}`, { execID });
    host.emit(`exec_start: ${command}`, { execID });
    if (this.argv.length === 0) return done(-1, 'No exec command specified');
    const output = new ProbeOutput();
    let run;
    try {
      run = this.c.exec(host.kernel, host.userland, this.argv, { onStdout: (d) => output.write(d), onStderr: (d) => output.write(d) });
    } catch (e) {
      return done(-1, execFailureMessage(e as Error));
    }
    this.probe = run.task;
    const exited = run.done.then((code) => { host.emit('exec_die', { execID, exitCode: String(code) }); return code; });
    const timer = host.kernel.clock.sleep(this.timeoutNs / MS);
    const code = await Promise.race([exited, timer.promise.then(() => null)]);
    timer.cancel();
    if (code === null) {
      host.kernel.signal(run.task, SIGKILL);
      await exited;
      if (this.probe === run.task) this.probe = null;
      const out = output.text();
      return done(-1, `Health check exceeded timeout (${goDuration(this.timeoutNs)})${out ? `: ${out}` : ''}`);
    }
    if (this.probe === run.task) this.probe = null;
    return done(code, output.text());
  }

  /** Docker's handleProbeResult. */
  private record(start: number, entry: HealthcheckResult): void {
    const h = this.c.health ?? { Status: 'starting', FailingStreak: 0, Log: [] };
    let { Status: status, FailingStreak: streak } = h;
    if (entry.ExitCode === 0) {
      streak = 0;
      status = 'healthy';
    } else if (status !== 'starting' || start - Date.parse(this.startedAt) >= this.startPeriodMs) {
      streak++;
      if (streak >= this.retries) status = 'unhealthy';
    }
    this.c.health = { Status: status, FailingStreak: streak, Log: [...h.Log, entry].slice(-MAX_LOG_ENTRIES) };
    if (status !== h.Status) this.host.emit(`health_status: ${status}`);
  }
}
