// awk values: numbers, strings, "strnums" (input that may compare as a number)
// and uninitialised; their conversions, truth, comparison and field splitting.
import { looksNumeric, strtod } from './format.ts';
import type { PosixRegExp } from '../regex-lib.ts';
import { ereOf } from './regex.ts';

/** A string from input (fields, getline, split, -v): numeric when it looks like a number. */
export class StrNum {
  private n: number | undefined;
  private numeric: boolean | undefined;
  constructor(readonly s: string) {}
  num(): number { return this.n ??= strtod(this.s)[0]; }
  isNum(): boolean { return this.numeric ??= looksNumeric(this.s); }
}

/** undefined is an uninitialised value: "" and 0 at once. */
export type Val = number | string | StrNum | undefined;

export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (typeof v === 'string') return v === '' ? 0 : strtod(v)[0];
  return v.num();
}

/** Compares as numbers (both sides numeric) or as strings. */
export function isNumLike(v: Val): boolean {
  if (typeof v === 'number' || v === undefined) return true;
  if (typeof v === 'string') return false;
  return v.isNum();
}

export function truthy(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (typeof v === 'string') return v !== '';
  return v.isNum() ? v.num() !== 0 : v.s !== '';
}

export function compare(op: string, l: Val, r: Val, str: (v: Val) => string): boolean {
  let a: number | string;
  let b: number | string;
  if (isNumLike(l) && isNumLike(r)) { a = toNum(l); b = toNum(r); } else { a = str(l); b = str(r); }
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    default: return a !== b;
  }
}

const WS = /[^ \t\n\v\f\r]+/g;

/** strcasecmp's and tolower's folding: A-Z only (awk strings hold bytes). */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * Splits `s` as busybox does with separator `fs`: " " on runs of blanks and
 * newlines, one other character literally (either case with `icase`), "" into
 * characters, longer as an extended regexp (leftmost-longest separators).
 * In paragraph mode (RS="") newlines separate fields too.
 */
export function splitFields(s: string, fs: string, paragraph: boolean, icase = false): string[] {
  if (s === '') return [];
  if (fs === ' ') return s.match(WS) ?? [];
  if (fs === '') return [...s];
  if (fs.length === 1) {
    const one = (part: string): string[] => (icase && /[A-Za-z]/.test(fs) ? part.split(new RegExp(`[${fs.toLowerCase()}${fs.toUpperCase()}]`)) : part.split(fs));
    if (!paragraph) return one(s);
    return s.split('\n').flatMap(one);
  }
  return splitRegex(s, ereOf(fs, icase), paragraph);
}

export function splitRegex(s: string, re: PosixRegExp, paragraph: boolean): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let pos = 0;
  let sepAtEnd = false;
  while (pos < s.length) {
    let limit = paragraph ? s.indexOf('\n', pos) : -1;
    if (limit < 0) limit = s.length;
    const m = re.search(s, pos);
    let end: number;
    let next: number;
    if (m && m.start <= limit) {
      end = m.start;
      next = m.end;
      if (next === pos) { end++; next++; }
      sepAtEnd = true;
    } else {
      end = limit;
      next = limit < s.length ? limit + 1 : limit;
      sepAtEnd = limit < s.length;
    }
    out.push(s.slice(pos, end));
    pos = next;
    if (out.length > 1_000_000) break;
  }
  if (sepAtEnd) out.push('');
  return out;
}
