// encodeTree/decodeTree: a tree comes back node for node — kinds, modes,
// owners, fractional mtimes, opaque directories, whiteouts, symlinks,
// generated content as its recipe, shared bytes stored once — and damaged
// bytes are refused with a TreeCodecError, never a half-built tree.
import { describe, expect, it } from 'vitest';
import { GeneratedContent } from './content.ts';
import { MemoryFs } from './memory.ts';
import { dirNode, fileNode, metaOf, WHITEOUT, type DirNode, type TreeEntry } from './node.ts';
import { decodeTree, encodeTree, TreeCodecError } from './tree-codec.ts';

/** A comparable plain form of a tree (inode numbers left out: they are per process). */
function plain(e: TreeEntry): unknown {
  switch (e.kind) {
    case 'whiteout': return 'whiteout';
    case 'symlink': return { link: e.target, meta: e.meta };
    case 'file': return { meta: e.meta, bytes: e.content instanceof GeneratedContent ? { seed: e.content.seed, size: e.content.size, head: [...e.content.head] } : [...e.content] };
    case 'dir': return { meta: e.meta, opaque: e.opaque, entries: [...e.entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, c]) => [n, plain(c)]) };
  }
}

describe('tree codec', () => {
  it('round-trips every kind of node exactly', () => {
    const fs = new MemoryFs({ now: () => 1_700_000_000_000.25 });
    fs.mkdirSync('/a/b/c', { recursive: true });
    fs.mkdirSync('/bin');
    fs.writeFileSync('/a/b/c/file.txt', 'hello', { mode: 0o4755, uid: 1000, gid: 50 });
    fs.writeFileSync('/a/empty', new Uint8Array(0));
    fs.writeFileSync('/a/ñandú \n名前.bin', new Uint8Array([0, 1, 2, 255]));
    fs.writeFileSync('/bin/tool', new GeneratedContent('bin:tool', 200_000, 'ELFhead'), { mode: 0o755 });
    fs.symlinkSync('../a/b', '/a/link');
    fs.chmodSync('/a/b', 0o1777);
    const root = fs.root;
    const opaque = dirNode(metaOf(0o700, 5, 1, 2));
    opaque.opaque = true;
    root.entries.set('opaque', opaque);
    root.entries.set('gone', WHITEOUT);
    const back = decodeTree(encodeTree(root));
    expect(plain(back)).toEqual(plain(root));
    expect(back).not.toBe(root);
    // Generated content stays a recipe: 200 kB of binary cost a few bytes.
    expect(encodeTree(root).length).toBeLessThan(2000);
    expect(new MemoryFs({ root: back }).readFileSync('/bin/tool')).toEqual(fs.readFileSync('/bin/tool'));
  });

  it('stores bytes shared by several files once, and decodes them as separate copies', () => {
    const bytes = new Uint8Array(10_000).fill(7);
    const root = dirNode(metaOf(0o755, 0));
    root.entries.set('x', fileNode(bytes, metaOf(0o644, 0)));
    root.entries.set('y', fileNode(bytes, metaOf(0o600, 0)));
    const encoded = encodeTree(root);
    expect(encoded.length).toBeLessThan(11_000);
    const back = decodeTree(encoded);
    const [x, y] = [back.entries.get('x'), back.entries.get('y')];
    expect(x?.kind === 'file' && y?.kind === 'file' && x.content !== y.content).toBe(true);
    expect(plain(back)).toEqual(plain(root));
  });

  it('handles a very deep tree without recursion', () => {
    const root = dirNode(metaOf(0o755, 0));
    let d: DirNode = root;
    for (let i = 0; i < 20_000; i++) { const next = dirNode(metaOf(0o755, i)); d.entries.set('d', next); d = next; }
    let back: DirNode = decodeTree(encodeTree(root));
    let depth = 0;
    while (back.entries.get('d')?.kind === 'dir') { back = back.entries.get('d') as DirNode; depth++; }
    expect(depth).toBe(20_000);
  });

  it('refuses damaged bytes', () => {
    const good = encodeTree(new MemoryFs().root);
    expect(() => decodeTree(new Uint8Array([1, 2, 3]))).toThrow(TreeCodecError);
    expect(() => decodeTree(good.subarray(0, good.length - 5))).toThrow(TreeCodecError);
    const fs = new MemoryFs();
    fs.writeFileSync('/f', 'abcdef');
    const withData = encodeTree(fs.root);
    expect(() => decodeTree(withData.subarray(0, withData.length - 2))).toThrow('saved file tree points outside its data');
  });
});
