// The filesystem logic shared by the memory and overlay filesystems: path
// walking with safe symlink resolution (never above the root, at most 40
// hops), and every operation, written once against `DirView`. An
// implementation only says how a directory is seen and changed: the memory fs
// edits its nodes, the overlay copies up and leaves whiteouts.
import { contentBytes, contentSize, GeneratedContent, type FileContent } from './content.ts';
import { FsError } from './errors.ts';
import { dirNode, fileNode, metaOf, symlinkNode, type DirNode, type FileNode, type FsNode, type NodeMeta } from './node.ts';
import { grow } from './grow.ts';
import { normalizePath, splitPath } from './path.ts';
import type {
  FileSystem, FileSystemSync, MkdirOptions, RmOptions, Stat, WriteOptions,
} from './types.ts';

const MAX_SYMLINKS = 40;
const MAX_NAME = 255;
const encoder = new TextEncoder();

/** How one directory is seen and changed by a tree filesystem. */
export interface DirView {
  meta(): NodeMeta;
  /** Changing the directory's own metadata (the overlay copies it up). */
  mutableMeta(): NodeMeta;
  get(name: string): FsNode | undefined;
  child(name: string): DirView;
  names(): string[];
  /** Adds or replaces an entry. */
  set(name: string, node: FsNode): void;
  /** Removes an entry (the overlay hides a lower one with a whiteout). */
  remove(name: string): void;
  /** The entry, made safe to mutate in place (the overlay copies it up). */
  mutableChild(name: string): FsNode;
  /** Removes an entry and returns it as a tree owned by the caller. */
  detach(name: string): FsNode;
  ino(): number;
}

interface Resolved {
  dir: DirView;
  name: string;
  node: FsNode | undefined;
  /** Canonical path of the entry. */
  path: string;
}

export interface TreeFsOptions {
  /** Clock for new mtimes (ms). Injected for deterministic images. */
  now?: () => number;
}

export abstract class TreeFs implements FileSystem, FileSystemSync {
  protected readonly now: () => number;

  constructor(opts: TreeFsOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
  }

  protected abstract rootView(): DirView;

  /**
   * The root as another filesystem mounting this one sees it; `context` is
   * the process looking (what /proc/self means).
   */
  mountView(_context: unknown): DirView {
    return this.rootView();
  }

  // ---- resolution -------------------------------------------------------

