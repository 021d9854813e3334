// A machine stored by an earlier version of the playground still boots in
// this one. testing/snapshot-v2.json is a format-2 snapshot written by the
// first version that wrote format 2 (commit 4d36d13, the IndexedDB store),
// by scripts/snapshot-fixture.ts: a student's machine after a few lessons.
// Format 2 has not changed since (snapshot-format.ts's history), but what
// restores it has (containers, images, networks, the built-in images): this
// pins that a student's saved machine survives those changes. Before a
// format change, freeze the current format the same way (snapshot-v3.json…)
// and test it here; snapshot-migrate.test.ts covers the steps between formats.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Daemon } from './daemon.ts';
import { blobKeysOf, SNAPSHOT_FORMAT, type EngineSnapshot } from './snapshot-format.ts';
import { migrateSnapshot } from './snapshot-migrate.ts';
import { dirAt } from './snapshot.ts';
import { imageFs, logText, readFromImage } from './testing/harness.ts';

interface Frozen { format: 2; takenAt: number; manifest: EngineSnapshot['manifest']; blobs: Record<string, string> }

const frozen = JSON.parse(readFileSync(new URL('./testing/snapshot-v2.json', import.meta.url), 'utf8')) as Frozen;
const stored = (): EngineSnapshot => ({
  format: frozen.format, takenAt: frozen.takenAt, manifest: structuredClone(frozen.manifest),
  blobs: new Map(Object.entries(frozen.blobs).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
});
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('a format-2 machine saved by an earlier version', () => {
  it('is read as the current format, whole', () => {
    const s = stored();
    expect(s.format).toBe(SNAPSHOT_FORMAT);
    expect(migrateSnapshot(s)).toBe(s);
    // Every blob its manifest names is there, and nothing else.
    expect(new Set(s.blobs.keys())).toEqual(blobKeysOf(s.manifest));
  });

  it('boots with its workspace, images, tags, network, volume and containers', async () => {
    const d = await Daemon.create({ hostFs: new MemoryFs(), restore: stored() });
    expect(d.restoreWarnings).toEqual([]);
    const ws = d.hostFs!;
    expect(text(ws.readFileSync('/home/student/app/msg.txt'))).toBe('print from v2\n');
    expect(ws.statSync('/home/student/start.sh').mode & 0o777).toBe(0o755);
    expect(ws.statSync('/home/student/start.sh').uid).toBe(1000);
    expect(ws.readlinkSync('/home/student/index.html')).toBe('site/index.html');

    const keep = d.images.mustResolve('keep:v1');
    expect(keep.id).toBe(frozen.manifest.tags.find(([r]) => r === 'docker.io/library/keep:v1')![1]);
    expect(d.images.mustResolve('keep:latest').id).toBe(keep.id);
    expect(keep.config.config.Env).toContain('GREETING=hola');
    expect(keep.config.config.Cmd).toEqual(['cat', '/app/msg.txt']);
    expect(readFromImage(d, keep, '/built.txt')).toBe('built\n');
    expect(readFromImage(d, keep, '/app/msg.txt')).toBe('print from v2\n');
    // Built on today's busybox: the saved layers sit on its layers.
    expect(imageFs(d, keep).existsSync('/bin/busybox')).toBe(true);
    const web = d.images.mustResolve('web:v1');
    expect(readFromImage(d, web, '/usr/share/nginx/html/index.html')).toBe('<h1>site</h1>\n');
    expect(d.images.mustResolve('mybox').id).toBe(d.images.mustResolve('busybox').id);
    expect(d.images.resolve('alpine:latest')).toBeUndefined();

    expect(d.networks.list().map((n) => n.name)).toContain('net1');
    expect(text(d.volumes.get('data').fs.readFileSync('/v.txt'))).toBe('from-volume\n');

    const byName = new Map(d.containers.list().map((c) => [c.name, c]));
    // --rm and running when the page went away: removed at boot, as dockerd does.
    expect([...byName.keys()].sort()).toEqual(['always', 'once', 'sleeper', 'stopped']);
    const once = byName.get('once')!;
    expect(once.state).toMatchObject({ Status: 'exited', ExitCode: 0 });
    expect(logText(once)).toBe('print from v2\n');
    expect(text(once.fs.readFileSync('/upper.txt'))).toBe('upper\n');
    expect(byName.get('sleeper')!.state).toMatchObject({ Status: 'exited', ExitCode: 255 });
    expect(byName.get('sleeper')!.networks).toEqual(['net1']);
    // unless-stopped: the one running comes back, the one the student stopped stays down.
    expect(byName.get('always')!.state.Running).toBe(true);
    expect(byName.get('stopped')!.state.Running).toBe(false);
    for (const c of [byName.get('always')!]) d.containers.kill(c, 9);
  });

  it('keeps working: its build cache serves a rebuild, its containers start again', async () => {
    const d = await Daemon.create({ hostFs: new MemoryFs(), restore: stored() });
    const context = dirAt(d.hostFs as MemoryFs, '/home/student')!;
    let output = '';
    const r = await d.build({ context, tags: ['keep:v2'], onOutput: (s) => { output += s; } });
    expect(r.image.id).toBe(d.images.mustResolve('keep:v1').id);
    // ENV, COPY, RUN and CMD: each from the cache.
    expect(output.match(/Using cache/g)).toHaveLength(4);
    const once = d.containers.get('once');
    d.containers.start(once);
    expect(await once.wait()).toBe(0);
    expect(logText(once)).toBe('print from v2\nprint from v2\n');
    d.containers.kill(d.containers.get('always'), 9);
  });
});
