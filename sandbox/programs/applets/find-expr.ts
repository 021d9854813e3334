// find's expression, as busybox's parse_params reads it: options that hold
// wherever they stand (-follow -xdev -depth -maxdepth N -mindepth N), tests
// (-name -iname -path -ipath -regex -type -perm -size -empty -newer -mtime
// -mmin -atime -amin -ctime -cmin -user -group -inum -samefile -links
// -executable), actions (-print -print0 -exec … ; and + -delete -prune
// -quit), joined by ( ) ! -not -a -and -o -or. Arguments are checked while
// parsing, with busybox's messages (`invalid number '1M'`, `invalid mode
// '7z'`, `can't stat 'x'`); an unknown word is `unrecognized: -mount`.
import { ANYWHERE, globSource } from '../../fs/glob.ts';
import { normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process } from '../../kernel/process.ts';
import { mayAccess, X_OK } from '../../kernel/vfs.ts';
import { applyMode, lookupId } from './fsutils-lib.ts';
import { describe } from './lib.ts';
import { compilePosix, RegexError } from './regex-lib.ts';

/** A file as the expression sees it. */
export interface Entry {
  path: string;
  st: Stat;
  depth: number;
}

/** What an action asks of the walk. */
export interface Effects {
  print(text: string): Promise<void>;
  exec(argv: string[]): Promise<number>;
  /** Queues a path for an -exec … + batch. */
  batch(id: number, path: string): void;
  /** Removes the file (-delete). */
  remove(e: Entry): Promise<void>;
  /** -prune: do not descend into this directory. */
  prune(): void;
  /** -quit. */
  quit(): never;
}

export type Test = (e: Entry, fx: Effects) => boolean | Promise<boolean>;

/** An -exec … + action: its words, the one with {} in it replaced by the batch. */
export interface ExecPlus { id: number; words: string[] }

export interface FindExpr {
  test: Test;
  /** No -print, -print0, -exec or -delete: print what the expression matched. */
  needPrint: boolean;
  follow: boolean;
  xdev: boolean;
  depthFirst: boolean;
  mindepth: number;
  maxdepth: number;
  plus: ExecPlus[];
}

export class FindError extends Error {}

const NEEDS_ARG = new Set(['-name', '-iname', '-path', '-wholename', '-ipath', '-regex', '-type', '-perm', '-mtime', '-mmin',
  '-atime', '-amin', '-ctime', '-cmin', '-newer', '-inum', '-samefile', '-user', '-group', '-size', '-links', '-mindepth', '-maxdepth']);

const TYPES = new Map([['f', 'file'], ['d', 'dir'], ['l', 'symlink'], ['c', 'char'], ['b', 'block'], ['p', 'fifo'], ['s', 'socket']]);

/** busybox's xatoul: digits only. */
function number(s: string): number {
  if (!/^\d+$/.test(s)) throw new FindError(`invalid number '${s}'`);
  return Number(s);
}

/** A +N / -N / N comparison, as -mtime -size -links take it. */
function compare(arg: string, scale = 1): { sign: string; n: number } {
  const sign = arg[0] === '+' || arg[0] === '-' ? arg[0] : '';
  return { sign, n: number(arg.slice(sign.length)) * scale };
}

/** -size N[cwbk]: units of 512-byte blocks by default; busybox compares bytes (-size -1k is under 1024 bytes). */
function sizeTest(arg: string): Test {
  const sign = arg[0] === '+' || arg[0] === '-' ? arg[0] : '';
  const m = /^(\d+)([cwbk]?)$/.exec(arg.slice(sign.length));
  if (!m) throw new FindError(`invalid number '${arg.slice(sign.length)}'`);
  const n = Number(m[1]) * ({ c: 1, w: 2, b: 512, k: 1024, '': 512 } as Record<string, number>)[m[2]!]!;
  return (e) => (sign === '+' ? e.st.size > n : sign === '-' ? e.st.size < n : e.st.size === n);
}

/** -mtime/-mmin and the a/c twins (our files keep one time): age in whole units, as busybox counts it. */
function ageTest(arg: string, unitSecs: number): Test {
  const { sign, n } = compare(arg);
  const secs = n * unitSecs;
  return (e) => {
    const age = Math.floor(Date.now() / 1000) - Math.floor(e.st.mtimeMs / 1000);
    if (sign === '+') return age >= secs + unitSecs;
    if (sign === '-') return age < secs;
    return age >= secs && age < secs + unitSecs;
  };
}

/** -perm MODE exactly, -perm -MODE all of, -perm /MODE or +MODE any of; octal or symbolic (from 0). */
function permTest(arg: string): Test {
  const sign = arg[0] === '-' || arg[0] === '+' || arg[0] === '/' ? arg[0] : '';
  const spec = arg.slice(sign.length);
  const mask = applyMode(spec, 0, false);
  if (mask === null) throw new FindError(`invalid mode '${spec}'`);
  return (e) => {
    const mode = e.st.mode & 0o7777;
    if (sign === '+' || sign === '/') return (mode & mask) !== 0;
    if (sign === '-') return (mode & mask) === mask;
    return mode === mask;
  };
}

function statArg(p: Process, name: string): Stat {
  try {
    return p.fs.statSync(normalizePath(name, p.cwd));
  } catch (e) {
    throw new FindError(`can't stat '${name}': ${describe(e)}`);
  }
}

