// A snapshot restored into a fresh engine gives the same machine: built
// images, tags and IDs, the build cache, volumes and their files, networks,
// containers (name, ID, writable layer, logs, state as after a reboot) and
// the workspace — and only what differs from a fresh boot is stored.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { buildWith, cacheTrace, logText, until } from './testing/harness.ts';
import type { EngineSnapshot } from './snapshot-format.ts';

const WS = '/home/student';

function workspace(): MemoryFs {
  const fs = new MemoryFs();
  fs.mkdirSync(`${WS}/app/bin`, { recursive: true });
  fs.writeFileSync(`${WS}/app/run.sh`, '#!/bin/sh\necho ran\n', { mode: 0o755, uid: 1000, gid: 1000 });
  fs.writeFileSync(`${WS}/bytes.bin`, new Uint8Array([0, 255, 1, 254]));
  fs.symlinkSync('app/run.sh', `${WS}/run`);
  fs.utimesSync(`${WS}/bytes.bin`, 1_700_000_000_123.5);
  return fs;
}

/** A machine with a little of everything in it. */
async function busyMachine(): Promise<Daemon> {
  const d = await Daemon.create({ hostFs: workspace(), newId: sequentialIds('aa') });
  const built = await buildWith(d, { Dockerfile: 'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n' }, { tags: ['app:v1'] });
  expect(built.error).toBeUndefined();
  d.images.tag(built.image!.id, 'app:latest');
  d.images.untag('alpine:latest');
  d.networks.create('backend');
  const vol = d.volumes.create('data');
  vol.fs.writeFileSync('/seed.txt', 'in the volume\n');
  const writer = d.containers.create({
    image: built.image!, name: 'writer', cmd: ['sh', '-c', 'echo out; echo err >&2; echo hi > /made.txt; rm /bin/true; cat /data/seed.txt >> /data/log.txt'],
    mounts: [{ type: 'volume', source: 'data', target: '/data' }],
  });
  d.containers.start(writer);
  expect(await writer.wait()).toBe(0);
  const server = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'server', cmd: ['sleep', '1000'], network: 'backend', networkAliases: ['api'] });
  d.containers.start(server);
  const always = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'always', cmd: ['sleep', '1000'], restart: 'always' });
  d.containers.start(always);
  d.containers.create({ image: d.images.mustResolve('busybox'), name: 'fresh', cmd: ['true'] });
  await until(() => server.state.Running && always.state.Running, 'the long-running containers to start');
  return d;
}

async function reboot(s: EngineSnapshot): Promise<Daemon> {
  return Daemon.create({ hostFs: new MemoryFs(), restore: s, newId: sequentialIds('bb') });
}

