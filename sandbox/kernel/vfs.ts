// Opening files for a process: permission checks by owner/group/other bits
// (root passes all but exec), the device files every container has
// (/dev/null, /dev/zero, /dev/urandom, /dev/full, /dev/std*), and open file
// descriptions for regular files with an offset and O_APPEND.
import { contentSize, GeneratedContent } from '../fs/content.ts';
import { FsError, isFsError } from '../fs/errors.ts';
import { dirname, normalizePath } from '../fs/path.ts';
import type { Stat } from '../fs/types.ts';
import type { TreeFs } from '../fs/tree-fs.ts';
import { SysError, type Errno } from './errno.ts';
import { NullFile, OpenFile, type FdTable, type IoContext } from './fd.ts';
import type { Credentials } from './task.ts';

export interface OpenFlags {
  read?: boolean;
  write?: boolean;
  create?: boolean;
  truncate?: boolean;
  append?: boolean;
  exclusive?: boolean;
  /** Permission bits for a created file (before the umask). */
  mode?: number;
}

export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

/** Whether `creds` may access a file with `st` for `want` (R_OK | W_OK | X_OK). */
export function mayAccess(st: Stat, creds: Credentials, want: number): boolean {
  if (creds.uid === 0) return (want & X_OK) === 0 || st.type === 'dir' || (st.mode & 0o111) !== 0;
  let bits: number;
  if (st.uid === creds.uid) bits = (st.mode >> 6) & 7;
  else if (st.gid === creds.gid || creds.groups.includes(st.gid)) bits = (st.mode >> 3) & 7;
  else bits = st.mode & 7;
  return (bits & want) === want;
}

/** Translates a filesystem error into the errno a system call reports. */
export function sysErrorOf(e: unknown): SysError {
  if (e instanceof SysError) return e;
  if (isFsError(e)) {
    const map: Partial<Record<FsError['code'], Errno>> = { ENOENT: 'ENOENT', EEXIST: 'EEXIST', ENOTDIR: 'ENOTDIR', EISDIR: 'EISDIR', ENOTEMPTY: 'ENOTEMPTY', ELOOP: 'ELOOP', EINVAL: 'EINVAL', EACCES: 'EACCES', EPERM: 'EPERM', EROFS: 'EROFS', ENAMETOOLONG: 'ENAMETOOLONG', ENOSPC: 'ENOSPC' };
    return new SysError(map[e.code] ?? 'EIO');
  }
  throw e;
}

/** /dev/zero and /dev/urandom: endless bytes; writes are discarded. */
class GeneratorFile extends OpenFile {
  constructor(readonly kind: string, private readonly fill: (buf: Uint8Array) => void) { super(); }
  /** Reads are served whole up to 1 MiB (so `dd bs=1M` gets full blocks), filled 64 KiB at a time. */
  async read(max: number): Promise<Uint8Array | null> {
    const buf = new Uint8Array(Math.min(max, 1 << 20));
    for (let off = 0; off < buf.length; off += 65536) this.fill(buf.subarray(off, off + 65536));
    return buf;
  }
  async write(data: Uint8Array): Promise<number> { return data.length; }
  protected release(): void {}
}

/** /dev/full: reads zeros, every write fails with ENOSPC. */
class FullFile extends GeneratorFile {
  constructor() { super('full', (b) => b.fill(0)); }
  override async write(): Promise<number> { throw new SysError('ENOSPC'); }
}

/** A regular file on a process's filesystem. */
export class RegularFile extends OpenFile {
  readonly kind = 'file';
  offset = 0;

  constructor(private readonly fs: TreeFs, readonly path: string, private readonly flags: OpenFlags) { super(); }

  async read(max: number): Promise<Uint8Array | null> {
    const bytes = this.readSync(max);
    return bytes.length === 0 && max > 0 ? null : bytes;
  }

  async write(data: Uint8Array, _io?: IoContext): Promise<number> {
    return this.writeSync(data);
  }

  /** read(2)/pread(2) without waiting: regular files never block. Empty at end of file. */
  readSync(max: number, position: number | null = null): Uint8Array {
    if (!this.flags.read) throw new SysError('EBADF');
    let content;
    try { content = this.fs.readContentSync(this.path); } catch (e) { throw sysErrorOf(e); }
    const size = contentSize(content);
    const start = position ?? this.offset;
    if (start >= size) return new Uint8Array(0);
    const end = Math.min(size, start + max);
    const bytes = content instanceof GeneratedContent ? sliceGenerated(content, start, end) : content.subarray(start, end);
    if (position === null) this.offset = end;
    return bytes.slice();
  }

