// Reads a tar stream (an image layer, a build context, a tarball for ADD)
// into a tree. Untrusted input: entry names are confined (`..` can never
// climb above the root; absolute names are taken relative to it), sizes and
// entry counts are bounded, and in layer mode `.wh.` entries become
// whiteouts and `.wh..wh..opq` marks its directory opaque.
import tar from 'tar-stream';
import { dirNode, fileNode, metaOf, symlinkNode, WHITEOUT, type DirNode, type FsNode } from '../fs/node.ts';
import { splitPath } from '../fs/path.ts';
import { endStream, OPAQUE_MARKER, WHITEOUT_PREFIX } from './tar-write.ts';

export interface ReadTarOptions {
  /** Interpret OCI whiteouts (layers) or keep `.wh.` files as files (contexts, ADD). */
  whiteouts: boolean;
  maxEntries?: number;
  maxBytes?: number;
}

export class TarError extends Error {
  override name = 'TarError';
}

/** Parses a whole tar into a tree. Throws TarError on malformed or oversized input. */
export async function readTarTree(data: Uint8Array | AsyncIterable<Uint8Array>, opts: ReadTarOptions): Promise<DirNode> {
  const maxEntries = opts.maxEntries ?? 1_000_000;
  const maxBytes = opts.maxBytes ?? 4 * 1024 ** 3;
  const root = dirNode(metaOf(0o755, 0));
  const extract = tar.extract();
  let entries = 0;
  let bytes = 0;

  const parentOf = (parts: string[], mtimeMs: number): DirNode => {
    let dir = root;
    for (const part of parts) {
      const next = dir.entries.get(part);
      if (next?.kind === 'dir') { dir = next; continue; }
      const made = dirNode(metaOf(0o755, mtimeMs));
      dir.entries.set(part, made);
      dir = made;
    }
    return dir;
  };

  const lookup = (parts: string[]): FsNode | undefined => {
    let node: FsNode | undefined = root;
    for (const part of parts) {
      if (node?.kind !== 'dir') return undefined;
      const e: ReturnType<DirNode['entries']['get']> = node.entries.get(part);
      node = e === undefined || e.kind === 'whiteout' ? undefined : e;
    }
    return node;
  };

  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      stream.on('data', (raw: unknown) => {
        const c = raw as Uint8Array;
        size += c.length;
        bytes += c.length;
        if (bytes > maxBytes) { extract.destroy(new TarError(`tar is larger than the ${maxBytes}-byte limit`)); return; }
        chunks.push(c);
      });
      // A cut-short entry errors its stream as well as the extract: the extract's handler reports it.
      stream.on('error', () => {});
      stream.on('end', () => {
        try {
          if (++entries > maxEntries) throw new TarError(`tar has more than ${maxEntries} entries`);
          place(h, joinChunks(chunks, size));
          next();
        } catch (e) {
          extract.destroy(e as Error);
        }
      });
    });
    extract.on('finish', resolve);
    extract.on('error', (e: Error) => reject(e instanceof TarError ? e : new TarError(`invalid tar: ${e.message}`)));
  });

  const place = (h: tar.Header, content: Uint8Array): void => {
    const parts = confine(h.name);
    if (parts.length === 0) {
      if (h.type === 'directory') root.meta = metaFromHeader(h);
      return;
    }
    const name = parts[parts.length - 1]!;
    const mtimeMs = (h.mtime?.getTime() ?? 0);
    if (opts.whiteouts && name.startsWith(WHITEOUT_PREFIX)) {
      const parent = parentOf(parts.slice(0, -1), mtimeMs);
      if (name === OPAQUE_MARKER) parent.opaque = true;
      else parent.entries.set(name.slice(WHITEOUT_PREFIX.length), WHITEOUT);
      return;
    }
    const parent = parentOf(parts.slice(0, -1), mtimeMs);
    const meta = metaFromHeader(h);
    switch (h.type) {
      case 'directory': {
        const existing = parent.entries.get(name);
        if (existing?.kind === 'dir') existing.meta = meta;
        else parent.entries.set(name, dirNode(meta));
        return;
      }
      case 'file':
      case 'contiguous-file':
        parent.entries.set(name, fileNode(content, meta));
        return;
      case 'symlink':
        parent.entries.set(name, symlinkNode(h.linkname ?? '', meta));
        return;
      case 'link': {
        const target = lookup(confine(h.linkname ?? ''));
        if (target?.kind !== 'file') throw new TarError(`invalid tar: hard link ${h.name} to missing ${h.linkname}`);
        parent.entries.set(name, fileNode(target.content, { ...target.meta }));
        return;
      }
      default:
        // Devices and fifos cannot exist in the sandbox: skipped, as rootless engines do.
        return;
    }
  };

  if (data instanceof Uint8Array) {
    extract.end(withEnd(data));
  } else {
    (async () => {
      for await (const chunk of data) if (!extract.write(chunk)) await new Promise<void>((r) => extract.once('drain', () => r()));
      endStream(extract);
    })().catch((e: Error) => extract.destroy(e));
  }
  await done;
  return root;
}

/**
 * The archive with its end blocks when it stops right after an entry's data
 * (no padding, no end-of-archive): Go's archive/tar, which moby reads every
 * tar with, takes that for the end — and the docker CLI sends it so when it
 * adds a Dockerfile to the build context. Anything cut shorter stays an
 * error.
 */
function withEnd(data: Uint8Array): Uint8Array {
  let off = 0;
  for (let n = 0; off + 512 <= data.length && n < 1_000_000; n++) {
    const block = data.subarray(off, off + 512);
    if (block.every((b) => b === 0)) return data;
    const field = new TextDecoder().decode(block.subarray(124, 136)).replace(/[\0 ]/g, '');
    if (!/^[0-7]*$/.test(field)) return data;
    const end = off + 512 + parseInt(field || '0', 8);
    if (end >= data.length) {
      if (end !== data.length || end % 512 === 0) return data;
      const out = new Uint8Array(end + (512 - (end % 512)) + 1024);
      out.set(data);
      return out;
    }
    off = end + ((512 - (end % 512)) % 512);
  }
  return data;
}

/** Path components of a tar name, never above the root. */
function confine(name: string): string[] {
  const out: string[] = [];
  for (const p of splitPath(name)) {
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

function metaFromHeader(h: tar.Header) {
  return metaOf(h.mode ?? 0o644, h.mtime?.getTime() ?? 0, h.uid ?? 0, h.gid ?? 0);
}

function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}
