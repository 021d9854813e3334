// Reads a tar stream (an image layer, a build context, a tarball for ADD,
// what `docker cp` sends into a container) into a tree, placing each entry
// as dockerd's unpacker would (tar-place.ts: names, symlinks and hard links
// that leave where the archive is unpacked are refused, paths through the
// archive's own symlinks stay inside the root) or, strict, also refusing
// absolute and climbing names and hard links. Untrusted input: sizes and
// entry counts are bounded, and in layer mode `.wh.` entries become
// whiteouts and `.wh..wh..opq` marks its directory opaque.
import type { DirNode } from '../fs/node.ts';
import { TarError, TarPlacer } from './tar-place.ts';
import { endStream } from './tar-write.ts';
import { loadTarStream } from './tar-stream.ts';

export { TarBreakoutError, TarError } from './tar-place.ts';

export interface ReadTarOptions {
  /** Interpret OCI whiteouts (layers) or keep `.wh.` files as files (contexts, ADD, docker cp). */
  whiteouts: boolean;
  /**
   * Where the archive is unpacked, as dockerd names it inside the root it
   * unpacks in: '/' for a layer, a build context and ADD's tar (dockerd's
   * chroot is the directory itself, so nothing can leave it: `..` stops
   * there, unless `strict` refuses it); the container's directory for
   * `docker cp` (its root is the container's, so an entry that leaves the
   * directory is refused with moby's message, and the tree is rooted at the
   * container's `/`).
   */
  dest: string;
  /**
   * Refuse, naming it, an entry a naive extractor would let escape — an
   * absolute or climbing (`../x`) name, a hard link to such a target —
   * where moby's rules at '/' would clamp it (docker load, the build
   * context, ADD's tar). Symlink targets are not judged.
   */
  strict?: boolean;
  maxEntries?: number;
  maxBytes?: number;
}

export interface TarArchive {
  /** The tree, rooted at the root `dest` lies in. */
  root: DirNode;
  /** Directories only there because a path went through them (no entry of their own): merge them, keep what is there. */
  implied: ReadonlySet<DirNode>;
}

/** Parses a whole tar into a tree. Throws TarError on malformed, oversized or escaping input. */
export async function readTarTree(data: Uint8Array | AsyncIterable<Uint8Array>, opts: ReadTarOptions): Promise<DirNode> {
  return (await readTarArchive(data, opts)).root;
}

/**
 * Parses a whole tar into a tree and says which of its directories are
 * implied.
 * @example
 *   const { root, implied } = await readTarArchive(bytes, { whiteouts: false, dest: '/tmp' });
 *   // root holds tmp/… ; an entry `../x` throws TarBreakoutError('"../x" is outside of "/tmp"')
 */
export async function readTarArchive(data: Uint8Array | AsyncIterable<Uint8Array>, opts: ReadTarOptions): Promise<TarArchive> {
  const maxEntries = opts.maxEntries ?? 1_000_000;
  const maxBytes = opts.maxBytes ?? 4 * 1024 ** 3;
  const placer = new TarPlacer(opts.dest, opts.whiteouts, opts.strict ?? false);
  const extract = (await loadTarStream()).extract();
  let entries = 0;
  let bytes = 0;

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
          placer.place(h, joinChunks(chunks, size));
          next();
        } catch (e) {
          extract.destroy(e as Error);
        }
      });
    });
    extract.on('finish', resolve);
    extract.on('error', (e: Error) => reject(e instanceof TarError ? e : new TarError(`invalid tar: ${e.message}`)));
  });

  if (data instanceof Uint8Array) {
    extract.end(withEnd(data));
  } else {
    (async () => {
      for await (const chunk of data) if (!extract.write(chunk)) await new Promise<void>((r) => extract.once('drain', () => r()));
      endStream(extract);
    })().catch((e: Error) => extract.destroy(e));
  }
  await done;
  return { root: placer.root, implied: placer.implied };
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

function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}
