// Runs a parsed awk program: records and fields, variables and arrays,
// statements, expressions, builtins, user functions, getline and redirections.
import type { Process } from '../../../kernel/process.ts';
import { describe } from '../lib.ts';
import { AwkError, AwkFatal } from './error.ts';
import { numToStr, sprintf, type FormatArg } from './format.ts';
import { unescape } from './lexer.ts';
import { fromBin, openFile, pipeFrom, pipeTo, Reader, runSystem, toBin, writeBin } from './io.ts';
import type { ArrRef, AwkProgram, Expr, Item, LValue, Redirect, Stmt } from './parser.ts';
import { dynamicOf, ereOf, substitute } from './regex.ts';
import type { PosixRegExp } from '../regex-lib.ts';
import { compare, isNumLike, lowerAscii, splitFields, splitRegex, StrNum, toNum, truthy, type Val } from './values.ts';

const MAX_STRING = 1 << 26;
const MAX_FIELDS = 100_000;
const MAX_ELEMENTS = 5_000_000;
const MAX_DEPTH = 10_000;

class Cell {
  v: Val = undefined;
  arr: Map<string, Val> | null = null;
  parent: Cell | null = null;
}

const enum Flow { Normal, Break, Continue, Return }
const NEXT = { signal: 'next' };
const NEXTFILE = { signal: 'nextfile' };
const EXIT = { signal: 'exit' };
const NOPE = Symbol('not a leaf');

type Ref = { c: Cell } | { a: Map<string, Val>; key: string } | { f: number } | { nf: true };

interface Stream { fd: number; reader: Reader | null; done: Promise<number> | null }

export class Interp {
  private readonly globals = new Map<string, Cell>();
  private frame: Cell[] = [];
  private depth = 0;
  private retVal: Val = undefined;
  private rec: Val = new StrNum('');
  private fields: Val[] | null = [];
  private nf = 0;
  private out = '';
  private readonly streams = new Map<string, Stream>();
  private stdin: Reader | null = null;
  private cur: Reader | null = null;
  private argIndex = 0;
  private filesSeen = false;
  private exitCode = 0;
  private line = 0;
  private seed = 0;
  private prng = 1;
  private readonly cFS: Cell; private readonly cOFS: Cell; private readonly cORS: Cell; private readonly cRS: Cell;
  private readonly cSUBSEP: Cell; private readonly cCONVFMT: Cell; private readonly cOFMT: Cell;
  private readonly cNR: Cell; private readonly cFNR: Cell; private readonly cFILENAME: Cell;
  /** IGNORECASE (busybox has this GNU extension): regexps, comparisons, index() and one-character FS ignore case. */
  private readonly cIGNORECASE: Cell;

  constructor(private readonly p: Process, private readonly prog: AwkProgram, private readonly progName: string) {
    const init = (name: string, v: Val): Cell => { const c = this.global(name); c.v = v; return c; };
    this.cFS = init('FS', ' '); this.cOFS = init('OFS', ' '); this.cORS = init('ORS', '\n'); this.cRS = init('RS', '\n');
    this.cSUBSEP = init('SUBSEP', '\x1c'); this.cCONVFMT = init('CONVFMT', '%.6g'); this.cOFMT = init('OFMT', '%.6g');
    this.cNR = init('NR', 0); this.cFNR = init('FNR', 0); this.cFILENAME = init('FILENAME', '');
    this.cIGNORECASE = this.global('IGNORECASE');
    const env = this.arr(this.global('ENVIRON'));
    for (const [k, v] of p.env) env.set(toBin(k), new StrNum(toBin(v)));
  }

  /** Sets a variable from `-v name=value` or a `name=value` operand (value already unescaped). */
  assign(name: string, value: string): void {
    const c = this.global(name);
    if (c === this.cFS) this.split();
    this.checkSeparator(c, value);
    c.v = new StrNum(value);
  }

