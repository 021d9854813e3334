// Overlay-specific behaviour: copy-up, whiteouts, opaque directories, and
// the upper tree as the exact change set (checked by merging it back).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory.ts';
import { OverlayFs } from './overlay.ts';
import { applyDiff } from './merge.ts';
import { snapshot } from './testing/snapshot.ts';
import type { DirNode } from './node.ts';

function lower(): DirNode {
  const m = new MemoryFs({ now: () => 1 });
  m.mkdirSync('/etc/conf.d', { recursive: true });
  m.writeFileSync('/etc/hosts', 'localhost');
  m.writeFileSync('/etc/conf.d/a', 'A');
  m.writeFileSync('/etc/conf.d/b', 'B');
  m.mkdirSync('/usr/bin', { recursive: true });
  m.writeFileSync('/usr/bin/tool', 'bin', { mode: 0o755 });
  return m.root;
}

describe('overlay filesystem', () => {
  it('never changes the lower tree', async () => {
    const low = lower();
    const before = await snapshot(new MemoryFs({ root: low }));
    const fs = new OverlayFs(low, { now: () => 2 });
    await fs.writeFile('/etc/hosts', 'changed');
    await fs.chmod('/usr/bin/tool', 0o700);
    await fs.rm('/etc/conf.d', { recursive: true });
    await fs.rename('/usr', '/opt');
    expect(await snapshot(new MemoryFs({ root: low }))).toEqual(before);
  });

  it('copies up a changed file with its parents only', () => {
    const fs = new OverlayFs(lower(), { now: () => 2 });
    fs.writeFileSync('/etc/hosts', 'changed');
    expect([...fs.upper.entries.keys()]).toEqual(['etc']);
    const etc = fs.upper.entries.get('etc') as DirNode;
    expect([...etc.entries.keys()]).toEqual(['hosts']);
    expect(etc.opaque).toBe(false);
  });

  it('hides deleted lower entries with whiteouts', () => {
    const fs = new OverlayFs(lower(), { now: () => 2 });
    fs.unlinkSync('/etc/conf.d/a');
    const confd = (fs.upper.entries.get('etc') as DirNode).entries.get('conf.d') as DirNode;
    expect(confd.entries.get('a')?.kind).toBe('whiteout');
    expect(fs.readdirSync('/etc/conf.d')).toEqual(['b']);
    fs.writeFileSync('/etc/conf.d/a', 'again');
    expect(confd.entries.get('a')?.kind).toBe('file');
  });

  it('marks a directory that replaces a deleted lower one opaque', () => {
    const fs = new OverlayFs(lower(), { now: () => 2 });
    fs.rmSync('/etc/conf.d', { recursive: true });
    fs.mkdirSync('/etc/conf.d');
    expect(fs.readdirSync('/etc/conf.d')).toEqual([]);
    const confd = (fs.upper.entries.get('etc') as DirNode).entries.get('conf.d') as DirNode;
    expect(confd.opaque).toBe(true);
  });

  it('a file created only in the upper leaves no whiteout when deleted', () => {
    const fs = new OverlayFs(lower(), { now: () => 2 });
    fs.writeFileSync('/new', 'x');
    fs.unlinkSync('/new');
    expect(fs.upper.entries.has('new')).toBe(false);
  });

  it('merging the upper onto the lower gives what the overlay shows', async () => {
    const low = lower();
    const fs = new OverlayFs(low, { now: () => 2 });
    fs.rmSync('/etc/conf.d', { recursive: true });
    fs.mkdirSync('/etc/conf.d');
    fs.writeFileSync('/etc/conf.d/c', 'C');
    fs.renameSync('/usr/bin', '/usr/sbin');
    fs.symlinkSync('/usr/sbin/tool', '/tool');
    const merged = new MemoryFs({ root: applyDiff(low, fs.upper) });
    expect(await snapshot(merged, { mtimes: true })).toEqual(await snapshot(fs, { mtimes: true }));
  });
});
