// od [-bcdox] [-A d|o|x|n] [-t TYPE]... [-N COUNT] [-j SKIP] [-v] [FILE...]:
// busybox's octal dump. Types a, c, d/o/u/x with sizes 1 2 4 8; repeated
// lines fold into "*" unless -v.
import type { Process, Program } from '../../kernel/process.ts';
import { err, openInput, out } from './lib.ts';

interface Format {
  /** Bytes per item. */
  size: number;
  width: number;
  render: (bytes: Uint8Array, i: number) => string;
}

const C_NAMES = new Map([[0, '\\0'], [7, '\\a'], [8, '\\b'], [9, '\\t'], [10, '\\n'], [11, '\\v'], [12, '\\f'], [13, '\\r']]);
const A_NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si',
  'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];

function readUint(bytes: Uint8Array, i: number, size: number): bigint {
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i + k] ?? 0);
  return v;
}

function integerFormat(kind: string, size: number): Format | null {
  if (![1, 2, 4, 8].includes(size)) return null;
  const bits = BigInt(size * 8);
  const max = (1n << bits) - 1n;
  const digits = (base: number): number => max.toString(base).length;
  switch (kind) {
    case 'o': return { size, width: digits(8) + 1, render: (b, i) => readUint(b, i, size).toString(8).padStart(digits(8), '0') };
    case 'x': return { size, width: digits(16) + 1, render: (b, i) => readUint(b, i, size).toString(16).padStart(digits(16), '0') };
    case 'u': return { size, width: digits(10) + 1, render: (b, i) => readUint(b, i, size).toString(10) };
    case 'd': return {
      size, width: digits(10) + 2,
      render: (b, i) => { const v = readUint(b, i, size); return (v >= 1n << (bits - 1n) ? v - (1n << bits) : v).toString(10); },
    };
    default: return null;
  }
}

function parseType(t: string): Format[] | null {
  const out: Format[] = [];
  let i = 0;
  while (i < t.length) {
    const k = t[i++]!;
    if (k === 'c') { out.push({ size: 1, width: 4, render: (b, j) => { const c = b[j]!; return C_NAMES.get(c) ?? (c >= 32 && c < 127 ? String.fromCharCode(c) : c.toString(8).padStart(3, '0')); } }); continue; }
    if (k === 'a') { out.push({ size: 1, width: 4, render: (b, j) => { const c = b[j]! & 0x7f; return c === 127 ? 'del' : A_NAMES[c] ?? String.fromCharCode(c); } }); continue; }
    let size = k === 'd' || k === 'u' || k === 'o' || k === 'x' ? 4 : 0;
    const m = /^(\d+|[CSIL])/.exec(t.slice(i));
    if (m) { size = ({ C: 1, S: 2, I: 4, L: 8 } as Record<string, number>)[m[1]!] ?? Number(m[1]); i += m[1]!.length; }
    const f = integerFormat(k, size);
    if (!f) return null;
    out.push(f);
  }
  return out;
}

export const od: Program = async (p: Process) => {
  const argv = p.argv.slice(1);
  const formats: Format[] = [];
  let radix = 'o';
  let limit = Infinity;
  let skip = 0;
  let verbose = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { files.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { files.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const value = (): string => { const v = a.slice(j + 1) || argv[++i] || ''; j = a.length; return v; };
      if (c === 'b') formats.push(...parseType('o1')!);
      else if (c === 'c') formats.push(...parseType('c')!);
      else if (c === 'd') formats.push(...parseType('u2')!);
      else if (c === 'o') formats.push(...parseType('o2')!);
      else if (c === 'x') formats.push(...parseType('x2')!);
      else if (c === 'v') verbose = true;
      else if (c === 'A') { radix = value(); if (!'odxn'.includes(radix) || radix.length !== 1) { await err(p, `bad output address radix '${radix}': must be one of [doxn]`); return 1; } }
      else if (c === 't') { const t = value(); const f = parseType(t); if (!f) { await err(p, `invalid type string '${t}'`); return 1; } formats.push(...f); }
      else if (c === 'N') limit = Number(value());
      else if (c === 'j') skip = Number(value());
      else { await err(p, `invalid option -- '${c}'`); return 1; }
    }
  }
  if (formats.length === 0) formats.push(...parseType('o2')!);
  // Read the input (all files in turn), honouring -j and -N.
  const parts: Uint8Array[] = [];
  let size = 0;
  let status = 0;
  for (const name of files.length ? files : ['-']) {
    let fd: number;
    try { fd = openInput(p, name); } catch (e) { await err(p, `${name}: ${(e as { description?: string }).description ?? 'No such file or directory'}`); status = 1; continue; }
    while (size < skip + limit) {
      const c = await p.read(fd, 65536);
      if (!c) break;
      parts.push(c);
      size += c.length;
    }
    if (fd !== 0) p.close(fd);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const x of parts) { all.set(x, off); off += x.length; }
  const data = all.subarray(Math.min(skip, size), Math.min(size, skip + limit));
  const addr = (n: number): string => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0'));
  const lines: string[] = [];
  let previous: string | null = null;
  let starred = false;
  for (let pos = 0; pos < data.length; pos += 16) {
    const chunk = data.subarray(pos, pos + 16);
    const padded = new Uint8Array(16);
    padded.set(chunk);
    const rows = formats.map((f) => {
      let row = '';
      for (let i = 0; i < chunk.length; i += f.size) row += f.render(padded, i).padStart(f.width);
      return row;
    });
    const key = rows.join('\n');
    if (!verbose && key === previous && chunk.length === 16) {
      if (!starred) lines.push('*');
      starred = true;
      continue;
    }
    starred = false;
    previous = key;
    rows.forEach((r, k) => lines.push((k === 0 ? addr(skip + pos) : radix === 'n' ? '' : ' '.repeat(addr(0).length)) + r));
    if (pos % 65536 === 0) { const t = p.tick(); if (t) await t; }
  }
  if (radix !== 'n') lines.push(addr(skip + data.length));
  await out(p, lines.map((l) => l + '\n').join(''));
  return status;
};