/** The last path component, ignoring trailing slashes (`find dir/ -name dir` matches). */
function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Parses find's expression (the words after the paths). */
export function parseExpr(p: Process, words: string[], linkCount: (e: Entry) => number): FindExpr {
  const expr: FindExpr = { test: () => true, needPrint: true, follow: false, xdev: false, depthFirst: false, mindepth: 0, maxdepth: Infinity, plus: [] };
  let i = 0;
  const always: Test = () => true;

  const primary = (): Test => {
    const word = words[i++]!;
    const arg = words[i] ?? '';
    if (NEEDS_ARG.has(word)) {
      if (i >= words.length) throw new FindError(`${word} requires an argument`);
      i++;
    }
    switch (word) {
      case '-follow': expr.follow = true; return always;
      case '-xdev': expr.xdev = true; return always;
      case '-depth': expr.depthFirst = true; return always;
      case '-mindepth': expr.mindepth = number(arg); return always;
      case '-maxdepth': expr.maxdepth = number(arg); return always;
      case '-print': expr.needPrint = false; return async (e, fx) => { await fx.print(`${e.path}\n`); return true; };
      case '-print0': expr.needPrint = false; return async (e, fx) => { await fx.print(`${e.path}\0`); return true; };
      case '-prune': return (_e, fx) => { fx.prune(); return true; };
      case '-quit': return (_e, fx) => fx.quit();
      case '-delete': expr.needPrint = false; expr.depthFirst = true; return async (e, fx) => { await fx.remove(e); return true; };
      case '-exec': return execAction();
      case '-executable': return (e) => mayAccess(e.st, p.task.creds, X_OK);
      case '-empty': return (e) => (e.st.type === 'dir' ? p.fs.readdirSync(normalizePath(e.path, p.cwd)).length === 0 : e.st.type === 'file' && e.st.size === 0);
      case '-name': case '-iname': {
        const re = new RegExp(`^(?:${globSource(arg, ANYWHERE)})$`, word === '-iname' ? 'is' : 's');
        return (e) => re.test(baseName(e.path));
      }
      case '-path': case '-wholename': case '-ipath': {
        const re = new RegExp(`^(?:${globSource(arg, ANYWHERE)})$`, word === '-ipath' ? 'is' : 's');
        return (e) => re.test(e.path);
      }
      case '-regex': {
        let re: RegExp;
        try { re = compilePosix(arg, false); } catch (err) {
          throw new FindError(`bad regex '${arg}'${err instanceof RegexError ? `: ${err.message}` : ''}`);
        }
        const whole = new RegExp(`^(?:${re.source})$`, re.flags);
        return (e) => whole.test(e.path);
      }
      case '-type': {
        const type = arg.length === 1 ? TYPES.get(arg) : undefined;
        if (!type) throw new FindError(`invalid argument '${arg}' to '-type'`);
        return (e) => e.st.type === type;
      }
      case '-perm': return permTest(arg);
      case '-size': return sizeTest(arg);
      case '-mtime': case '-atime': case '-ctime': return ageTest(arg, 24 * 60 * 60);
      case '-mmin': case '-amin': case '-cmin': return ageTest(arg, 60);
      case '-newer': { const t = Math.floor(statArg(p, arg).mtimeMs / 1000); return (e) => t < Math.floor(e.st.mtimeMs / 1000); }
      case '-samefile': { const ino = statArg(p, arg).ino; return (e) => e.st.ino === ino; }
      case '-inum': { const n = number(arg); return (e) => e.st.ino === n; }
      case '-links': { const { sign, n } = compare(arg); return (e) => { const l = linkCount(e); return sign === '+' ? l > n : sign === '-' ? l < n : l === n; }; }
      case '-user': case '-group': {
        const id = lookupId(p, word === '-user' ? '/etc/passwd' : '/etc/group', arg);
        if (id === null) throw new FindError(`unknown ${word.slice(1)} ${arg}`);
        return (e) => (word === '-user' ? e.st.uid : e.st.gid) === id;
      }
      default: throw new FindError(`unrecognized: ${word}`);
    }
  };

  /** -exec CMD [ARG]... ; runs once per file; -exec CMD ... {} + runs once for a batch. */
  const execAction = (): Test => {
    expr.needPrint = false;
    const cmd: string[] = [];
    while (i < words.length && words[i] !== ';' && words[i] !== '+') cmd.push(words[i++]!);
    if (i >= words.length || cmd.length === 0) throw new FindError('-exec requires an argument');
    const plus = words[i++] === '+';
    if (!plus) return async (e, fx) => (await fx.exec(cmd.map((w) => w.split('{}').join(e.path)))) === 0;
    if (cmd.reduce((n, w) => n + w.split('{}').length - 1, 0) !== 1) throw new FindError("only one '{}' allowed for -exec +");
    const id = expr.plus.length;
    expr.plus.push({ id, words: cmd });
    return (e, fx) => { fx.batch(id, e.path); return true; };
  };

  const not = (): Test => {
    let invert = false;
    while (words[i] === '!' || words[i] === '-not') { invert = !invert; i++; }
    if (i >= words.length) throw new FindError('expression expected');
    let t: Test;
    if (words[i] === '(') {
      i++;
      t = or();
      if (words[i] !== ')') throw new FindError("unpaired '('");
      i++;
    } else t = primary();
    if (!invert) return t;
    return async (e, fx) => !(await t(e, fx));
  };
  const and = (): Test => {
    let t = not();
    while (i < words.length && words[i] !== '-o' && words[i] !== '-or' && words[i] !== ')') {
      if (words[i] === '-a' || words[i] === '-and') i++;
      const left = t;
      const right = not();
      t = async (e, fx) => (await left(e, fx)) && right(e, fx);
    }
    return t;
  };
  const or = (): Test => {
    let t = and();
    while (words[i] === '-o' || words[i] === '-or') {
      i++;
      const left = t;
      const right = and();
      t = async (e, fx) => (await left(e, fx)) || right(e, fx);
    }
    return t;
  };

  if (words.length > 0) {
    expr.test = or();
    if (i < words.length) throw new FindError(`unrecognized: ${words[i]}`);
  }
  return expr;
}
