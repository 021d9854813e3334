// awk's syntax tree and a recursive-descent parser from tokens to it:
// pattern-action items, BEGIN/END, functions, statements and expressions.
import { AwkError } from './error.ts';
import { tokenize, type Token } from './lexer.ts';
import type { PosixRegExp } from '../regex-lib.ts';
import { ereOf } from './regex.ts';

export type ArrRef = { k: 'var'; name: string } | { k: 'local'; i: number; name: string };
export type LValue = ArrRef | { k: 'nf' } | { k: 'field'; e: Expr } | { k: 'index'; arr: ArrRef; subs: Expr[] };
export type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string; re: PosixRegExp }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'in'; subs: Expr[]; arr: ArrRef }
  | { k: 'match'; neg: boolean; l: Expr; r: Expr }
  | { k: 'cmp' | 'arith'; op: string; l: Expr; r: Expr }
  | { k: 'concat'; l: Expr; r: Expr }
  | { k: 'neg' | 'plus' | 'not'; e: Expr }
  | { k: 'incdec'; pre: boolean; delta: number; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; src: 'main' | 'file' | 'cmd'; target: LValue | null; from: Expr | null }
  | { k: 'group'; items: Expr[] };

export type Redirect = { op: '>' | '>>' | '|'; e: Expr } | null;
type S =
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; redir: Redirect }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while' | 'do'; c: Expr; body: Stmt }
  | { k: 'for'; init: Stmt | null; c: Expr | null; step: Stmt | null; body: Stmt }
  | { k: 'forin'; v: ArrRef; arr: ArrRef; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e: Expr | null }
  | { k: 'delete'; arr: ArrRef; subs: Expr[] | null };
export type Stmt = S & { line: number };

export interface Item { pattern: Expr | null; pattern2: Expr | null; action: Stmt[] | null; inRange: boolean }
export interface Func { name: string; params: string[]; body: Stmt[] }
export interface AwkProgram { begin: Stmt[]; items: Item[]; end: Stmt[]; funcs: Map<string, Func> }

const ASSIGN: Record<string, string> = { '=': '=', '+=': '+', '-=': '-', '*=': '*', '/=': '/', '%=': '%', '^=': '^', '**=': '^' };
const CMP = new Set(['<', '<=', '==', '!=', '>=', '>']);
const CONCAT_START = new Set(['num', 'str', 'ere', 'name', 'func', 'builtin', '$', '!', '(', '++', '--']);

export function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'local' || e.k === 'nf' || e.k === 'field' || e.k === 'index';
}

class Parser {
  private pos = 0;
  private locals: Map<string, number> | null = null;
  private noGt = false;
  constructor(private readonly toks: Token[]) {}

  private get tok(): Token { return this.toks[this.pos]!; }
  private is(t: string): boolean { return this.toks[this.pos]!.t === t; }
  private peek(n = 1): Token { return this.toks[Math.min(this.pos + n, this.toks.length - 1)]!; }
  private next(): Token { const t = this.tok; if (t.t !== 'eof') this.pos++; return t; }
  private fail(): never { throw new AwkError('Unexpected token', this.tok.line); }
  private expect(t: string): Token { if (this.tok.t !== t) this.fail(); return this.next(); }
  private optNl(): void { while (this.is('nl')) this.next(); }
  private skipTerms(): void { while (this.is('nl') || this.is(';')) this.next(); }

