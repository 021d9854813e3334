// Fuzzing the tar reader (layers, build contexts, ADD, docker load/cp all
// read tars with it): random bytes and damaged real archives either read
// into a tree that stays under its root or fail with a TarError — never a
// JavaScript error, never a hang. Archives full of names, symlinks and hard
// links that climb out, unpacked at the root or below it, are checked
// against the rules worked out here on their own: moby's (docker cp) refuses
// with the breakout error only when an entry leaves where it is unpacked;
// strict (docker load, the build context, ADD) also when a name or hard
// link target is absolute or climbs above the archive's root; and when the
// archive is read, nothing in it did (and without symlinks, nothing landed
// outside that directory).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirNode } from '../fs/node.ts';
import { dirname, isWithin, normalizePath, splitPath } from '../fs/path.ts';
import { readTarTree, TarBreakoutError, TarError } from './tar-read.ts';
import { tarOf, type TestEntry } from './testing/tar.ts';

const NAMES = ['a', 'dir/', 'dir/b', '../x', '../../etc/passwd', '/abs', './c', 'dir/../../up', '.wh.a', 'dir/.wh..wh..opq', 'l', 'l/through', 'é/ñ', 'x'.repeat(150),
  '..', '/..', '/../x', 'a/../..', '../tmp/x', '../b/c', 'l/../../x', 'l/etc/x', 'dir/l/x', 'l/l/x', '.', '/'];
const LINKS = ['a', '../a', '/a', '/etc/passwd', '../../..', 'dir/b', 'missing', '/', '../..', '..', '../../../etc', 'l', 'l/x', '../tmpx', 'dir', 'sub/../..', '.', '/etc', 'x/../../b'];
const DESTS = ['/', '/tmp', '/a/b'];

const entry: fc.Arbitrary<TestEntry> = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-z./]{1,12}$/)),
  type: fc.constantFrom('file', 'file', 'directory', 'symlink', 'link'),
  body: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 })),
  linkname: fc.oneof(fc.constantFrom(...LINKS), fc.stringMatching(/^[a-z./]{1,10}$/)),
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

/** Absolute, or above the root once cleaned: what strict refuses in a name or a hard link's target. */
function outOfRoot(name: string): boolean {
  if (name.startsWith('/')) return true;
  const clean = normalizePath(`/r/${name}`);
  return !isWithin('/r', clean);
}

/**
 * Does this entry leave `dest`? (moby: the name, cleaned — `/../x` is `/x` —
 * joined to dest; a symlink's target joined to its directory; a hard link's
 * target joined to dest. Strict: also a name, or a hard link's target, that
 * is absolute or climbs above the archive's root.)
 */
function escapes(e: TestEntry, dest: string, whiteouts: boolean, strict: boolean): boolean {
  if (strict && (outOfRoot(e.name) || (e.type === 'link' && outOfRoot(e.linkname ?? '')))) return true;
  const path = normalizePath(`${dest}/${e.name.startsWith('/') ? normalizePath(e.name) : e.name}`);
  if (!isWithin(dest, path)) return true;
  if (path === dest || (whiteouts && splitPath(path).at(-1)!.startsWith('.wh.'))) return false;
  if (e.type === 'symlink') return !isWithin(dest, normalizePath(`${dirname(path)}/${e.linkname}`));
  if (e.type === 'link') return !isWithin(dest, normalizePath(`${dest}/${e.linkname}`));
  return false;
}

const BREAKOUT = /^(".*" is outside of ".*"|invalid symlink ".*" -> ".*"|invalid hardlink ".*" -> ".*")$/s;
const STRICT_BREAKOUT = /^archive\/tar: insecure (file path ".*": (it leaves the archive's root|an absolute name .*)|hard link ".*" -> ".*": (its target leaves the archive's root|an absolute target .*))$/s;

async function readsOrTarError(bytes: Uint8Array, whiteouts: boolean, dest = '/', strict = false): Promise<DirNode | TarError> {
  try {
    const tree = await readTarTree(bytes, { whiteouts, dest, strict, maxBytes: 1 << 20, maxEntries: 1000 });
    depthOk(tree);
    return tree;
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    if (e instanceof TarBreakoutError) expect(e.message).toMatch(strict && STRICT_BREAKOUT.test(e.message) ? STRICT_BREAKOUT : BREAKOUT);
    return e;
  }
}

describe('tar reader (fuzz)', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), fc.constantFrom(...DESTS), fc.boolean(), async (bytes, whiteouts, dest, strict) => { await readsOrTarError(bytes, whiteouts, dest, strict); }));
  });

  it('real archives with odd names and links, damaged or not, stay under their root', async () => {
    await fc.assert(fc.asyncProperty(fc.array(entry, { maxLength: 8 }), fc.option(damage), fc.boolean(), fc.constantFrom(...DESTS), fc.boolean(), async (entries, hurt, whiteouts, dest, strict) => {
      const tar = await tarOf(entries);
      await readsOrTarError(hurt ? hurt(tar) : tar, whiteouts, dest, strict);
    }));
  });

  it('escaping names, symlinks and hard links: refused with the breakout error exactly when one leaves where the archive is unpacked', async () => {
    const seen = { refused: 0, strictRefused: 0, otherError: 0, read: 0, readWithDotDot: 0, strictReadThroughSymlink: 0 };
    await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.constantFrom(...DESTS), fc.boolean(), async (entries, whiteouts, dest, strict) => {
      const out = await readsOrTarError(await tarOf(entries), whiteouts, dest, strict);
      const leaving = entries.filter((e) => escapes(e, dest, whiteouts, strict));
      if (out instanceof TarBreakoutError) {
        seen.refused++;
        if (strict && STRICT_BREAKOUT.test(out.message)) {
          seen.strictRefused++;
          // The first entry strict refuses is the one named.
          expect(leaving.some((e) => out.message.includes(JSON.stringify(e.name))), out.message).toBe(true);
        }
        expect(leaving.length, out.message).toBeGreaterThan(0);
        return;
      }
      if (out instanceof TarError) { seen.otherError++; return; } // an earlier entry was malformed (a hard link to nothing, a symlink loop)
      seen.read++;
      if (entries.some((e) => e.name.split('/').includes('..') || (e.linkname ?? '').split('/').includes('..'))) seen.readWithDotDot++;
      expect(leaving, 'read although an entry leaves its directory').toEqual([]);
      if (strict && entries.some((e) => e.type === 'symlink') && entries.some((e) => e.name.includes('/'))) seen.strictReadThroughSymlink++;
      if (dest === '/' || entries.some((e) => e.type === 'symlink')) return;
      // No symlink to go through: nothing but the way down to dest at the top.
      expect([...out.entries.keys()].filter((k) => k !== splitPath(dest)[0])).toEqual([]);
    }), { numRuns: 300 });
    // The runs did meet every outcome: refused below the root, refused by strict, read (`..` stopped at the root) at it.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.strictRefused).toBeGreaterThan(0);
    expect(seen.readWithDotDot).toBeGreaterThan(0);
    expect(seen.strictReadThroughSymlink).toBeGreaterThan(0);
  });
});
