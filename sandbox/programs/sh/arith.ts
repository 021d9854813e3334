// Shell arithmetic ($((…)), let): 64-bit signed integers that wrap, C
// operators and precedence, assignments, ++/--, ?:, the comma operator and
// **; a variable holding an expression is evaluated as one (busybox ash
// does: x="1+2"; $((x*2)) is 6). Errors carry ash's words.

export class ArithError extends Error {
  override name = 'ArithError';
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: bigint } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', '(', ')', ','];
const MAX_DEPTH = 64;
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const syntax = (): ArithError => new ArithError('arithmetic syntax error');

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const NUM = /0[xX][0-9a-fA-F]+|[0-9][0-9a-zA-Z_#@]*/y;
  const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') { i++; continue; }
    NUM.lastIndex = i;
    const num = NUM.exec(src);
    if (num) {
      const text = num[0];
      let v: bigint;
      if (/^0[xX][0-9a-fA-F]+$/.test(text)) v = BigInt(text);
      else if (/^0[0-7]*$/.test(text)) v = BigInt('0o' + (text.slice(1) || '0'));
      else if (/^[1-9][0-9]*$/.test(text)) v = BigInt(text);
      else {
        const base = /^(\d+)#([0-9a-zA-Z@_]+)$/.exec(text);
        if (!base) throw syntax();
        v = parseBase(base[2]!, Number(base[1]));
      }
      out.push({ t: 'num', v: wrap(v) });
      i += text.length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) { out.push({ t: 'name', v: name[0] }); i += name[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw syntax();
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end' });
  return out;
}

function parseBase(digits: string, base: number): bigint {
  if (base < 2 || base > 64) throw syntax();
  let v = 0n;
  for (const ch of digits) {
    const d = /[0-9]/.test(ch) ? ch.charCodeAt(0) - 48
      : /[a-z]/.test(ch) ? ch.charCodeAt(0) - 87
      : /[A-Z]/.test(ch) ? (base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29)
      : ch === '@' ? 62 : 63;
    if (d >= base) throw syntax();
    v = v * BigInt(base) + BigInt(d);
  }
  return v;
}

const BINARY: Array<[string[], number]> = [
  [['||'], 1], [['&&'], 2], [['|'], 3], [['^'], 4], [['&'], 5], [['==', '!='], 6],
  [['<', '<=', '>', '>='], 7], [['<<', '>>'], 8], [['+', '-'], 9], [['*', '/', '%'], 10], [['**'], 11],
];
const PREC = new Map<string, number>(BINARY.flatMap(([ops, p]) => ops.map((o) => [o, p] as [string, number])));
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

/** A value that may name a variable (so assignments and ++ know where to store). */
interface Val { v: bigint; name?: string }

class Evaluator {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly vars: ArithVars, private readonly depth: number, private skip = false) {}

  private peek(): Tok { return this.toks[this.i]!; }
  private isOp(v: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === v; }
  private take(v: string): void { if (!this.isOp(v)) throw syntax(); this.i++; }

  run(): bigint {
    if (this.peek().t === 'end') return 0n;
    const v = this.comma();
    if (this.peek().t !== 'end') throw syntax();
    return v;
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.isOp(',')) { this.i++; v = this.assign(); }
    return v;
  }

  private value(x: Val): bigint {
    if (x.name === undefined) return x.v;
    return this.lookup(x.name);
  }

  /** A variable's value as a number; one holding an expression is evaluated. */
  private lookup(name: string): bigint {
    if (this.skip) return 0n;
    const value = this.vars.get(name);
    if (value === undefined || value === '') return 0n;
    // Fast path: a plain decimal integer (what loop counters hold).
    const n = Number(value);
    if (Number.isSafeInteger(n) && String(n) === value) return BigInt(n);
    const raw = value.trim();
    if (raw === '') return 0n;
    if (/^-?\d+$/.test(raw) && !/^-?0\d/.test(raw)) return wrap(BigInt(raw));
    if (this.depth >= MAX_DEPTH) throw new ArithError('expression recursion loop detected');
    return evaluateArith(raw, this.vars, this.depth + 1);
  }

  private store(name: string | undefined, v: bigint): bigint {
    if (name === undefined) throw syntax();
    if (!this.skip) this.vars.set(name, String(v));
    return v;
  }

  private assign(): bigint {
    const start = this.i;
    const t = this.peek();
    if (t.t === 'name') {
      const next = this.toks[this.i + 1]!;
      if (next.t === 'op' && ASSIGN.has(next.v)) {
        this.i += 2;
        const rhs = this.assign();
        if (next.v === '=') return this.store(t.v, rhs);
        const cur = this.lookup(t.v);
        return this.store(t.v, this.binary(next.v.slice(0, -1), cur, rhs));
      }
    }
    this.i = start;
    return this.ternary();
  }

  private ternary(): bigint {
    const cond = this.binaryExpr(1);
    if (!this.isOp('?')) return cond;
    this.i++;
    const saved = this.skip;
    this.skip = saved || cond === 0n;
    const a = this.assign();
    this.take(':');
    this.skip = saved || cond !== 0n;
    const b = this.assign();
    this.skip = saved;
    return cond !== 0n ? a : b;
  }

  private binaryExpr(minPrec: number): bigint {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op') return left;
      const p = PREC.get(t.v);
      if (p === undefined || p < minPrec) return left;
      this.i++;
      if (t.v === '&&' || t.v === '||') {
        const saved = this.skip;
        const shortCircuit = t.v === '&&' ? left === 0n : left !== 0n;
        this.skip = saved || shortCircuit;
        const right = this.binaryExpr(p + 1);
        this.skip = saved;
        left = t.v === '&&' ? BigInt(left !== 0n && right !== 0n) : BigInt(left !== 0n || right !== 0n);
        continue;
      }
      const right = this.binaryExpr(t.v === '**' ? p : p + 1);
      left = this.binary(t.v, left, right);
    }
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    if (this.skip) return 0n;
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/': if (b === 0n) throw new ArithError('divide by zero'); return wrap(a / b);
      case '%': if (b === 0n) throw new ArithError('divide by zero'); return wrap(a % b);
      case '**': if (b < 0n) throw new ArithError('exponent less than 0'); return wrap(a ** b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return BigInt(a < b);
      case '<=': return BigInt(a <= b);
      case '>': return BigInt(a > b);
      case '>=': return BigInt(a >= b);
      case '==': return BigInt(a === b);
      case '!=': return BigInt(a !== b);
      case '&': return a & b;
      case '^': return a ^ b;
      case '|': return a | b;
      default: throw syntax();
    }
  }

  private unary(): bigint {
    const t = this.peek();
    if (t.t === 'op') {
      switch (t.v) {
        case '+': this.i++; return this.unary();
        case '-': this.i++; return wrap(-this.unary());
        case '!': this.i++; return BigInt(this.unary() === 0n);
        case '~': this.i++; return ~this.unary();
        case '++': case '--': {
          this.i++;
          const n = this.peek();
          if (n.t !== 'name') throw syntax();
          this.i++;
          return this.store(n.v, wrap(this.lookup(n.v) + (t.v === '++' ? 1n : -1n)));
        }
      }
    }
    return this.postfix();
  }

  private postfix(): bigint {
    const x = this.primary();
    const t = this.peek();
    if (t.t === 'op' && (t.v === '++' || t.v === '--') && x.name !== undefined) {
      this.i++;
      const old = this.lookup(x.name);
      this.store(x.name, wrap(old + (t.v === '++' ? 1n : -1n)));
      return old;
    }
    return this.value(x);
  }

  private primary(): Val {
    const t = this.peek();
    this.i++;
    if (t.t === 'num') return { v: t.v };
    if (t.t === 'name') return { v: 0n, name: t.v };
    if (t.t === 'op' && t.v === '(') {
      const v = this.comma();
      this.take(')');
      return { v };
    }
    throw syntax();
  }
}

const tokenCache = new Map<string, Tok[]>();
const TOKEN_CACHE_SIZE = 512;

/** Tokens of an expression; loops evaluate the same text over and over, so recent ones are kept. */
function tokensOf(expr: string): Tok[] {
  const hit = tokenCache.get(expr);
  if (hit) return hit;
  const toks = tokenize(expr);
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(expr, toks);
  return toks;
}

/** Evaluates an arithmetic expression (already expanded). `evaluateArith('2**10', vars)` → 1024n. */
export function evaluateArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (expr.length > 100_000) throw new ArithError('expression too long');
  return new Evaluator(tokensOf(expr), vars, depth).run();
}
