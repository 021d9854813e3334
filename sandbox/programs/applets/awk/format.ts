// Numbers for awk: C's strtod (with busybox's 0x/0 prefixes), printf's
// conversions (%d %i %o %x %X %u %c %s %e %f %g…) and number-to-string via OFMT.
import { AwkError } from './error.ts';

const NUM_RE = /^[ \t\n\v\f\r]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i;

/** strtod on a prefix of `s`: the value and how many characters it used (0: none). */
export function strtod(s: string): [number, number] {
  if (s[0] === '0') {
    const c = s[1];
    if (c === 'x' || c === 'X') {
      const m = /^0[xX]([0-9a-fA-F]+)/.exec(s);
      return m ? [parseInt(m[1]!, 16), m[0].length] : [0, 1];
    }
    if (c !== undefined && c >= '0' && c <= '9') {
      const m = /^0[0-7]*/.exec(s)!;
      const next = s[m[0].length];
      if (next === undefined || !(next >= '0' && next <= '9') && next !== '.') return [parseInt(m[0], 8), m[0].length];
    }
  }
  const m = NUM_RE.exec(s);
  if (!m) return [0, 0];
  const t = m[0].trim().toLowerCase();
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  if (body.startsWith('inf')) return [neg ? -Infinity : Infinity, m[0].length];
  if (body === 'nan') return [NaN, m[0].length];
  return [Number(t), m[0].length];
}

/** Whether an input string looks like a number (busybox: strtod then only blanks). */
export function looksNumeric(s: string): boolean {
  if (s === '') return false;
  const [, n] = strtod(s);
  for (let i = n; i < s.length; i++) if (s[i] !== ' ' && s[i] !== '\t') return false;
  return true;
}

function pad(s: string, width: number, left: boolean, zero = false): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[+\- ]|^0[xX]/.exec(s)?.[0] ?? '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

/** Rounds an exact tie to even, as C's printf does (JavaScript rounds ties up). */
function tieToEven(rounded: string, exact: string, prec: number, sep: string): string {
  const [head, tail = ''] = exact.split(sep);
  const [int, frac = ''] = head!.split('.');
  const rest = frac.slice(prec);
  if (!/^50*$/.test(rest)) return rounded;
  const kept = int! + (prec > 0 ? '.' + frac.slice(0, prec) : '');
  if (Number(kept[kept.length - 1]) % 2 !== 0) return rounded;
  return sep === 'e' ? `${kept}e${tail}` : kept;
}

function fixed(n: number, prec: number): string {
  if (prec > 100) return fixed(n, 100) + '0'.repeat(prec - 100);
  if (Math.abs(n) >= 1e21) {
    const int = BigInt(Math.trunc(n)).toString();
    return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
  }
  return tieToEven(n.toFixed(prec), n.toFixed(Math.min(prec + 30, 100)), prec, ' ');
}