  /** busybox compiles FS and RS when they are set: a bad regexp dies there. */
  private checkSeparator(c: Cell, v: Val): void {
    if ((c === this.cFS || c === this.cRS) && this.str(v).length > 1) ereOf(this.str(v), this.icase);
  }

  private get icase(): boolean {
    return truthy(this.cIGNORECASE.v);
  }

  setArgs(args: string[]): void {
    const argv = this.arr(this.global('ARGV'));
    argv.set('0', 'awk');
    args.forEach((a, i) => argv.set(String(i + 1), new StrNum(a)));
    this.global('ARGC').v = args.length + 1;
  }

  /** Runs BEGIN, the records, END; returns the exit status. Errors go to stderr as busybox's. */
  async run(): Promise<number> {
    let status: number;
    try {
      status = await this.runAll();
    } catch (e) {
      if (!(e instanceof AwkError) && !(e instanceof AwkFatal)) throw e;
      await this.flush().catch(() => undefined);
      const msg = e instanceof AwkError ? `${this.progName}:${e.line || this.line || 1}: ${e.message}` : e.message;
      await this.p.write(2, `awk: ${fromBin(msg)}\n`).catch(() => undefined);
      status = 1;
    }
    await this.closeAll();
    return status;
  }

  private async runAll(): Promise<number> {
    const { prog } = this;
    let exiting = false;
    try {
      await this.block(prog.begin);
    } catch (e) {
      if (e === EXIT) exiting = true;
      else if (e !== NEXT && e !== NEXTFILE) throw e;
    }
    if (!exiting && (prog.items.length > 0 || prog.end.length > 0)) {
      try {
        for (;;) {
          const r = await this.nextMain();
          if (r === null) break;
          this.bump(this.cNR); this.bump(this.cFNR);
          this.setRecord(r);
          try {
            await this.items(prog.items);
          } catch (e) {
            if (e === NEXTFILE) { this.closeCurrent(); continue; }
            if (e !== NEXT) throw e;
          }
        }
      } catch (e) {
        if (e !== EXIT) throw e;
      }
    }
    try {
      await this.block(prog.end);
    } catch (e) {
      if (e !== EXIT && e !== NEXT && e !== NEXTFILE) throw e;
    }
    await this.flush();
    return this.exitCode;
  }

  private async items(items: Item[]): Promise<void> {
    for (const item of items) {
      let hit: boolean;
      if (!item.pattern) hit = true;
      else if (item.pattern2) {
        hit = item.inRange || truthy(await this.ev(item.pattern));
        if (hit) item.inRange = !truthy(await this.ev(item.pattern2));
      } else hit = truthy(await this.ev(item.pattern));
      if (!hit) continue;
      if (item.action) await this.block(item.action);
      else await this.emit(null, this.str(this.rec) + this.str(this.cORS.v));
    }
  }

  // ---- variables, records and fields ----------------------------------------

  private global(name: string): Cell {
    let c = this.globals.get(name);
    if (!c) { c = new Cell(); this.globals.set(name, c); }
    return c;
  }

  private cell(r: ArrRef): Cell {
    if (r.k === 'local') return this.frame[r.i]!;
    return this.global(r.name);
  }

  private arr(c: Cell): Map<string, Val> {
    if (c.arr) return c.arr;
    c.arr = c.parent ? this.arr(c.parent) : new Map();
    return c.arr;
  }

  private bump(c: Cell): void { c.v = toNum(c.v) + 1; }

  str(v: Val): string {
    if (typeof v === 'string') return v;
    if (v === undefined) return '';
    if (typeof v === 'number') return numToStr(v, this.plain(this.cCONVFMT.v));
    return v.s;
  }

  private plain(v: Val): string {
    return typeof v === 'number' ? numToStr(v, '%.6g') : v === undefined ? '' : typeof v === 'string' ? v : v.s;
  }

  private outStr(v: Val): string {
    return typeof v === 'number' ? numToStr(v, this.plain(this.cOFMT.v)) : this.str(v);
  }

