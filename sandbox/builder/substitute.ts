// Variable substitution in Dockerfile instructions, as BuildKit's shell
// lexer does it (the instructions that substitute: ADD, ARG, COPY, ENV,
// EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR). Quotes are
// removed: 'single' is literal, "double" expands $ and honours the escape
// character before $, " and itself; unquoted text honours the escape
// character before anything. Forms: $V ${V} ${V:-w} ${V-w} ${V:+w} ${V+w}
// ${V:?msg} ${V?msg} ${V#p} ${V##p} ${V%p} ${V%%p} ${V/p/r} ${V//p/r}.

import { replacePattern, trimPattern } from '../fs/glob.ts';

export type Vars = ReadonlyMap<string, string>;

export class SubstitutionError extends Error {
  override name = 'SubstitutionError';
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MAX_LENGTH = 1 << 20;

class Lexer {
  pos = 0;
  constructor(readonly src: string, readonly vars: Vars, readonly escape: string) {}

  peek(): string { return this.src[this.pos] ?? ''; }
  eof(): boolean { return this.pos >= this.src.length; }
}

/**
 * Expands one word and removes its quotes.
 * `expandWord('"$A"x', new Map([['A', '1 2']]))` → `1 2x`.
 */
export function expandWord(word: string, vars: Vars, escape = '\\'): string {
  const lx = new Lexer(word, vars, escape);
  return readWord(lx, '', false).text;
}

/**
 * Splits on unquoted whitespace, expanding each word and removing quotes.
 * A variable's value is not split again (BuildKit keeps it one word).
 * `expandWords("a 'b c' $X", vars)` → `['a', 'b c', <value of X>]`.
 */
export function expandWords(input: string, vars: Vars, escape = '\\'): string[] {
  const lx = new Lexer(input, vars, escape);
  const words: string[] = [];
  for (;;) {
    while (!lx.eof() && /\s/.test(lx.peek())) lx.pos++;
    if (lx.eof()) break;
    const w = readWord(lx, '', true);
    if (w.seen) words.push(w.text);
  }
  return words;
}

/**
 * Splits into raw words on unquoted whitespace, keeping quotes and escapes
 * (for `key=value` parsing before substitution, as BuildKit's parser does).
 */
export function splitRawWords(input: string, escape = '\\'): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: '' | '"' | "'" = '';
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quote) {
      cur += ch;
      if (ch === escape && quote === '"' && i + 1 < input.length) cur += input[++i];
      else if (ch === quote) quote = '';
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      continue;
    }
    inWord = true;
    cur += ch;
    if (ch === escape && i + 1 < input.length) cur += input[++i];
    else if (ch === '"' || ch === "'") quote = ch;
  }
  if (quote) throw new SubstitutionError(`unexpected end of statement while looking for matching ${quote}`);
  if (inWord) words.push(cur);
  return words;
}

/** Reads a word until an unquoted stop character (or whitespace when `stopAtSpace`). */
function readWord(lx: Lexer, stops: string, stopAtSpace: boolean): { text: string; seen: boolean } {
  let out = '';
  let seen = false;
  while (!lx.eof()) {
    const ch = lx.peek();
    if (stops.includes(ch)) break;
    if (stopAtSpace && /\s/.test(ch)) break;
    seen = true;
    if (ch === "'") {
      const end = lx.src.indexOf("'", lx.pos + 1);
      if (end < 0) throw new SubstitutionError("unexpected end of statement while looking for matching '");
      out += lx.src.slice(lx.pos + 1, end);
      lx.pos = end + 1;
    } else if (ch === '"') {
      out += readDoubleQuoted(lx);
    } else if (ch === lx.escape) {
      lx.pos++;
      if (!lx.eof()) out += lx.src[lx.pos++];
    } else if (ch === '$') {
      out += readDollar(lx);
    } else {
      out += ch;
      lx.pos++;
    }
    if (out.length > MAX_LENGTH) throw new SubstitutionError('expanded word is too long');
  }
  return { text: out, seen };
}

function readDoubleQuoted(lx: Lexer): string {
  lx.pos++;
  let out = '';
  for (;;) {
    if (lx.eof()) throw new SubstitutionError('unexpected end of statement while looking for matching "');
    const ch = lx.peek();
    if (ch === '"') { lx.pos++; return out; }
    if (ch === lx.escape) {
      const next = lx.src[lx.pos + 1] ?? '';
      if (next === '"' || next === '$' || next === lx.escape) { out += next; lx.pos += 2; continue; }
      out += ch;
      lx.pos++;
      continue;
    }
    if (ch === '$') { out += readDollar(lx); continue; }
    out += ch;
    lx.pos++;
  }
}

function readName(lx: Lexer): string {
  let name = '';
  while (!lx.eof() && NAME_CHAR.test(lx.peek())) name += lx.src[lx.pos++];
  return name;
}

function readDollar(lx: Lexer): string {
  lx.pos++; // $
  const ch = lx.peek();
  if (ch === '{') {
    lx.pos++;
    return readBraced(lx);
  }
  if (NAME_START.test(ch)) return lx.vars.get(readName(lx)) ?? '';
  return '$';
}

function readBraced(lx: Lexer): string {
  const name = readName(lx);
  if (!name) throw new SubstitutionError(`missing ':' in substitution`);
  const value = lx.vars.get(name);
  const op = lx.peek();
  if (op === '') throw new SubstitutionError("syntax error: missing '}'");
  if (op === '}') { lx.pos++; return value ?? ''; }
  let colon = false;
  let kind = op;
  if (op === ':') {
    colon = true;
    lx.pos++;
    kind = lx.peek();
    if (!'-+?'.includes(kind) || kind === '') throw new SubstitutionError(`unsupported modifier (${kind}) in substitution`);
  }
  if (kind === '#' || kind === '%') {
    lx.pos++;
    const longest = lx.peek() === kind;
    if (longest) lx.pos++;
    const pattern = readWord(lx, '}', false).text;
    closeBrace(lx);
    return trimPattern(value ?? '', pattern, kind === '#', longest);
  }
  if (kind === '/') {
    lx.pos++;
    const all = lx.peek() === '/';
    if (all) lx.pos++;
    const pattern = readWord(lx, '/}', false).text;
    let replacement = '';
    if (lx.peek() === '/') { lx.pos++; replacement = readWord(lx, '}', false).text; }
    closeBrace(lx);
    return replacePattern(value ?? '', pattern, replacement, all);
  }
  if (!'-+?'.includes(kind) || kind === '') throw new SubstitutionError(`unsupported modifier (${kind}) in substitution`);
  lx.pos++;
  const word = readWord(lx, '}', false).text;
  closeBrace(lx);
  const isSet = value !== undefined && (!colon || value !== '');
  switch (kind) {
    case '-': return isSet ? value! : word;
    case '+': return isSet ? word : '';
    default:
      if (!isSet) throw new SubstitutionError(`${name}: ${word || 'is not allowed to be unset'}`);
      return value!;
  }
}

function closeBrace(lx: Lexer): void {
  if (lx.peek() !== '}') throw new SubstitutionError('syntax error: missing \'}\'');
  lx.pos++;
}
