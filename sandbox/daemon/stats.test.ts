// docker stats: readings from the cgroup that enforces the limits.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { cpuPercent, readStats, streamStats } from './stats.ts';

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('docker stats', () => {
  it('reports CPU, memory and pids of a running container against its limits', async () => {
    const d = await Daemon.create({ newId: sequentialIds('sta') });
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'busy', memory: 64 * 1024 * 1024, pidsLimit: 20, cmd: ['sh', '-c', 'x=$(seq 1000); sleep 1 & while :; do :; done'] });
    d.containers.start(c);
    const boot = Date.now() - 1000;
    const first = readStats(c, { bootMs: boot, nowMs: Date.now(), hostMemory: 2 ** 30 });
    await pause(150);
    const second = readStats(c, { bootMs: boot, nowMs: Date.now(), hostMemory: 2 ** 30, previous: first });
    expect(second).toMatchObject({ name: '/busy', id: c.id, pids_stats: { current: 2, limit: 20 }, memory_stats: { limit: 64 * 1024 * 1024 } });
    expect(second.memory_stats.usage).toBeGreaterThan(0);
    expect(second.preread).toBe(first.read);
    // A busy loop on one of two CPUs: about 50% as docker stats counts it (100% = one CPU).
    const pct = cpuPercent(second);
    expect(pct).toBeGreaterThan(30);
    expect(pct).toBeLessThanOrEqual(200);
    d.containers.kill(c);
    await c.wait();
    const after = readStats(c, { bootMs: boot, nowMs: Date.now(), hostMemory: 2 ** 30 });
    expect(after).toMatchObject({ read: '0001-01-01T00:00:00Z', pids_stats: { current: 0 }, memory_stats: {} });
  });

  it('counts network traffic on eth0', async () => {
    const d = await Daemon.create({ newId: sequentialIds('sta') });
    const web = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'mkdir /w && seq 1000 > /w/index.html && httpd -f -p 80 -h /w'] });
    d.containers.start(web);
    for (let i = 0; i < 2000 && !web.netns?.isListening(80); i++) await pause(0);
    await d.run({ image: d.images.mustResolve('busybox'), cmd: ['wget', '-qO', '/dev/null', 'http://172.17.0.2/'] });
    const s = readStats(web, { bootMs: Date.now() - 1000, nowMs: Date.now(), hostMemory: 2 ** 30 });
    // 3893 bytes of body plus the response headers went out; the request came in.
    expect(s.networks!.eth0!.tx_bytes).toBeGreaterThan(3893);
    expect(s.networks!.eth0!.rx_bytes).toBeGreaterThan(40);
    expect(s.networks!.eth0!.tx_packets).toBeGreaterThanOrEqual(3);
    d.containers.kill(web);
  });

  it('streams until the container stops', async () => {
    const d = await Daemon.create({ newId: sequentialIds('sta') });
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '0.25'] });
    d.containers.start(c);
    const seen: number[] = [];
    const s = streamStats(c, { bootMs: Date.now(), now: Date.now, hostMemory: 2 ** 30, intervalMs: 50, sleep: pause }, (x) => seen.push(x.pids_stats.current));
    await s.done;
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toBe(1);
    expect(seen[seen.length - 1]).toBe(0);
  });
});