function expo(n: number, prec: number, upper: boolean): string {
  const p = Math.min(prec, 100);
  let s = tieToEven(n.toExponential(p), n.toExponential(Math.min(p + 30, 100)), p, 'e');
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function general(n: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (n === 0) return alt ? (0).toFixed(p - 1) : '0';
  const x = Number(n.toExponential(p - 1).split('e')[1]);
  let s = x < -4 || x >= p ? expo(n, p - 1, upper) : fixed(n, Math.max(0, p - 1 - x));
  if (!alt && s.includes('.')) s = s.replace(/\.?0+(?=e|E|$)/, '');
  return s;
}

function nonFinite(n: number, upper: boolean): string {
  const s = Number.isNaN(n) ? 'nan' : n < 0 ? '-inf' : 'inf';
  return upper ? s.toUpperCase() : s;
}

function toInt(n: number): bigint {
  if (!Number.isFinite(n)) return n > 0 ? 9223372036854775807n : -9223372036854775808n;
  return BigInt(Math.trunc(n));
}

export interface Spec { flags: string; width: number | null; prec: number | null; conv: string }

/** One conversion of a number. */
export function formatNumber(spec: Spec, n: number): string {
  const { flags, conv } = spec;
  const left = flags.includes('-');
  const alt = flags.includes('#');
  const width = spec.width ?? 0;
  const sign = (neg: boolean): string => neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  let body: string;
  switch (conv) {
    case 'd': case 'i': {
      const v = toInt(n);
      let digits = (v < 0n ? -v : v).toString();
      if (spec.prec !== null) digits = spec.prec === 0 && v === 0n ? '' : digits.padStart(spec.prec, '0');
      body = sign(v < 0n) + digits;
      return pad(body, width, left, flags.includes('0') && spec.prec === null);
    }
    case 'o': case 'x': case 'X': case 'u': {
      let v = toInt(n);
      if (v < 0n) v += v >= -2147483648n ? 4294967296n : 18446744073709551616n;
      let digits = v.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
      if (conv === 'X') digits = digits.toUpperCase();
      if (spec.prec !== null) digits = spec.prec === 0 && v === 0n ? '' : digits.padStart(spec.prec, '0');
      if (alt && conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
      if (alt && v !== 0n && (conv === 'x' || conv === 'X')) digits = (conv === 'x' ? '0x' : '0X') + digits;
      return pad(digits, width, left, flags.includes('0') && spec.prec === null);
    }
    default: {
      const upper = conv === 'E' || conv === 'G' || conv === 'F';
      if (!Number.isFinite(n)) return pad(sign(n < 0) + nonFinite(Math.abs(n), upper).replace('-', ''), width, left);
      const prec = spec.prec ?? 6;
      const a = Math.abs(n);
      if (conv === 'f' || conv === 'F') body = fixed(a, prec) + (alt && prec === 0 ? '.' : '');
      else if (conv === 'e' || conv === 'E') body = expo(a, prec, upper);
      else body = general(a, prec, alt, upper);
      return pad(sign(n < 0 || Object.is(n, -0)) + body, width, left, flags.includes('0'));
    }
  }
}

/** Number to string as awk prints it: integers as integers, others through `fmt` (OFMT/CONVFMT). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 9223372036854775808) {
    return Math.abs(n) < 1e15 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  }
  const spec = parseSpec(fmt);
  if (!spec) throw new AwkError('Invalid format specifier');
  return spec.pre + formatNumber(spec, n) + spec.post;
}

const specCache = new Map<string, (Spec & { pre: string; post: string }) | null>();

function parseSpec(fmt: string): (Spec & { pre: string; post: string }) | null {
  let r = specCache.get(fmt);
  if (r !== undefined) return r;
  const m = /^([^%]*)%([-+ #0]*)(\d*)(?:\.(\d*))?([diouxXeEfFgG])(.*)$/s.exec(fmt);
  r = m ? { pre: m[1]!, flags: m[2]!, width: m[3] ? Number(m[3]) : null, prec: m[4] !== undefined ? Number(m[4] || 0) : null, conv: m[5]!, post: m[6]! } : null;
  specCache.set(fmt, r);
  return r;
}

export interface FormatArg { num(): number; str(): string; isNum(): boolean }

/** sprintf: `args` supply values lazily (missing ones read as "" / 0). */
export function sprintf(fmt: string, args: FormatArg[], maxLen: number): string {
  let out = '';
  let k = 0;
  const next = (): FormatArg | undefined => args[k++];
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt[i] === '%') { out += '%'; i++; continue; }
    const start = pct;
    let flags = '';
    while (i < fmt.length && '-+ #0'.includes(fmt[i]!)) flags += fmt[i++];
    let width: number | null = null;
    if (fmt[i] === '*') { i++; const w = Math.trunc(next()?.num() ?? 0); if (w < 0) flags += '-'; width = Math.abs(w); }
    else { const s = i; while (fmt[i]! >= '0' && fmt[i]! <= '9') i++; if (i > s) width = Number(fmt.slice(s, i)); }
    let prec: number | null = null;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') { i++; const pv = Math.trunc(next()?.num() ?? 0); prec = pv < 0 ? null : pv; }
      else { const s = i; while (fmt[i]! >= '0' && fmt[i]! <= '9') i++; prec = Number(fmt.slice(s, i) || 0); }
    }
    while (i < fmt.length && 'hlL'.includes(fmt[i]!)) i++;
    const conv = fmt[i++];
    if (conv === undefined) break;
    if (width !== null && width > 1_000_000 || prec !== null && prec > 1_000_000) throw new AwkError('Invalid format specifier');
    const arg = next();
    const left = flags.includes('-');
    if (conv === 'c') {
      let ch: string;
      if (!arg) ch = '';
      else if (arg.isNum()) { const code = Math.trunc(arg.num()) & 255; ch = String.fromCharCode(code); }
      else ch = arg.str().charAt(0);
      out += pad(ch, width ?? 0, left);
    } else if (conv === 's') {
      let s = arg ? arg.str() : '';
      if (prec !== null) s = s.slice(0, prec);
      out += pad(s, width ?? 0, left);
    } else if ('diouxXeEfFgG'.includes(conv)) {
      out += formatNumber({ flags, width, prec, conv }, arg ? arg.num() : 0);
    } else if (conv === '%') {
      out += fmt.slice(start, i);
      k--;
    } else {
      throw new AwkError('Invalid format specifier');
    }
    if (out.length > maxLen) throw new AwkError('string too long');
  }
  return out;
}
