// A WASI preview1 module as a process (guest side): the
// `wasi_snapshot_preview1` imports implemented on the container through
// synchronous system calls (WasiSys) — args and environment, the standard
// streams, files and directories under the preopened `/`, clocks, random
// bytes, sleeping, and proc_exit. The module's linear memory is charged to
// the cgroup at every call and capped at what memory.max leaves.
//
// Written for this engine rather than taken from @bjorn3/browser_wasi_shim:
// the shim models an in-memory filesystem of its own, while these calls must
// reach the container's filesystem (and its permission checks) in the engine.
import { SysCallError } from '../node/sys-error.ts';
import { capMemory } from './memory-cap.ts';

/** What a WASI guest needs from the system. */
export interface WasiSys {
  call(op: string, args: unknown[]): unknown;
  /** The signal the process was killed by, if it was (in-thread only). */
  killed(): number | null;
}

export interface WasiSpec { path: string; args: string[]; env: string[]; module: Uint8Array; memoryLimit: number }

/** proc_exit unwinds the module with this. */
class ProcExit extends Error {
  constructor(readonly code: number) { super(`exit ${code}`); }
}

// errno values of WASI preview1.
const E = {
  SUCCESS: 0, TOOBIG: 1, ACCES: 2, AGAIN: 6, BADF: 8, EXIST: 20, FBIG: 22, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32,
  NAMETOOLONG: 37, NOENT: 44, NOSPC: 51, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55, NOTSUP: 58, PERM: 63, PIPE: 64, ROFS: 69,
  SPIPE: 70, NOTCAPABLE: 76,
} as const;
const ERRNO_BY_CODE: Record<string, number> = {
  EACCES: E.ACCES, EAGAIN: E.AGAIN, EBADF: E.BADF, EEXIST: E.EXIST, EINVAL: E.INVAL, EIO: E.IO, EISDIR: E.ISDIR, ELOOP: E.LOOP,
  ENAMETOOLONG: E.NAMETOOLONG, ENOENT: E.NOENT, ENOSPC: E.NOSPC, ENOSYS: E.NOSYS, ENOTDIR: E.NOTDIR, ENOTEMPTY: E.NOTEMPTY,
  EPERM: E.PERM, EPIPE: E.PIPE, EROFS: E.ROFS, ESPIPE: E.SPIPE, ERR_FS_EISDIR: E.ISDIR, EXDEV: E.NOTSUP,
};

const FILETYPE = { unknown: 0, char: 2, dir: 3, file: 4, symlink: 7 } as const;
const RIGHTS_ALL = 0x1fffffffn;
const FD_READ = 1n << 1n;
const FD_WRITE = 1n << 6n;
const O_CREAT = 1;
const O_DIRECTORY = 2;
const O_EXCL = 4;
const O_TRUNC = 8;
const FDFLAG_APPEND = 1;
const WHENCE_SET = 0;
const WHENCE_CUR = 1;
const WHENCE_END = 2;
const PAGE = 65536;

type Entry =
  | { kind: 'stdio'; fd: number }
  | { kind: 'dir'; path: string; preopen: boolean }
  | { kind: 'file'; path: string; hostFd: number; position: number; append: boolean };

interface NodeStatLike { mode: number; size: number; ino: number; nlink: number; mtimeMs: number; dev: number }

