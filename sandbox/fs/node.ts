// The in-memory nodes every tree filesystem is made of: files, directories,
// symlinks, and (in overlay uppers and layer diffs only) whiteouts. Lower
// layers share nodes by reference, so a node that belongs to a frozen tree is
// never mutated: the overlay copies it up first.
import type { FileContent } from './content.ts';

export interface NodeMeta {
  /** Permission bits including setuid/setgid/sticky (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
}

export interface FileNode {
  readonly kind: 'file';
  readonly ino: number;
  meta: NodeMeta;
  content: FileContent;
}

export interface DirNode {
  readonly kind: 'dir';
  readonly ino: number;
  meta: NodeMeta;
  entries: Map<string, TreeEntry>;
  /** Overlay/layer only: this directory replaces whatever lies below it. */
  opaque: boolean;
}

export interface SymlinkNode {
  readonly kind: 'symlink';
  readonly ino: number;
  meta: NodeMeta;
  target: string;
}

/** Overlay/layer only: the name is deleted relative to the layers below. */
export interface WhiteoutNode {
  readonly kind: 'whiteout';
}

export type FsNode = FileNode | DirNode | SymlinkNode;
export type TreeEntry = FsNode | WhiteoutNode;

let nextIno = 1;
const newIno = (): number => nextIno++;

export const WHITEOUT: WhiteoutNode = Object.freeze({ kind: 'whiteout' });

export function fileNode(content: FileContent, meta: NodeMeta): FileNode {
  return { kind: 'file', ino: newIno(), meta, content };
}

export function dirNode(meta: NodeMeta, entries: Map<string, TreeEntry> = new Map()): DirNode {
  return { kind: 'dir', ino: newIno(), meta, entries, opaque: false };
}

export function symlinkNode(target: string, meta: NodeMeta): SymlinkNode {
  return { kind: 'symlink', ino: newIno(), meta, target };
}

export function metaOf(mode: number, mtimeMs: number, uid = 0, gid = 0): NodeMeta {
  return { mode: mode & 0o7777, uid, gid, mtimeMs };
}

/** A shallow copy of a node (content shared; directories get an empty map). */
export function cloneNodeShallow(node: FsNode): FsNode {
  const meta = { ...node.meta };
  switch (node.kind) {
    case 'file': return fileNode(node.content, meta);
    case 'symlink': return symlinkNode(node.target, meta);
    case 'dir': return dirNode(meta);
  }
}

/** A deep copy of a tree (file contents shared, they are immutable values). */
export function cloneTree<T extends TreeEntry>(node: T): T {
  if (node.kind !== 'dir') return node.kind === 'whiteout' ? node : (cloneNodeShallow(node) as T);
  const copy = dirNode({ ...node.meta });
  copy.opaque = node.opaque;
  for (const [name, child] of node.entries) copy.entries.set(name, cloneTree(child));
  return copy as T;
}
