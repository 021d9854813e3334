// mkdir, rmdir, rm, touch, cp, mv, ln, chmod, chown: file operations with
// the calling user's permissions and busybox's messages.
import { isFsError } from '../../fs/errors.ts';
import { basename, dirname, joinPath, normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { mayAccess, W_OK, X_OK } from '../../kernel/vfs.ts';
import { describe, err, parseArgs } from './lib.ts';

const abs = (p: Process, f: string): string => normalizePath(f, p.cwd);

function statOrNull(p: Process, path: string, follow = true): Stat | null {
  try { return follow ? p.fs.statSync(path) : p.fs.lstatSync(path); } catch { return null; }
}

/** EACCES unless the user may create or remove entries in the directory holding `path`. */
function checkParentWritable(p: Process, path: string): void {
  const parent = statOrNull(p, dirname(path));
  if (parent && !mayAccess(parent, p.task.creds, W_OK | X_OK)) {
    throw Object.assign(new Error('Permission denied'), { description: 'Permission denied' });
  }
}

function reason(e: unknown): string {
  return (e as { description?: string }).description ?? describe(e);
}

export const mkdir: Program = async (p) => {
  const args = await parseArgs(p, 'pm:v');
  if (!args) return 1;
  const mode = args.values.has('m') ? parseInt(args.values.get('m')!, 8) : 0o777 & ~0o022;
  let status = 0;
  for (const d of args.operands) {
    const path = abs(p, d);
    try {
      if (args.flags.has('p')) {
        let cur = '';
        for (const part of path.split('/').filter(Boolean)) {
          cur += '/' + part;
          const st = statOrNull(p, cur);
          if (st) { if (st.type !== 'dir') throw Object.assign(new Error(), { description: 'Not a directory' }); continue; }
          checkParentWritable(p, cur);
          p.fs.mkdirSync(cur, { mode, uid: p.uid, gid: p.gid });
        }
      } else {
        if (statOrNull(p, path, false)) throw Object.assign(new Error(), { description: 'File exists' });
        checkParentWritable(p, path);
        p.fs.mkdirSync(path, { mode, uid: p.uid, gid: p.gid });
      }
    } catch (e) {
      await err(p, `can't create directory '${d}': ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Program = async (p) => {
  const args = await parseArgs(p, 'p');
  if (!args) return 1;
  let status = 0;
  for (const d of args.operands) {
    try { checkParentWritable(p, abs(p, d)); p.fs.rmdirSync(abs(p, d)); } catch (e) { await err(p, `'${d}': ${reason(e)}`); status = 1; }
  }
  return status;
};

export const rm: Program = async (p) => {
  const args = await parseArgs(p, 'rRfiv');
  if (!args) return 1;
  const recursive = args.flags.has('r') || args.flags.has('R');
  let status = 0;
  for (const f of args.operands) {
    const path = abs(p, f);
    const st = statOrNull(p, path, false);
    if (!st) { if (!args.flags.has('f')) { await err(p, `can't remove '${f}': No such file or directory`); status = 1; } continue; }
    if (st.type === 'dir' && !recursive) { await err(p, `'${f}' is a directory`); status = 1; continue; }
    try { checkParentWritable(p, path); p.fs.rmSync(path, { recursive: true }); } catch (e) { await err(p, `can't remove '${f}': ${reason(e)}`); status = 1; }
  }
  return status;
};

export const touch: Program = async (p) => {
  const args = await parseArgs(p, 'cam');
  if (!args) return 1;
  let status = 0;
  for (const f of args.operands) {
    const path = abs(p, f);
    try {
      const st = statOrNull(p, path);
      if (st) {
        if (p.uid !== 0 && st.uid !== p.uid && !mayAccess(st, p.task.creds, W_OK)) throw Object.assign(new Error(), { description: 'Permission denied' });
        p.fs.utimesSync(path, Date.now());
      } else if (!args.flags.has('c')) {
        checkParentWritable(p, path);
        p.fs.writeFileSync(path, '', { mode: 0o644, uid: p.uid, gid: p.gid });
      }
    } catch (e) {
      await err(p, `${f}: ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};

function copyTree(p: Process, from: string, to: string, preserve: boolean): void {
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

export const cp: Program = async (p) => {
  const args = await parseArgs(p, 'rRapfivdL');
  if (!args) return 1;
  const ops = args.operands;
  if (ops.length < 2) { await err(p, 'missing file operand'); return 1; }
  const dest = ops.pop()!;
  const destPath = abs(p, dest);
  const destIsDir = statOrNull(p, destPath)?.type === 'dir';
  if (ops.length > 1 && !destIsDir) { await err(p, `'${dest}' is not a directory`); return 1; }
  const recursive = args.flags.has('r') || args.flags.has('R') || args.flags.has('a');
  let status = 0;
  for (const src of ops) {
    const from = abs(p, src);
    const st = statOrNull(p, from);
    if (!st) { await err(p, `can't stat '${src}': No such file or directory`); status = 1; continue; }
    if (st.type === 'dir' && !recursive) { await err(p, `omitting directory '${src}'`); status = 1; continue; }
    const to = destIsDir ? joinPath(destPath, basename(from)) : destPath;
    try { checkParentWritable(p, to); copyTree(p, from, to, args.flags.has('p') || args.flags.has('a')); } catch (e) { await err(p, `can't create '${to}': ${reason(e)}`); status = 1; }
  }
  return status;
};

export const mv: Program = async (p) => {
  const args = await parseArgs(p, 'fin');
  if (!args) return 1;
  const ops = args.operands;
  if (ops.length < 2) { await err(p, 'missing file operand'); return 1; }
  const dest = ops.pop()!;
  const destPath = abs(p, dest);
  const destIsDir = statOrNull(p, destPath)?.type === 'dir';
  let status = 0;
  for (const src of ops) {
    const from = abs(p, src);
    const to = destIsDir ? joinPath(destPath, basename(from)) : destPath;
    try { checkParentWritable(p, from); checkParentWritable(p, to); p.fs.renameSync(from, to); } catch (e) {
      await err(p, isFsError(e, 'ENOENT') ? `can't rename '${src}': No such file or directory` : `can't rename '${src}': ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};

export const ln: Program = async (p) => {
  const args = await parseArgs(p, 'sfnv');
  if (!args) return 1;
  const [target, linkArg] = args.operands;
  if (!target) { await err(p, 'missing file operand'); return 1; }
  let link = abs(p, linkArg ?? basename(target));
  if (statOrNull(p, link)?.type === 'dir' && !args.flags.has('n')) link = joinPath(link, basename(target));
  try {
    if (args.flags.has('f')) p.fs.rmSync(link, { force: true });
    checkParentWritable(p, link);
    if (args.flags.has('s')) p.fs.symlinkSync(target, link, { uid: p.uid, gid: p.gid });
    else p.fs.writeFileSync(link, p.fs.readContentSync(abs(p, target)), { mode: p.fs.statSync(abs(p, target)).mode });
    return 0;
  } catch (e) {
    await err(p, `${linkArg ?? target}: ${reason(e)}`);
    return 1;
  }
};

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

export const chmod: Program = async (p) => {
  const args = await parseArgs(p, 'Rvcf');
  if (!args) return 1;
  const [spec = '', ...files] = args.operands;
  let status = 0;
  const apply = (path: string): void => {
    const st = p.fs.statSync(path);
    if (p.uid !== 0 && st.uid !== p.uid) throw Object.assign(new Error(), { description: 'Operation not permitted' });
    const mode = applyMode(spec, st.mode, st.type === 'dir');
    if (mode === null) throw Object.assign(new Error(), { description: `invalid mode '${spec}'` });
    p.fs.chmodSync(path, mode);
    if (args.flags.has('R') && st.type === 'dir') for (const n of p.fs.readdirSync(path)) apply(joinPath(path, n));
  };
  for (const f of files) {
    try { apply(abs(p, f)); } catch (e) { await err(p, `${f}: ${reason(e)}`); status = 1; }
  }
  return status;
};

function lookupId(p: Process, file: string, name: string): number | null {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    for (const line of new TextDecoder().decode(p.fs.readFileSync(file)).split('\n')) {
      const f = line.split(':');
      if (f[0] === name) return Number(f[2]);
    }
  } catch { /* no file */ }
  return null;
}

export const chown: Program = async (p) => {
  const args = await parseArgs(p, 'Rhvcf');
  if (!args) return 1;
  const [spec = '', ...files] = args.operands;
  const [u = '', g] = spec.split(/[:.]/);
  const uid = u === '' ? -1 : lookupId(p, '/etc/passwd', u);
  const gid = g === undefined || g === '' ? -1 : lookupId(p, '/etc/group', g);
  if (uid === null) { await err(p, `unknown user ${u}`); return 1; }
  if (gid === null) { await err(p, `unknown group ${g}`); return 1; }
  let status = 0;
  const apply = (path: string): void => {
    const st = p.fs.lstatSync(path);
    if (p.uid !== 0) throw Object.assign(new Error(), { description: 'Operation not permitted' });
    p.fs.lchownSync(path, uid < 0 ? st.uid : uid, gid < 0 ? st.gid : gid);
    if (args.flags.has('R') && st.type === 'dir') for (const n of p.fs.readdirSync(path)) apply(joinPath(path, n));
  };
  for (const f of files) {
    try { apply(abs(p, f)); } catch (e) { await err(p, `${f}: ${reason(e)}`); status = 1; }
  }
  return status;
};
