// Containers on the kernel: PID 1 and hostname, ENTRYPOINT/CMD, exit codes,
// logs, stop and kill semantics, and limits that really bite.
import { describe, expect, it } from 'vitest';
import { SIGKILL } from '../kernel/signals.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';

async function daemon(): Promise<Daemon> {
  return Daemon.create({ newId: sequentialIds('abc') });
}

const text = (c: { logs: Array<{ stream: string; data: Uint8Array }> }, stream = 'stdout'): string =>
  c.logs.filter((l) => l.stream === stream).map((l) => new TextDecoder().decode(l.data)).join('');

describe('containers', () => {
  it('runs the command as PID 1 with the container ID as hostname', async () => {
    const d = await daemon();
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'echo $$ $(hostname) $HOSTNAME; echo err >&2'] });
    expect(exitCode).toBe(0);
    expect(text(container)).toBe(`1 ${container.id.slice(0, 12)} ${container.id.slice(0, 12)}\n`);
    expect(text(container, 'stderr')).toBe('err\n');
    expect(container.init).toBeNull();
    expect(container.state).toMatchObject({ Status: 'exited', Running: false, ExitCode: 0, OOMKilled: false });
  });

  it('combines ENTRYPOINT and CMD as Docker does', async () => {
    const d = await daemon();
    const img = d.images.mustResolve('busybox');
    const runs: Array<[Partial<{ cmd: string[]; entrypoint: string[] }>, string]> = [
      [{}, ''],
      [{ cmd: ['echo', 'a', 'b'] }, 'a b\n'],
      [{ entrypoint: ['echo'], cmd: ['x'] }, 'x\n'],
      [{ entrypoint: ['echo', 'from-entrypoint'] }, 'from-entrypoint\n'],
    ];
    for (const [opts, want] of runs) {
      const { container } = await d.run({ image: img, ...opts });
      expect(text(container)).toBe(want);
    }
  });

  it('reports Docker\'s exit codes and start errors', async () => {
    const d = await daemon();
    const img = d.images.mustResolve('busybox');
    expect((await d.run({ image: img, cmd: ['sh', '-c', 'exit 3'] })).exitCode).toBe(3);
    expect((await d.run({ image: img, cmd: ['sh', '-c', 'nosuch'] })).exitCode).toBe(127);
    await expect(d.run({ image: img, cmd: ['nosuchcmd'] })).rejects.toThrow('exec: "nosuchcmd": executable file not found in $PATH: unknown');
    await expect(d.run({ image: img, cmd: ['/etc/passwd'] })).rejects.toMatchObject({ exitCode: 126 });
    expect(() => d.containers.create({ image: img, memory: 1024 * 1024 })).toThrow('Minimum memory limit allowed is 6MB');
  });

  it('docker stop: PID 1 without a handler ignores TERM, so it is killed after the grace period (137)', async () => {
    const d = await daemon();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '100'] });
    d.containers.start(c);
    await d.containers.stop(c, 0.2);
    // 143 would mean TERM ended it; 137 means it was still running when the grace period ran out.
    expect(c.state.ExitCode).toBe(137);
  });

  it('docker stop: a trap "exit 0" TERM loop exits 0 at once', async () => {
    const d = await daemon();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'trap "echo bye; exit 0" TERM; while :; do sleep 0.05; done'] });
    d.containers.start(c);
    await new Promise((r) => setTimeout(r, 30));
    await d.containers.stop(c, 5);
    expect(c.state.ExitCode).toBe(0);
    expect(text(c)).toBe('bye\n');
  });

  it('docker kill sends KILL (137)', async () => {
    const d = await daemon();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'while :; do :; done'] });
    d.containers.start(c);
    await new Promise((r) => setTimeout(r, 20));
    d.containers.kill(c, SIGKILL);
    expect(await c.wait()).toBe(137);
  });

  it('memory.max: a growing variable gets the container OOM-killed (137, OOMKilled)', async () => {
    const d = await daemon();
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('busybox'), memory: 6 * 1024 * 1024, cmd: ['sh', '-c', 'x=x; while :; do x=$x$x; done'] });
    expect(exitCode).toBe(137);
    expect(container.state.OOMKilled).toBe(true);
    expect(container.cgroup.memoryEvents.oom_kill).toBeGreaterThan(0);
  });

  it('tmpfs contents count against memory.max: /dev/shm and --tmpfs fill up to an OOM kill; shm stops at 64 MB', async () => {
    const d = await daemon();
    const img = d.images.mustResolve('busybox');
    const r = await d.run({ image: img, memory: 16 * 1024 * 1024, cmd: ['sh', '-c', 'dd if=/dev/zero of=/dev/shm/a bs=1M count=2 2>/dev/null; cat /sys/fs/cgroup/memory.current; rm /dev/shm/a; cat /sys/fs/cgroup/memory.current; dd if=/dev/zero of=/dev/shm/big bs=1M count=40 2>/dev/null; echo not reached'] });
    const [withFile, afterRm] = text(r.container).trim().split('\n').map(Number);
    expect(withFile! - afterRm!).toBe(2 * 1024 * 1024);
    expect(r).toMatchObject({ exitCode: 137 });
    expect(r.container.state.OOMKilled).toBe(true);
    expect(text(r.container)).not.toContain('not reached');
    const t = await d.run({ image: img, memory: 16 * 1024 * 1024, mounts: [{ type: 'tmpfs', target: '/scratch' }], cmd: ['sh', '-c', 'dd if=/dev/zero of=/scratch/big bs=1M count=40'] });
    expect(t.exitCode).toBe(137);
    expect(t.container.cgroup.memoryCurrent).toBe(0);
    const shm = await d.run({ image: img, cmd: ['sh', '-c', 'dd if=/dev/zero of=/dev/shm/x bs=1M count=65 status=noxfer; echo rc=$?'] });
    expect(text(shm.container)).toBe('rc=1\n');
    expect(text(shm.container, 'stderr')).toBe("dd: error writing '/dev/shm/x': No space left on device\n65+0 records in\n64+0 records out\n");
  });

  it('pids.max: a fork bomb is contained and reported the way sh reports it', async () => {
    const d = await daemon();
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), pidsLimit: 10, cmd: ['sh', '-c', 'f() { f | f & }; f; sleep 0.2; echo survived'] });
    expect(text(container, 'stderr')).toContain("sh: can't fork: Resource temporarily unavailable");
    expect(text(container)).toContain('survived');
    expect(container.cgroup.pidsMaxEvents).toBeGreaterThan(0);
  });

  it('cpu.max: a busy loop under --cpus 0.25 is throttled', async () => {
    const d = await daemon();
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), cpus: 0.25, cmd: ['sh', '-c', 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'] });
    expect(container.cgroup.cpu.nr_throttled).toBeGreaterThan(0);
  });

  it('names containers, refuses duplicates, finds them by name or ID prefix', async () => {
    const d = await daemon();
    const img = d.images.mustResolve('busybox');
    const c = d.containers.create({ image: img, name: 'web', cmd: ['true'] });
    expect(() => d.containers.create({ image: img, name: 'web' })).toThrow('Conflict. The container name "/web" is already in use');
    expect(d.containers.get('web')).toBe(c);
    expect(d.containers.get(c.id.slice(0, 8))).toBe(c);
    expect(() => d.containers.get('nope')).toThrow('No such container: nope');
  });
});
