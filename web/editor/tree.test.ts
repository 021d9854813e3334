import { describe, expect, it } from 'vitest';
import type { WorkspaceEntry } from '../engine/protocol.ts';
import { ancestors, buildTree, visibleRows, type TreeNode } from './tree.ts';

const file = (path: string, size = 1): WorkspaceEntry => ({ path, type: 'file', size, mtimeMs: 1 });
const dir = (path: string): WorkspaceEntry => ({ path, type: 'dir', size: 0, mtimeMs: 1 });
const names = (nodes: TreeNode[]): unknown => nodes.map((n) => (n.children.length > 0 ? { [n.name]: names(n.children) } : n.name));

describe('buildTree', () => {
  it('nests the flat listing, folders first, then by name (case-insensitive)', () => {
    const roots = buildTree([file('Dockerfile'), dir('site'), file('site/index.html'), dir('site/css'), file('site/css/a.css'), file('README.md'), file('app.js'), dir('b')]);
    expect(names(roots)).toEqual(['b', { site: [{ css: ['a.css'] }, 'index.html'] }, 'app.js', 'Dockerfile', 'README.md']);
    expect(roots[1]!.path).toBe('site');
    expect(roots[1]!.children[0]!.children[0]!.path).toBe('site/css/a.css');
  });
  it('makes up folders that a cut-off listing skipped, and takes their facts when they come', () => {
    const roots = buildTree([file('a/b/c.txt'), { path: 'a', type: 'dir', size: 4096, mtimeMs: 7 }]);
    expect(names(roots)).toEqual([{ a: [{ b: ['c.txt'] }] }]);
    expect(roots[0]).toMatchObject({ type: 'dir', size: 4096, mtimeMs: 7 });
    expect(roots[0]!.children[0]).toMatchObject({ path: 'a/b', type: 'dir' });
  });
  it('keeps symlinks as leaves and ignores duplicates', () => {
    const roots = buildTree([{ path: 'link', type: 'symlink', size: 3, mtimeMs: 1 }, file('x'), file('x')]);
    expect(roots.map((n) => [n.path, n.type])).toEqual([['link', 'symlink'], ['x', 'file']]);
  });
});

describe('visibleRows', () => {
  const roots = buildTree([dir('site'), file('site/index.html'), dir('site/css'), file('site/css/a.css'), file('Dockerfile')]);
  it('shows only the root level when nothing is expanded', () => {
    expect(visibleRows(roots, new Set()).map((r) => [r.node.path, r.level, r.posInSet, r.setSize])).toEqual([
      ['site', 1, 1, 2], ['Dockerfile', 1, 2, 2],
    ]);
  });
  it('walks expanded folders depth-first with their levels', () => {
    expect(visibleRows(roots, new Set(['site', 'site/css'])).map((r) => [r.node.path, r.level, r.posInSet, r.setSize])).toEqual([
      ['site', 1, 1, 2], ['site/css', 2, 1, 2], ['site/css/a.css', 3, 1, 1], ['site/index.html', 2, 2, 2], ['Dockerfile', 1, 2, 2],
    ]);
  });
  it('hides a child of a collapsed folder even if the child is expanded', () => {
    expect(visibleRows(roots, new Set(['site/css'])).map((r) => r.node.path)).toEqual(['site', 'Dockerfile']);
  });
});

it('ancestors lists the folders that hold a path, outermost first', () => {
  expect(ancestors('a/b/c')).toEqual(['a', 'a/b']);
  expect(ancestors('Dockerfile')).toEqual([]);
});