  private setRecord(s: string): void {
    this.rec = new StrNum(s);
    this.fields = null;
  }

  private split(): Val[] {
    if (this.fields) return this.fields;
    const parts = splitFields(this.str(this.rec), this.str(this.cFS.v), this.str(this.cRS.v) === '', this.icase);
    if (parts.length > MAX_FIELDS) throw new AwkError('too many fields');
    this.fields = parts.map((s) => new StrNum(s));
    this.nf = parts.length;
    return this.fields;
  }

  private getField(i: number): Val {
    if (i === 0) return this.rec;
    if (i < 0) throw new AwkError('Access to negative field');
    const f = this.split();
    return i <= this.nf ? f[i - 1] : undefined;
  }

  private rebuild(): void {
    const ofs = this.str(this.cOFS.v);
    let s = '';
    for (let i = 0; i < this.nf; i++) {
      if (i) s += ofs;
      s += this.str(this.fields![i]);
      if (s.length > MAX_STRING) throw new AwkError('string too long');
    }
    this.rec = s;
  }

  private setField(i: number, v: Val): void {
    if (i === 0) { this.rec = v; this.fields = null; return; }
    if (i < 0) throw new AwkError('Access to negative field');
    if (i > MAX_FIELDS) throw new AwkError('too many fields');
    const f = this.split();
    while (this.nf < i) f[this.nf++] = undefined;
    f[i - 1] = v;
    this.rebuild();
  }

  private setNF(v: Val): void {
    const n = Math.trunc(toNum(v));
    if (n < 0 || n > MAX_FIELDS) throw new AwkError(n < 0 ? 'Access to negative field' : 'too many fields');
    const f = this.split();
    while (this.nf < n) f[this.nf++] = undefined;
    this.nf = n;
    f.length = n;
    this.rebuild();
  }

  private async ref(t: LValue): Promise<Ref> {
    switch (t.k) {
      case 'var': case 'local': return { c: this.cell(t) };
      case 'nf': return { nf: true };
      case 'field': return { f: Math.trunc(toNum(await this.ev(t.e))) };
      case 'index': return { a: this.arr(this.cell(t.arr)), key: await this.key(t.subs) };
    }
  }

  private get(r: Ref): Val {
    if ('c' in r) return r.c.v;
    if ('a' in r) {
      if (!r.a.has(r.key)) this.create(r.a, r.key);
      return r.a.get(r.key);
    }
    if ('f' in r) return this.getField(r.f);
    this.split();
    return this.nf;
  }

  private set(r: Ref, v: Val): void {
    if ('c' in r) {
      if (r.c === this.cFS && !this.fields) this.split();
      this.checkSeparator(r.c, v);
      r.c.v = v;
    } else if ('a' in r) {
      if (!r.a.has(r.key)) this.create(r.a, r.key);
      r.a.set(r.key, v);
    } else if ('f' in r) this.setField(r.f, v);
    else this.setNF(v);
  }

  private create(a: Map<string, Val>, key: string): void {
    if (a.size >= MAX_ELEMENTS) throw new AwkError('array too large');
    a.set(key, undefined);
  }

  private async key(subs: Expr[]): Promise<string> {
    if (subs.length === 1) {
      const v = this.leaf(subs[0]!);
      return this.str(v === NOPE ? await this.ev(subs[0]!) : v);
    }
    const parts: string[] = [];
    for (const s of subs) parts.push(this.str(await this.ev(s)));
    return parts.join(this.str(this.cSUBSEP.v));
  }

  // ---- statements -----------------------------------------------------------

  private async block(body: Stmt[]): Promise<Flow> {
    for (const s of body) {
      const f = await this.stmt(s);
      if (f !== Flow.Normal) return f;
    }
    return Flow.Normal;
  }

  private async tick(): Promise<void> {
    const t = this.p.tick();
    if (t) await t;
  }

