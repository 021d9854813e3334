// What dockerd checks in a decoded create or update request before it does
// anything (daemon/container.go verifyContainerSettings and
// daemon_unix.go verifyPlatformContainerResources), in its order and words,
// all answered 400: a relative WorkingDir, an unknown StopSignal, an empty
// variable name in Env, --rm with a restart policy, a port that is not one,
// an unknown restart policy, a memory limit under 6MB, more CPUs than the
// machine has… The daemon's own checks (the container name, CPU quota, the
// health check's durations) follow. The few values dockerd adjusts rather
// than refuses (CpuShares into 2…262144, PidsLimit ≤ 0 as unlimited) are
// adjusted where the routes read them.
import { ONLINE_CPUS, parseSignal } from '../daemon/daemon.ts';
import type { CreateRequestBody, HostConfigBody, ResourcesBody, RestartPolicyBody } from './api-structs.ts';
import { healthcheckOfBody } from './health.ts';
import type { HealthConfig } from '../daemon/health.ts';
import { ApiError } from './router.ts';

const MIN_MEMORY = 6 * 1024 * 1024;
const bad = (message: string): ApiError => new ApiError(400, message);

/** validateContainerConfig: the working directory, stop signal and environment (the health check: health.ts). */
function checkConfig(c: CreateRequestBody): void {
  if (c.WorkingDir && !c.WorkingDir.startsWith('/')) throw bad(`the working directory '${c.WorkingDir}' is invalid, it needs to be an absolute path`);
  if (c.StopSignal) {
    // moby/sys/signal: a number other than 0, or a name with or without SIG.
    const n = /^[+-]?\d+$/.test(c.StopSignal) ? Number(c.StopSignal) : null;
    if (n === 0 || (n === null && parseSignal(c.StopSignal) === null)) throw bad(`Invalid signal: ${c.StopSignal}`);
  }
  for (const kv of c.Env ?? []) if (kv === '' || kv.startsWith('=')) throw bad(`invalid environment variable: ${kv}`);
}

/**
 * A create request, as dockerd checks it: runconfig's validateCreateRequest
 * (isolation, QoS) as it decodes, then verifyContainerSettings. Returns the
 * request's health check, as the daemon takes it.
 */
export function checkCreateRequest(body: CreateRequestBody): HealthConfig | undefined {
  const hc = body.HostConfig ?? {};
  const isolation = (hc.Isolation ?? '').toLowerCase();
  if (isolation !== '' && isolation !== 'default') throw bad(`invalid isolation (${hc.Isolation}): linux only supports 'default'`);
  if ((hc.IOMaximumBandwidth ?? 0) !== 0) throw bad('invalid option: QoS maximum bandwidth configuration is not supported on linux');
  if ((hc.IOMaximumIOps ?? 0) !== 0) throw bad('invalid option: QoS maximum IOPs configuration is not supported on linux');
  checkConfig(body);
  const healthcheck = healthcheckOfBody(body.Healthcheck);
  checkHostConfig(hc);
  checkResources(hc);
  return healthcheck;
}

/** validateHostConfig: --rm against a restart policy, the published ports, the restart policy. */
export function checkHostConfig(hc: HostConfigBody): void {
  const policy = hc.RestartPolicy?.Name ?? '';
  if (hc.AutoRemove && policy !== '' && policy !== 'no') throw bad("can't create 'AutoRemove' container with restart policy");
  checkPortBindings(hc.PortBindings ?? {});
  checkRestartPolicy(hc.RestartPolicy ?? {});
}

