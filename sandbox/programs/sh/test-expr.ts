// test and [: file tests, string and integer comparisons, ! ( ) -a -o,
// with busybox's messages for malformed expressions.
import { normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import { mayAccess, R_OK, W_OK, X_OK } from '../../kernel/vfs.ts';
import type { Process } from '../../kernel/process.ts';

/** What test needs: the process (files, credentials) and a way to complain. */
export interface TestHost {
  p: Process;
  error(msg: string): Promise<void>;
}

class TestError extends Error {}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** Evaluates; synchronous unless there is an error to print. */
export function evaluateTest(sh: TestHost, args: string[], name: string): number | Promise<number> {
  try {
    return evaluate(sh, args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return sh.error(`${name}: ${e.message}`).then(() => 2);
    throw e;
  }
}

function evaluate(sh: TestHost, args: string[]): boolean {
  // POSIX rules by argument count, then a general parser.
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '!') return args[1] === '';
    return unary(sh, args[0]!, args[1]!);
  }
  if (args.length === 3 && BINARY.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!, sh);
  const p = new Parser(sh, args);
  const v = p.or();
  if (p.i < args.length) throw new TestError(`${args[p.i]}: unknown operand`);
  return v;
}

class Parser {
  i = 0;
  constructor(private readonly sh: TestHost, private readonly a: string[]) {}
  or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') { this.i++; v = this.and() || v; }
    return v;
  }
  and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') { this.i++; v = this.not() && v; }
    return v;
  }
  not(): boolean {
    if (this.a[this.i] === '!') { this.i++; return !this.not(); }
    return this.primary();
  }
  primary(): boolean {
    const a = this.a;
    const t = a[this.i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError('missing )');
      this.i++;
      return v;
    }
    if (a[this.i + 1] !== undefined && BINARY.has(a[this.i + 1]!) && a[this.i + 2] !== undefined) {
      const v = binary(t, a[this.i + 1]!, a[this.i + 2]!, this.sh);
      this.i += 3;
      return v;
    }
    if ((UNARY_FILE.has(t) || t === '-z' || t === '-n' || t === '-t') && a[this.i + 1] !== undefined) {
      const v = unary(this.sh, t, a[this.i + 1]!);
      this.i += 2;
      return v;
    }
    this.i++;
    return t !== '';
  }
}

function int(s: string): number {
  const n = Number(s);
  if (Number.isSafeInteger(n) && String(n) === s) return n;
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`invalid number '${s}'`);
  return Number(s);
}

function stat(sh: TestHost, path: string, follow = true): Stat | null {
  const abs = normalizePath(path, sh.p.cwd);
  try { return follow ? sh.p.fs.statSync(abs) : sh.p.fs.lstatSync(abs); } catch { return null; }
}

function unary(sh: TestHost, op: string, arg: string): boolean {
  switch (op) {
    case '-z': return arg === '';
    case '-n': return arg !== '';
    case '-t': return /^\d+$/.test(arg) && sh.p.tty(Number(arg)) !== null;
    case '-L': case '-h': return stat(sh, arg, false)?.type === 'symlink';
  }
  if (!UNARY_FILE.has(op)) throw new TestError(`${op}: unknown operand`);
  const st = stat(sh, arg);
  if (!st) return false;
  const creds = sh.p.task.creds;
  switch (op) {
    case '-e': return true;
    case '-f': return st.type === 'file';
    case '-d': return st.type === 'dir';
    case '-r': return mayAccess(st, creds, R_OK);
    case '-w': return mayAccess(st, creds, W_OK);
    case '-x': return mayAccess(st, creds, X_OK);
    case '-s': return st.size > 0;
    case '-u': return (st.mode & 0o4000) !== 0;
    case '-g': return (st.mode & 0o2000) !== 0;
    case '-k': return (st.mode & 0o1000) !== 0;
    case '-O': return st.uid === creds.uid;
    case '-G': return st.gid === creds.gid;
    default: return false;
  }
}

function binary(a: string, op: string, b: string, sh: TestHost): boolean {
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return int(a) === int(b);
    case '-ne': return int(a) !== int(b);
    case '-lt': return int(a) < int(b);
    case '-le': return int(a) <= int(b);
    case '-gt': return int(a) > int(b);
    case '-ge': return int(a) >= int(b);
    case '-nt': return (stat(sh, a)?.mtimeMs ?? -1) > (stat(sh, b)?.mtimeMs ?? -1);
    case '-ot': return (stat(sh, a)?.mtimeMs ?? Infinity) < (stat(sh, b)?.mtimeMs ?? Infinity);
    case '-ef': { const x = stat(sh, a); const y = stat(sh, b); return !!x && !!y && x.ino === y.ino; }
    default: throw new TestError(`${op}: unknown operand`);
  }
}
