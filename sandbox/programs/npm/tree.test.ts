// The package tree: edgesIn's kept answer follows every change to the tree.
import { describe, expect, it } from 'vitest';
import { edgesIn, PkgNode } from './tree.ts';

const node = (name: string, version: string, dependencies: Record<string, string> = {}): PkgNode => new PkgNode(name, { name, version, dependencies });
const into = (root: PkgNode, n: PkgNode): string[] => (edgesIn(root).get(n) ?? []).map((e) => `${e.from.name || 'root'}>${e.name}`);

describe('edgesIn', () => {
  it('is recomputed after a child is added, moved or detached, and after a manifest\'s dependencies change', () => {
    const root = new PkgNode('', { dependencies: { a: '1' } }, null, null, true);
    const a = node('a', '1.0.0', { b: '1' });
    root.adopt(a);
    const b1 = node('b', '1.0.0');
    expect(into(root, b1)).toEqual([]);
    root.adopt(b1);
    expect(into(root, b1)).toEqual(['a>b']);
    expect(edgesIn(root)).toBe(edgesIn(root)); // kept while nothing changes
    const b2 = node('b', '1.0.0');
    a.adopt(b2); // nested under a: a's edge now finds it first
    expect([into(root, b1), into(root, b2)]).toEqual([[], ['a>b']]);
    b2.detach();
    expect(into(root, b1)).toEqual(['a>b']);
    (root.pkg.dependencies as Record<string, string>).b = '1';
    root.resetEdges();
    expect(into(root, b1)).toEqual(['root>b', 'a>b']);
  });
});