describe('engine snapshots', () => {
  it('restore images, tags, IDs and the build cache; only what differs from a fresh boot is stored', async () => {
    const d = await busyMachine();
    const s = await d.snapshot({ hostPath: WS });
    expect(s.format).toBe(2);
    // The built-in images are rebuilt at boot: none of their layers or configs is stored.
    expect(s.manifest.images.map((i) => i.id)).not.toContain(d.images.mustResolve('busybox').id);
    expect(s.manifest.layers.every((l) => !d.builtin.layers.has(l.chainId as `sha256:${string}`))).toBe(true);
    expect(s.manifest.untagged).toEqual(['docker.io/library/alpine:latest']);
    const r = await reboot(s);
    const app = d.images.mustResolve('app:v1');
    expect(r.images.mustResolve('app:v1').id).toBe(app.id);
    expect(r.images.mustResolve('app:latest').id).toBe(app.id);
    expect(r.images.resolve('alpine:latest')).toBeUndefined();
    expect(r.images.resolve('alpine:3')).toBeDefined();
    expect(r.images.refsOf(app.id)).toEqual(d.images.refsOf(app.id));
    expect(r.images.list().map((i) => i.id).sort()).toEqual(d.images.list().map((i) => i.id).sort());
    expect(r.images.mustResolve('app:v1').parent).toBe(app.parent);
    const again = await buildWith(r, { Dockerfile: 'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n' }, { tags: ['app:v1'] });
    expect(cacheTrace(again.output)).toEqual(['FROM busybox', 'RUN echo built > /built.txt  [cached]', 'CMD ["cat", "/built.txt"]  [cached]']);
    expect(again.image!.id).toBe(app.id);
  });

  it('restore containers stopped as after a reboot, with their files, logs and names', async () => {
    const d = await busyMachine();
    const r = await reboot(await d.snapshot({ hostPath: WS }));
    const writer = r.containers.get('writer');
    expect(writer.id).toBe(d.containers.get('writer').id);
    expect(writer.state).toMatchObject({ Status: 'exited', Running: false, ExitCode: 0, StartedAt: d.containers.get('writer').state.StartedAt });
    expect(logText(writer)).toBe('out\n');
    expect(logText(writer, 'stderr')).toBe('err\n');
    expect(writer.logs.map((l) => l.time)).toEqual(d.containers.get('writer').logs.map((l) => l.time));
    expect(writer.diff()).toEqual(d.containers.get('writer').diff());
    expect(writer.diff()).toContainEqual({ Kind: 2, Path: '/bin/true' });
    expect(new TextDecoder().decode(writer.fs.readFileSync('/made.txt'))).toBe('hi\n');
    // A running container comes back exited 255 (moby's restore when the task is gone), stopped at boot time.
    const server = r.containers.get('server');
    expect(server.state).toMatchObject({ Status: 'exited', Running: false, Pid: 0, ExitCode: 255 });
    expect(Date.parse(server.state.FinishedAt)).toBeGreaterThanOrEqual(Date.parse(d.containers.get('server').state.StartedAt));
    expect(r.containers.get('fresh').state.Status).toBe('created');
    // `always` is started again by the daemon at boot.
    await until(() => r.containers.get('always').state.Running, 'the always container to start at boot');
    // A restored container starts, and sees its network and aliases.
    r.containers.start(server);
    await until(() => server.state.Running, 'the server to start');
    expect(server.networks).toEqual(['backend']);
    expect(r.networks.mustFind('backend').id).toBe(d.networks.mustFind('backend').id);
    const probe = r.containers.create({ image: r.images.mustResolve('busybox'), cmd: ['nslookup', 'api'], network: 'backend' });
    r.containers.start(probe);
    expect(await probe.wait()).toBe(0);
    r.containers.start(writer);
    expect(await writer.wait()).toBe(0);
    expect(logText(writer)).toBe('out\nout\n');
  });

  it('restore volumes with their files, and the workspace with modes, times and symlinks', async () => {
    const d = await busyMachine();
    const r = await reboot(await d.snapshot({ hostPath: WS }));
    const vol = r.volumes.get('data');
    expect(vol.anonymous).toBe(false);
    expect(new TextDecoder().decode(vol.fs.readFileSync('/log.txt'))).toBe('in the volume\n');
    expect(r.containers.get('writer').mounts[0]!.fs).toBe(vol.fs);
    const ws = r.hostFs!;
    expect(ws.statSync(`${WS}/app/run.sh`)).toMatchObject({ mode: expect.any(Number), uid: 1000, gid: 1000 });
    expect(ws.statSync(`${WS}/app/run.sh`).mode & 0o777).toBe(0o755);
    expect(ws.readlinkSync(`${WS}/run`)).toBe('app/run.sh');
    expect([...ws.readFileSync(`${WS}/bytes.bin`)]).toEqual([0, 255, 1, 254]);
    expect(ws.statSync(`${WS}/bytes.bin`).mtimeMs).toBe(1_700_000_000_123.5);
    expect(ws.statSync(`${WS}/app/bin`).type).toBe('dir');
  });

  it('incremental: what the store has and has not changed is neither encoded nor hashed again', async () => {
    const d = await busyMachine();
    const first = await d.snapshot({ hostPath: WS });
    const stored = new Set(first.blobs.keys());
    const second = await d.snapshot({ hostPath: WS, have: (k) => stored.has(k) });
    expect([...second.blobs.keys()]).toEqual([]);
    expect(second.manifest).toEqual(first.manifest);
    (d.hostFs as MemoryFs).writeFileSync(`${WS}/new.txt`, 'new');
    const third = await d.snapshot({ hostPath: WS, have: (k) => stored.has(k) });
    expect([...third.blobs.keys()]).toEqual([third.manifest.workspace!.tree]);
    expect(third.manifest.workspace!.tree).not.toBe(first.manifest.workspace!.tree);
    // A store that lost a blob gets it again.
    const fourth = await d.snapshot({ hostPath: WS, have: (k) => stored.has(k) && k !== first.manifest.volumes[0]!.tree });
    expect([...fourth.blobs.keys()].sort()).toEqual([third.manifest.workspace!.tree, first.manifest.volumes[0]!.tree].sort());
  });

  it('containers with restart policies and --rm come back as dockerd brings them back at boot', async () => {
    const d = await Daemon.create({ newId: sequentialIds('cc') });
    const busybox = d.images.mustResolve('busybox');
    const mk = (name: string, o: { restart?: string; autoRemove?: boolean } = {}) => {
      const c = d.containers.create({ image: busybox, name, cmd: ['sleep', '1000'], ...o });
      d.containers.start(c);
      return c;
    };
    mk('plain'); mk('unless', { restart: 'unless-stopped' }); mk('onfail', { restart: 'on-failure' }); mk('rm', { autoRemove: true });
    const stopped = mk('unless-stopped-by-user', { restart: 'unless-stopped' });
    const stoppedAlways = mk('always-stopped-by-user', { restart: 'always' });
    await until(() => d.containers.list().every((c) => c.state.Running), 'all to run');
    await d.containers.stop(stopped, 0);
    await d.containers.stop(stoppedAlways, 0);
    const r = await Daemon.create({ restore: await d.snapshot() });
    await until(() => ['unless', 'onfail', 'always-stopped-by-user'].every((n) => r.containers.get(n).state.Running), 'the restart policies to start them');
    expect(r.containers.get('plain').state).toMatchObject({ Status: 'exited', ExitCode: 255 });
    expect(r.containers.get('unless-stopped-by-user').state).toMatchObject({ Status: 'exited', ExitCode: 137 });
    expect(() => r.containers.get('rm')).toThrow('No such container: rm');
    expect(r.containers.get('unless').restartCount).toBe(0);
  });

  it('leaves out what is damaged or missing, says so, and restores the rest', async () => {
    const d = await busyMachine();
    const s = await d.snapshot({ hostPath: WS });
    const writer = s.manifest.containers.find((c) => c.name === 'writer')!;
    const appLayer = s.manifest.layers.at(-1)!;
    const damaged = new Map(s.blobs);
    damaged.delete(writer.upper);
    damaged.set(appLayer.tree, new Uint8Array([1, 2, 3]));
    const r = await reboot({ ...s, blobs: damaged });
    expect(r.restoreWarnings).toEqual([
      expect.stringMatching(/^image app:latest \(\w{12}\) was not restored: its layers are missing or damaged/),
      '1 untagged image was not restored',
      'container writer was not restored: its image ' + d.images.mustResolve('app:v1').id.slice(7, 19) + ' did not come back',
    ]);
    expect(r.containers.get('server').state.Status).toBe('exited');
    expect(r.volumes.get('data')).toBeDefined();
    expect(r.hostFs!.existsSync(`${WS}/app/run.sh`)).toBe(true);
    await expect(reboot({ ...s, format: 9 } as unknown as EngineSnapshot)).rejects.toThrow('written by a newer version of the playground (format 9');
  });
});
