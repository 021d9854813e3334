// The blobs of a snapshot that are not file trees: a container's logs as
// bytes (each entry: stream, time, length, data — nothing lost, binary safe)
// and the content address that names a blob by its bytes.
import { sha256Of } from '../layer/digest.ts';
import type { LogEntry } from './container.ts';
import { SnapshotError, type BlobKey } from './snapshot-format.ts';

const MAGIC = new TextEncoder().encode('DPLOGS1\n');
/** stream (1) + time (float64, 8) + length (u32, 4). */
const ENTRY_HEAD = 13;

/** The key of a content-addressed blob: `sha256:<hex>` of its bytes. */
export function contentKey(bytes: Uint8Array): BlobKey {
  return sha256Of(bytes);
}

/** A container's logs as one blob. */
export function encodeLogs(logs: readonly LogEntry[]): Uint8Array {
  const size = logs.reduce((n, l) => n + ENTRY_HEAD + l.data.length, MAGIC.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  let off = MAGIC.length;
  for (const l of logs) {
    out[off] = l.stream === 'stderr' ? 2 : 1;
    view.setFloat64(off + 1, l.time);
    view.setUint32(off + 9, l.data.length);
    out.set(l.data, off + ENTRY_HEAD);
    off += ENTRY_HEAD + l.data.length;
  }
  return out;
}

export function decodeLogs(bytes: Uint8Array): LogEntry[] {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) throw new SnapshotError('saved container logs are unreadable (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: LogEntry[] = [];
  let off = MAGIC.length;
  while (off < bytes.length) {
    if (off + ENTRY_HEAD > bytes.length) throw new SnapshotError('saved container logs are cut short');
    const length = view.getUint32(off + 9);
    if (off + ENTRY_HEAD + length > bytes.length) throw new SnapshotError('saved container logs are cut short');
    out.push({ stream: bytes[off] === 2 ? 'stderr' : 'stdout', time: view.getFloat64(off + 1), data: bytes.slice(off + ENTRY_HEAD, off + ENTRY_HEAD + length) });
    off += ENTRY_HEAD + length;
  }
  return out;
}
