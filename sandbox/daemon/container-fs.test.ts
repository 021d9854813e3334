// What a container sees of itself: /sys/fs/cgroup with its limits, /proc
// with its own PID namespace, /proc/self, /dev, and /etc files Docker
// mounts — none of which lands in its writable layer.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';

async function run(cmd: string, opts: Record<string, unknown> = {}): Promise<string> {
  const d = await Daemon.create();
  const { container } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', cmd], ...opts });
  return container.logs.map((l) => new TextDecoder().decode(l.data)).join('');
}

describe('container filesystem mounts', () => {
  it('shows the cgroup limits as cgroup v2 files', async () => {
    const out = await run('cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/pids.max', { memory: 32 * 1024 * 1024, cpus: 0.5, pidsLimit: 20 });
    expect(out).toBe('33554432\n50000 100000\n20\n');
    expect(await run('cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/pids.max')).toBe('max\nmax 100000\nmax\n');
  });

  it('counts its processes and memory', async () => {
    const out = await run('sleep 1 & cat /sys/fs/cgroup/pids.current; test $(cat /sys/fs/cgroup/memory.current) -gt 0 && echo charged');
    expect(out).toBe('3\ncharged\n');
  });

  it('has its own /proc: PID 1 is its command, /proc/self is the reader', async () => {
    const out = await run('cat /proc/1/comm; cat /proc/self/cgroup; ls /proc | grep -c "^[0-9]"; grep -c "^Pid:" /proc/self/status');
    expect(out).toBe("sh\n0::/\n3\n1\n");
  });

  it('mounts /etc/hostname, /etc/hosts and /dev, outside the writable layer', async () => {
    const d = await Daemon.create();
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'cat /etc/hostname; test -e /dev/null && echo devnull; echo x > /dev/shm/f && cat /dev/shm/f; grep -c localhost /etc/hosts'] });
    const out = container.logs.map((l) => new TextDecoder().decode(l.data)).join('');
    expect(out).toBe(`${container.id.slice(0, 12)}\ndevnull\nx\n2\n`);
    expect([...container.fs.upper.entries.keys()]).toEqual([]);
  });

  it('refuses writes to /proc and /sys', async () => {
    expect(await run('echo 1 > /sys/fs/cgroup/memory.max; echo 1 > /proc/x')).toBe("sh: can't create /sys/fs/cgroup/memory.max: Read-only file system\nsh: can't create /proc/x: Read-only file system\n");
  });
});
