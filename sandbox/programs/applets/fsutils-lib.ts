// Shared by the file applets: stat without throwing, permission checks on parent directories, copying trees, symbolic modes, user and group ids.
import { basename, dirname, joinPath, normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process } from '../../kernel/process.ts';
import { mayAccess, W_OK, X_OK } from '../../kernel/vfs.ts';
import { describe, err } from './lib.ts';
import { accountFields } from './info-lib.ts';

export const abs = (p: Process, f: string): string => normalizePath(f, p.cwd);

export function statOrNull(p: Process, path: string, follow = true): Stat | null {
  try { return follow ? p.fs.statSync(path) : p.fs.lstatSync(path); } catch { return null; }
}

/** EACCES unless the user may create or remove entries in the directory holding `path`. */
export function checkParentWritable(p: Process, path: string): void {
  const parent = statOrNull(p, dirname(path));
  if (parent && !mayAccess(parent, p.task.creds, W_OK | X_OK)) {
    throw Object.assign(new Error('Permission denied'), { description: 'Permission denied' });
  }
}

export function reason(e: unknown): string {
  return (e as { description?: string }).description ?? describe(e);
}

export function copyTree(p: Process, from: string, to: string, preserve: boolean): void {
  const st = p.fs.lstatSync(from);
  const owner = preserve ? { uid: st.uid, gid: st.gid } : { uid: p.uid, gid: p.gid };
  if (st.type === 'dir') {
    if (!statOrNull(p, to)) p.fs.mkdirSync(to, { mode: st.mode, ...owner });
    for (const n of p.fs.readdirSync(from)) copyTree(p, joinPath(from, n), joinPath(to, n), preserve);
  } else if (st.type === 'symlink') {
    p.fs.symlinkSync(p.fs.readlinkSync(from), to, owner);
  } else {
    p.fs.writeFileSync(to, p.fs.readContentSync(from), { mode: st.mode, ...owner, ...(preserve && { mtimeMs: st.mtimeMs }) });
  }
}

/** Applies an octal or symbolic (u+x, go-w, a=r) mode to `old`. */
export function applyMode(spec: string, old: number, isDir: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = old;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] || 'a';
    let bits = 0;
    for (const c of m[3]!) {
      if (c === 'r') bits |= 0o444;
      if (c === 'w') bits |= 0o222;
      if (c === 'x' || (c === 'X' && (isDir || (old & 0o111) !== 0))) bits |= 0o111;
      if (c === 's') bits |= 0o6000;
      if (c === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    bits &= mask;
    if (m[2] === '+') mode |= bits;
    else if (m[2] === '-') mode &= ~bits;
    else mode = (mode & ~mask) | bits;
  }
  return mode;
}

export function lookupId(p: Process, file: string, name: string): number | null {
  if (/^\d+$/.test(name)) return Number(name);
  const f = accountFields(p, file, name);
  return f ? Number(f[2]) : null;
}

/** cp's and mv's SRC... DEST: the sources, and where each one goes (into DEST when it is a directory). */
export async function sourcesAndTarget(p: Process, operands: string[]): Promise<{ sources: string[]; targetOf: (src: string) => string; destIsDir: boolean; dest: string } | null> {
  if (operands.length < 2) { await err(p, 'missing file operand'); return null; }
  const sources = operands.slice(0, -1);
  const dest = operands[operands.length - 1]!;
  const destPath = abs(p, dest);
  const destIsDir = statOrNull(p, destPath)?.type === 'dir';
  return { sources, dest, destIsDir, targetOf: (src) => (destIsDir ? joinPath(destPath, basename(abs(p, src))) : destPath) };
}
