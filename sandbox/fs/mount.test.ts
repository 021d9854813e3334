// A mountpoint as Linux has it: the mounted directory's owner and mode show
// there and can be changed there (chown /data of a volume), while the
// mountpoint itself cannot be removed or renamed (EBUSY).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory.ts';
import { MountFs } from './mount.ts';

function setup() {
  const base = new MemoryFs({ now: () => 0 });
  base.mkdirSync('/data');
  const volume = new MemoryFs({ now: () => 0 });
  volume.writeFileSync('/dump.rdb', 'x');
  const fs = new MountFs(base, new Map([['/data', { fs: volume }]]));
  return { base, volume, fs };
}

describe('MountFs mountpoints', () => {
  it('chown, chmod and utimes of a mountpoint change the mounted root', () => {
    const { volume, fs } = setup();
    fs.chownSync('/data', 999, 1000);
    fs.chmodSync('/data', 0o700);
    fs.utimesSync('/data', 5000);
    expect(fs.statSync('/data')).toMatchObject({ uid: 999, gid: 1000, mode: 0o700, mtimeMs: 5000 });
    expect(volume.statSync('/')).toMatchObject({ uid: 999, gid: 1000, mode: 0o700 });
    expect(fs.readdirSync('/data')).toEqual(['dump.rdb']);
  });

  it('cannot remove or rename a mountpoint', () => {
    const { fs } = setup();
    expect(() => fs.rmSync('/data', { recursive: true })).toThrow(/EBUSY|busy/);
    expect(() => fs.renameSync('/data', '/other')).toThrow(/EBUSY|busy/);
    expect(() => fs.writeFileSync('/data', 'x')).toThrow(/EISDIR|directory/);
  });
});
