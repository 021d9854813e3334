// File descriptors: a per-process table of numbers pointing at shared open
// files (open file descriptions). fork copies the table and shares the open
// files; an open file is released when its last descriptor closes.
import { SysError } from './errno.ts';
import type { Pipe } from './pipe.ts';

/** What a read or write may be blocked on, made interruptible by the caller. */
export type Wait = <T>(p: Promise<T>) => Promise<T>;

export interface IoContext {
  wait: Wait;
  /** Accounts buffered bytes to the calling process's cgroup (may OOM-kill). */
  charge(n: number): void;
  cgroup: import('./cgroup.ts').Cgroup | null;
}

export abstract class OpenFile {
  refs = 0;
  abstract readonly kind: string;
  /** Bytes, or null at end of file. */
  abstract read(max: number, io: IoContext): Promise<Uint8Array | null>;
  abstract write(data: Uint8Array, io: IoContext): Promise<number>;
  /** Called once, when the last descriptor is closed. */
  protected abstract release(): void;

  retain(): this {
    this.refs++;
    return this;
  }

  drop(): void {
    if (--this.refs === 0) this.release();
  }
}

export class PipeReadEnd extends OpenFile {
  readonly kind = 'pipe';
  constructor(readonly pipe: Pipe) { super(); pipe.readers++; }
  read(max: number, io: IoContext) { return this.pipe.read(max, io.wait); }
  async write(): Promise<number> { throw new SysError('EBADF'); }
  protected release(): void { this.pipe.closeRead(); }
}

export class PipeWriteEnd extends OpenFile {
  readonly kind = 'pipe';
  constructor(readonly pipe: Pipe) { super(); pipe.writers++; }
  async read(): Promise<Uint8Array | null> { throw new SysError('EBADF'); }
  write(data: Uint8Array, io: IoContext) { return this.pipe.write(data, io.wait, io.cgroup, io.charge); }
  protected release(): void { this.pipe.closeWrite(); }
}

/** /dev/null: reads EOF, swallows writes. */
export class NullFile extends OpenFile {
  readonly kind = 'null';
  async read(): Promise<Uint8Array | null> { return null; }
  async write(data: Uint8Array): Promise<number> { return data.length; }
  protected release(): void {}
}

/** A write-only sink that hands every write to a callback (container stdout/stderr → logs). */
export class SinkFile extends OpenFile {
  readonly kind = 'sink';
  constructor(private readonly onData: (d: Uint8Array) => void, private readonly onClose: () => void = () => {}) { super(); }
  async read(): Promise<Uint8Array | null> { throw new SysError('EBADF'); }
  async write(data: Uint8Array): Promise<number> { this.onData(data.slice()); return data.length; }
  protected release(): void { this.onClose(); }
}

const MAX_FDS = 1024;

export class FdTable {
  private readonly fds = new Map<number, OpenFile>();

  get(fd: number): OpenFile {
    const f = this.fds.get(fd);
    if (!f) throw new SysError('EBADF');
    return f;
  }

  has(fd: number): boolean {
    return this.fds.has(fd);
  }

  /** Installs `file` at the lowest free number ≥ `min`. */
  alloc(file: OpenFile, min = 0): number {
    for (let fd = min; fd < MAX_FDS; fd++) {
      if (!this.fds.has(fd)) {
        this.fds.set(fd, file.retain());
        return fd;
      }
    }
    throw new SysError('EMFILE');
  }

  /** dup2: makes `fd` refer to what `from` refers to. */
  dup2(from: number, fd: number): void {
    const f = this.get(from);
    if (from === fd) return;
    this.close(fd);
    this.fds.set(fd, f.retain());
  }

  /** Installs `file` at exactly `fd` (closing what was there). */
  set(fd: number, file: OpenFile): void {
    this.close(fd);
    this.fds.set(fd, file.retain());
  }

  close(fd: number): void {
    const f = this.fds.get(fd);
    if (!f) return;
    this.fds.delete(fd);
    f.drop();
  }

  closeAll(): void {
    for (const fd of [...this.fds.keys()]) this.close(fd);
  }

  /** The table a forked child gets: same numbers, shared open files. */
  clone(): FdTable {
    const t = new FdTable();
    for (const [fd, f] of this.fds) t.fds.set(fd, f.retain());
    return t;
  }

  numbers(): number[] {
    return [...this.fds.keys()].sort((a, b) => a - b);
  }
}
