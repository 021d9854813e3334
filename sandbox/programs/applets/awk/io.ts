// awk's input and output streams: records split by RS from a descriptor,
// files opened for print/getline, and `cmd | getline` / `print | cmd` pipes.
import { normalizePath } from '../../../fs/path.ts';
import type { OpenFile } from '../../../kernel/fd.ts';
import { PipeReadEnd, PipeWriteEnd } from '../../../kernel/fd.ts';
import { Pipe } from '../../../kernel/pipe.ts';
import type { Process } from '../../../kernel/process.ts';
import { openPath } from '../../../kernel/vfs.ts';
import { runCommand } from '../spawn-hook.ts';
import { AwkError } from './error.ts';
import { ereOf } from './regex.ts';

const MAX_RECORD = 1 << 26;

// awk works on bytes, as busybox's does (length() counts bytes, any input
// survives): its strings hold one byte per character ("binary strings").

/** Bytes to a binary string. */
export function bytesToBin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** A binary string to bytes. */
export function binToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Text (argv, environment) to a binary string of its UTF-8. */
export function toBin(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : bytesToBin(enc.encode(s));
}

/** A binary string back to text (file names, commands, messages). */
export function fromBin(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : dec.decode(binToBytes(s));
}

export function writeBin(p: Process, fd: number, s: string): Promise<number> {
  return p.write(fd, binToBytes(s));
}

/** Records of one descriptor. `beforeRead` runs before each blocking read (to flush output). */
export class Reader {
  private buf = '';
  private pos = 0;
  private eof = false;
  constructor(private readonly p: Process, readonly fd: number, private readonly beforeRead: () => Promise<void>) {}

  private async fill(): Promise<void> {
    await this.beforeRead();
    const c = await this.p.read(this.fd);
    if (this.pos > 0) { this.buf = this.buf.slice(this.pos); this.pos = 0; }
    if (!c) { this.eof = true; return; }
    this.buf += bytesToBin(c);
    if (this.buf.length > MAX_RECORD) throw new AwkError('record too long');
  }

  /** The next record (without its terminator), or null at end of input. */
  async record(rs: string, icase = false): Promise<string | null> {
    for (;;) {
      const r = this.scan(rs, icase);
      if (r !== undefined) return r;
      await this.fill();
    }
  }

  /** A record from what is buffered; undefined when more input is needed. */
  private scan(rs: string, icase: boolean): string | null | undefined {
    const { buf } = this;
    if (rs === '') {
      while (this.pos < buf.length && buf[this.pos] === '\n') this.pos++;
      const idx = buf.indexOf('\n\n', this.pos);
      if (idx >= 0) {
        let j = idx;
        while (j < buf.length && buf[j] === '\n') j++;
        if (j < buf.length || this.eof) { const r = buf.slice(this.pos, idx); this.pos = j; return r; }
      }
    } else if (rs.length === 1) {
      const idx = buf.indexOf(rs, this.pos);
      if (idx >= 0) { const r = buf.slice(this.pos, idx); this.pos = idx + 1; return r; }
    } else {
      const m = ereOf(rs, icase).search(buf, this.pos);
      if (m && m.end > m.start && (m.end < buf.length || this.eof)) {
        const r = buf.slice(this.pos, m.start);
        this.pos = m.end;
        return r;
      }
    }
    if (!this.eof) return undefined;
    let rest = buf.slice(this.pos);
    this.pos = buf.length;
    if (rs === '') rest = rest.replace(/\n+$/, '');
    return rest === '' ? null : rest;
  }
}

export function openFile(p: Process, name: string, mode: 'r' | 'w' | 'a'): number {
  const flags = mode === 'r' ? { read: true } : { write: true, create: true, truncate: mode === 'w', append: mode === 'a', mode: 0o666 };
  return p.open(openPath(p.fs, normalizePath(fromBin(name), p.cwd), flags, p.task.creds, p.fds));
}

/** Closes `hidden` descriptors for a moment (a child must not inherit them); the returned function puts them back. */
function hideFds(p: Process, hidden: number[]): () => void {
  const kept: Array<[number, OpenFile]> = [];
  for (const fd of hidden) {
    if (!p.fds.has(fd)) continue;
    const f = p.fds.get(fd).retain();
    p.fds.close(fd);
    kept.push([fd, f]);
  }
  return () => { for (const [fd, f] of kept) { p.fds.set(fd, f); f.drop(); } };
}

/**
 * Starts `sh -c cmd` with `end` as its descriptor `childFd`. The descriptors in
 * `hidden` (awk's other streams) are kept out of the child, so it cannot hold
 * another pipe open; returns the child's exit status, when it exits.
 */
function startChild(p: Process, cmd: string, childFd: number, end: OpenFile, hidden: number[]): Promise<number> {
  const restore = hideFds(p, hidden);
  const saved = p.fds.has(childFd) ? p.fds.alloc(p.fds.get(childFd), 10) : -1;
  p.fds.set(childFd, end);
  try {
    return runCommand(p, ['sh', '-c', fromBin(cmd)]);
  } finally {
    if (saved >= 0) { p.dup2(saved, childFd); p.close(saved); } else p.close(childFd);
    restore();
  }
}

export interface ChildPipe { fd: number; done: Promise<number> }

/** `print | cmd`: a descriptor writing to the command's standard input. */
export function pipeTo(p: Process, cmd: string, hidden: number[]): ChildPipe {
  const pipe = new Pipe();
  const done = startChild(p, cmd, 0, new PipeReadEnd(pipe), hidden);
  return { fd: p.open(new PipeWriteEnd(pipe), 3), done };
}

/** `cmd | getline`: a descriptor reading the command's standard output. */
export function pipeFrom(p: Process, cmd: string, hidden: number[]): ChildPipe {
  const pipe = new Pipe();
  const done = startChild(p, cmd, 1, new PipeWriteEnd(pipe), hidden);
  return { fd: p.open(new PipeReadEnd(pipe), 3), done };
}

/** system(cmd): runs it with awk's own descriptors (minus its streams) and waits. */
export function runSystem(p: Process, cmd: string, hidden: number[]): Promise<number> {
  const restore = hideFds(p, hidden);
  try {
    return runCommand(p, ['sh', '-c', fromBin(cmd)]);
  } finally {
    restore();
  }
}
