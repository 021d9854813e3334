// A machine stored in format 1 (testing/snapshot-v1.json: one record,
// trees and logs inline as base64; a machine the engine made — a workspace,
// an image built on busybox, a volume, an exited and a running container —
// laid out as format 1 lays it out) is upgraded by the current code and
// boots: everything is there, and what format 1 did not record takes
// Docker's defaults.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Daemon } from './daemon.ts';
import { logText } from './testing/harness.ts';
import { blobKeysOf, SNAPSHOT_FORMAT, type SnapshotV1 } from './snapshot-format.ts';
import { migrateSnapshot } from './snapshot-migrate.ts';

const v1 = JSON.parse(readFileSync(new URL('./testing/snapshot-v1.json', import.meta.url), 'utf8')) as SnapshotV1;

describe('snapshot format migrations', () => {
  it('1 → 2: inline trees and logs become blobs the manifest names, nothing else', () => {
    const s = migrateSnapshot(v1);
    expect(s.format).toBe(SNAPSHOT_FORMAT);
    expect(new Set(s.blobs.keys())).toEqual(blobKeysOf(s.manifest));
    expect(s.manifest.layers[0]!.tree).toBe(`layer:${v1.layers[0]!.chainId}`);
    expect(s.manifest.images[0]).toMatchObject({ id: v1.images[0]!.id, config: `config:${v1.images[0]!.id}`, inStore: true });
    expect(s.manifest).toMatchObject({ untagged: [], removedBuiltins: [], buildCache: [], networks: [] });
    expect(s.manifest.volumes[0]).toMatchObject({ name: 'notes', seeded: true });
    expect(s.manifest.containers.map((c) => [c.name, c.connected, c.autoRemove, c.stoppedByUser])).toEqual([
      ['was-running', [['bridge', []]], false, false],
      ['old', [['bridge', []]], false, false],
    ]);
    // The current format passes through untouched.
    expect(migrateSnapshot(s)).toBe(s);
  });

  it('a format-1 machine boots with everything in it', async () => {
    const d = await Daemon.create({ hostFs: new MemoryFs(), restore: v1 });
    expect(d.restoreWarnings).toEqual([]);
    const ws = d.hostFs!;
    expect(new TextDecoder().decode(ws.readFileSync('/home/student/site/index.html'))).toBe('<h1>from format 1</h1>\n');
    expect(ws.statSync('/home/student/start.sh').mode & 0o777).toBe(0o755);
    expect(ws.readlinkSync('/home/student/index.html')).toBe('site/index.html');
    const image = d.images.mustResolve('legacy:v1');
    expect(image.id).toBe(v1.tags.find(([ref]) => ref.endsWith('/legacy:v1'))![1]);
    expect(new TextDecoder().decode(d.volumes.get('notes').fs.readFileSync('/note.txt'))).toBe('kept since format 1\n');
    const old = d.containers.get('old');
    expect(old.state).toMatchObject({ Status: 'exited', ExitCode: 0 });
    expect(logText(old)).toBe('hello from v1\n');
    expect(new TextDecoder().decode(old.fs.readFileSync('/copy.txt'))).toBe('legacy\n');
    expect(d.containers.get('was-running').state).toMatchObject({ Status: 'exited', Running: false, ExitCode: 255 });
    d.containers.start(old);
    expect(await old.wait()).toBe(0);
    expect(logText(old)).toBe('hello from v1\nhello from v1\n');
  });
});