  private async loopBody(body: Stmt): Promise<Flow | null> {
    await this.tick();
    const f = await this.stmt(body);
    if (f === Flow.Break) return Flow.Normal;
    if (f === Flow.Return) return f;
    return null;
  }

  private async test(e: Expr): Promise<boolean> {
    if (e.k === 'cmp') {
      let l = this.leaf(e.l);
      let r = this.leaf(e.r);
      if (l !== NOPE && r !== NOPE) return compare(e.op, l, r, this.cmpStr);
      if (l === NOPE) l = await this.ev(e.l);
      if (r === NOPE) r = await this.ev(e.r);
      return compare(e.op, l, r, this.cmpStr);
    }
    const v = this.leaf(e);
    return truthy(v === NOPE ? await this.ev(e) : v);
  }

  private async stmt(s: Stmt): Promise<Flow> {
    this.line = s.line;
    switch (s.k) {
      case 'expr': await this.ev(s.e); return Flow.Normal;
      case 'print': {
        let text: string;
        if (s.args.length === 0) text = this.str(this.rec);
        else {
          text = '';
          const ofs = this.str(this.cOFS.v);
          for (let i = 0; i < s.args.length; i++) {
            if (i) text += ofs;
            text += this.outStr(await this.ev(s.args[i]!));
          }
        }
        await this.emit(s.redir, text + this.str(this.cORS.v));
        return Flow.Normal;
      }
      case 'printf': {
        const vals: Val[] = [];
        for (const a of s.args) vals.push(await this.ev(a));
        await this.emit(s.redir, this.format(vals));
        return Flow.Normal;
      }
      case 'if':
        if (await this.test(s.c)) return this.stmt(s.then);
        return s.else ? this.stmt(s.else) : Flow.Normal;
      case 'while':
        while (await this.test(s.c)) {
          const f = await this.loopBody(s.body);
          if (f !== null) return f;
        }
        return Flow.Normal;
      case 'do':
        do {
          const f = await this.loopBody(s.body);
          if (f !== null) return f;
        } while (await this.test(s.c));
        return Flow.Normal;
      case 'for':
        if (s.init) await this.stmt(s.init);
        while (!s.c || await this.test(s.c)) {
          const f = await this.loopBody(s.body);
          if (f !== null) return f;
          if (s.step) await this.stmt(s.step);
        }
        return Flow.Normal;
      case 'forin': {
        const target = this.cell(s.v);
        for (const k of [...this.arr(this.cell(s.arr)).keys()]) {
          target.v = k;
          const f = await this.loopBody(s.body);
          if (f !== null) return f;
        }
        return Flow.Normal;
      }
      case 'block': return this.block(s.body);
      case 'next': throw NEXT;
      case 'nextfile': throw NEXTFILE;
      case 'break': return Flow.Break;
      case 'continue': return Flow.Continue;
      case 'exit': {
        const n = s.e ? toNum(await this.ev(s.e)) : 0;
        this.exitCode = (Number.isFinite(n) ? Math.trunc(n) : 0) & 255;
        throw EXIT;
      }
      case 'return':
        this.retVal = s.e ? await this.ev(s.e) : undefined;
        return Flow.Return;
      case 'delete': {
        const a = this.arr(this.cell(s.arr));
        if (s.subs) a.delete(await this.key(s.subs));
        else a.clear();
        return Flow.Normal;
      }
    }
  }

  private format(vals: Val[]): string {
    const args: FormatArg[] = vals.slice(1).map((v) => ({ num: () => toNum(v), str: () => this.str(v), isNum: () => isNumLike(v) }));
    return sprintf(this.str(vals[0]), args, MAX_STRING);
  }

  // ---- output and streams ---------------------------------------------------

  private readonly flushOut = (): Promise<void> => this.flush();

  async flush(): Promise<void> {
    if (this.out === '') return;
    const s = this.out;
    this.out = '';
    await writeBin(this.p, 1, s);
  }