function typeOf(mode: number): number {
  switch (mode & 0o170000) {
    case 0o040000: return FILETYPE.dir;
    case 0o100000: return FILETYPE.file;
    case 0o120000: return FILETYPE.symlink;
    case 0o020000: return FILETYPE.char;
    default: return FILETYPE.unknown;
  }
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export class WasiGuest {
  private memory: WebAssembly.Memory | null = null;
  private readonly fds = new Map<number, Entry>();
  private charged = 0;
  private readonly enc = new TextEncoder();
  private readonly dec = new TextDecoder();

  constructor(private readonly sys: WasiSys, private readonly spec: WasiSpec) {
    this.fds.set(0, { kind: 'stdio', fd: 0 });
    this.fds.set(1, { kind: 'stdio', fd: 1 });
    this.fds.set(2, { kind: 'stdio', fd: 2 });
    this.fds.set(3, { kind: 'dir', path: '/', preopen: true });
  }

  /** Instantiates and runs the module's _start; resolves to its exit status. */
  async run(): Promise<number> {
    let module: WebAssembly.Module;
    try {
      module = await WebAssembly.compile(capMemory(this.spec.module, Math.max(1, Math.floor(this.spec.memoryLimit / PAGE))) as Uint8Array<ArrayBuffer>);
    } catch (e) {
      this.writeErr(`${this.spec.path}: not a valid WebAssembly module: ${e instanceof Error ? e.message : String(e)}\n`);
      return 126;
    }
    const imports: Record<string, Record<string, unknown>> = { wasi_snapshot_preview1: this.imports() };
    // A module that imports its memory gets one capped at what memory.max allows.
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind === 'memory') {
        const maximum = Math.max(1, Math.floor(this.spec.memoryLimit / PAGE));
        (imports[imp.module] ??= {})[imp.name] = new WebAssembly.Memory({ initial: 1, maximum: Math.min(65536, maximum) });
      } else if (imp.module !== 'wasi_snapshot_preview1') {
        this.writeErr(`${this.spec.path}: unknown import ${imp.module}.${imp.name}: only WASI preview1 (wasi_snapshot_preview1) is available\n`);
        return 126;
      } else if (!(imp.name in imports.wasi_snapshot_preview1!)) {
        imports.wasi_snapshot_preview1![imp.name] = () => E.NOSYS;
      }
    }
    let instance: WebAssembly.Instance;
    try {
      instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
    } catch (e) {
      this.writeErr(`${this.spec.path}: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
      return 126;
    }
    const exported = instance.exports.memory;
    this.memory = exported instanceof WebAssembly.Memory ? exported : (Object.values(imports).flatMap((m) => Object.values(m)).find((v) => v instanceof WebAssembly.Memory) as WebAssembly.Memory | undefined) ?? null;
    const start = instance.exports._start;
    if (typeof start !== 'function') {
      this.writeErr(`${this.spec.path}: the module has no _start: only WASI commands can run as programs\n`);
      return 126;
    }
    this.chargeMemory();
    try {
      (start as () => void)();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      if (e instanceof WebAssembly.RuntimeError) {
        // A trap (unreachable, out-of-bounds access…): the runtime reports it and the process dies.
        this.writeErr(`Error: failed to run main module \`${this.spec.path}\`\n\nCaused by:\n    wasm trap: ${e.message}\n`);
        return 134;
      }
      throw e;
    }
  }

  private writeErr(text: string): void {
    try { this.sys.call('write', [2, this.enc.encode(text)]); } catch { /* nowhere to report */ }
  }

  private chargeMemory(): void {
    const size = this.memory ? this.memory.buffer.byteLength : 0;
    if (size !== this.charged) {
      this.sys.call('memory', [size]);
      this.charged = size;
    }
  }

  private view(): DataView { return new DataView(this.memory!.buffer); }
  private bytes(): Uint8Array { return new Uint8Array(this.memory!.buffer); }
  private str(ptr: number, len: number): string { return this.dec.decode(this.bytes().subarray(ptr, ptr + len)); }

  /** Runs a call; a failed system call becomes its WASI errno. */
  private guard(fn: () => number): number {
    this.chargeMemory();
    try {
      return fn();
    } catch (e) {
      if (e instanceof ProcExit) throw e;
      if (e instanceof SysCallError) return ERRNO_BY_CODE[e.code] ?? E.IO;
      throw e;
    }
  }

  private fsCall(op: string, ...args: unknown[]): unknown {
    return this.sys.call('fs', [op, ...args]);
  }

  private resolve(dirfd: number, ptr: number, len: number): string | number {
    const dir = this.fds.get(dirfd);
    if (!dir) return E.BADF;
    if (dir.kind !== 'dir') return E.NOTDIR;
    const rel = this.str(ptr, len);
    if (rel.startsWith('/')) return E.NOTCAPABLE;
    return normalize(`${dir.path}/${rel}`);
  }

  private nextFd(): number {
    let fd = 4;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  private writeFilestat(ptr: number, st: NodeStatLike): void {
    const v = this.view();
    v.setBigUint64(ptr, BigInt(st.dev), true);
    v.setBigUint64(ptr + 8, BigInt(st.ino), true);
    v.setUint8(ptr + 16, typeOf(st.mode));
    v.setBigUint64(ptr + 24, BigInt(st.nlink), true);
    v.setBigUint64(ptr + 32, BigInt(st.size), true);
    const ns = BigInt(Math.round(st.mtimeMs * 1e6));
    v.setBigUint64(ptr + 40, ns, true);
    v.setBigUint64(ptr + 48, ns, true);
    v.setBigUint64(ptr + 56, ns, true);
  }

  private iovecs(ptr: number, count: number): Array<[number, number]> {
    const v = this.view();
    const out: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) out.push([v.getUint32(ptr + i * 8, true), v.getUint32(ptr + i * 8 + 4, true)]);
    return out;
  }

  private writeStrings(list: string[], ptrsPtr: number, bufPtr: number): number {
    const v = this.view();
    const mem = this.bytes();
    let off = bufPtr;
    list.forEach((s, i) => {
      v.setUint32(ptrsPtr + i * 4, off, true);
      const b = this.enc.encode(`${s}\0`);
      mem.set(b, off);
      off += b.length;
    });
    return E.SUCCESS;
  }

  private sizes(list: string[], countPtr: number, sizePtr: number): number {
    const v = this.view();
    v.setUint32(countPtr, list.length, true);
    v.setUint32(sizePtr, list.reduce((n, s) => n + this.enc.encode(s).length + 1, 0), true);
    return E.SUCCESS;
  }

  private read(entry: Entry, len: number, position: number | null): Uint8Array {
    if (entry.kind === 'stdio') return this.sys.call('read', [entry.fd, len]) as Uint8Array;
    if (entry.kind !== 'file') throw new SysCallError('EISDIR', 'read');
    return this.fsCall('read', entry.hostFd, len, position ?? entry.position) as Uint8Array;
  }

  /** fd_read (at null: from the file's position, which moves) and fd_pread (at an offset, which does not). */
  private readv(fd: number, iovs: number, count: number, at: number | null, nreadPtr: number): number {
    const e = this.fds.get(fd);
    if (!e) return E.BADF;
    if (at !== null && e.kind !== 'file') return E.SPIPE;
    let total = 0;
    for (const [buf, len] of this.iovecs(iovs, count)) {
      if (len === 0) continue;
      const data = this.read(e, len, at === null ? null : at + total);
      this.bytes().set(data, buf);
      total += data.length;
      if (data.length < len) break;
    }
    if (at === null && e.kind === 'file') e.position += total;
    this.view().setUint32(nreadPtr, total, true);
    return E.SUCCESS;
  }

  /** fd_write and fd_pwrite: the iovecs gathered into one write. */
  private writev(fd: number, iovs: number, count: number, at: number | null, nwrittenPtr: number): number {
    const e = this.fds.get(fd);
    if (!e) return E.BADF;
    if (at !== null && e.kind !== 'file') return E.SPIPE;
    if (e.kind === 'dir') return E.ISDIR;
    const parts = this.iovecs(iovs, count).map(([buf, len]) => this.bytes().slice(buf, buf + len));
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { data.set(p, off); off += p.length; }
    if (data.length > 0) {
      if (e.kind === 'stdio') this.sys.call('write', [e.fd, data]);
      else {
        this.fsCall('write', e.hostFd, data, at ?? (e.append ? -1 : e.position));
        if (at === null) e.position += data.length;
      }
    }
    this.view().setUint32(nwrittenPtr, data.length, true);
    return E.SUCCESS;
  }

  /** lseek: moves a file's position (SET, CUR or END) and stores the new one; fd_tell is a seek of 0 from CUR. */
  private seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): number {
    const e = this.fds.get(fd);
    if (!e) return E.BADF;
    if (e.kind !== 'file') return E.SPIPE;
    if (whence !== WHENCE_SET && whence !== WHENCE_CUR && whence !== WHENCE_END) return E.INVAL;
    const base = whence === WHENCE_SET ? 0 : whence === WHENCE_CUR ? e.position : Number((this.fsCall('fstat', e.hostFd) as NodeStatLike).size);
    const next = base + Number(offset);
    if (next < 0) return E.INVAL;
    e.position = next;
    this.view().setBigUint64(newOffsetPtr, BigInt(next), true);
    return E.SUCCESS;
  }

  private imports(): Record<string, (...a: never[]) => unknown> {
    const g = this;
    return {
      args_sizes_get: (c: number, s: number) => g.guard(() => g.sizes(g.spec.args, c, s)),
      args_get: (p: number, b: number) => g.guard(() => g.writeStrings(g.spec.args, p, b)),
      environ_sizes_get: (c: number, s: number) => g.guard(() => g.sizes(g.spec.env, c, s)),
      environ_get: (p: number, b: number) => g.guard(() => g.writeStrings(g.spec.env, p, b)),
      clock_res_get: (_id: number, ptr: number) => g.guard(() => { g.view().setBigUint64(ptr, 1000n, true); return E.SUCCESS; }),
      clock_time_get: (id: number, _precision: bigint, ptr: number) => g.guard(() => {
        const ms = id === 0 ? Date.now() : Number(g.sys.call('now', []));
        g.view().setBigUint64(ptr, BigInt(Math.round(ms * 1e6)), true);
        return E.SUCCESS;
      }),
      random_get: (ptr: number, len: number) => g.guard(() => {
        for (let off = 0; off < len; off += 65536) crypto.getRandomValues(g.bytes().subarray(ptr + off, ptr + Math.min(len, off + 65536)));
        return E.SUCCESS;
      }),
      proc_exit: (code: number) => { throw new ProcExit(code); },
      proc_raise: () => E.NOSYS,
      sched_yield: () => g.guard(() => { g.sys.call('settle', []); return E.SUCCESS; }),
      fd_prestat_get: (fd: number, ptr: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e || e.kind !== 'dir' || !e.preopen) return E.BADF;
        g.view().setUint8(ptr, 0);
        g.view().setUint32(ptr + 4, g.enc.encode(e.path).length, true);
        return E.SUCCESS;
      }),
      fd_prestat_dir_name: (fd: number, ptr: number, len: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e || e.kind !== 'dir' || !e.preopen) return E.BADF;
        g.bytes().set(g.enc.encode(e.path).subarray(0, len), ptr);
        return E.SUCCESS;
      }),
      fd_fdstat_get: (fd: number, ptr: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e) return E.BADF;
        const v = g.view();
        v.setUint8(ptr, e.kind === 'dir' ? FILETYPE.dir : e.kind === 'file' ? FILETYPE.file : FILETYPE.char);
        v.setUint16(ptr + 2, e.kind === 'file' && e.append ? FDFLAG_APPEND : 0, true);
        v.setBigUint64(ptr + 8, RIGHTS_ALL, true);
        v.setBigUint64(ptr + 16, RIGHTS_ALL, true);
        return E.SUCCESS;
      }),
      fd_fdstat_set_flags: (fd: number) => g.guard(() => (g.fds.has(fd) ? E.SUCCESS : E.BADF)),
      fd_filestat_get: (fd: number, ptr: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e) return E.BADF;
        const st = e.kind === 'file' ? g.fsCall('fstat', e.hostFd) : e.kind === 'dir' ? g.fsCall('stat', e.path, true) : { mode: 0o020000, size: 0, ino: fd, nlink: 1, mtimeMs: 0, dev: 0 };
        g.writeFilestat(ptr, st as NodeStatLike);
        return E.SUCCESS;
      }),
      fd_filestat_set_size: (fd: number, size: bigint) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e || e.kind !== 'file') return E.BADF;
        g.fsCall('ftruncate', e.hostFd, Number(size));
        return E.SUCCESS;
      }),
      fd_filestat_set_times: () => E.SUCCESS,
      fd_advise: () => E.SUCCESS,
      fd_allocate: () => E.SUCCESS,
      fd_datasync: () => E.SUCCESS,
      fd_sync: () => E.SUCCESS,
      fd_close: (fd: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e) return E.BADF;
        if (e.kind === 'dir' && e.preopen) return E.NOTSUP;
        if (e.kind === 'file') g.fsCall('close', e.hostFd);
        g.fds.delete(fd);
        return E.SUCCESS;
      }),
      fd_read: (fd: number, iovs: number, count: number, nread: number) => g.guard(() => g.readv(fd, iovs, count, null, nread)),
      fd_pread: (fd: number, iovs: number, count: number, offset: bigint, nread: number) => g.guard(() => g.readv(fd, iovs, count, Number(offset), nread)),
      fd_write: (fd: number, iovs: number, count: number, nwritten: number) => g.guard(() => g.writev(fd, iovs, count, null, nwritten)),
      fd_pwrite: (fd: number, iovs: number, count: number, offset: bigint, nwritten: number) => g.guard(() => g.writev(fd, iovs, count, Number(offset), nwritten)),
      fd_seek: (fd: number, offset: bigint, whence: number, newOffset: number) => g.guard(() => g.seek(fd, offset, whence, newOffset)),
      fd_tell: (fd: number, ptr: number) => g.guard(() => g.seek(fd, 0n, WHENCE_CUR, ptr)),
      fd_readdir: (fd: number, buf: number, len: number, cookie: bigint, used: number) => g.guard(() => {
        const e = g.fds.get(fd);
        if (!e) return E.BADF;
        if (e.kind !== 'dir') return E.NOTDIR;
        const names = [['.', 'dir'], ['..', 'dir'], ...(g.fsCall('readdir', e.path) as Array<[string, string]>)];
        const mem = g.bytes();
        const v = g.view();
        let off = 0;
        for (let i = Number(cookie); i < names.length && off < len; i++) {
          const [name, type] = names[i]!;
          const nameBytes = g.enc.encode(name);
          const header = new Uint8Array(24);
          const hv = new DataView(header.buffer);
          hv.setBigUint64(0, BigInt(i + 1), true);
          hv.setBigUint64(8, BigInt(i + 1), true);
          hv.setUint32(16, nameBytes.length, true);
          hv.setUint8(20, type === 'dir' ? FILETYPE.dir : type === 'symlink' ? FILETYPE.symlink : type === 'file' ? FILETYPE.file : FILETYPE.unknown);
          const entry = new Uint8Array(24 + nameBytes.length);
          entry.set(header);
          entry.set(nameBytes, 24);
          const n = Math.min(entry.length, len - off);
          mem.set(entry.subarray(0, n), buf + off);
          off += n;
        }
        v.setUint32(used, off, true);
        return E.SUCCESS;
      }),
      fd_renumber: (from: number, to: number) => g.guard(() => {
        const e = g.fds.get(from);
        if (!e || !g.fds.has(to)) return E.BADF;
        g.fds.set(to, e);
        g.fds.delete(from);
        return E.SUCCESS;
      }),
      path_open: (dirfd: number, _dirflags: number, ptr: number, len: number, oflags: number, rightsBase: bigint, _rightsInh: bigint, fdflags: number, fdPtr: number) => g.guard(() => {
        const path = g.resolve(dirfd, ptr, len);
        if (typeof path === 'number') return path;
        let st: NodeStatLike | null = null;
        try { st = g.fsCall('stat', path, true) as NodeStatLike; } catch (err) {
          if (!(err instanceof SysCallError) || err.code !== 'ENOENT') throw err;
        }
        if (st && (oflags & O_CREAT) && (oflags & O_EXCL)) return E.EXIST;
        if (st && typeOf(st.mode) === FILETYPE.dir) {
          if ((rightsBase & FD_WRITE) !== 0n && (oflags & O_DIRECTORY) === 0 && (oflags & O_TRUNC)) return E.ISDIR;
          const fd = g.nextFd();
          g.fds.set(fd, { kind: 'dir', path, preopen: false });
          g.view().setUint32(fdPtr, fd, true);
          return E.SUCCESS;
        }
        if (oflags & O_DIRECTORY) return st ? E.NOTDIR : E.NOENT;
        const append = (fdflags & FDFLAG_APPEND) !== 0;
        const write = (rightsBase & FD_WRITE) !== 0n || append || (oflags & O_TRUNC) !== 0;
        const flags = {
          read: (rightsBase & FD_READ) !== 0n || !write, write, create: (oflags & O_CREAT) !== 0,
          truncate: (oflags & O_TRUNC) !== 0, append, exclusive: (oflags & O_EXCL) !== 0,
        };
        const hostFd = Number(g.fsCall('open', path, flags, 0o666));
        const fd = g.nextFd();
        g.fds.set(fd, { kind: 'file', path, hostFd, position: 0, append });
        g.view().setUint32(fdPtr, fd, true);
        return E.SUCCESS;
      }),
      path_filestat_get: (dirfd: number, flags: number, ptr: number, len: number, out: number) => g.guard(() => {
        const path = g.resolve(dirfd, ptr, len);
        if (typeof path === 'number') return path;
        g.writeFilestat(out, g.fsCall('stat', path, (flags & 1) !== 0) as NodeStatLike);
        return E.SUCCESS;
      }),
      path_filestat_set_times: () => E.SUCCESS,
      path_create_directory: (dirfd: number, ptr: number, len: number) => g.guard(() => {
        const path = g.resolve(dirfd, ptr, len);
        if (typeof path === 'number') return path;
        g.fsCall('mkdir', path, false, 0o777);
        return E.SUCCESS;
      }),
      path_remove_directory: (dirfd: number, ptr: number, len: number) => g.guard(() => {
        const path = g.resolve(dirfd, ptr, len);
        if (typeof path === 'number') return path;
        g.fsCall('rmdir', path);
        return E.SUCCESS;
      }),
      path_unlink_file: (dirfd: number, ptr: number, len: number) => g.guard(() => {
        const path = g.resolve(dirfd, ptr, len);
        if (typeof path === 'number') return path;
        g.fsCall('unlink', path);
        return E.SUCCESS;
      }),
      path_rename: (fd: number, p1: number, l1: number, fd2: number, p2: number, l2: number) => g.guard(() => {
        const from = g.resolve(fd, p1, l1);
        const to = g.resolve(fd2, p2, l2);
        if (typeof from === 'number') return from;
        if (typeof to === 'number') return to;
        g.fsCall('rename', from, to);
        return E.SUCCESS;
      }),
      path_symlink: (p1: number, l1: number, fd: number, p2: number, l2: number) => g.guard(() => {
        const path = g.resolve(fd, p2, l2);
        if (typeof path === 'number') return path;
        g.fsCall('symlink', g.str(p1, l1), path);
        return E.SUCCESS;
      }),
      path_readlink: (fd: number, ptr: number, len: number, buf: number, bufLen: number, used: number) => g.guard(() => {
        const path = g.resolve(fd, ptr, len);
        if (typeof path === 'number') return path;
        const target = g.enc.encode(String(g.fsCall('readlink', path))).subarray(0, bufLen);
        g.bytes().set(target, buf);
        g.view().setUint32(used, target.length, true);
        return E.SUCCESS;
      }),
      path_link: () => E.NOTSUP,
      poll_oneoff: (inPtr: number, outPtr: number, n: number, neventsPtr: number) => g.guard(() => {
        // Clock subscriptions sleep (the shortest one); fd subscriptions are reported ready.
        const v = g.view();
        let sleepNs: bigint | null = null;
        let clockSub = -1;
        let events = 0;
        for (let i = 0; i < n; i++) {
          const sub = inPtr + i * 48;
          const tag = v.getUint8(sub + 8);
          if (tag === 0) {
            let timeout = v.getBigUint64(sub + 24, true);
            if ((v.getUint16(sub + 40, true) & 1) !== 0) timeout -= BigInt(Math.round(Date.now() * 1e6));
            if (sleepNs === null || timeout < sleepNs) { sleepNs = timeout; clockSub = i; }
          } else {
            const ev = outPtr + events * 32;
            v.setBigUint64(ev, v.getBigUint64(sub, true), true);
            v.setUint16(ev + 8, 0, true);
            v.setUint8(ev + 10, tag);
            v.setBigUint64(ev + 16, 0n, true);
            events++;
          }
        }
        if (events === 0 && sleepNs !== null) {
          if (sleepNs > 0n) g.sys.call('sleep', [Number(sleepNs) / 1e6]);
          const ev = outPtr;
          v.setBigUint64(ev, v.getBigUint64(inPtr + clockSub * 48, true), true);
          v.setUint16(ev + 8, 0, true);
          v.setUint8(ev + 10, 0);
          events = 1;
        }
        v.setUint32(neventsPtr, events, true);
        return E.SUCCESS;
      }),
      sock_accept: () => E.NOTSUP,
      sock_recv: () => E.NOTSUP,
      sock_send: () => E.NOTSUP,
      sock_shutdown: () => E.NOTSUP,
    };
  }
}
