// redis-server's file operations, as its own user: opening with the
// kernel's permission checks (a /data the server cannot write fails with
// "Permission denied", as it does in Docker when a bind mount belongs to
// another user), writing a snapshot through a temp file and a rename.
import { dirname, normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';
import { mayAccess, openPath, sysErrorOf, W_OK, X_OK } from '../../kernel/vfs.ts';
import { bytesOf } from './resp.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The strerror text of what went wrong. */
export function reason(e: unknown): string {
  return (e instanceof SysError ? e : sysErrorOf(e)).description;
}

/** Writes `data` to `path` (created 0644 for the process's user), replacing or appending. */
export async function writeAs(p: Process, path: string, data: string | Uint8Array, append = false): Promise<void> {
  const fd = p.open(openPath(p.fs, normalizePath(path, p.cwd), { write: true, create: true, truncate: !append, append, mode: 0o644 }, p.task.creds, p.fds));
  try {
    await p.write(fd, typeof data === 'string' ? enc.encode(data) : data);
  } finally {
    p.close(fd);
  }
}

/** Appends RESP bytes (a binary string) to a file. */
export function appendBinary(p: Process, path: string, bin: string): Promise<void> {
  return writeAs(p, path, bytesOf(bin), true);
}

/** A file's text, or null when it does not exist; other errors throw. */
export function readIfExists(p: Process, path: string): string | null {
  const abs = normalizePath(path, p.cwd);
  try {
    p.fs.statSync(abs);
  } catch {
    return null;
  }
  const fd = p.open(openPath(p.fs, abs, { read: true }, p.task.creds, p.fds));
  p.close(fd);
  return dec.decode(p.fs.readFileSync(abs));
}

/** A file's raw bytes, or null when it does not exist. */
export function readBytesIfExists(p: Process, path: string): Uint8Array | null {
  const abs = normalizePath(path, p.cwd);
  try { p.fs.statSync(abs); } catch { return null; }
  const fd = p.open(openPath(p.fs, abs, { read: true }, p.task.creds, p.fds));
  p.close(fd);
  return p.fs.readFileSync(abs);
}

/** Writes through `temp-<pid>.rdb` and renames it into place, as rdbSave does. */
export async function writeAtomically(p: Process, path: string, text: string): Promise<void> {
  const abs = normalizePath(path, p.cwd);
  const tmp = normalizePath(`temp-${p.pid}.rdb`, dirname(abs));
  await writeAs(p, tmp, text);
  try {
    p.fs.renameSync(tmp, abs);
  } catch (e) {
    try { p.fs.unlinkSync(tmp); } catch { /* gone */ }
    throw sysErrorOf(e);
  }
}

/** mkdir as the process's user (EACCES when it may not write the parent). */
export function mkdirAs(p: Process, path: string): void {
  const abs = normalizePath(path, p.cwd);
  const parent = p.fs.statSync(dirname(abs));
  if (!mayAccess(parent, p.task.creds, W_OK | X_OK)) throw new SysError('EACCES');
  p.fs.mkdirSync(abs, { mode: 0o755, uid: p.uid, gid: p.gid });
}

export function exists(p: Process, path: string): boolean {
  try { p.fs.statSync(normalizePath(path, p.cwd)); return true; } catch { return false; }
}

export function sizeOf(p: Process, path: string): number {
  try { return p.fs.statSync(normalizePath(path, p.cwd)).size; } catch { return 0; }
}