  private async emit(redir: Redirect, text: string): Promise<void> {
    if (!redir) {
      this.out += text;
      if (this.out.length >= 8192) await this.flush();
      return;
    }
    const name = this.str(await this.ev(redir.e));
    if (name === '/dev/stdout' || name === '-' && redir.op === '|') { this.out += text; return; }
    if (name === '/dev/stderr') { await this.flush(); await writeBin(this.p, 2, text); return; }
    let st = this.streams.get(name);
    if (!st) {
      if (redir.op === '|') {
        await this.flush();
        const child = pipeTo(this.p, name, this.hidden());
        st = { fd: child.fd, reader: null, done: child.done };
      } else {
        try {
          st = { fd: openFile(this.p, name, redir.op === '>' ? 'w' : 'a'), reader: null, done: null };
        } catch (e) {
          throw new AwkFatal(`can't open '${name}': ${describe(e)}`);
        }
      }
      this.streams.set(name, st);
    }
    await writeBin(this.p, st.fd, text);
  }

  private hidden(): number[] {
    return [...this.streams.values()].map((s) => s.fd);
  }

  private async close(name: string): Promise<number> {
    const st = this.streams.get(name);
    if (!st) return 0;
    this.streams.delete(name);
    if (st.fd > 2) this.p.close(st.fd);
    return st.done ? (await st.done) * 256 : 0;
  }

  private async closeAll(): Promise<void> {
    await this.flush().catch(() => undefined);
    for (const name of [...this.streams.keys()]) await this.close(name).catch(() => 0);
    this.closeCurrent();
  }

  private stdinReader(): Reader {
    return this.stdin ??= new Reader(this.p, 0, this.flushOut);
  }

  // ---- input ----------------------------------------------------------------

  private closeCurrent(): void {
    if (this.cur && this.cur.fd !== 0) this.p.close(this.cur.fd);
    this.cur = null;
  }

  /** The next reader of the main input: ARGV's files (var=value operands assign), else stdin. */
  private openNext(): Reader | null {
    const argv = this.arr(this.global('ARGV'));
    for (;;) {
      if (this.argIndex + 1 >= toNum(this.global('ARGC').v)) {
        if (this.filesSeen) return null;
        this.filesSeen = true;
        this.cFILENAME.v = '-';
        return this.stdinReader();
      }
      this.argIndex++;
      const name = this.str(argv.get(String(this.argIndex)));
      if (name === '') continue;
      const eq = name.indexOf('=');
      if (eq > 0 && /^[A-Za-z0-9_]/.test(name)) { this.assign(name.slice(0, eq), unescape(name.slice(eq + 1))); continue; }
      this.filesSeen = true;
      this.cFILENAME.v = name;
      if (name === '-') return this.stdinReader();
      try {
        return new Reader(this.p, openFile(this.p, name, 'r'), this.flushOut);
      } catch (e) {
        throw new AwkFatal(`${name}: ${describe(e)}`);
      }
    }
  }

  private async nextMain(): Promise<string | null> {
    for (;;) {
      if (!this.cur) {
        this.cur = this.openNext();
        if (!this.cur) return null;
        this.cFNR.v = 0;
      }
      const r = await this.readFrom(this.cur, true);
      if (r !== null) return r;
      this.closeCurrent();
    }
  }

