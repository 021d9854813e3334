// find [-HL] [PATH]... [EXPRESSION]: walks each tree and runs the expression
// (find-expr.ts) on every file, as busybox's find does: -depth (and -delete)
// visit a directory after its contents, -prune stops the descent, -xdev does
// not descend into a directory on another filesystem (it is still listed),
// -maxdepth/-mindepth bound it, and -exec … + runs its batch at the end.
import { joinPath, normalizePath } from '../../fs/path.ts';
import { MountFs } from '../../fs/mount.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { describe, err, out } from './lib.ts';
import { FindError, parseExpr, type Effects, type Entry } from './find-expr.ts';
import { checkParentWritable, reason } from './fsutils-lib.ts';
import { runCommand } from './spawn-hook.ts';

class Quit {}

/** What busybox prints after `unrecognized: X` (bb_show_usage), its default build's options. */
const USAGE = `BusyBox v1.37.0 multi-call binary.

Usage: find [-HL] [PATH]... [OPTIONS] [ACTIONS]

Search for files and perform actions on them.
First failed action stops processing of current file.
Defaults: PATH is current directory, action is '-print'

\t-L,-follow\tFollow symlinks
\t-H\t\t...on command line only
\t-xdev\t\tDon't descend directories on other filesystems
\t-maxdepth N\tDescend at most N levels. -maxdepth 0 applies
\t\t\tactions to command line arguments only
\t-mindepth N\tDon't act on first N levels
\t-depth\t\tAct on directory *after* traversing it

Actions:
\t( ACTIONS )\tGroup actions for -o / -a
\t! ACT\t\tInvert ACT's success/failure
\tACT1 [-a] ACT2\tIf ACT1 fails, stop, else do ACT2
\tACT1 -o ACT2\tIf ACT1 succeeds, stop, else do ACT2
\t\t\tNote: -a has higher priority than -o
\t-name PATTERN\tMatch file name (w/o directory name) to PATTERN
\t-iname PATTERN\tCase insensitive -name
\t-path PATTERN\tMatch path to PATTERN
\t-ipath PATTERN\tCase insensitive -path
\t-regex PATTERN\tMatch path to regex PATTERN
\t-type X\t\tFile type is X (one of: f,d,l,b,c,s,p)
\t-executable\tFile is executable
\t-perm MASK\tAt least one mask bit (+MASK), all bits (-MASK),
\t\t\tor exactly MASK bits are set in file's mode
\t-mtime DAYS\tmtime is greater than (+N), less than (-N),
\t\t\tor exactly N days in the past
\t-atime DAYS\tatime +N/-N/N days in the past
\t-ctime DAYS\tctime +N/-N/N days in the past
\t-mmin MINS\tmtime is greater than (+N), less than (-N),
\t\t\tor exactly N minutes in the past
\t-amin MINS\tatime +N/-N/N minutes in the past
\t-cmin MINS\tctime +N/-N/N minutes in the past
\t-newer FILE\tmtime is more recent than FILE's
\t-inum N\t\tFile has inode number N
\t-samefile FILE\tFile is same as FILE
\t-user NAME/ID\tFile is owned by given user
\t-group NAME/ID\tFile is owned by given group
\t-size N[bck]\tFile size is N (c:bytes,k:kbytes,b:512 bytes(def.))
\t\t\t+/-N: file size is bigger/smaller than N
\t-links N\tNumber of links is greater than (+N), less than (-N),
\t\t\tor exactly N
\t-empty\t\tMatch empty file/directory
\t-prune\t\tIf current file is directory, don't descend into it
If none of the following actions is specified, -print is assumed
\t-print\t\tPrint file name
\t-print0\t\tPrint file name, NUL terminated
\t-exec CMD ARG ;\tRun CMD with all instances of {} replaced by
\t\t\tfile name. Fails if CMD exits with nonzero
\t-exec CMD ARG + Run CMD with {} replaced by list of file names
\t-delete\t\tDelete current file/directory. Turns on -depth option
\t-quit\t\tExit
`;

/**
 * The filesystem a path lives on, standing in for st_dev: the filesystem of the
 * deepest directory mount over it (a volume, a bind's source, a tmpfs, /proc…),
 * else the root's. Two mounts of one filesystem are one device, as on Linux.
 */
