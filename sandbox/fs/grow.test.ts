// Files that grow by appends (grow.ts): every reader sees exactly the bytes
// written, contents handed out earlier (lower layers, copies, snapshots)
// never change, a sparse gap reads as zeros, a truncated file grows from its
// new end, accounting charges the real size — and appends do not copy the
// file each time (counted by the buffers used, not by timing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger, type SpaceAccount } from './charged-dir.ts';
import { contentBytes, GeneratedContent, type FileContent } from './content.ts';
import { grow, spareRoom } from './grow.ts';
import { MemoryFs } from './memory.ts';
import { OverlayFs } from './overlay.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | FileContent): string => new TextDecoder().decode(contentBytes(b));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

describe('grow', () => {
  it('many appends give exactly the bytes written, each earlier content unchanged', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 60 }), (chunks) => {
      let c: FileContent = new Uint8Array(0);
      const seen: Array<[FileContent, Uint8Array]> = [];
      for (let i = 0; i < chunks.length; i++) {
        c = grow(c, chunks[i]!, contentBytes(c).length).content;
        seen.push([c, concat(chunks.slice(0, i + 1))]);
      }
      for (const [content, expected] of seen) expect(contentBytes(content)).toEqual(expected);
    }));
  });

  it('does not copy the file on each append: 10,000 appends use a few dozen buffers', () => {
    let c: FileContent = new Uint8Array(0);
    const buffers = new Set<ArrayBufferLike>();
    const chunk = new Uint8Array(4096).fill(7);
    for (let i = 0; i < 10_000; i++) {
      c = grow(c, chunk, i * 4096).content;
      buffers.add((c as Uint8Array).buffer);
    }
    expect((c as Uint8Array).length).toBe(10_000 * 4096);
    expect(buffers.size).toBeLessThan(40);
    // The room to spare is bounded: at most half again, at most 64 MiB.
    expect(spareRoom(c)).toBeLessThanOrEqual(Math.min((c as Uint8Array).length / 2, 64 * 1024 * 1024) + 256);
  });

  it('two files sharing one content grow apart: neither sees the other\'s bytes', () => {
    const base = grow(new Uint8Array(0), bytes('shared|'), 0).content;
    const a = grow(base, bytes('from a'), base.length).content;
    const b = grow(base, bytes('from b'), base.length).content;
    const a2 = grow(a, bytes('+a'), a.length).content;
    const b2 = grow(b, bytes('+b'), b.length).content;
    expect([text(base), text(a), text(b), text(a2), text(b2)]).toEqual(['shared|', 'shared|from a', 'shared|from b', 'shared|from a+a', 'shared|from b+b']);
    // `a` grew in place (it was the longest view of its buffer); `b` had to copy.
    expect(a.buffer).toBe(base.buffer);
    expect(b.buffer).not.toBe(base.buffer);
  });

  it('a write past the end leaves a gap of zeros, also where an undone write had been', () => {
    const c = grow(new Uint8Array(0), bytes('ab'), 0).content;
    const undone = grow(c, bytes('XXXXXXXX'), 2);
    undone.undo();
    const sparse = grow(c, bytes('z'), 6).content;
    expect(sparse.buffer).toBe(c.buffer);
    expect([...sparse]).toEqual([97, 98, 0, 0, 0, 0, 122]);
    expect(() => grow(sparse, bytes('x'), 3)).toThrow(RangeError);
  });

  it('generated content (a base image\'s binary) is materialised once, then grows', () => {
    const gen = new GeneratedContent('seed', 100_000, 'ELF');
    const g = grow(gen, bytes('tail'), 100_000).content;
    expect(g.subarray(0, 100_000)).toEqual(gen.bytes());
    expect(text(g.subarray(100_000))).toBe('tail');
  });
});