  /** write(2)/pwrite(2) without waiting. */
  writeSync(data: Uint8Array, position: number | null = null): number {
    if (!this.flags.write) throw new SysError('EBADF');
    try {
      // O_APPEND writes at the end as it is now; the file grows in place (fs/grow.ts), not by a copy per write.
      const at = this.flags.append ? this.fs.statSync(this.path).size : position ?? this.offset;
      this.fs.writeAtSync(this.path, data, at);
      if (position === null || this.flags.append) this.offset = at + data.length;
      return data.length;
    } catch (e) {
      throw sysErrorOf(e);
    }
  }

  protected release(): void {}
}

function sliceGenerated(c: GeneratedContent, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let pos = 0;
  let off = 0;
  for (const chunk of c.chunks()) {
    const cEnd = pos + chunk.length;
    if (cEnd > start && pos < end) {
      const from = Math.max(start, pos) - pos;
      const to = Math.min(end, cEnd) - pos;
      out.set(chunk.subarray(from, to), off);
      off += to - from;
    }
    pos = cEnd;
    if (pos >= end) break;
  }
  return out;
}

const DEVICES = new Map<string, () => OpenFile>([
  ['/dev/null', () => new NullFile()],
  ['/dev/zero', () => new GeneratorFile('zero', (b) => b.fill(0))],
  ['/dev/full', () => new FullFile()],
  ['/dev/urandom', () => new GeneratorFile('urandom', (b) => crypto.getRandomValues(b))],
  ['/dev/random', () => new GeneratorFile('urandom', (b) => crypto.getRandomValues(b))],
]);
const STD = new Map([['/dev/stdin', 0], ['/dev/stdout', 1], ['/dev/stderr', 2], ['/proc/self/fd/0', 0], ['/proc/self/fd/1', 1], ['/proc/self/fd/2', 2]]);

/**
 * open(2): returns the open file for `path` (absolute), checking permissions
 * for `creds`. Throws SysError (ENOENT, EACCES, EISDIR, EEXIST…).
 */
export function openPath(fs: TreeFs, path: string, flags: OpenFlags, creds: Credentials, fds: FdTable, umask = 0o022): OpenFile {
  // Devices and the standard streams, also through symlinks (nginx's
  // access.log → /dev/stdout is how its log reaches `docker logs`).
  let at = path;
  for (let hops = 0; hops <= 8; hops++) {
    const device = DEVICES.get(at);
    if (device) return device();
    const std = STD.get(at);
    if (std !== undefined) return fds.get(std);
    let link: string;
    try {
      if (fs.lstatSync(at).type !== 'symlink') break;
      link = fs.readlinkSync(at);
    } catch { break; }
    at = link.startsWith('/') ? normalizePath(link, '/') : normalizePath(link, dirname(at));
  }
  let st: Stat | null = null;
  try { st = fs.statSync(path); } catch (e) { if (!isFsError(e, 'ENOENT')) throw sysErrorOf(e); }
  if (st) {
    if (flags.create && flags.exclusive) throw new SysError('EEXIST');
    if (st.type === 'dir' && flags.write) throw new SysError('EISDIR');
    if (flags.read && !mayAccess(st, creds, R_OK)) throw new SysError('EACCES');
    if (flags.write && !mayAccess(st, creds, W_OK)) throw new SysError('EACCES');
    if (flags.truncate && flags.write) {
      try { fs.writeFileSync(path, new Uint8Array(0)); } catch (e) { throw sysErrorOf(e); }
    }
  } else {
    if (!flags.create) throw new SysError('ENOENT');
    let parent: Stat;
    try { parent = fs.statSync(dirname(path)); } catch (e) { throw sysErrorOf(e); }
    if (parent.type !== 'dir') throw new SysError('ENOTDIR');
    if (!mayAccess(parent, creds, W_OK | X_OK)) throw new SysError('EACCES');
    try {
      fs.writeFileSync(path, new Uint8Array(0), { mode: (flags.mode ?? 0o666) & ~umask, uid: creds.uid, gid: creds.gid });
    } catch (e) {
      throw sysErrorOf(e);
    }
  }
  const file = new RegularFile(fs, path, flags);
  if (flags.append && st) file.offset = st.size;
  return file;
}
