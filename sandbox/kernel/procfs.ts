// /proc inside a container: the processes of its PID namespace with their
// namespace PIDs (status, stat, cmdline, comm, environ, cgroup, cwd, fd),
// /proc/self for whoever looks, and the system files tools read (meminfo,
// cpuinfo, uptime, loadavg, version, mounts, stat).
import { synth, SyntheticFs, type SynthEntry } from '../fs/synthetic.ts';
import type { Cgroup } from './cgroup.ts';
import type { PidNamespace } from './pidns.ts';
import { Task } from './task.ts';

/** The kernel as uname(2) describes it: what uname, /proc/version and programs' banners show. */
export const KERNEL = { sysname: 'Linux', release: '6.6.0-playground', version: '#1 SMP PREEMPT_DYNAMIC', machine: 'x86_64' } as const;

/** CPUs the (virtual) machine has: what nproc, /proc/cpuinfo and docker stats report. */
export const ONLINE_CPUS = 2;

export interface ProcContext {
  pidns(): PidNamespace | null;
  /** The engine-wide memory cap (what MemTotal reports). */
  memTotal: number;
  rootCgroup: Cgroup;
  /** ms, monotonic */
  now(): number;
  wallNow(): number;
  bootWall: number;
  mounts(): string;
}

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} kB`;

function status(t: Task, ns: PidNamespace): string {
  const pid = t.pidIn(ns);
  const ppid = t.parent ? t.parent.pidIn(ns) : 0;
  const state = t.state === 'zombie' ? 'Z (zombie)' : 'S (sleeping)';
  const rss = t.memory + 800 * 1024;
  const { uid, gid, groups } = t.creds;
  return [
    `Name:\t${t.comm}`, 'Umask:\t0022', `State:\t${state}`, `Tgid:\t${pid}`, 'Ngid:\t0', `Pid:\t${pid}`, `PPid:\t${ppid}`, 'TracerPid:\t0',
    `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `Gid:\t${gid}\t${gid}\t${gid}\t${gid}`, 'FDSize:\t64', `Groups:\t${groups.join(' ')} `,
    `NStgid:\t${pid}`, `NSpid:\t${pid}`, `NSpgid:\t${pid}`, `NSsid:\t${pid}`,
    `VmPeak:\t${kb(rss).padStart(11)}`, `VmSize:\t${kb(rss).padStart(11)}`, `VmRSS:\t${kb(rss).padStart(11)}`, 'Threads:\t1',
    'SigQ:\t0/63681', `SigIgn:\t${mask(t, 'ignore')}`, `SigCgt:\t${mask(t, 'catch')}`, '',
  ].join('\n');
}

function mask(t: Task, d: 'ignore' | 'catch'): string {
  let m = 0n;
  for (const [sig, disp] of t.dispositions) if (disp === d) m |= 1n << BigInt(sig - 1);
  return m.toString(16).padStart(16, '0');
}

function stat(t: Task, ns: PidNamespace, ctx: ProcContext): string {
  const ticks = (ms: number): number => Math.round(ms / 10);
  const state = t.state === 'zombie' ? 'Z' : 'S';
  const start = ticks(t.startedAt - ctx.bootWall);
  const rssPages = Math.round((t.memory + 800 * 1024) / 4096);
  let pgrp = 0;
  for (const [nsPid, task] of ns.tasks) if (task.pid === t.pgid) { pgrp = nsPid; break; }
  const fields = [t.pidIn(ns), `(${t.comm})`, state, t.parent ? t.parent.pidIn(ns) : 0, pgrp, pgrp, 0, -1, 4194304,
    0, 0, 0, 0, ticks(t.cpuMs), 0, 0, 0, 20, 0, 1, 0, start, (t.memory + 800 * 1024), rssPages];
  return fields.join(' ') + '\n';
}

