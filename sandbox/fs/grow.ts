// Growing a file without copying it on every write. A file's content is an
// immutable value (lower layers, committed images and snapshots share it by
// reference), so a write used to build the whole new content: appending n
// bytes in small writes cost O(n²). Here a file that grows gets a buffer with
// room to spare, and its content is a view of the buffer's start; the next
// append writes into the spare room and takes a longer view — amortised
// O(bytes written). Views already handed out never change (their bytes are
// before the room written into), and each buffer records how far views of it
// reach (its claimed end): only a view ending exactly there may grow in
// place, so two files sharing one content (a copy-up, a copied file, a
// committed layer and the container that goes on writing) never write into
// the same room — the second one copies, as before. Sizes are the views'
// lengths: disk and memory accounting charge what the file holds.
import { contentChunks, contentSize, type FileContent } from './content.ts';

/** How far views of each growable buffer reach; bytes past it belong to no file. */
const claimed = new WeakMap<ArrayBufferLike, number>();

/** Spare room for a content of `size` bytes: half again as much, at least 256 bytes, at most 64 MiB. */
function capacityFor(size: number): number {
  return size + Math.min(Math.max(size >>> 1, 256), 64 * 1024 * 1024);
}

export interface Grown {
  /** The new content: exactly the old bytes, zeros up to `at`, then the data. */
  content: Uint8Array;
  /** Gives the room back when the content was not stored after all (ENOSPC): the old content may grow in place again. */
  undo(): void;
}

/**
 * `content` with `data` written at `at`, which is at or past its end (a
 * gap reads as zeros, as a sparse file does). The old content is unchanged.
 * @example
 *   let c: FileContent = new Uint8Array(0);
 *   for (const chunk of chunks) c = grow(c, chunk, contentSize(c)).content;  // O(total), not O(total²)
 */
export function grow(content: FileContent, data: Uint8Array, at: number): Grown {
  const size = contentSize(content);
  if (!Number.isSafeInteger(at) || at < size) throw new RangeError(`grow: ${at} is before the end (${size})`);
  const end = at + data.length;
  if (content instanceof Uint8Array) {
    const buffer = content.buffer;
    const start = content.byteOffset;
    const oldEnd = start + size;
    if (claimed.get(buffer) === oldEnd && start + end <= buffer.byteLength) {
      const room = new Uint8Array(buffer, oldEnd, start + end - oldEnd);
      // The room may hold bytes of a write that was undone: the gap is zeroed, not assumed zero.
      room.fill(0, 0, at - size);
      room.set(data, at - size);
      claimed.set(buffer, start + end);
      return { content: new Uint8Array(buffer, start, end), undo: () => { if (claimed.get(buffer) === start + end) claimed.set(buffer, oldEnd); } };
    }
  }
  const out = new Uint8Array(capacityFor(end));
  let off = 0;
  for (const chunk of contentChunks(content)) { out.set(chunk, off); off += chunk.length; }
  out.set(data, at);
  claimed.set(out.buffer, end);
  return { content: out.subarray(0, end), undo: () => {} };
}

/** The bytes a buffer holds beyond its content's length (what growing costs in memory; 0 for exact buffers). */
export function spareRoom(content: FileContent): number {
  return content instanceof Uint8Array && claimed.has(content.buffer) ? content.buffer.byteLength - content.byteOffset - content.length : 0;
}
