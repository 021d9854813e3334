// The container verbs beyond run: volumes, exec, diff, commit, pause,
// update, top, rename, restart.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Daemon } from './daemon.ts';

const out = (c: { logs: Array<{ stream: string; data: Uint8Array }> }): string => c.logs.map((l) => new TextDecoder().decode(l.data)).join('');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('volumes', () => {
  it('a named volume keeps data across containers; the writable layer does not', async () => {
    const d = await Daemon.create();
    const img = d.images.mustResolve('busybox');
    await d.run({ image: img, rm: true, mounts: [{ type: 'volume', source: 'data', target: '/data' }], cmd: ['sh', '-c', 'echo kept > /data/f; echo lost > /tmp/f'] });
    const { container } = await d.run({ image: img, mounts: [{ type: 'volume', source: 'data', target: '/data' }], cmd: ['sh', '-c', 'cat /data/f; cat /tmp/f'] });
    expect(out(container)).toBe("kept\ncat: /tmp/f: No such file or directory\n");
    expect(d.volumes.list().map((v) => v.name)).toEqual(['data']);
  });

  it('an empty volume is seeded with what the image has at its mount point', async () => {
    const d = await Daemon.create();
    const { container } = await d.run({ image: d.images.mustResolve('nginx'), mounts: [{ type: 'volume', source: 'html', target: '/usr/share/nginx/html' }], cmd: ['ls', '/usr/share/nginx/html'] });
    expect(out(container)).toBe('50x.html\nindex.html\n');
  });

  it('bind mounts show the workspace; :ro refuses writes', async () => {
    const d = await Daemon.create();
    const ws = new MemoryFs();
    ws.mkdirSync('/site');
    ws.writeFileSync('/site/index.html', 'hi');
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), mounts: [{ type: 'bind', fs: ws, source: '/site', target: '/www', readonly: true }], cmd: ['sh', '-c', 'cat /www/index.html; echo x > /www/new'] });
    expect(out(container)).toBe("hish: can't create /www/new: Read-only file system\n");
  });

  it('tmpfs mounts start empty and stay out of the writable layer', async () => {
    const d = await Daemon.create();
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), mounts: [{ type: 'tmpfs', target: '/scratch' }], cmd: ['sh', '-c', 'echo x > /scratch/f && cat /scratch/f'] });
    expect(out(container)).toBe('x\n');
    expect(container.diff()).toEqual([{ Kind: 1, Path: '/scratch' }]);
  });
});

describe('exec, diff, commit', () => {
  it('exec runs in the container: its PID namespace, files and hostname', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'echo hello > /tmp/x; sleep 100'] });
    d.containers.start(c);
    await sleep(20);
    let text = '';
    const { done } = c.exec(d.kernel, d.userland, ['sh', '-c', 'cat /tmp/x; hostname; ps | wc -l'], { onStdout: (b) => { text += new TextDecoder().decode(b); } });
    expect(await done).toBe(0);
    expect(text).toBe(`hello\n${c.id.slice(0, 12)}\n6\n`);
    d.containers.remove(c, true);
  });

  it('diff lists added, changed and deleted paths; commit makes them an image', async () => {
    const d = await Daemon.create();
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'mkdir /app && echo 1 > /app/v && rm /etc/shadow'] });
    expect(container.diff().map((e) => `${'CAD'[e.Kind]} ${e.Path}`)).toEqual(['A /app', 'A /app/v', 'C /etc', 'D /etc/shadow']);
    const image = await d.commit(container, { tag: 'snap', comment: 'snapshot' });
    expect(d.images.resolve('snap')!.id).toBe(image.id);
    expect(image.config.history.at(-1)).toMatchObject({ created_by: 'sh -c mkdir /app && echo 1 > /app/v && rm /etc/shadow', comment: 'snapshot' });
    const again = await d.run({ image, cmd: ['sh', '-c', 'cat /app/v; test -e /etc/shadow || echo gone'] });
    expect(out(again.container)).toBe('1\ngone\n');
  });
});

describe('pause, update, top, rename, restart', () => {
  it('pause freezes the processes; unpause lets them go on', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo $i > /tmp/n; done'] });
    d.containers.start(c);
    await sleep(20);
    c.pause();
    await sleep(10);
    const frozenAt = new TextDecoder().decode(c.fs.readFileSync('/tmp/n'));
    await sleep(30);
    expect(new TextDecoder().decode(c.fs.readFileSync('/tmp/n'))).toBe(frozenAt);
    expect(c.state.Status).toBe('paused');
    c.unpause();
    await sleep(30);
    expect(new TextDecoder().decode(c.fs.readFileSync('/tmp/n'))).not.toBe(frozenAt);
    d.containers.remove(c, true);
  });

  it('update changes the limits a running container sees', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '100'] });
    d.containers.start(c);
    d.containers.update(c, { memory: 64 * 1024 * 1024, pidsLimit: 50 });
    let text = '';
    const { done } = c.exec(d.kernel, d.userland, ['cat', '/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/pids.max'], { onStdout: (b) => { text += new TextDecoder().decode(b); } });
    await done;
    expect(text).toBe('67108864\n50\n');
    d.containers.remove(c, true);
  });

  it('top shows host PIDs; rename and restart keep the container', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'old', cmd: ['sh', '-c', 'echo run; sleep 100'] });
    d.containers.start(c);
    await sleep(10);
    const top = d.containers.top(c);
    expect(top.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(top.Processes.map((r) => r[7])).toEqual(['sh -c echo run; sleep 100', 'sleep 100']);
    expect(Number(top.Processes[0]![1])).toBe(c.init!.pid);
    d.containers.rename(c, 'new');
    expect(d.containers.get('new')).toBe(c);
    await d.containers.restart(c, 0.05);
    await sleep(10);
    expect(c.state.Running).toBe(true);
    expect(out(c)).toBe('run\nrun\n');
    d.containers.remove(c, true);
  });
});

describe('restart policies and --init', () => {
  it('on-failure:2 restarts a failing container twice, then leaves it exited', async () => {
    const d = await Daemon.create();
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('busybox'), restart: 'on-failure:2', cmd: ['sh', '-c', 'echo try; exit 3'] });
    expect(exitCode).toBe(3);
    expect(container.restartCount).toBe(2);
    expect(out(container)).toBe('try\ntry\ntry\n');
  });

  it('always restarts until docker stop', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), restart: 'always', cmd: ['true'] });
    d.containers.start(c);
    await sleep(350);
    expect(c.restartCount).toBeGreaterThanOrEqual(2);
    await d.containers.stop(c, 1);
    const n = c.restartCount;
    await sleep(250);
    expect(c.restartCount).toBe(n);
    expect(c.state.Status).toBe('exited');
  });

  it('refuses a malformed policy', async () => {
    const d = await Daemon.create();
    expect(() => d.containers.create({ image: d.images.mustResolve('busybox'), restart: 'always:3' })).toThrow("maximum retry count can only be used with 'on-failure'");
  });

  it('--init forwards docker stop to a command that is not PID 1 (143 instead of a 10 s wait and 137)', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), init: true, cmd: ['sleep', '100'] });
    d.containers.start(c);
    await sleep(10);
    const top = d.containers.top(c);
    expect(top.Processes.map((r) => r[7])).toEqual(['/sbin/docker-init -- sleep 100', 'sleep 100']);
    await d.containers.stop(c, 5);
    expect(c.state.ExitCode).toBe(143);
  });
});
