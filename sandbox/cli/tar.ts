// A tar writer for the build context the CLI sends (as `docker build`
// tars its context directory with Go's archive/tar): ustar headers, a long
// name split into ustar's prefix and name fields where it fits them, PAX
// records for the rest (and for non-ASCII names or link targets),
// directories before their contents, sorted for a stable archive.

import { concatBytes } from '../api/units.ts';

const enc = new TextEncoder();

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** Go's splitUSTARPath: a long ASCII name as ustar's prefix (≤ 155) and name (≤ 100) fields. */
function splitUstar(name: string): [string, string] | null {
  if (name.length <= 100 || !isAscii(name)) return null;
  let length = name.length;
  if (length > 156) length = 156;
  else if (name[length - 1] === '/') length--;
  const i = name.lastIndexOf('/', length - 1);
  const suffix = name.length - i - 1;
  if (i <= 0 || suffix > 100 || suffix === 0 || i > 155) return null;
  return [name.slice(0, i), name.slice(i + 1)];
}

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

function header(name: string, size: number, mode: number, type: '0' | '5' | '2' | 'x', linkname = '', mtime = 0): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, off: number, len: number): void => { h.set(enc.encode(s).subarray(0, len), off); };
  const split = splitUstar(name);
  put(split ? split[1] : name, 0, 100);
  if (split) put(split[0], 345, 155);
  put(octal(mode & 0o7777, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put(linkname, 157, 100);
  put('ustar\u0000', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

function pad(n: number): Uint8Array {
  return new Uint8Array((512 - (n % 512)) % 512);
}

export interface TarEntry { path: string; type: 'file' | 'dir' | 'symlink'; mode: number; data?: Uint8Array; target?: string; mtimeMs?: number }

/** One PAX record, `<len> key=value\n`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const record = (len: number): string => `${len} ${key}=${value}\n`;
  let len = enc.encode(record(0)).length;
  while (enc.encode(record(len)).length !== len) len = enc.encode(record(len)).length;
  return record(len);
}

/**
 * The archive. `unterminated` stops right after the last entry's data, with
 * neither its padding nor the end-of-archive blocks: what the docker CLI
 * sends when it adds a Dockerfile to the context (its ReplaceFileTarWrapper
 * closes the pipe before the tar writer), and what Go's tar reader takes.
 */
export function writeTar(entries: TarEntry[], opts: { unterminated?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.path}/` : e.path;
    const mtime = Math.floor((e.mtimeMs ?? 0) / 1000);
    const target = e.target ?? '';
    let records = '';
    if (!isAscii(name) || (name.length > 100 && !splitUstar(name))) records += paxRecord('path', name);
    if (!isAscii(target) || target.length > 100) records += paxRecord('linkpath', target);
    if (records) {
      const pax = enc.encode(records);
      parts.push(header('PaxHeader', pax.length, 0o644, 'x'), pax, pad(pax.length));
    }
    const data = e.type === 'file' ? e.data ?? new Uint8Array(0) : new Uint8Array(0);
    parts.push(header(name, data.length, e.mode, e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2', target, mtime), data, pad(data.length));
  }
  if (opts.unterminated) parts.pop();
  else parts.push(new Uint8Array(1024));
  return concatBytes(parts);
}
