// A tar writer for the build context the CLI sends (as `docker build`
// tars its context directory): ustar headers, PAX records for long names,
// directories before their contents, sorted for a stable archive.

import { concatBytes } from '../api/units.ts';

const enc = new TextEncoder();

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mode: number, type: '0' | '5' | '2' | 'x', linkname = '', mtime = 0): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, off: number, len: number): void => { h.set(enc.encode(s).subarray(0, len), off); };
  put(name, 0, 100);
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

export function writeTar(entries: TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.path}/` : e.path;
    const mtime = Math.floor((e.mtimeMs ?? 0) / 1000);
    if (enc.encode(name).length > 100) {
      const record = (len: number): string => `${len} path=${name}\n`;
      let len = record(0).length;
      while (record(len).length !== len) len = record(len).length;
      const pax = enc.encode(record(len));
      parts.push(header('PaxHeader', pax.length, 0o644, 'x'), pax, pad(pax.length));
    }
    const data = e.type === 'file' ? e.data ?? new Uint8Array(0) : new Uint8Array(0);
    parts.push(header(name, data.length, e.mode, e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2', e.target ?? '', mtime), data, pad(data.length));
  }
  parts.push(new Uint8Array(1024));
  return concatBytes(parts);
}
