// Fuzzing the tar reader (layers, build contexts, ADD, docker load/cp all
// read tars with it): random bytes and damaged real archives either read
// into a tree that stays under its root or fail with a TarError — never a
// JavaScript error, never a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirNode } from '../fs/node.ts';
import { readTarTree, TarError } from './tar-read.ts';
import { tarOf, type TestEntry } from './testing/tar.ts';

const NAMES = ['a', 'dir/', 'dir/b', '../x', '../../etc/passwd', '/abs', './c', 'dir/../../up', '.wh.a', 'dir/.wh..wh..opq', 'l', 'l/through', 'é/ñ', 'x'.repeat(150)];

const entry: fc.Arbitrary<TestEntry> = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-z./]{1,12}$/)),
  type: fc.constantFrom('file', 'file', 'directory', 'symlink', 'link'),
  body: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 })),
  linkname: fc.constantFrom('a', '/etc/passwd', '../../..', 'dir/b', 'missing', '/'),
}).map((e) => (e.type === 'symlink' || e.type === 'link' ? { name: e.name, type: e.type, linkname: e.linkname } : { name: e.name.replace(/\/$/, '') || 'z', type: e.type, body: e.type === 'file' ? e.body : '' }));

/** Damage: bytes overwritten, the archive cut short, or junk appended. */
const damage = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => (b: Uint8Array) => {
    const out = b.slice();
    for (const [at, v] of edits) out[at % out.length] = v;
    return out;
  }),
  fc.nat().map((n) => (b: Uint8Array) => b.subarray(0, n % (b.length + 1))),
  fc.uint8Array({ maxLength: 700 }).map((junk) => (b: Uint8Array) => { const out = new Uint8Array(b.length + junk.length); out.set(b); out.set(junk, b.length); return out; }),
);

function depthOk(dir: DirNode, depth = 0): void {
  expect(depth).toBeLessThan(100);
  for (const [name, node] of dir.entries) {
    expect(name === '' || name === '.' || name === '..' || name.includes('/'), `entry name ${JSON.stringify(name)}`).toBe(false);
    if (node.kind === 'dir') depthOk(node, depth + 1);
  }
}

async function readsOrTarError(bytes: Uint8Array, whiteouts: boolean): Promise<void> {
  try {
    depthOk(await readTarTree(bytes, { whiteouts, maxBytes: 1 << 20, maxEntries: 1000 }));
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('tar reader (fuzz)', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), readsOrTarError));
  });

  it('real archives with odd names and links, damaged or not, stay under their root', async () => {
    await fc.assert(fc.asyncProperty(fc.array(entry, { maxLength: 8 }), fc.option(damage), fc.boolean(), async (entries, hurt, whiteouts) => {
      const tar = await tarOf(entries);
      await readsOrTarError(hurt ? hurt(tar) : tar, whiteouts);
    }));
  });
});