function deviceOf(p: Process, abs: string): object {
  const fs = p.fs;
  if (!(fs instanceof MountFs)) return fs;
  let real: string;
  try { real = fs.realpathSync(abs); } catch { return fs.base; }
  let best = '';
  let dev: object = fs.base;
  for (const [at, m] of fs.mounts) {
    if (m.file !== undefined || at.length <= best.length) continue;
    if (real === at || real.startsWith(at === '/' ? '/' : `${at}/`)) { best = at; dev = m.fs; }
  }
  return dev;
}

/** st_nlink as Linux counts it for -links: a directory has 2 plus one per subdirectory; anything else 1. */
function linkCount(p: Process, e: Entry): number {
  if (e.st.type !== 'dir') return 1;
  const dir = normalizePath(e.path, p.cwd);
  let n = 2;
  for (const name of p.fs.readdirSync(dir)) {
    try { if (p.fs.lstatSync(joinPath(dir, name)).type === 'dir') n++; } catch { /* gone meanwhile */ }
  }
  return n;
}

export const find: Program = async (p) => {
  let args = p.argv.slice(1);
  let followAll = false;
  let followRoots = false;
  while (args.length && /^-[HLP]+$/.test(args[0]!)) {
    for (const c of args[0]!.slice(1)) { followAll = c === 'L'; followRoots = c === 'H'; }
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  const roots: string[] = [];
  while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') roots.push(args.shift()!);
  if (roots.length === 0) roots.push('.');
  let expr;
  try {
    expr = parseExpr(p, args, (e) => linkCount(p, e));
  } catch (e) {
    if (!(e instanceof FindError)) throw e;
    await err(p, e.message);
    if (e.message.startsWith('unrecognized: ')) await p.write(2, USAGE);
    return 1;
  }
  const follow = followAll || expr.follow;
  let status = 0;
  let pruned = false;
  const batches = expr.plus.map(() => [] as string[]);
  const fx: Effects = {
    print: async (text) => { await out(p, text); },
    exec: (argv) => runCommand(p, argv),
    batch: (id, path) => { batches[id]!.push(path); },
    prune: () => { pruned = true; },
    quit: () => { throw new Quit(); },
    remove: async (e) => {
      const abs = normalizePath(e.path, p.cwd);
      try {
        if (e.st.type === 'dir' && e.path === '.') return; // busybox skips rmdir(".")
        checkParentWritable(p, abs);
        if (e.st.type === 'dir') p.fs.rmdirSync(abs); else p.fs.unlinkSync(abs);
      } catch (x) { await err(p, `${e.path}: ${reason(x)}`); } // busybox reports it and goes on; the status stays
    },
  };
  const devices: object[] = [];

  const visit = async (e: Entry): Promise<boolean> => {
    pruned = false;
    if (e.depth < expr.mindepth || e.depth > expr.maxdepth) return false;
    const matched = await expr.test(e, fx);
    if (matched && expr.needPrint) await out(p, `${e.path}\n`);
    return pruned;
  };

  const walk = async (path: string, depth: number, followThis: boolean): Promise<void> => {
    const abs = normalizePath(path, p.cwd);
    let st: Stat;
    try { st = followThis ? p.fs.statSync(abs) : p.fs.lstatSync(abs); } catch (e) { await err(p, `${path}: ${describe(e)}`); status = 1; return; }
    const entry: Entry = { path, st, depth };
    const isDir = st.type === 'dir';
    const sameFs = !isDir || !expr.xdev || devices.includes(deviceOf(p, abs));
    let descend = isDir && depth < expr.maxdepth && sameFs;
    if (!expr.depthFirst && (await visit(entry))) descend = false;
    if (descend) {
      let names: string[];
      try { names = p.fs.readdirSync(abs); } catch (e) { await err(p, `${path}: ${describe(e)}`); status = 1; names = []; }
      for (const n of names) {
        await walk(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1, follow);
        const t = p.tick(); if (t) await t;
      }
    }
    if (expr.depthFirst) await visit(entry);
  };

  try {
    if (expr.xdev) {
      for (const r of roots) {
        try { p.fs.statSync(normalizePath(r, p.cwd)); devices.push(deviceOf(p, normalizePath(r, p.cwd))); } catch { /* reported by the walk */ }
      }
    }
    for (const r of roots) await walk(r, 0, follow || followRoots);
    for (const [id, paths] of batches.entries()) {
      if (paths.length === 0) continue;
      const words = expr.plus[id]!.words.flatMap((w) => (w.includes('{}') ? paths.map((x) => w.split('{}').join(x)) : [w]));
      if ((await runCommand(p, words)) !== 0) status = 1;
    }
  } catch (e) {
    if (!(e instanceof Quit)) throw e;
  }
  return status;
};
