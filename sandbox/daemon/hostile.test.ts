// Hostile programs never hang the engine: busy loops are preempted and
// killable, runaway recursion dies like a segfault, endless output is
// capped in the log, memory bombs are OOM-killed, fork bombs hit pids.max —
// and other containers keep working meanwhile.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text } from './testing/harness.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(): Promise<Daemon> {
  return Daemon.create({ newId: sequentialIds('bad') });
}

describe('hostile programs', () => {
  it('a busy loop does not starve other containers and dies on kill', async () => {
    const d = await setup();
    const img = d.images.mustResolve('busybox');
    const spin = d.containers.create({ image: img, cmd: ['sh', '-c', 'while :; do :; done'] });
    d.containers.start(spin);
    await pause(30);
    const other = await d.run({ image: img, cmd: ['sh', '-c', 'echo still here; seq 3 | wc -l'] });
    expect(text(other.container)).toBe('still here\n3\n');
    expect(spin.state.Running).toBe(true);
    d.containers.kill(spin);
    expect(await spin.wait()).toBe(137);
  });

  it('runaway recursion ends the shell with a segfault (139), as in busybox', async () => {
    const d = await setup();
    const { exitCode } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'f() { f; }; f; echo not reached'] });
    expect(exitCode).toBe(139);
    const parent = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'sh -c "f() { f; }; f"; echo status $?'] });
    expect(text(parent.container)).toBe('status 139\n');
  });

  it('endless output is capped in the log and the writer stays killable', async () => {
    const d = await setup();
    const img = d.images.mustResolve('busybox');
    const y = d.containers.create({ image: img, cmd: ['yes', 'spam'] });
    d.containers.start(y);
    await pause(200);
    const bytes = y.logs.reduce((n, l) => n + l.data.length, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(text((await d.run({ image: img, cmd: ['echo', 'ok'] })).container)).toBe('ok\n');
    d.containers.kill(y);
    expect(await y.wait()).toBe(137);
  });

  it('the classic bash fork bomb is a syntax error in ash; the function form is held by pids.max', async () => {
    const d = await setup();
    const img = d.images.mustResolve('busybox');
    const bash = await d.run({ image: img, cmd: ['sh', '-c', ':(){ :|:& };:'] });
    expect(bash.exitCode).toBe(2);
    expect(text(bash.container, 'stderr')).toBe('sh: syntax error: bad function name\n');
    const bomb = d.containers.create({ image: img, pidsLimit: 50, cmd: ['sh', '-c', 'b() { b | b & }; b; sleep 100'] });
    d.containers.start(bomb);
    await pause(100);
    expect(bomb.cgroup.pidsCurrent).toBeLessThanOrEqual(50);
    expect(text((await d.run({ image: img, cmd: ['echo', 'fine'] })).container)).toBe('fine\n');
    d.containers.kill(bomb);
    expect(await bomb.wait()).toBe(137);
    await pause(20);
    // No container process is left (the host's own init, dockerd and containerd run on).
    expect(d.kernel.allTasks().filter((t) => t.state === 'running' && t.cgroup !== d.kernel.rootCgroup)).toHaveLength(0);
  });

  it('tail -f keeps a container alive and follows what is appended', async () => {
    const d = await setup();
    const img = d.images.mustResolve('busybox');
    const alive = d.containers.create({ image: img, cmd: ['tail', '-f', '/dev/null'] });
    d.containers.start(alive);
    await pause(50);
    expect(alive.state.Running).toBe(true);
    // PID 1 without a TERM handler: docker stop waits, then kills.
    await d.containers.stop(alive, 0.1);
    expect(alive.state.ExitCode).toBe(137);
    const r = await d.run({ image: img, cmd: ['sh', '-c', 'echo a > /tmp/f; tail -f /tmp/f & sleep 0.1; echo b >> /tmp/f; sleep 1.2; kill $!'] });
    expect(text(r.container)).toBe('a\nb\n');
  });
});