/** ValidateRestartPolicy. */
export function checkRestartPolicy(p: RestartPolicyBody): void {
  const name = p.Name ?? '';
  const max = p.MaximumRetryCount ?? 0;
  if (name === 'always' || name === 'unless-stopped' || name === 'no') {
    if (max !== 0) throw bad(`invalid restart policy: maximum retry count can only be used with 'on-failure'${max < 0 ? ' and cannot be negative' : ''}`);
  } else if (name === 'on-failure') {
    if (max < 0) throw bad('invalid restart policy: maximum retry count cannot be negative');
  } else if (name !== '') {
    throw bad(`invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  }
}

/** validatePortBindings: each container port, and each host port (or range) given, a 16-bit number. */
function checkPortBindings(ports: NonNullable<HostConfigBody['PortBindings']>): void {
  const uint16 = (s: string): boolean => /^\d+$/.test(s) && Number(s) <= 65535;
  for (const [key, bindings] of Object.entries(ports)) {
    const port = splitProtoPort(key);
    if (port !== '' && !uint16(port)) throw bad(`invalid port specification: ${JSON.stringify(port)}`);
    for (const b of bindings) {
      const host = splitProtoPort(b.HostPort ?? '');
      const [start = '', end, ...more] = host.split('-');
      const ok = host === '' || (more.length === 0 && uint16(start) && (end === undefined || (uint16(end) && Number(end) >= Number(start))));
      if (!ok) throw bad(`invalid port specification: ${JSON.stringify(b.HostPort)}`);
    }
  }
}

/** nat.SplitProtoPort's port half: "80/tcp" → "80", "/tcp" → "". */
function splitProtoPort(raw: string): string {
  return raw.split('/')[0]!;
}

/**
 * verifyPlatformContainerResources, then the host config's own limits: the
 * bounds dockerd refuses (with `update`, as docker update checks them).
 */
export function checkResources(r: ResourcesBody & Pick<HostConfigBody, 'ShmSize' | 'OomScoreAdj'>, update = false): void {
  const memory = r.Memory ?? 0;
  const swap = r.MemorySwap ?? 0;
  const reservation = r.MemoryReservation ?? 0;
  if (memory !== 0 && memory < MIN_MEMORY) throw bad('Minimum memory limit allowed is 6MB');
  if (memory > 0 && swap > 0 && swap < memory) throw bad('Minimum memoryswap limit should be larger than memory limit, see usage');
  if (memory === 0 && swap > 0 && !update) throw bad('You should always set the Memory limit when using Memoryswap limit, see usage');
  // MemorySwappiness is not checked: cgroup v2 has no swappiness, so dockerd drops it with a warning.
  if (reservation > 0 && reservation < MIN_MEMORY) throw bad('Minimum memory reservation allowed is 6MB');
  if (memory > 0 && reservation > 0 && memory < reservation) throw bad('Minimum memory limit can not be less than memory reservation limit, see usage');
  const nano = r.NanoCpus ?? 0;
  if (nano > 0 && (r.CpuPeriod ?? 0) > 0) throw bad('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (nano > 0 && (r.CpuQuota ?? 0) > 0) throw bad('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  if (nano < 0 || nano > ONLINE_CPUS * 1e9) throw bad(`Range of CPUs is from 0.01 to ${ONLINE_CPUS}.00, as there are only ${ONLINE_CPUS} CPUs available`);
  const period = r.CpuPeriod ?? 0;
  if (period !== 0 && (period < 1000 || period > 1_000_000)) throw bad('CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  const quota = r.CpuQuota ?? 0;
  if (quota > 0 && quota < 1000) throw bad('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  const blkio = r.BlkioWeight ?? 0;
  if (blkio > 0 && (blkio < 10 || blkio > 1000)) throw bad('Range of blkio weight is from 10 to 1000');
  if ((r.ShmSize ?? 0) < 0) throw bad('SHM size can not be less than 0');
  const oom = r.OomScoreAdj ?? 0;
  if (oom < -1000 || oom > 1000) throw bad(`Invalid value ${oom}, range for oom score adj is [-1000, 1000]`);
}

/** adaptContainerSettings: CpuShares below 0 or above 262144 is brought to the nearest bound (a warning in dockerd's log, not an error). */
export function clampCpuShares(shares: number): number {
  return shares < 0 ? 2 : Math.min(shares, 262_144);
}
