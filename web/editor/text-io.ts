// The editor's view of workspace files as text: bytes from the engine's
// worker decoded strictly as UTF-8 (a byte-order mark kept, so a file is
// written back exactly as read), and files that are not text — or too big
// to edit in a browser tab — refused with an error that says which.
import type { EngineConnection } from '../engine/connection.ts';
import type { TextIo } from './autosave.ts';

/** Files larger than this are not opened in the editor. */
export const MAX_EDITABLE_BYTES = 4 * 1024 * 1024;

/** Thrown for a file the editor will not show: binary, or too large. */
export class NotEditableError extends Error {
  constructor(readonly path: string, readonly reason: 'binary' | 'too-large', readonly size: number) {
    super(`${path}: ${reason === 'binary' ? 'not a UTF-8 text file' : `too large to edit (${size} bytes)`}`);
    this.name = 'NotEditableError';
  }
}

/**
 * The text of `bytes`, or null when they are not text (invalid UTF-8, or a
 * NUL byte, which no text file has). `decodeText(new Uint8Array([0x68, 0x69]))` → `'hi'`.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The connection's file operations textIo uses (a write says whether the browser stored it, when it knows). */
export type TextFs = Pick<EngineConnection, 'readFile' | 'mkdir'> & { writeFile(path: string, data: string): Promise<{ stored: boolean } | void> };

/** Text reads and writes over the engine connection's file operations. */
export function textIo(engine: TextFs): TextIo {
  return {
    async read(path) {
      const bytes = await engine.readFile(path);
      if (bytes.length > MAX_EDITABLE_BYTES) throw new NotEditableError(path, 'too-large', bytes.length);
      const text = decodeText(bytes);
      if (text === null) throw new NotEditableError(path, 'binary', bytes.length);
      return text;
    },
    write: (path, text) => engine.writeFile(path, text),
    async create(path, text) {
      const slash = path.lastIndexOf('/');
      if (slash > 0) await engine.mkdir(path.slice(0, slash));
      return engine.writeFile(path, text);
    },
  };
}

/**
 * The one replacement that turns `before` into `after`, found by trimming
 * their common start and end: a reload then touches only what changed, and
 * cursors elsewhere stay put. Offsets are into `before` (UTF-16 units).
 * `minimalEdit('FROM a\nRUN x\n', 'FROM a\nRUN y\n')` → `{ start: 11, end: 12, text: 'y' }`.
 */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && start < max && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** A size as the page shows it: `humanSize(12345)` → `'12.3 kB'` (decimal units, as Docker prints them). */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let n = bytes / 1000;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) { n /= 1000; u++; }
  return `${n < 100 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}