  program(): AwkProgram {
    const prog: AwkProgram = { begin: [], items: [], end: [], funcs: new Map() };
    this.skipTerms();
    while (!this.is('eof')) {
      const t = this.tok.t;
      if (t === 'BEGIN' || t === 'END') {
        this.next(); this.optNl();
        (t === 'BEGIN' ? prog.begin : prog.end).push(...this.block());
      } else if (t === 'function' || t === 'func') {
        this.next();
        const name = this.is('func') || this.is('name') ? this.next().v : this.fail();
        this.expect('(');
        const params: string[] = [];
        while (!this.is(')')) {
          if (!this.is('name')) this.fail();
          params.push(this.next().v);
          if (this.is(',')) this.next(); else if (!this.is(')')) this.fail();
        }
        this.next(); this.optNl();
        this.locals = new Map(params.map((p, i) => [p, i]));
        prog.funcs.set(name, { name, params, body: this.block() });
        this.locals = null;
      } else if (t === '{') {
        prog.items.push({ pattern: null, pattern2: null, action: this.block(), inRange: false });
      } else {
        const pattern = this.expr();
        let pattern2: Expr | null = null;
        if (this.is(',')) { this.next(); pattern2 = this.expr(); }
        if (this.is('{')) prog.items.push({ pattern, pattern2, action: this.block(), inRange: false });
        else {
          if (!this.is('nl') && !this.is(';') && !this.is('eof')) this.fail();
          prog.items.push({ pattern, pattern2, action: null, inRange: false });
        }
      }
      this.skipTerms();
    }
    return prog;
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    for (;;) {
      this.skipTerms();
      if (this.is('}')) { this.next(); return body; }
      body.push(this.statement());
    }
  }

  private endSimple(): void {
    const t = this.tok.t;
    if (t === ';' || t === 'nl') this.next();
    else if (t !== '}' && t !== 'eof') this.fail();
  }

  private statement(): Stmt {
    const line = this.tok.line;
    switch (this.tok.t) {
      case '{': return { k: 'block', body: this.block(), line };
      case ';': this.next(); return { k: 'block', body: [], line };
      case 'if': {
        this.next(); this.expect('(');
        const c = this.expr();
        this.expect(')'); this.optNl();
        const then = this.statement();
        const save = this.pos;
        this.skipTerms();
        if (this.is('else')) { this.next(); this.optNl(); return { k: 'if', c, then, else: this.statement(), line }; }
        this.pos = save;
        return { k: 'if', c, then, else: null, line };
      }
      case 'while': {
        this.next(); this.expect('(');
        const c = this.expr();
        this.expect(')');
        if (this.is(';')) { this.next(); return { k: 'while', c, body: { k: 'block', body: [], line }, line }; }
        this.optNl();
        return { k: 'while', c, body: this.statement(), line };
      }
      case 'do': {
        this.next(); this.optNl();
        const body = this.statement();
        this.skipTerms();
        this.expect('while'); this.expect('(');
        const c = this.expr();
        this.expect(')');
        this.endSimple();
        return { k: 'do', c, body, line };
      }
      case 'for': {
        this.next(); this.expect('(');
        if (this.is('name') && this.peek().t === 'in' && this.peek(2).t === 'name' && this.peek(3).t === ')') {
          const v = this.arrRef(this.next().v);
          this.next();
          const arr = this.arrRef(this.next().v);
          this.next(); this.optNl();
          return { k: 'forin', v, arr, body: this.statement(), line };
        }
        const init = this.is(';') ? null : this.simple();
        this.expect(';'); this.optNl();
        const c = this.is(';') ? null : this.expr();
        this.expect(';'); this.optNl();
        const step = this.is(')') ? null : this.simple();
        this.expect(')');
        if (this.is(';')) { this.next(); return { k: 'for', init, c, step, body: { k: 'block', body: [], line }, line }; }
        this.optNl();
        return { k: 'for', init, c, step, body: this.statement(), line };
      }
      default: {
        const s = this.simple();
        this.endSimple();
        return s;
      }
    }
  }

  private atEnd(): boolean {
    const t = this.tok.t;
    return t === ';' || t === 'nl' || t === '}' || t === 'eof';
  }

