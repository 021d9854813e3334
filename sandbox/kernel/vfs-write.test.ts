// write(2) and pwrite(2) on regular files (vfs.ts RegularFile), as programs
// issue them: O_APPEND from two descriptors, sequential writes, a seek past
// the end (a sparse gap of zeros), overwrites inside, O_TRUNC — every reader
// sees exactly the bytes written, and a file grown by many small writes is
// not copied on each of them.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { OverlayFs } from '../fs/overlay.ts';
import { FdTable } from './fd.ts';
import { openPath, RegularFile, type OpenFlags } from './vfs.ts';

const root = { uid: 0, gid: 0, groups: [] };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function open(fs: MemoryFs | OverlayFs, path: string, flags: OpenFlags): RegularFile {
  const f = openPath(fs, path, flags, root, new FdTable());
  if (!(f instanceof RegularFile)) throw new Error('not a regular file');
  return f;
}

describe('writes to regular files', () => {
  it('O_APPEND from two descriptors interleaves at the end; a reader sees every byte', () => {
    const fs = new MemoryFs({ now: () => 0 });
    const a = open(fs, '/log', { write: true, create: true, append: true });
    const b = open(fs, '/log', { write: true, create: true, append: true });
    const r = open(fs, '/log', { read: true });
    let expected = '';
    let read = '';
    for (let i = 0; i < 300; i++) {
      a.writeSync(enc(`a${i};`)); expected += `a${i};`;
      b.writeSync(enc(`b${i};`)); expected += `b${i};`;
      // A reader following the file as it grows (tail -f) gets each byte once, in order.
      if (i % 7 === 0) read += dec(r.readSync(1 << 20));
    }
    read += dec(r.readSync(1 << 20));
    expect(read).toBe(expected);
    expect(dec(fs.readFileSync('/log'))).toBe(expected);
  });

  it('a seek past the end leaves zeros; an overwrite inside changes only its bytes; O_TRUNC starts again', () => {
    const fs = new MemoryFs({ now: () => 0 });
    const f = open(fs, '/f', { read: true, write: true, create: true });
    f.writeSync(enc('head'));
    f.writeSync(enc('tail'), 10);
    expect(f.offset).toBe(4);
    f.offset = 20;
    f.writeSync(enc('!'));
    expect([...fs.readFileSync('/f')]).toEqual([...enc('head'), 0, 0, 0, 0, 0, 0, ...enc('tail'), 0, 0, 0, 0, 0, 0, 33]);
    f.writeSync(enc('HE'), 0);
    expect(dec(fs.readFileSync('/f').subarray(0, 4))).toBe('HEad');
    expect(fs.statSync('/f').size).toBe(21);
    const t = open(fs, '/f', { write: true, truncate: true });
    t.writeSync(enc('new'));
    expect(dec(fs.readFileSync('/f'))).toBe('new');
  });

  it('a container appending to an image\'s file: the image keeps its bytes, the container reads its own', () => {
    const image = new MemoryFs({ now: () => 0 });
    image.mkdirSync('/etc');
    image.writeFileSync('/etc/motd', 'welcome\n');
    const container = new OverlayFs(image.root, { now: () => 1 });
    const f = open(container, '/etc/motd', { write: true, append: true });
    for (let i = 0; i < 1000; i++) f.writeSync(enc(`${i}\n`));
    const body = Array.from({ length: 1000 }, (_, i) => `${i}\n`).join('');
    expect(dec(container.readFileSync('/etc/motd'))).toBe(`welcome\n${body}`);
    expect(dec(image.readFileSync('/etc/motd'))).toBe('welcome\n');
  });

  it('16 MiB written 4 KiB at a time grows one file in place: few buffers, not one per write', () => {
    const fs = new MemoryFs({ now: () => 0 });
    const f = open(fs, '/big', { write: true, create: true, truncate: true });
    const chunk = new Uint8Array(4096);
    const buffers = new Set<ArrayBufferLike>();
    for (let i = 0; i < 4096; i++) {
      chunk.fill(i & 0xff);
      f.writeSync(chunk);
      buffers.add((fs.readContentSync('/big') as Uint8Array).buffer);
    }
    const all = fs.readFileSync('/big');
    expect(all.length).toBe(16 * 1024 * 1024);
    for (let i = 0; i < 4096; i += 511) expect([all[i * 4096], all[i * 4096 + 4095]]).toEqual([i & 0xff, i & 0xff]);
    expect(buffers.size).toBeLessThan(40);
  });
});