function processDir(t: Task, ns: PidNamespace, ctx: ProcContext): SynthEntry {
  const nul = (xs: string[]): string => xs.map((x) => `${x}\0`).join('');
  return synth.dir(() => new Map<string, SynthEntry>([
    ['status', synth.file(() => status(t, ns))],
    ['stat', synth.file(() => stat(t, ns, ctx))],
    ['cmdline', synth.file(() => (t.state === 'zombie' ? '' : nul(t.argv)))],
    ['comm', synth.file(() => `${t.comm}\n`)],
    ['environ', synth.file(() => nul([...t.env].map(([k, v]) => `${k}=${v}`)), 0o400)],
    ['cgroup', synth.file(() => '0::/\n')],
    ['cwd', synth.link(() => t.cwd)],
    ['root', synth.link(() => '/')],
    // The file itself, symlinks resolved (an applet's link is /bin/busybox), worked out only when read.
    ['exe', synth.link(() => { if (!t.exe) return t.argv[0] ?? ''; try { return t.fs.realpathSync(t.exe); } catch { return t.exe; } })],
    ['fd', synth.dir(() => new Map<string, SynthEntry>(t.fds.numbers().map((fd) => [String(fd), synth.link(() => describeFd(t, fd))])), 0o500)],
  ]));
}

function describeFd(t: Task, fd: number): string {
  const f = t.fds.get(fd) as unknown as { kind: string; path?: string; pipe?: object };
  if (f.kind === 'file') return f.path ?? '/';
  if (f.kind === 'null') return '/dev/null';
  if (f.kind === 'pipe') return 'pipe:[4026532000]';
  return `/dev/${f.kind}`;
}

export function procFs(ctx: ProcContext): SyntheticFs {
  return new SyntheticFs((viewer) => synth.dir(() => {
    const ns = ctx.pidns();
    const entries = new Map<string, SynthEntry>();
    if (ns) {
      for (const [pid, t] of [...ns.tasks].sort((a, b) => a[0] - b[0])) if (t.state !== 'reaped') entries.set(String(pid), processDir(t, ns, ctx));
      if (viewer instanceof Task && viewer.pidIn(ns)) entries.set('self', synth.link(() => String(viewer.pidIn(ns))));
    }
    const used = ctx.rootCgroup.memoryCurrent;
    entries.set('meminfo', synth.file(() => [
      `MemTotal:       ${kb(ctx.memTotal).padStart(11)}`, `MemFree:        ${kb(ctx.memTotal - used).padStart(11)}`,
      `MemAvailable:   ${kb(ctx.memTotal - used).padStart(11)}`, `Buffers:        ${kb(0).padStart(11)}`, `Cached:         ${kb(0).padStart(11)}`,
      `SwapTotal:      ${kb(0).padStart(11)}`, `SwapFree:       ${kb(0).padStart(11)}`, '',
    ].join('\n')));
    entries.set('cpuinfo', synth.file(() => Array.from({ length: ONLINE_CPUS }, (_, n) => n).map((n) => `processor\t: ${n}\nvendor_id\t: GenuineIntel\nmodel name\t: Playground Virtual CPU\ncpu MHz\t\t: 2400.000\ncpu cores\t: ${ONLINE_CPUS}\n\n`).join('')));
    entries.set('uptime', synth.file(() => { const s = (ctx.wallNow() - ctx.bootWall) / 1000; return `${s.toFixed(2)} ${(s * 1.9).toFixed(2)}\n`; }));
    entries.set('loadavg', synth.file(() => `0.00 0.00 0.00 1/${ns?.tasks.size ?? 0} ${ns ? Math.max(0, ...ns.tasks.keys()) : 0}\n`));
    entries.set('version', synth.file(() => `${KERNEL.sysname} version ${KERNEL.release} (builder@playground) (gcc 12.2.0) ${KERNEL.version}\n`));
    entries.set('mounts', synth.file(() => ctx.mounts()));
    entries.set('stat', synth.file(() => `cpu  ${Math.round(ctx.rootCgroup.cpu.usage_usec / 10_000)} 0 0 0 0 0 0 0 0 0\nbtime ${Math.floor(ctx.bootWall / 1000)}\nprocesses ${ns?.tasks.size ?? 0}\n`));
    entries.set('filesystems', synth.file(() => 'nodev\tproc\nnodev\tcgroup2\nnodev\ttmpfs\nnodev\toverlay\n'));
    return entries;
  }), { now: ctx.wallNow });
}
