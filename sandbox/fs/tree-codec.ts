// A tree of nodes as bytes and back, exactly: what a snapshot of the engine
// stores for a layer's change set, a container's writable layer, a volume or
// the workspace. Every node keeps its kind, mode, owner, mtime (to the
// fraction of a millisecond), a directory its opaque flag, a symlink its
// target, and whiteouts stay whiteouts. Generated content (a base image's
// binaries) is stored as its recipe, not as its bytes; byte arrays shared by
// several files are stored once.
//
// Layout: "DPTREE1\n", a u32 (big-endian) header length, the header (UTF-8
// JSON), then the file bytes. The header is a flat list of nodes, parents
// first, so decoding needs no recursion however deep the tree:
//   [parent, name, 'd', mode, uid, gid, mtimeMs, opaque]
//   [parent, name, 'f', mode, uid, gid, mtimeMs, offset, length]
//   [parent, name, 'g', mode, uid, gid, mtimeMs, seed, size, headOffset, headLength]
//   [parent, name, 'l', mode, uid, gid, mtimeMs, target]
//   [parent, name, 'w']
// The root is node 0, with parent -1 and name ''.
import { GeneratedContent } from './content.ts';
import { dirNode, fileNode, symlinkNode, WHITEOUT, type DirNode, type NodeMeta, type TreeEntry } from './node.ts';

const MAGIC = new TextEncoder().encode('DPTREE1\n');
const encoder = new TextEncoder();

export class TreeCodecError extends Error {
  override name = 'TreeCodecError';
}

type Meta = [mode: number, uid: number, gid: number, mtimeMs: number];
type Row =
  | [number, string, 'd', ...Meta, 0 | 1]
  | [number, string, 'f', ...Meta, number, number]
  | [number, string, 'g', ...Meta, string, number, number, number]
  | [number, string, 'l', ...Meta, string]
  | [number, string, 'w'];

const metaRow = (m: NodeMeta): Meta => [m.mode, m.uid, m.gid, m.mtimeMs];

/**
 * The bytes of a tree.
 * @example decodeTree(encodeTree(fs.root)) // an equal, independent tree
 */
export function encodeTree(root: DirNode): Uint8Array {
  const rows: Row[] = [];
  const chunks: Uint8Array[] = [];
  const offsets = new Map<Uint8Array, number>();
  let size = 0;
  const store = (bytes: Uint8Array): number => {
    const known = offsets.get(bytes);
    if (known !== undefined) return known;
    const at = size;
    offsets.set(bytes, at);
    chunks.push(bytes);
    size += bytes.length;
    return at;
  };
  // Depth-first with an explicit stack: parents always get their index first.
  const stack: Array<[TreeEntry, number, string]> = [[root, -1, '']];
  while (stack.length > 0) {
    const [e, parent, name] = stack.pop()!;
    const index = rows.length;
    switch (e.kind) {
      case 'whiteout': rows.push([parent, name, 'w']); break;
      case 'symlink': rows.push([parent, name, 'l', ...metaRow(e.meta), e.target]); break;
      case 'file':
        if (e.content instanceof GeneratedContent) rows.push([parent, name, 'g', ...metaRow(e.meta), e.content.seed, e.content.size, store(e.content.head), e.content.head.length]);
        else rows.push([parent, name, 'f', ...metaRow(e.meta), store(e.content), e.content.length]);
        break;
      case 'dir': {
        rows.push([parent, name, 'd', ...metaRow(e.meta), e.opaque ? 1 : 0]);
        const names = [...e.entries.keys()].sort().reverse();
        for (const n of names) stack.push([e.entries.get(n)!, index, n]);
        break;
      }
    }
  }
  const header = encoder.encode(JSON.stringify(rows));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + size);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length);
  out.set(header, MAGIC.length + 4);
  let off = MAGIC.length + 4 + header.length;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

/** The tree `encodeTree` wrote (new nodes; file bytes are copied out of `bytes`). */
export function decodeTree(bytes: Uint8Array): DirNode {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) throw new TreeCodecError('not a saved file tree (bad magic)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length);
  const dataStart = MAGIC.length + 4 + headerLength;
  if (dataStart > bytes.length) throw new TreeCodecError('saved file tree is cut short');
  let rows: Row[];
  try {
    rows = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, dataStart))) as Row[];
  } catch (e) {
    throw new TreeCodecError(`saved file tree has an unreadable header: ${(e as Error).message}`);
  }
  if (!Array.isArray(rows) || rows.length === 0 || rows[0]![2] !== 'd') throw new TreeCodecError('saved file tree has no root directory');
  const data = (offset: number, length: number): Uint8Array => {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || dataStart + offset + length > bytes.length) {
      throw new TreeCodecError('saved file tree points outside its data');
    }
    return bytes.slice(dataStart + offset, dataStart + offset + length);
  };
  const nodes: DirNode[] = [];
  let root: DirNode | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!Array.isArray(row)) throw new TreeCodecError(`saved file tree: node ${i} is not a row`);
    const [parent, name] = row;
    let entry: TreeEntry;
    if (row[2] === 'w') entry = WHITEOUT;
    else {
      const meta: NodeMeta = { mode: row[3], uid: row[4], gid: row[5], mtimeMs: row[6] };
      if (row[2] === 'd') { const d = dirNode(meta); d.opaque = row[7] === 1; entry = d; nodes[i] = d; }
      else if (row[2] === 'f') entry = fileNode(data(row[7], row[8]), meta);
      else if (row[2] === 'g') entry = fileNode(new GeneratedContent(row[7], row[8], data(row[9], row[10])), meta);
      else if (row[2] === 'l') entry = symlinkNode(row[7], meta);
      else throw new TreeCodecError(`saved file tree has a node of unknown kind ${JSON.stringify((row as unknown[])[2])}`);
    }
    if (i === 0) { root = entry as DirNode; continue; }
    const dir = nodes[parent];
    if (!dir || parent >= i) throw new TreeCodecError(`saved file tree: node ${i} has no parent directory`);
    dir.entries.set(name, entry);
  }
  return root!;
}
