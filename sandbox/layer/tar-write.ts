// Serialises a tree (a layer's change set, or a whole root) as a tar stream
// in the OCI layer format: paths relative and sorted, directories before
// their contents, deletions as `.wh.<name>` entries and opaque directories
// marked by `.wh..wh..opq`. Output is deterministic for a given tree, so its
// sha256 is the layer's DiffID. Large contents stream as chunks, uncopied.
import type { Header } from 'tar-stream';
import { loadTarStream } from './tar-stream.ts';
import { contentChunks, contentSize } from '../fs/content.ts';
import type { DirNode, FsNode, TreeEntry } from '../fs/node.ts';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** A header as given to tar-stream's pack (unset fields default). */
export type TarHeader = Partial<Header> & { name: string };
const EMPTY = new Uint8Array(0);

function header(name: string, node: FsNode): TarHeader {
  const base = {
    name,
    mode: node.meta.mode,
    uid: node.meta.uid,
    gid: node.meta.gid,
    mtime: new Date(Math.floor(node.meta.mtimeMs / 1000) * 1000),
    uname: '',
    gname: '',
  };
  switch (node.kind) {
    case 'dir': return { ...base, type: 'directory', size: 0 };
    case 'symlink': return { ...base, type: 'symlink', size: 0, linkname: node.target };
    case 'file': return { ...base, type: 'file', size: contentSize(node.content) };
  }
}

function marker(name: string, mtimeMs: number): TarHeader {
  return { name, mode: 0, uid: 0, gid: 0, size: 0, type: 'file', mtime: new Date(Math.floor(mtimeMs / 1000) * 1000), uname: '', gname: '' };
}

/** Every tar entry of a tree in order, as (header, node) pairs. */
export function* tarEntries(tree: DirNode, prefix = ''): Generator<[TarHeader, FsNode | null]> {
  const names = [...tree.entries.keys()].sort();
  for (const name of names) {
    const e = tree.entries.get(name) as TreeEntry;
    const path = prefix + name;
    if (e.kind === 'whiteout') {
      yield [marker(prefix + WHITEOUT_PREFIX + name, tree.meta.mtimeMs), null];
      continue;
    }
    yield [header(e.kind === 'dir' ? path + '/' : path, e), e];
    if (e.kind === 'dir') {
      if (e.opaque) yield [marker(path + '/' + OPAQUE_MARKER, e.meta.mtimeMs), null];
      yield* tarEntries(e, path + '/');
    }
  }
}

/**
 * Streams the tar of `tree` to `onChunk` (chunks may be views of shared
 * buffers: consume them before returning, never keep or mutate them).
 */
export async function writeTreeTar(tree: DirNode, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const pack = (await loadTarStream()).pack();
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => onChunk(c as Uint8Array));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const [h, node] of tarEntries(tree)) {
    if (node?.kind !== 'file' || h.size === 0) {
      await new Promise<void>((res, rej) => pack.entry(h, EMPTY, (err) => (err ? rej(err) : res())));
      continue;
    }
    await new Promise<void>((res, rej) => {
      const entry = pack.entry(h, (err) => (err ? rej(err) : res()));
      const chunks = contentChunks(node.content)[Symbol.iterator]();
      const pump = (): void => {
        for (let it = chunks.next(); !it.done; it = chunks.next()) {
          if (!entry.write(it.value)) { entry.once('drain', pump); return; }
        }
        endStream(entry);
      };
      pump();
    });
  }
  pack.finalize();
  await done;
}

/** Ends a writable stream (streamx's typings want an argument). */
export function endStream(s: { end(...args: never[]): unknown }): void {
  (s as unknown as { end(): void }).end();
}

/** The whole tar in one buffer (for tests and small layers). */
export async function treeTarBytes(tree: DirNode): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  await writeTreeTar(tree, (c) => { parts.push(c.slice()); size += c.length; });
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