  private simple(): Stmt {
    const line = this.tok.line;
    const t = this.tok.t;
    switch (t) {
      case 'print': case 'printf': {
        this.next();
        let args: Expr[] = [];
        const saved = this.noGt;
        this.noGt = true;
        if (!this.atEnd() && !this.is('>') && !this.is('>>') && !this.is('|')) {
          args.push(this.expr());
          while (this.is(',')) { this.next(); args.push(this.expr()); }
        }
        this.noGt = saved;
        if (args.length === 1 && args[0]!.k === 'group') args = args[0].items;
        if (t === 'printf' && args.length === 0) this.fail();
        let redir: Redirect = null;
        if (this.is('>') || this.is('>>') || this.is('|')) {
          const op = this.next().t as '>' | '>>' | '|';
          redir = { op, e: this.ternary() };
        }
        return { k: t, args, redir, line };
      }
      case 'next': case 'nextfile': case 'break': case 'continue':
        this.next();
        return { k: t, line };
      case 'exit': case 'return':
        this.next();
        return { k: t, e: this.atEnd() ? null : this.expr(), line };
      case 'delete': {
        this.next();
        const paren = this.is('(');
        if (paren) this.next();
        if (!this.is('name')) this.fail();
        const arr = this.arrRef(this.next().v);
        let subs: Expr[] | null = null;
        if (this.is('[')) { this.next(); subs = this.exprList(']'); }
        if (paren) this.expect(')');
        return { k: 'delete', arr, subs, line };
      }
      default:
        return { k: 'expr', e: this.expr(), line };
    }
  }

  private arrRef(name: string): ArrRef {
    const i = this.locals?.get(name);
    return i !== undefined ? { k: 'local', i, name } : { k: 'var', name };
  }

  /** Expressions up to `close` (consumed), separated by commas. */
  private exprList(close: string): Expr[] {
    const saved = this.noGt;
    this.noGt = false;
    const list: Expr[] = [];
    this.optNl();
    while (this.tok.t !== close) {
      list.push(this.expr());
      this.optNl();
      if (this.is(',')) { this.next(); this.optNl(); } else if (this.tok.t !== close) this.fail();
    }
    this.next();
    this.noGt = saved;
    return list;
  }

  expr(): Expr {
    const left = this.ternary();
    const op = ASSIGN[this.tok.t];
    if (op && isLValue(left)) {
      this.next(); this.optNl();
      return { k: 'assign', op, target: left, e: this.expr() };
    }
    return left;
  }

  private ternary(): Expr {
    const c = this.or();
    if (!this.is('?')) return c;
    this.next(); this.optNl();
    const a = this.expr();
    this.optNl(); this.expect(':'); this.optNl();
    return { k: 'cond', c, a, b: this.expr() };
  }

  private or(): Expr {
    let l = this.and();
    while (this.is('||')) { this.next(); l = { k: 'or', l, r: this.and() }; }
    return l;
  }

  private and(): Expr {
    let l = this.inExpr();
    while (this.is('&&')) { this.next(); l = { k: 'and', l, r: this.inExpr() }; }
    return l;
  }

  private inExpr(): Expr {
    let l = this.matchExpr();
    while (this.is('in')) {
      this.next();
      if (!this.is('name')) this.fail();
      l = { k: 'in', subs: l.k === 'group' ? l.items : [l], arr: this.arrRef(this.next().v) };
    }
    return l;
  }

  private matchExpr(): Expr {
    let l = this.cmp();
    while (this.is('~') || this.is('!~')) {
      const neg = this.next().t === '!~';
      l = { k: 'match', neg, l, r: this.cmp() };
    }
    return l;
  }

  private cmp(): Expr {
    let l = this.pipeGetline();
    while (CMP.has(this.tok.t) && !(this.noGt && this.is('>'))) {
      const op = this.next().t;
      l = { k: 'cmp', op, l, r: this.pipeGetline() };
    }
    return l;
  }

  private pipeGetline(): Expr {
    let l = this.concat();
    while (this.is('|') && this.peek().t === 'getline') {
      this.next(); this.next();
      l = { k: 'getline', src: 'cmd', target: this.optLValue(), from: l };
    }
    return l;
  }

  private concat(): Expr {
    let l = this.additive();
    while (CONCAT_START.has(this.tok.t) && !(this.is('ere'))) {
      l = { k: 'concat', l, r: this.additive() };
    }
    return l;
  }