  /**
   * Walks `path` from the root. Symlinks in the middle are always followed;
   * the last component is followed when `followLast`. A missing last
   * component is not an error (node is undefined).
   */
  protected resolve(path: string, followLast: boolean, syscall: string): Resolved {
    const root = this.rootView();
    const stack: DirView[] = [root];
    const names: string[] = [];
    let parts = splitPath(path);
    const wantsDir = path.length > 1 && path.endsWith('/');
    let hops = 0;
    if (parts.length === 0) return { dir: root, name: '', node: this.rootNodeLike(root), path: '/' };
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      if (part === '..') {
        if (stack.length > 1) { stack.pop(); names.pop(); }
        if (last) return this.resolvedDir(stack, names);
        continue;
      }
      if (part.length > MAX_NAME) throw new FsError('ENAMETOOLONG', syscall, path);
      const dir = stack[stack.length - 1]!;
      const node = dir.get(part);
      if (node === undefined) {
        if (!last) throw new FsError('ENOENT', syscall, path);
        return { dir, name: part, node, path: joinNames([...names, part]) };
      }
      if (node.kind === 'symlink' && (!last || followLast || wantsDir)) {
        if (++hops > MAX_SYMLINKS) throw new FsError('ELOOP', syscall, path);
        const target = splitPath(node.target);
        if (node.target.startsWith('/')) { stack.length = 1; names.length = 0; }
        parts = [...target, ...parts.slice(i + 1)];
        i = -1;
        if (parts.length === 0) return this.resolvedDir(stack, names);
        continue;
      }
      if (last) {
        if (wantsDir && node.kind !== 'dir') throw new FsError('ENOTDIR', syscall, path);
        return { dir, name: part, node, path: joinNames([...names, part]) };
      }
      if (node.kind !== 'dir') throw new FsError('ENOTDIR', syscall, path);
      stack.push(dir.child(part));
      names.push(part);
    }
    return this.resolvedDir(stack, names);
  }

  private resolvedDir(stack: DirView[], names: string[]): Resolved {
    if (stack.length === 1) return { dir: stack[0]!, name: '', node: this.rootNodeLike(stack[0]!), path: '/' };
    const parent = stack[stack.length - 2]!;
    const name = names[names.length - 1]!;
    return { dir: parent, name, node: parent.get(name), path: joinNames(names) };
  }

  /** The root seen as a node (for stat('/')). */
  private rootNodeLike(root: DirView): DirNode {
    const node = dirNode(root.meta());
    return Object.assign(node, { ino: root.ino() });
  }

  private dirViewOf(r: Resolved): DirView {
    return r.name === '' ? this.rootView() : r.dir.child(r.name);
  }

  private existing(path: string, follow: boolean, syscall: string): Resolved & { node: FsNode } {
    const r = this.resolve(path, follow, syscall);
    if (!r.node) throw new FsError('ENOENT', syscall, path);
    return r as Resolved & { node: FsNode };
  }

  /** The node at `path` (symlinks followed), or undefined. */
  lookupNode(path: string): FsNode | undefined {
    try { return this.resolve(path, true, 'stat').node; } catch { return undefined; }
  }

  /** The node at `path`, made safe to change (copied up in an overlay). */
  mutableNode(path: string): FsNode {
    return this.mutable(this.existing(path, true, 'open'));
  }

  private mutable(r: Resolved): FsNode {
    return r.name === '' ? Object.assign(this.rootNodeLike(this.rootView()), { meta: this.rootView().mutableMeta() }) : r.dir.mutableChild(r.name);
  }

  // ---- sync operations -----------------------------------------------------

  statSync(path: string): Stat { return statOf(this.existing(path, true, 'stat').node); }
  lstatSync(path: string): Stat { return statOf(this.existing(path, false, 'lstat').node); }

  existsSync(path: string): boolean {
    try { return this.resolve(path, true, 'access').node !== undefined; } catch { return false; }
  }

  readContentSync(path: string): FileContent {
    const { node } = this.existing(path, true, 'open');
    if (node.kind === 'dir') throw new FsError('EISDIR', 'read', path);
    if (node.kind !== 'file') throw new FsError('EINVAL', 'read', path);
    return node.content;
  }

  /** A copy of the bytes (the caller may change it). */
  readFileSync(path: string): Uint8Array {
    const c = this.readContentSync(path);
    return c instanceof GeneratedContent ? c.bytes() : c.slice();
  }

  writeFileSync(path: string, data: Uint8Array | string | FileContent, opts: WriteOptions = {}): void {
    const content: FileContent = typeof data === 'string' ? encoder.encode(data) : data;
    const r = this.resolve(path, true, 'open');
    const flag = opts.flag ?? 'w';
    const mtimeMs = opts.mtimeMs ?? this.now();
    if (r.node === undefined) {
      if (r.name === '') throw new FsError('EISDIR', 'open', path);
      const meta = metaOf(opts.mode ?? 0o644, mtimeMs, opts.uid ?? 0, opts.gid ?? 0);
      r.dir.set(r.name, fileNode(flag === 'a' ? copyOf(content) : content, meta));
      this.touchDir(r.dir, mtimeMs);
      return;
    }
    if (flag === 'wx') throw new FsError('EEXIST', 'open', path);
    if (r.node.kind === 'dir') throw new FsError('EISDIR', 'open', path);
    const node = this.mutable(r);
    if (node.kind !== 'file') throw new FsError('EINVAL', 'open', path);
    if (flag === 'a') this.growFile(node, contentBytes(content), contentSize(node.content));
    else node.content = content;
    node.meta.mtimeMs = mtimeMs;
    if (opts.mode !== undefined) node.meta.mode = opts.mode & 0o7777;
    if (opts.uid !== undefined) node.meta.uid = opts.uid;
    if (opts.gid !== undefined) node.meta.gid = opts.gid;
  }

  /**
   * write(2) at `position` of an existing file: at or past its end the file
   * grows (a gap reads as zeros) in amortised O(data) — grow.ts; inside it,
   * the content is rewritten. Returns the new size.
   */
  writeAtSync(path: string, data: Uint8Array, position: number): number {
    const r = this.existing(path, true, 'write');
    if (r.node.kind === 'dir') throw new FsError('EISDIR', 'write', path);
    const node = this.mutable(r);
    if (node.kind !== 'file') throw new FsError('EINVAL', 'write', path);
    const size = contentSize(node.content);
    if (position >= size) {
      this.growFile(node, data, position);
    } else {
      const old = contentBytes(node.content);
      const next = new Uint8Array(Math.max(size, position + data.length));
      next.set(old, 0);
      next.set(data, position);
      node.content = next;
    }
    node.meta.mtimeMs = this.now();
    return contentSize(node.content);
  }

  /** Writes `data` at `at` ≥ the file's size; a store refused (ENOSPC) gives the room back. */
  private growFile(node: FileNode, data: Uint8Array, at: number): void {
    const grown = grow(node.content, data, at);
    try {
      node.content = grown.content;
    } catch (e) {
      grown.undo();
      throw e;
    }
  }

  mkdirSync(path: string, opts: MkdirOptions = {}): void {
    const mtimeMs = opts.mtimeMs ?? this.now();
    const make = (): NodeMeta => metaOf(opts.mode ?? 0o755, mtimeMs, opts.uid ?? 0, opts.gid ?? 0);
    if (!opts.recursive) {
      const r = this.resolve(path, true, 'mkdir');
      if (r.node !== undefined) throw new FsError('EEXIST', 'mkdir', path);
      r.dir.set(r.name, dirNode(make()));
      this.touchDir(r.dir, mtimeMs);
      return;
    }
    const parts = splitPath(normalizePath(path));
    let current = '';
    for (const part of parts) {
      current += '/' + part;
      const r = this.resolve(current, true, 'mkdir');
      if (r.node === undefined) {
        r.dir.set(r.name, dirNode(make()));
        this.touchDir(r.dir, mtimeMs);
      } else if (r.node.kind !== 'dir') {
        throw new FsError(current === normalizePath(path) ? 'EEXIST' : 'ENOTDIR', 'mkdir', path);
      }
    }
  }

  readdirSync(path: string): string[] {
    const r = this.existing(path, true, 'scandir');
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
    return this.dirViewOf(r).names();
  }

  unlinkSync(path: string): void {
    const r = this.existing(path, false, 'unlink');
    if (r.node.kind === 'dir') throw new FsError('EISDIR', 'unlink', path);
    r.dir.remove(r.name);
    this.touchDir(r.dir, this.now());
  }

  rmdirSync(path: string): void {
    const r = this.existing(path, false, 'rmdir');
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR', 'rmdir', path);
    if (r.name === '') throw new FsError('EBUSY', 'rmdir', path);
    if (this.dirViewOf(r).names().length > 0) throw new FsError('ENOTEMPTY', 'rmdir', path);
    r.dir.remove(r.name);
    this.touchDir(r.dir, this.now());
  }

  rmSync(path: string, opts: RmOptions = {}): void {
    const r = this.resolve(path, false, 'rm');
    if (r.node === undefined) {
      if (opts.force) return;
      throw new FsError('ENOENT', 'rm', path);
    }
    if (r.node.kind === 'dir') {
      if (r.name === '') throw new FsError('EPERM', 'rm', path);
      if (!opts.recursive) throw new FsError('EISDIR', 'rm', path);
    }
    r.dir.remove(r.name);
    this.touchDir(r.dir, this.now());
  }

  renameSync(from: string, to: string): void {
    const src = this.existing(from, false, 'rename');
    const dst = this.resolve(to, false, 'rename');
    if (src.name === '' || dst.name === '') throw new FsError('EBUSY', 'rename', from);
    if (src.path === dst.path) return;
    if (src.node.kind === 'dir' && dst.path.startsWith(src.path + '/')) throw new FsError('EINVAL', 'rename', from);
    if (dst.node) {
      if (src.node.kind === 'dir') {
        if (dst.node.kind !== 'dir') throw new FsError('ENOTDIR', 'rename', to);
        if (this.dirViewOf(dst).names().length > 0) throw new FsError('ENOTEMPTY', 'rename', to);
      } else if (dst.node.kind === 'dir') {
        throw new FsError('EISDIR', 'rename', to);
      }
    }
    const moved = src.dir.detach(src.name);
    // The destination's parent view may have been created before the detach
    // changed the tree: resolve it again.
    const again = this.resolve(to, false, 'rename');
    again.dir.set(again.name, moved);
    const now = this.now();
    this.touchDir(src.dir, now);
    this.touchDir(again.dir, now);
  }

  symlinkSync(target: string, path: string, opts: { uid?: number; gid?: number } = {}): void {
    const r = this.resolve(path, false, 'symlink');
    if (r.node !== undefined || r.name === '') throw new FsError('EEXIST', 'symlink', path);
    const now = this.now();
    r.dir.set(r.name, symlinkNode(target, metaOf(0o777, now, opts.uid ?? 0, opts.gid ?? 0)));
    this.touchDir(r.dir, now);
  }

  readlinkSync(path: string): string {
    const { node } = this.existing(path, false, 'readlink');
    if (node.kind !== 'symlink') throw new FsError('EINVAL', 'readlink', path);
    return node.target;
  }

  chmodSync(path: string, mode: number): void {
    this.mutable(this.existing(path, true, 'chmod')).meta.mode = mode & 0o7777;
  }

  chownSync(path: string, uid: number, gid: number): void {
    const meta = this.mutable(this.existing(path, true, 'chown')).meta;
    meta.uid = uid; meta.gid = gid;
  }

  lchownSync(path: string, uid: number, gid: number): void {
    const meta = this.mutable(this.existing(path, false, 'lchown')).meta;
    meta.uid = uid; meta.gid = gid;
  }

  utimesSync(path: string, mtimeMs: number): void {
    this.mutable(this.existing(path, true, 'utime')).meta.mtimeMs = mtimeMs;
  }

  realpathSync(path: string): string { return this.existing(path, true, 'realpath').path; }

  private touchDir(dir: DirView, mtimeMs: number): void {
    dir.mutableMeta().mtimeMs = mtimeMs;
  }

  // ---- async interface (same semantics) ---------------------------------

  async stat(path: string): Promise<Stat> { return this.statSync(path); }
  async lstat(path: string): Promise<Stat> { return this.lstatSync(path); }
  async exists(path: string): Promise<boolean> { return this.existsSync(path); }
  async readFile(path: string): Promise<Uint8Array> { return this.readFileSync(path); }
  async readContent(path: string): Promise<FileContent> { return this.readContentSync(path); }
  async writeFile(path: string, data: Uint8Array | string | FileContent, opts?: WriteOptions): Promise<void> { this.writeFileSync(path, data, opts); }
  async mkdir(path: string, opts?: MkdirOptions): Promise<void> { this.mkdirSync(path, opts); }
  async readdir(path: string): Promise<string[]> { return this.readdirSync(path); }
  async unlink(path: string): Promise<void> { this.unlinkSync(path); }
  async rmdir(path: string): Promise<void> { this.rmdirSync(path); }
  async rm(path: string, opts?: RmOptions): Promise<void> { this.rmSync(path, opts); }
  async rename(from: string, to: string): Promise<void> { this.renameSync(from, to); }
  async symlink(target: string, path: string, opts?: { uid?: number; gid?: number }): Promise<void> { this.symlinkSync(target, path, opts); }
  async readlink(path: string): Promise<string> { return this.readlinkSync(path); }
  async chmod(path: string, mode: number): Promise<void> { this.chmodSync(path, mode); }
  async chown(path: string, uid: number, gid: number): Promise<void> { this.chownSync(path, uid, gid); }
  async lchown(path: string, uid: number, gid: number): Promise<void> { this.lchownSync(path, uid, gid); }
  async utimes(path: string, mtimeMs: number): Promise<void> { this.utimesSync(path, mtimeMs); }
  async realpath(path: string): Promise<string> { return this.realpathSync(path); }
}

export function statOf(node: FsNode): Stat {
  const size = node.kind === 'file' ? contentSize(node.content)
    : node.kind === 'symlink' ? encoder.encode(node.target).length : 4096;
  return { type: node.kind, mode: node.meta.mode, uid: node.meta.uid, gid: node.meta.gid, size, mtimeMs: node.meta.mtimeMs, ino: node.ino };
}

function joinNames(names: string[]): string {
  return '/' + names.join('/');
}

function copyOf(c: FileContent): FileContent {
  return c instanceof GeneratedContent ? c : c.slice();
}
