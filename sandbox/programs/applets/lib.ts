// Helpers every applet uses: output, errors in busybox's format, option
// parsing, and streaming input from files or standard input.
import { isFsError } from '../../fs/errors.ts';
import { normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';

const enc = new TextEncoder();

export function write(p: Process, fd: number, s: string | Uint8Array): Promise<number> {
  return p.write(fd, typeof s === 'string' ? enc.encode(s) : s);
}

export function out(p: Process, s: string | Uint8Array): Promise<number> {
  return write(p, 1, s);
}

/** `applet: message` on stderr. */
export async function err(p: Process, msg: string): Promise<void> {
  try { await write(p, 2, `${appletName(p)}: ${msg}\n`); } catch { /* stderr closed */ }
}

export function appletName(p: Process): string {
  const a0 = p.argv[0] ?? '';
  return a0.slice(a0.lastIndexOf('/') + 1);
}

/** strerror-style text for a failed file operation. */
export function describe(e: unknown): string {
  if (e instanceof SysError) return e.description;
  if (isFsError(e)) return e.description;
  return String(e);
}

export interface Parsed {
  flags: Set<string>;
  /** The last value of each option that takes one. */
  values: Map<string, string>;
  operands: string[];
}

/**
 * getopt-style parsing: `spec` lists flag letters, a letter followed by `:`
 * takes a value (`-n 5`, `-n5`). Unknown options give busybox's message and null.
 */
export async function parseArgs(p: Process, spec: string, argv = p.argv.slice(1)): Promise<Parsed | null> {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-' || /^-\d/.test(a) && !spec.includes('1')) { operands.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const k = spec.indexOf(c);
      if (k < 0) { await err(p, `unrecognized option '${a}'`); return null; }
      if (spec[k + 1] === ':') {
        const v = a.slice(j + 1) || argv[++i];
        if (v === undefined) { await err(p, `option requires an argument -- '${c}'`); return null; }
        values.set(c, v);
        break;
      }
      flags.add(c);
    }
  }
  operands.push(...argv.slice(i));
  return { flags, values, operands };
}

/** Opens `name` for reading as a descriptor ('-' is standard input). */
export function openInput(p: Process, name: string): number {
  if (name === '-') return 0;
  return p.open(openPath(p.fs, normalizePath(name, p.cwd), { read: true }, p.task.creds, p.fds));
}

/** Reads a descriptor to the end. */
export async function readAll(p: Process, fd: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const c = await p.read(fd);
    if (!c) break;
    parts.push(c);
    size += c.length;
    p.charge(c.length);
  }
  p.uncharge(size);
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of parts) { all.set(c, off); off += c.length; }
  return all;
}

/** The whole of file `name` ('-' is standard input), its descriptor closed even when reading fails. */
export async function readInput(p: Process, name: string): Promise<Uint8Array> {
  const fd = openInput(p, name);
  try {
    return await readAll(p, fd);
  } finally {
    if (fd !== 0) p.close(fd);
  }
}

/**
 * Lines of a descriptor as they arrive (without their newlines); a last line
 * without one is kept. `idle`, when given, runs before each read that may wait
 * (grep writes what it found then, so `tail -f log | grep x` shows each line as it comes).
 */
export async function* lines(p: Process, fd: number, idle?: () => Promise<void>): AsyncGenerator<string> {
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    if (idle) await idle();
    const c = await p.read(fd);
    if (!c) break;
    const text = dec.decode(c, { stream: true });
    // a long line is not scanned again for each piece of it, nor the rest of a chunk copied per line
    let nl = text.indexOf('\n');
    buf += text;
    if (nl >= 0) {
      nl += buf.length - text.length;
      let from = 0;
      for (; nl >= 0; nl = buf.indexOf('\n', from)) {
        yield buf.slice(from, nl);
        from = nl + 1;
      }
      buf = buf.slice(from);
    }
    const t = p.tick(); if (t) await t;
  }
  buf += dec.decode();
  if (buf !== '') yield buf;
}

/** Runs `fn` for each input (operands, or stdin when none); errors print and set status 1. */
export async function eachInput(p: Process, names: string[], fn: (fd: number, name: string) => Promise<void>): Promise<number> {
  let status = 0;
  for (const name of names.length > 0 ? names : ['-']) {
    let fd: number;
    try {
      fd = openInput(p, name);
    } catch (e) {
      await err(p, `${name}: ${describe(e)}`);
      status = 1;
      continue;
    }
    try {
      await fn(fd, name);
    } catch (e) {
      if (e instanceof SysError && e.errno === 'EISDIR') { await err(p, `read error: Is a directory`); status = 1; }
      else throw e;
    } finally {
      if (fd !== 0) p.close(fd);
    }
  }
  return status;
}