  private additive(): Expr {
    let l = this.mul();
    while (this.is('+') || this.is('-')) {
      const op = this.next().t;
      l = { k: 'arith', op, l, r: this.mul() };
    }
    return l;
  }

  private mul(): Expr {
    let l = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().t;
      l = { k: 'arith', op, l, r: this.unary() };
    }
    return l;
  }

  private unary(): Expr {
    const t = this.tok.t;
    if (t === '!') { this.next(); return { k: 'not', e: this.unary() }; }
    if (t === '-') { this.next(); return { k: 'neg', e: this.unary() }; }
    if (t === '+') { this.next(); return { k: 'plus', e: this.unary() }; }
    return this.pow();
  }

  private pow(): Expr {
    const base = this.postfix();
    if (!this.is('^') && !this.is('**')) return base;
    this.next();
    return { k: 'arith', op: '^', l: base, r: this.powRhs() };
  }

  private powRhs(): Expr {
    const t = this.tok.t;
    if (t === '-') { this.next(); return { k: 'neg', e: this.powRhs() }; }
    if (t === '+') { this.next(); return { k: 'plus', e: this.powRhs() }; }
    if (t === '!') { this.next(); return { k: 'not', e: this.powRhs() }; }
    return this.pow();
  }

  private postfix(): Expr {
    const e = this.primary();
    if ((this.is('++') || this.is('--')) && isLValue(e)) {
      return { k: 'incdec', pre: false, delta: this.next().t === '++' ? 1 : -1, target: e };
    }
    return e;
  }

  private lvalue(e: Expr): LValue {
    if (!isLValue(e)) this.fail();
    return e;
  }

  private name(name: string): LValue {
    if (this.is('[')) {
      this.next();
      return { k: 'index', arr: this.arrRef(name), subs: this.exprList(']') };
    }
    if (name === 'NF' && !this.locals?.has(name)) return { k: 'nf' };
    return this.arrRef(name);
  }

  private field(): Expr {
    const t = this.tok.t;
    if (t === '++' || t === '--') {
      this.next();
      return { k: 'field', e: { k: 'incdec', pre: true, delta: t === '++' ? 1 : -1, target: this.lvalue(this.primary()) } };
    }
    if (t === '-' || t === '+' || t === '!') return { k: 'field', e: this.unary() };
    return { k: 'field', e: this.primary() };
  }

  private optLValue(): LValue | null {
    if (this.is('name')) return this.name(this.next().v);
    if (this.is('$')) { this.next(); return this.field() as LValue; }
    return null;
  }

  private primary(): Expr {
    const tok = this.tok;
    switch (tok.t) {
      case 'num': this.next(); return { k: 'num', v: tok.n };
      case 'str': this.next(); return { k: 'str', v: tok.v };
      case 'ere': this.next(); return { k: 're', src: tok.v, re: ereOf(tok.v) };
      case '(': {
        this.next();
        const items = this.exprList(')');
        if (items.length === 0) this.fail();
        return items.length === 1 ? items[0]! : { k: 'group', items };
      }
      case '$': this.next(); return this.field();
      case '++': case '--': {
        this.next();
        return { k: 'incdec', pre: true, delta: tok.t === '++' ? 1 : -1, target: this.lvalue(this.primary()) };
      }
      case '-': case '+': case '!': return this.unary();
      case 'name': this.next(); return this.name(tok.v);
      case 'func': this.next(); this.expect('('); return { k: 'call', name: tok.v, args: this.exprList(')') };
      case 'builtin': {
        this.next();
        if (tok.v === 'length' && !this.is('(')) return { k: 'builtin', name: 'length', args: [] };
        this.expect('(');
        return { k: 'builtin', name: tok.v, args: this.exprList(')') };
      }
      case 'getline': {
        this.next();
        const target = this.optLValue();
        if (this.is('<')) { this.next(); return { k: 'getline', src: 'file', target, from: this.postfix() }; }
        return { k: 'getline', src: 'main', target, from: null };
      }
      default: this.fail();
    }
  }
}

export function parse(src: string): AwkProgram {
  return new Parser(tokenize(src)).program();
}
