// The file system calls behind the guest's `fs` module: each runs at once
// on the container's filesystem with the process's credentials (a non-root
// user cannot write a root-owned directory) and fails as libuv reports it
// (code, syscall, path, dest), which the guest turns into Node's errors.
import { contentSize } from '../../fs/content.ts';
import { isFsError } from '../../fs/errors.ts';
import { dirname, normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';
import { mayAccess, openPath, R_OK, RegularFile, sysErrorOf, W_OK, X_OK, type OpenFlags } from '../../kernel/vfs.ts';

export { SysCallError as UvError } from './sys-error.ts';
import { SysCallError as UvError } from './sys-error.ts';

const S_IF = { file: 0o100000, dir: 0o040000, symlink: 0o120000 } as const;

export interface NodeStat {
  dev: number; mode: number; nlink: number; uid: number; gid: number; rdev: number; blksize: number; ino: number;
  size: number; blocks: number; atimeMs: number; mtimeMs: number; ctimeMs: number; birthtimeMs: number;
}

function nodeStat(st: Stat): NodeStat {
  return {
    dev: 0x32, mode: S_IF[st.type] | st.mode, nlink: st.type === 'dir' ? 2 : 1, uid: st.uid, gid: st.gid, rdev: 0,
    blksize: 4096, ino: st.ino, size: st.type === 'dir' ? 4096 : st.size, blocks: Math.ceil(st.size / 4096) * 8,
    atimeMs: st.mtimeMs, mtimeMs: st.mtimeMs, ctimeMs: st.mtimeMs, birthtimeMs: st.mtimeMs,
  };
}

/** Flags as fs.openSync takes them ('r', 'w+', 'ax'…) → open(2)'s. */
function openFlags(flags: string, mode: number): OpenFlags {
  const plus = flags.includes('+');
  const base = flags[0];
  return {
    read: base === 'r' || plus,
    write: base !== 'r' || plus,
    create: base !== 'r',
    truncate: base === 'w',
    append: base === 'a',
    exclusive: flags.includes('x'),
    mode,
  };
}

export class HostFs {
  constructor(private readonly p: Process) {}

  private abs(path: string): string { return normalizePath(path, this.p.cwd); }

  private fail(e: unknown, syscall: string, path?: string, dest?: string): never {
    if (e instanceof UvError) throw e;
    if (e instanceof SysError) throw new UvError(e.errno, syscall, path, dest);
    if (isFsError(e)) throw new UvError(sysErrorOf(e).errno, syscall, path, dest);
    throw e;
  }

  private stat(path: string, follow: boolean): Stat {
    return follow ? this.p.fs.statSync(path) : this.p.fs.lstatSync(path);
  }

  /** EACCES unless every directory on the way to `path` may be searched. */
  private checkSearch(path: string, syscall: string, shown: string): void {
    if (this.p.uid === 0) return;
    let dir = dirname(path);
    const dirs: string[] = [];
    while (dir !== '/') { dirs.unshift(dir); dir = dirname(dir); }
    dirs.unshift('/');
    for (const d of dirs) {
      let st: Stat;
      try { st = this.p.fs.statSync(d); } catch { return; }
      if (!mayAccess(st, this.p.task.creds, X_OK)) throw new UvError('EACCES', syscall, shown);
    }
  }

  private checkParent(path: string, syscall: string, shown: string, dest?: string): void {
    let parent: Stat;
    try { parent = this.p.fs.statSync(dirname(path)); } catch (e) { this.fail(e, syscall, shown, dest); }
    if (parent.type !== 'dir') throw new UvError('ENOTDIR', syscall, shown, dest);
    if (!mayAccess(parent, this.p.task.creds, W_OK | X_OK)) throw new UvError('EACCES', syscall, shown, dest);
  }

  /** One guest call: `op` with its arguments; returns what the guest gets. */
  call(op: string, args: unknown[]): unknown {
    const s = (i: number): string => String(args[i]);
    switch (op) {
      case 'stat': return this.statOp(s(0), args[1] === true);
      case 'exists': {
        try { this.stat(this.abs(s(0)), true); return true; } catch { return false; }
      }
      case 'access': return this.access(s(0), Number(args[1]));
      case 'readFile': return this.readFile(s(0), args[1] === 'utf8', String(args[2] ?? 'r'));
      case 'writeFile': return this.writeFile(s(0), args[1] as Uint8Array, s(2), Number(args[3]));
      case 'readdir': return this.readdir(s(0));
      case 'mkdir': return this.mkdir(s(0), args[1] === true, Number(args[2]));
      case 'rmdir': return this.rmdir(s(0));
      case 'rm': return this.rm(s(0), args[1] === true, args[2] === true);
      case 'unlink': return this.unlink(s(0));
      case 'rename': return this.rename(s(0), s(1));
      case 'copyFile': return this.copyFile(s(0), s(1), Number(args[2]));
      case 'symlink': return this.symlink(s(0), s(1));
      case 'link': return this.copyFile(s(0), s(1), 1, 'link');
      case 'readlink': return this.readlink(s(0));
      case 'realpath': return this.realpath(s(0));
      case 'chmod': return this.chmod(s(0), Number(args[1]));
      case 'chown': return this.chown(s(0), Number(args[1]), Number(args[2]), args[3] === true);
      case 'utimes': return this.utimes(s(0), Number(args[1]));
      case 'truncate': return this.truncate(s(0), Number(args[1]));
      case 'open': return this.open(s(0), args[1] as string | OpenFlags, Number(args[2]));
      case 'close': return this.close(Number(args[0]));
      case 'read': return this.read(Number(args[0]), Number(args[1]), Number(args[2]));
      case 'write': return this.write(Number(args[0]), args[1] as Uint8Array, Number(args[2]));
      case 'fstat': return nodeStat(this.p.fs.statSync(this.file(Number(args[0]), 'fstat').path));
      case 'fchmod': return this.chmod(this.file(Number(args[0]), 'fchmod').path, Number(args[1]));
      case 'ftruncate': return this.truncate(this.file(Number(args[0]), 'ftruncate').path, Number(args[1]));
      default: throw new UvError('ENOSYS', op);
    }
  }

  private statOp(path: string, follow: boolean): NodeStat {
    const abs = this.abs(path);
    this.checkSearch(abs, follow ? 'stat' : 'lstat', path);
    try { return nodeStat(this.stat(abs, follow)); } catch (e) { this.fail(e, follow ? 'stat' : 'lstat', path); }
  }

  private access(path: string, mode: number): void {
    const abs = this.abs(path);
    this.checkSearch(abs, 'access', path);
    let st: Stat;
    try { st = this.stat(abs, true); } catch (e) { this.fail(e, 'access', path); }
    if (mode !== 0 && !mayAccess(st, this.p.task.creds, mode & (R_OK | W_OK | X_OK))) throw new UvError('EACCES', 'access', path);
  }

  private readFile(path: string, utf8: boolean, flag: string): string | Uint8Array {
    const abs = this.abs(path);
    this.checkSearch(abs, 'open', path);
    let file;
    try {
      file = openPath(this.p.fs, abs, openFlags(flag, 0o666), this.p.task.creds, this.p.fds);
    } catch (e) { this.fail(e, 'open', path); }
    if (!(file instanceof RegularFile)) {
      // Devices: /dev/null reads empty; the others would block or never end.
      if (file.kind === 'null') return utf8 ? '' : new Uint8Array(0);
      throw new UvError('EAGAIN', 'read');
    }
    let st: Stat;
    try { st = this.p.fs.statSync(abs); } catch (e) { this.fail(e, 'open', path); }
    if (st.type === 'dir') throw new UvError('EISDIR', 'read');
    const bytes = file.readSync(Number.MAX_SAFE_INTEGER);
    return utf8 ? new TextDecoder().decode(bytes) : bytes;
  }

  private writeFile(path: string, data: Uint8Array, flag: string, mode: number): void {
    const abs = this.abs(path);
    this.checkSearch(abs, 'open', path);
    let file;
    try {
      file = openPath(this.p.fs, abs, openFlags(flag, mode), this.p.task.creds, this.p.fds);
    } catch (e) { this.fail(e, 'open', path); }
    if (!(file instanceof RegularFile)) {
      if (file.kind === 'null') return;
      throw new UvError('EAGAIN', 'write');
    }
    try { file.writeSync(data); } catch (e) { this.fail(e, 'write'); }
  }

  private readdir(path: string): Array<[string, string]> {
    const abs = this.abs(path);
    this.checkSearch(abs, 'scandir', path);
    let st: Stat;
    try { st = this.p.fs.statSync(abs); } catch (e) { this.fail(e, 'scandir', path); }
    if (st.type !== 'dir') throw new UvError('ENOTDIR', 'scandir', path);
    if (!mayAccess(st, this.p.task.creds, R_OK)) throw new UvError('EACCES', 'scandir', path);
    return this.p.fs.readdirSync(abs).map((name) => {
      let type = 'unknown';
      try { type = this.p.fs.lstatSync(abs === '/' ? `/${name}` : `${abs}/${name}`).type; } catch { /* raced away */ }
      return [name, type];
    });
  }

  private mkdir(path: string, recursive: boolean, mode: number): string | null {
    const abs = this.abs(path);
    if (!recursive) {
      if (this.p.fs.existsSync(abs) || this.isLink(abs)) throw new UvError('EEXIST', 'mkdir', path);
      this.checkSearch(abs, 'mkdir', path);
      this.checkParent(abs, 'mkdir', path);
      try { this.p.fs.mkdirSync(abs, { mode: mode & ~0o022 & 0o7777, uid: this.p.uid, gid: this.p.gid }); } catch (e) { this.fail(e, 'mkdir', path); }
      return null;
    }
    // Recursive: creates the missing directories; returns the first one made.
    const missing: string[] = [];
    let at = abs;
    while (at !== '/') {
      let st: Stat | null = null;
      try { st = this.p.fs.statSync(at); } catch (e) { if (!isFsError(e, 'ENOENT')) this.fail(e, 'mkdir', path); }
      if (st) {
        if (st.type !== 'dir') throw new UvError(missing.length === 0 ? 'EEXIST' : 'ENOTDIR', 'mkdir', path);
        break;
      }
      missing.unshift(at);
      at = dirname(at);
    }
    for (const dir of missing) {
      this.checkParent(dir, 'mkdir', path);
      try { this.p.fs.mkdirSync(dir, { mode: mode & ~0o022 & 0o7777, uid: this.p.uid, gid: this.p.gid }); } catch (e) { this.fail(e, 'mkdir', path); }
    }
    return missing[0] ?? null;
  }

  private isLink(abs: string): boolean {
    try { return this.p.fs.lstatSync(abs).type === 'symlink'; } catch { return false; }
  }

  private rmdir(path: string): void {
    const abs = this.abs(path);
    this.checkSearch(abs, 'rmdir', path);
    this.checkParent(abs, 'rmdir', path);
    try { this.p.fs.rmdirSync(abs); } catch (e) { this.fail(e, 'rmdir', path); }
  }

  private rm(path: string, recursive: boolean, force: boolean): void {
    const abs = this.abs(path);
    let st: Stat;
    try { st = this.p.fs.lstatSync(abs); } catch (e) {
      if (force && isFsError(e, 'ENOENT')) return;
      this.fail(e, 'lstat', path);
    }
    if (st.type === 'dir') {
      if (!recursive) {
        // Node reports this one as its own error code.
        throw Object.assign(new UvError('ERR_FS_EISDIR', 'rm', path), { message: `Path is a directory: rm returned EISDIR (is a directory) ${path}` });
      }
      this.removeTree(abs, path);
      return;
    }
    this.checkParent(abs, 'rm', path);
    try { this.p.fs.unlinkSync(abs); } catch (e) { this.fail(e, 'rm', path); }
  }

  private removeTree(abs: string, shown: string): void {
    const st = this.p.fs.lstatSync(abs);
    if (st.type === 'dir') {
      if (!mayAccess(st, this.p.task.creds, W_OK | X_OK) && this.p.fs.readdirSync(abs).length > 0) throw new UvError('EACCES', 'rm', shown);
      for (const name of this.p.fs.readdirSync(abs)) this.removeTree(abs === '/' ? `/${name}` : `${abs}/${name}`, shown);
      this.checkParent(abs, 'rm', shown);
      try { this.p.fs.rmdirSync(abs); } catch (e) { this.fail(e, 'rm', shown); }
    } else {
      this.checkParent(abs, 'rm', shown);
      try { this.p.fs.unlinkSync(abs); } catch (e) { this.fail(e, 'rm', shown); }
    }
  }

  private unlink(path: string): void {
    const abs = this.abs(path);
    this.checkSearch(abs, 'unlink', path);
    let st: Stat;
    try { st = this.p.fs.lstatSync(abs); } catch (e) { this.fail(e, 'unlink', path); }
    if (st.type === 'dir') throw new UvError('EISDIR', 'unlink', path);
    this.checkParent(abs, 'unlink', path);
    try { this.p.fs.unlinkSync(abs); } catch (e) { this.fail(e, 'unlink', path); }
  }

  private rename(from: string, to: string): void {
    const a = this.abs(from);
    const b = this.abs(to);
    try { this.p.fs.lstatSync(a); } catch (e) { this.fail(e, 'rename', from, to); }
    this.checkParent(a, 'rename', from, to);
    this.checkParent(b, 'rename', from, to);
    try { this.p.fs.renameSync(a, b); } catch (e) { this.fail(e, 'rename', from, to); }
  }

  private copyFile(from: string, to: string, mode: number, syscall = 'copyfile'): void {
    const a = this.abs(from);
    const b = this.abs(to);
    let st: Stat;
    try { st = this.p.fs.statSync(a); } catch (e) { this.fail(e, syscall, from, to); }
    if (st.type === 'dir') throw new UvError(syscall === 'link' ? 'EPERM' : 'EISDIR', syscall, from, to);
    if (!mayAccess(st, this.p.task.creds, R_OK)) throw new UvError('EACCES', syscall, from, to);
    if ((mode & 1) !== 0 && (this.p.fs.existsSync(b) || this.isLink(b))) throw new UvError('EEXIST', syscall, from, to);
    let target: Stat | null = null;
    try { target = this.p.fs.statSync(b); } catch { /* created below */ }
    if (target) {
      if (target.type === 'dir') throw new UvError('EISDIR', syscall, from, to);
      if (!mayAccess(target, this.p.task.creds, W_OK)) throw new UvError('EACCES', syscall, from, to);
    } else {
      this.checkParent(b, syscall, from, to);
    }
    try {
      this.p.fs.writeFileSync(b, this.p.fs.readContentSync(a), target ? {} : { mode: st.mode, uid: this.p.uid, gid: this.p.gid });
    } catch (e) { this.fail(e, syscall, from, to); }
  }

  private symlink(target: string, path: string): void {
    const abs = this.abs(path);
    if (this.p.fs.existsSync(abs) || this.isLink(abs)) throw new UvError('EEXIST', 'symlink', target, path);
    this.checkParent(abs, 'symlink', target, path);
    try { this.p.fs.symlinkSync(target, abs, { uid: this.p.uid, gid: this.p.gid }); } catch (e) { this.fail(e, 'symlink', target, path); }
  }

  private readlink(path: string): string {
    const abs = this.abs(path);
    let st: Stat;
    try { st = this.p.fs.lstatSync(abs); } catch (e) { this.fail(e, 'readlink', path); }
    if (st.type !== 'symlink') throw new UvError('EINVAL', 'readlink', path);
    return this.p.fs.readlinkSync(abs);
  }

  private realpath(path: string): string {
    const abs = this.abs(path);
    try { return this.p.fs.realpathSync(abs); } catch (e) { this.fail(e, 'realpath', path); }
  }

  private owned(abs: string, syscall: string, path: string): void {
    let st: Stat;
    try { st = this.p.fs.statSync(abs); } catch (e) { this.fail(e, syscall, path); }
    if (this.p.uid !== 0 && st.uid !== this.p.uid) throw new UvError('EPERM', syscall, path);
  }

  private chmod(path: string, mode: number): void {
    const abs = this.abs(path);
    this.owned(abs, 'chmod', path);
    try { this.p.fs.chmodSync(abs, mode & 0o7777); } catch (e) { this.fail(e, 'chmod', path); }
  }

  private chown(path: string, uid: number, gid: number, follow: boolean): void {
    const abs = this.abs(path);
    if (this.p.uid !== 0) throw new UvError('EPERM', follow ? 'chown' : 'lchown', path);
    try {
      if (follow) this.p.fs.chownSync(abs, uid, gid);
      else this.p.fs.lchownSync(abs, uid, gid);
    } catch (e) { this.fail(e, follow ? 'chown' : 'lchown', path); }
  }

  private utimes(path: string, mtimeMs: number): void {
    const abs = this.abs(path);
    this.owned(abs, 'utime', path);
    try { this.p.fs.utimesSync(abs, mtimeMs); } catch (e) { this.fail(e, 'utime', path); }
  }

  private truncate(path: string, len: number): void {
    const abs = this.abs(path);
    let st: Stat;
    try { st = this.p.fs.statSync(abs); } catch (e) { this.fail(e, 'open', path); }
    if (st.type === 'dir') throw new UvError('EISDIR', 'open', path);
    if (!mayAccess(st, this.p.task.creds, W_OK)) throw new UvError('EACCES', 'open', path);
    const content = this.p.fs.readFileSync(abs);
    const next = new Uint8Array(len);
    next.set(content.subarray(0, Math.min(len, content.length)));
    try { this.p.fs.writeFileSync(abs, next); } catch (e) { this.fail(e, 'ftruncate'); }
  }

  // ---- descriptors ------------------------------------------------------------

  /** open(2): flags as fs.openSync takes them ('r', 'w+'…) or as open(2)'s bits (WASI's path_open). */
  private open(path: string, flags: string | OpenFlags, mode: number): number {
    const abs = this.abs(path);
    this.checkSearch(abs, 'open', path);
    try {
      const file = openPath(this.p.fs, abs, typeof flags === 'string' ? openFlags(flags, mode) : { ...flags, mode }, this.p.task.creds, this.p.fds);
      return this.p.installFile(file);
    } catch (e) { this.fail(e, 'open', path); }
  }

  private file(fd: number, syscall: string): RegularFile {
    let f;
    try { f = this.p.fds.get(fd); } catch { throw new UvError('EBADF', syscall); }
    if (!(f instanceof RegularFile)) throw new UvError(fd <= 2 ? 'EAGAIN' : 'EBADF', syscall);
    return f;
  }

  private close(fd: number): void {
    if (!this.p.fds.has(fd)) throw new UvError('EBADF', 'close');
    this.p.close(fd);
  }

  private read(fd: number, length: number, position: number): Uint8Array {
    const f = this.file(fd, 'read');
    try { return f.readSync(length, position < 0 ? null : position); } catch (e) { this.fail(e, 'read'); }
  }

  private write(fd: number, data: Uint8Array, position: number): number {
    const f = this.file(fd, 'write');
    try { return f.writeSync(data, position < 0 ? null : position); } catch (e) { this.fail(e, 'write'); }
  }
}

/** The first line of `file` at `line` (1-based), for an uncaught error's arrow; null if unreadable. */
export function sourceLine(p: Process, file: string, line: number): string | null {
  try {
    const bytes = p.fs.readFileSync(normalizePath(file, p.cwd));
    if (contentSize(bytes) > 8 << 20) return null;
    return new TextDecoder().decode(bytes).split('\n')[line - 1]?.replace(/\r$/, '') ?? null;
  } catch {
    return null;
  }
}