  private async readFrom(reader: Reader, fatal: boolean): Promise<string | null> {
    try {
      return await reader.record(this.str(this.cRS.v), this.icase);
    } catch (e) {
      if (e instanceof AwkError || !(e instanceof Error) || !('errno' in e)) throw e;
      if (fatal) throw new AwkError(describe(e));
      throw e;
    }
  }

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let r: string | null;
    if (e.src === 'main') {
      r = await this.nextMain();
      if (r === null) return 0;
      this.bump(this.cNR); this.bump(this.cFNR);
    } else {
      const name = this.str(await this.ev(e.from!));
      let st = this.streams.get(name);
      if (!st) {
        if (e.src === 'cmd') {
          await this.flush();
          const child = pipeFrom(this.p, name, this.hidden());
          st = { fd: child.fd, reader: null, done: child.done };
        } else if (name === '-' || name === '/dev/stdin') {
          st = { fd: 0, reader: this.stdinReader(), done: null };
        } else {
          try { st = { fd: openFile(this.p, name, 'r'), reader: null, done: null }; } catch { return -1; }
        }
        st.reader ??= new Reader(this.p, st.fd, this.flushOut);
        this.streams.set(name, st);
      }
      if (!st.reader) return -1;
      try { r = await this.readFrom(st.reader, false); } catch (err) {
        if (err instanceof Error && 'errno' in err) return -1;
        throw err;
      }
      if (r === null) return 0;
    }
    if (e.target) this.set(await this.ref(e.target), new StrNum(r));
    else this.setRecord(r);
    return 1;
  }

  // ---- expressions ----------------------------------------------------------

  /** A value as string comparison sees it: strcasecmp's ASCII case folding under IGNORECASE. */
  private readonly cmpStr = (v: Val): string => (this.icase ? lowerAscii(this.str(v)) : this.str(v));

  /** A /literal/ (compiled by the parser) or a string used as a regexp. */
  private regexOf(e: Expr, v: Val): PosixRegExp {
    const icase = this.icase;
    if (e.k === 're') return icase ? ereOf(e.src, true) : e.re;
    return dynamicOf(this.str(v), icase);
  }

  /** The value of a leaf (constant, variable, $constant) without awaiting, else NOPE. */
  private leaf(e: Expr): Val | typeof NOPE {
    switch (e.k) {
      case 'num': case 'str': return e.v;
      case 'var': return this.global(e.name).v;
      case 'local': return this.frame[e.i]!.v;
      case 'nf': this.split(); return this.nf;
      case 'field': return e.e.k === 'num' ? this.getField(Math.trunc(e.e.v)) : NOPE;
      default: return NOPE;
    }
  }

  private async ev(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num': case 'str': return e.v;
      case 're': return this.regexOf(e, undefined).test(this.str(this.rec)) ? 1 : 0;
      case 'var': return this.global(e.name).v;
      case 'local': return this.frame[e.i]!.v;
      case 'nf': this.split(); return this.nf;
      case 'field': return this.getField(Math.trunc(toNum(await this.ev(e.e))));
      case 'index': {
        const a = this.arr(this.cell(e.arr));
        const k = await this.key(e.subs);
        if (!a.has(k)) this.create(a, k);
        return a.get(k);
      }
      case 'assign': {
        const r = e.target.k === 'var' ? { c: this.global(e.target.name) } : await this.ref(e.target);
        let v = this.leaf(e.e);
        if (v === NOPE) v = await this.ev(e.e);
        if (e.op !== '=') v = arith(e.op, toNum(this.get(r)), toNum(v));
        this.set(r, v);
        return v;
      }
      case 'cond': return truthy(await this.ev(e.c)) ? this.ev(e.a) : this.ev(e.b);
      case 'and': return truthy(await this.ev(e.l)) && truthy(await this.ev(e.r)) ? 1 : 0;
      case 'or': return truthy(await this.ev(e.l)) || truthy(await this.ev(e.r)) ? 1 : 0;
      case 'in': return this.arr(this.cell(e.arr)).has(await this.key(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(await this.ev(e.l));
        const re = this.regexOf(e.r, e.r.k === 're' ? undefined : await this.ev(e.r));
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        let l = this.leaf(e.l);
        if (l === NOPE) l = await this.ev(e.l);
        let r = this.leaf(e.r);
        if (r === NOPE) r = await this.ev(e.r);
        return compare(e.op, l, r, this.cmpStr) ? 1 : 0;
      }
      case 'arith': {
        let l = this.leaf(e.l);
        if (l === NOPE) l = await this.ev(e.l);
        const ln = toNum(l);
        let r = this.leaf(e.r);
        if (r === NOPE) r = await this.ev(e.r);
        return arith(e.op, ln, toNum(r));
      }
      case 'concat': {
        let lv = this.leaf(e.l);
        if (lv === NOPE) lv = await this.ev(e.l);
        const l = this.str(lv);
        let rv = this.leaf(e.r);
        if (rv === NOPE) rv = await this.ev(e.r);
        const s = l + this.str(rv);
        if (s.length > MAX_STRING) throw new AwkError('string too long');
        return s;
      }
      case 'neg': return -toNum(await this.ev(e.e));
      case 'plus': return toNum(await this.ev(e.e));
      case 'not': return truthy(await this.ev(e.e)) ? 0 : 1;
      case 'incdec': {
        const r = e.target.k === 'var' ? { c: this.global(e.target.name) } : await this.ref(e.target);
        const old = toNum(this.get(r));
        this.set(r, old + e.delta);
        return e.pre ? old + e.delta : old;
      }
      case 'call': return this.call(e.name, e.args);
      case 'builtin': return this.builtin(e.name, e.args);
      case 'getline': return this.getline(e);
      case 'group': throw new AwkError('Unexpected token');
    }
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkError('Call to undefined function');
    if (this.depth >= MAX_DEPTH) throw new AwkError('function calls nested too deeply');
    const frame: Cell[] = [];
    for (let i = 0; i < f.params.length; i++) {
      const cell = new Cell();
      const a = args[i];
      if (a && (a.k === 'var' || a.k === 'local')) {
        const src = this.cell(a);
        if (src.arr || src.v === undefined) { cell.parent = src; cell.arr = src.arr; } else cell.v = src.v;
      } else if (a) cell.v = await this.ev(a);
      frame.push(cell);
    }
    for (let i = f.params.length; i < args.length; i++) await this.ev(args[i]!);
    const saved = this.frame;
    const line = this.line;
    this.frame = frame;
    this.depth++;
    await this.tick();
    try {
      const flow = await this.block(f.body);
      const v = flow === Flow.Return ? this.retVal : undefined;
      this.retVal = undefined;
      return v;
    } finally {
      this.frame = saved;
      this.depth--;
      this.line = line;
    }
  }

  private arrayArg(e: Expr | undefined): Map<string, Val> {
    if (!e || (e.k !== 'var' && e.k !== 'local')) throw new AwkError('Not an array');
    return this.arr(this.cell(e));
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const need = (n: number): void => { if (args.length < n) throw new AwkError('Too few arguments for builtin'); };
    const num = async (i: number): Promise<number> => toNum(await this.ev(args[i]!));
    const str = async (i: number): Promise<string> => this.str(await this.ev(args[i]!));
    switch (name) {
      case 'length': {
        if (args.length === 0) return this.str(this.rec).length;
        const a = args[0]!;
        if (a.k === 'var' || a.k === 'local') {
          const c = this.cell(a);
          if (this.arrOf(c)) return this.arr(c).size;
        }
        return (await str(0)).length;
      }
      case 'substr': {
        need(2);
        const s = await str(0);
        let i = Math.trunc(await num(1) - 1);
        if (!(i <= s.length)) i = s.length;
        if (!(i >= 0)) i = 0;
        let n = args.length > 2 ? Math.trunc(await num(2)) : s.length - i;
        if (!(n >= 0)) n = 0;
        return s.substr(i, n);
      }
      case 'index': {
        need(2);
        const s = await str(0);
        const t = await str(1);
        if (t === '') return 0;
        return (this.icase ? lowerAscii(s).indexOf(lowerAscii(t)) : s.indexOf(t)) + 1;
      }
      case 'split': {
        need(2);
        const s = await str(0);
        const a = this.arrayArg(args[1]);
        let parts: string[];
        const para = this.str(this.cRS.v) === '';
        if (args.length > 2) {
          const sep = args[2]!;
          parts = sep.k === 're' ? splitRegex(s, this.regexOf(sep, undefined), para) : splitFields(s, this.str(await this.ev(sep)), para, this.icase);
        } else parts = splitFields(s, this.str(this.cFS.v), para, this.icase);
        if (parts.length > MAX_ELEMENTS) throw new AwkError('array too large');
        a.clear();
        parts.forEach((part, i) => a.set(String(i + 1), new StrNum(part)));
        return parts.length;
      }
      case 'sub': case 'gsub': {
        need(2);
        const re = this.regexOf(args[0]!, args[0]!.k === 're' ? undefined : await this.ev(args[0]!));
        const repl = await str(1);
        const global = name === 'gsub';
        if (args.length > 2 && !isLValueExpr(args[2]!)) return substitute(re, repl, await str(2), global, MAX_STRING)[1];
        const r = await this.ref(args.length > 2 ? args[2] as LValue : { k: 'field', e: { k: 'num', v: 0 } });
        const [res, count] = substitute(re, repl, this.str(this.get(r)), global, MAX_STRING);
        this.set(r, res);
        return count;
      }
      case 'match': {
        need(2);
        const s = await str(0);
        const re = this.regexOf(args[1]!, args[1]!.k === 're' ? undefined : await this.ev(args[1]!));
        // regexec's leftmost-longest match: match("abcd", /a|ab|abc/) is 1 with RLENGTH 3
        const m = re.search(s);
        const start = m ? m.start + 1 : 0;
        this.global('RSTART').v = start;
        this.global('RLENGTH').v = m ? m.end - m.start : -1;
        return start;
      }
      case 'sprintf': {
        need(1);
        const vals: Val[] = [];
        for (const a of args) vals.push(await this.ev(a));
        return this.format(vals);
      }
      case 'sin': need(1); return Math.sin(await num(0));
      case 'cos': need(1); return Math.cos(await num(0));
      case 'atan2': need(2); { const y = await num(0); return Math.atan2(y, await num(1)); }
      case 'exp': need(1); return Math.exp(await num(0));
      case 'log': need(1); return Math.log(await num(0));
      case 'sqrt': need(1); return Math.sqrt(await num(0));
      case 'int': need(1); return Math.trunc(await num(0));
      case 'rand': return this.rand();
      case 'srand': {
        const prev = this.seed;
        this.seed = args.length ? Math.trunc(await num(0)) : Math.floor(this.p.now() / 1000);
        this.prng = this.seed >>> 0 || 1;
        return prev;
      }
      case 'tolower': need(1); return (await str(0)).replace(/[A-Z]+/g, (m) => m.toLowerCase());
      case 'toupper': need(1); return (await str(0)).replace(/[a-z]+/g, (m) => m.toUpperCase());
      case 'system': {
        need(1);
        const cmd = await str(0);
        await this.flush();
        if (cmd === '') return 0;
        return runSystem(this.p, cmd, this.hidden());
      }
      case 'close': need(1); return this.close(await str(0));
      case 'fflush': await this.flush(); return 0;
      default: throw new AwkError('Unexpected token');
    }
  }

  private arrOf(c: Cell): boolean {
    for (let x: Cell | null = c; x; x = x.parent) if (x.arr) return true;
    return false;
  }

  /** xorshift32: rand() in [0, 1). */
  private rand(): number {
    let x = this.prng;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.prng = x || 1;
    return x / 4294967296;
  }
}

function isLValueExpr(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'local' || e.k === 'nf' || e.k === 'field' || e.k === 'index';
}

function arith(op: string, l: number, r: number): number {
  switch (op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '/': if (r === 0) throw new AwkError('Division by zero'); return l / r;
    case '%': if (r === 0) throw new AwkError('Division by zero'); return l % r;
    default: return Math.pow(l, r);
  }
}