describe('appends through the filesystems', () => {
  it('memory fs: appendFile-style writes and a truncate in between', () => {
    const fs = new MemoryFs({ now: () => 0 });
    fs.writeFileSync('/log', '');
    const early = fs.readContentSync('/log');
    const expected: string[] = [];
    for (let i = 0; i < 500; i++) { fs.writeFileSync('/log', `line ${i}\n`, { flag: 'a' }); expected.push(`line ${i}\n`); }
    const before = fs.readContentSync('/log');
    expect(text(before)).toBe(expected.join(''));
    // Truncated to its first line (a view of the same buffer), then grown again: the old tail does not come back.
    fs.writeFileSync('/log', (before as Uint8Array).subarray(0, 7));
    fs.writeFileSync('/log', 'again\n', { flag: 'a' });
    expect(text(fs.readFileSync('/log'))).toBe('line 0\nagain\n');
    expect(text(before)).toBe(expected.join(''));
    expect(text(early)).toBe('');
    // writeAtSync: past the end (sparse), at the end, inside.
    expect(fs.writeAtSync('/log', bytes('!'), 16)).toBe(17);
    expect(fs.writeAtSync('/log', bytes('?'), 17)).toBe(18);
    expect(fs.writeAtSync('/log', bytes('L'), 0)).toBe(18);
    expect(text(fs.readFileSync('/log'))).toBe('Line 0\nagain\n\0\0\0!?');
  });

  it('overlay: a lower file is copied up and grown; the lower tree and another container on it never change', () => {
    const low = new MemoryFs({ now: () => 0 });
    low.writeFileSync('/var.log', 'image\n');
    const a = new OverlayFs(low.root, { now: () => 1 });
    const b = new OverlayFs(low.root, { now: () => 1 });
    for (let i = 0; i < 200; i++) {
      a.writeAtSync('/var.log', bytes(`a${i}\n`), a.statSync('/var.log').size);
      b.writeFileSync('/var.log', `b${i}\n`, { flag: 'a' });
    }
    const tail = (who: string) => Array.from({ length: 200 }, (_, i) => `${who}${i}\n`).join('');
    expect(text(a.readFileSync('/var.log'))).toBe(`image\n${tail('a')}`);
    expect(text(b.readFileSync('/var.log'))).toBe(`image\n${tail('b')}`);
    expect(text(low.readFileSync('/var.log'))).toBe('image\n');
    // The change set holds the grown file as it reads.
    const upper = a.upper.entries.get('var.log');
    expect(upper?.kind === 'file' && text(upper.content)).toBe(`image\n${tail('a')}`);
  });

  it('a writable layer is charged the file\'s size, not its buffer; a write that does not fit changes nothing and the next one fits in place', () => {
    let used = 0;
    const account: SpaceAccount = { charge: (n) => { used += n; return true; }, uncharge: (n) => { used -= n; } };
    const ledger = new Ledger(account, { bytes: 10_000 });
    const fs = new OverlayFs(new MemoryFs().root, { ledger, now: () => 0 });
    fs.writeFileSync('/f', '');
    const chunk = new Uint8Array(1000).fill(1);
    for (let i = 0; i < 9; i++) fs.writeAtSync('/f', chunk, i * 1000);
    expect([ledger.used, used, fs.statSync('/f').size]).toEqual([9000, 9000, 9000]);
    const bufferBefore = (fs.readContentSync('/f') as Uint8Array).buffer;
    expect(() => fs.writeAtSync('/f', new Uint8Array(2000), 9000)).toThrow(/ENOSPC/);
    expect([ledger.used, fs.statSync('/f').size]).toEqual([9000, 9000]);
    fs.writeAtSync('/f', new Uint8Array(500).fill(2), 9000);
    const after = fs.readContentSync('/f') as Uint8Array;
    expect(after.buffer).toBe(bufferBefore);
    expect([...after.subarray(8999, 9001)]).toEqual([1, 2]);
    expect([ledger.used, after.length]).toEqual([9500, 9500]);
    fs.writeFileSync('/f', '');
    expect(ledger.used).toBe(0);
  });
});
