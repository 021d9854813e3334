// The file tree's model: the workspace listing (WorkspaceEntry[], flat,
// as the engine's worker reports it) → nested folders and files, and the
// rows a tree shows for a set of expanded folders. Pure, so the tree's
// shape and its keyboard order are tested without a DOM.
import type { WorkspaceEntry } from '../engine/protocol.ts';
import { baseName, parentPath } from './paths.ts';

export interface TreeNode {
  name: string;
  /** Relative to the workspace root: `site/index.html`. */
  path: string;
  type: WorkspaceEntry['type'];
  size: number;
  mtimeMs: number;
  /** Folders' contents: folders first, then by name. */
  children: TreeNode[];
}

/** One visible line of the tree, in display (and arrow-key) order. */
export interface TreeRow {
  node: TreeNode;
  /** 1 for the root's entries (aria-level). */
  level: number;
  /** Position among its siblings, from 1, and how many siblings (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
}

/** The listing is bounded by the worker; this bounds what the tree takes anyway. */
export const MAX_TREE_ENTRIES = 20_000;

const byTypeThenName = (a: TreeNode, b: TreeNode): number => {
  const ad = a.type === 'dir' ? 0 : 1;
  const bd = b.type === 'dir' ? 0 : 1;
  if (ad !== bd) return ad - bd;
  const ai = a.name.toLowerCase();
  const bi = b.name.toLowerCase();
  return ai < bi ? -1 : ai > bi ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/**
 * Nests a flat listing. A folder that the listing skipped (a cut-off
 * listing) still appears, built from its contents' paths.
 * `buildTree([{ path: 'site/a.html', … }])` → `[site/ [a.html]]`.
 */
export function buildTree(entries: readonly WorkspaceEntry[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  const ensureDir = (path: string): TreeNode => {
    const known = nodes.get(path);
    if (known) return known;
    const dir: TreeNode = { name: baseName(path), path, type: 'dir', size: 0, mtimeMs: 0, children: [] };
    attach(dir);
    return dir;
  };
  const attach = (node: TreeNode): void => {
    nodes.set(node.path, node);
    const parent = parentPath(node.path);
    (parent === '' ? roots : ensureDir(parent).children).push(node);
  };
  for (const e of entries.slice(0, MAX_TREE_ENTRIES)) {
    if (e.path === '' || nodes.has(e.path)) {
      // A folder made up from its contents earlier: take the listing's own facts.
      const made = nodes.get(e.path);
      if (made) Object.assign(made, { type: e.type, size: e.size, mtimeMs: e.mtimeMs });
      continue;
    }
    attach({ name: baseName(e.path), path: e.path, type: e.type, size: e.size, mtimeMs: e.mtimeMs, children: [] });
  }
  const sortAll = (list: TreeNode[]): void => {
    list.sort(byTypeThenName);
    for (const n of list) if (n.children.length > 0) sortAll(n.children);
  };
  sortAll(roots);
  return roots;
}

/** The rows shown when the folders in `expanded` are open: depth-first, in display order. */
export function visibleRows(roots: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (list: readonly TreeNode[], level: number): void => {
    list.forEach((node, i) => {
      rows.push({ node, level, posInSet: i + 1, setSize: list.length });
      if (node.type === 'dir' && expanded.has(node.path)) walk(node.children, level + 1);
    });
  };
  walk(roots, 1);
  return rows;
}

/** Every folder that holds `path` (so that opening a file can show it): `'a/b/c'` → `['a', 'a/b']`. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = parentPath(path); p !== ''; p = parentPath(p)) out.unshift(p);
  return out;
}

/** The listing's entry for `path`, if any. */
export function entryAt(entries: readonly WorkspaceEntry[], path: string): WorkspaceEntry | undefined {
  return entries.find((e) => e.path === path);
}
