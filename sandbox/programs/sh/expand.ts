// Word expansion, in POSIX order: tilde, parameter, command substitution and
// arithmetic expansion; then field splitting (IFS) of what unquoted
// expansions produced; then pathname expansion of unquoted * ? [..]; then
// quote removal. "$@" gives one field per positional parameter.
import { ANYWHERE, globSource, IN_COMPONENT, replacePattern, trimPattern } from '../../fs/glob.ts';
import { normalizePath } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { ArithError, evaluateArith } from './arith.ts';
import type { ParamPart, Script, Word, WordPart } from './ast.ts';
import { ShellError, type ShellState } from './state.ts';

export interface ExpandContext {
  state: ShellState;
  fs: TreeFs;
  cwd: string;
  /** A user's home directory, for ~user. */
  home(user: string): string | undefined;
  /** Runs $(…) in a subshell and returns its output (sets $?). */
  substitute(script: Script): Promise<string>;
}

interface Seg {
  text: string;
  quoted: boolean;
  /** Produced by an unquoted expansion: subject to field splitting. */
  split: boolean;
}

/** Separates fields ("$@"). */
const BREAK = Symbol('field-break');
type Piece = Seg | typeof BREAK;

/** `*`, `?`, or a `[` that has a closing `]` (a lone `[`, as in `[ $x ]`, is literal). */
const GLOB_CHARS = /[*?]|\[[^\]]*\]/;
const MAX_FIELDS = 1_000_000;

/** GLOB_CHARS.test, without the regex for the usual text that has none of * ? [. */
function hasGlob(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 42 || c === 63) return true;
    if (c === 91) return GLOB_CHARS.test(t);
  }
  return false;
}

/** /\s/.test, checking with the regex only text that has a space-like or non-ASCII character. */
function hasSpace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c <= 32 || c >= 127) return /\s/.test(t);
  }
  return false;
}

/**
 * Expansion runs as a generator that yields only for command substitutions:
 * words without $(…) expand synchronously (no promise per word in loops);
 * the others continue after the substitution's output arrives.
 */
type Expansion<T> = Generator<Script, T, string>;

function drive<T>(gen: Expansion<T>, ctx: ExpandContext): T | Promise<T> {
  let step = gen.next();
  if (step.done) return step.value;
  return (async () => {
    while (!step.done) step = gen.next(await ctx.substitute(step.value));
    return step.value;
  })();
}

/** Expands command words into fields (split and globbed). */
export function expandFields(words: Word[], ctx: ExpandContext): string[] | Promise<string[]> {
  // Fast path: words that are one plain part (`[`, `-lt`, `$i`, `"$x"`) and
  // expand to one field with nothing to split or glob.
  const plain: string[] = [];
  let oddIfs: boolean | undefined;
  for (const w of words) {
    const only = w.length === 1 ? w[0]! : null;
    // (No $((…)) here: a later word could still send us down the full path,
    // and arithmetic must not run twice.)
    const text = only && only.type !== 'arith' && isSimple(only) ? simplePart(only, ctx) : null;
    if (text === null) return drive(fieldsOfAll(words, ctx), ctx);
    if (only!.type === 'lit' || only!.type === 'param') {
      if (text === '' && only!.type !== 'lit') continue;
      if (!ctx.state.options.noglob && hasGlob(text)) return drive(fieldsOfAll(words, ctx), ctx);
      if (only!.type !== 'lit') {
        if (hasSpace(text)) return drive(fieldsOfAll(words, ctx), ctx);
        oddIfs ??= (ctx.state.get('IFS') ?? '').replace(/\s/g, '') !== '';
        if (oddIfs) return drive(fieldsOfAll(words, ctx), ctx);
      }
    }
    plain.push(text);
  }
  return plain;
}

/**
 * The value of a part that needs no generator: literal and quoted text, a
 * plain `$name`, "$name", or `$((…))` over those. Null for anything else.
 */
function simplePart(part: WordPart, ctx: ExpandContext): string | null {
  switch (part.type) {
    case 'lit': case 'quoted': return part.text;
    case 'param': {
      if (part.op || part.length || part.bad || part.name === '@' || part.name === '*') return null;
      const v = special(part.name, ctx);
      if (v === undefined && ctx.state.options.nounset && !/^[#?$!0-]$/.test(part.name)) throw new ShellError(`${part.name}: parameter not set`, 2);
      return v ?? '';
    }
    case 'dq': {
      let out = '';
      for (const p of part.parts) {
        if (p.type === 'param' && (p.name === '@' || p.name === '*')) return null;
        const v = simplePart(p, ctx);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    case 'arith': {
      let expr = '';
      for (const p of part.expr) {
        const v = simplePart(p, ctx);
        if (v === null) return null;
        expr += v;
      }
      try {
        return String(evaluateArith(expr, ctx.state));
      } catch (e) {
        if (e instanceof ArithError) throw new ShellError(e.message, 2);
        throw e;
      }
    }
    default: return null;
  }
}

function* fieldsOfAll(words: Word[], ctx: ExpandContext): Expansion<string[]> {
  const out: string[] = [];
  for (const w of words) {
    for (const f of yield* fieldsOf(w, ctx)) {
      out.push(f);
      if (out.length > MAX_FIELDS) throw new ShellError('too many arguments', 2);
    }
  }
  return out;
}

/** Expands a word to one string: no splitting, no globbing (assignments, redirections, case). */
export function expandString(word: Word, ctx: ExpandContext): string | Promise<string> {
  if (!word.every(isSimple)) return drive(stringOf(word, ctx), ctx);
  let out = '';
  for (const part of word) out += simplePart(part, ctx)!;
  return out;
}

/** Whether simplePart can expand this part (decided by its shape alone). */
function isSimple(part: WordPart): boolean {
  switch (part.type) {
    case 'lit': case 'quoted': return true;
    case 'param': return !part.op && !part.length && !part.bad && part.name !== '@' && part.name !== '*';
    case 'dq': return part.parts.every(isSimple);
    case 'arith': return part.expr.every(isSimple);
    default: return false;
  }
}

function* stringOf(word: Word, ctx: ExpandContext): Expansion<string> {
  if (word.length === 1 && (word[0]!.type === 'lit' || word[0]!.type === 'quoted')) return (word[0] as { text: string }).text;
  const pieces = yield* expandParts(word, ctx, false);
  return pieces.map((p) => (p === BREAK ? ' ' : p.text)).join('');
}

/** Expands a word into a glob pattern: quoted characters match literally. */
export function expandPattern(word: Word, ctx: ExpandContext): string | Promise<string> {
  return drive(patternOf(word, ctx), ctx);
}

function* patternOf(word: Word, ctx: ExpandContext): Expansion<string> {
  const pieces = yield* expandParts(word, ctx, false);
  return pieces.map((p) => (p === BREAK ? ' ' : p.quoted ? escapeGlob(p.text) : p.text)).join('');
}

/** Whether `text` matches the shell pattern (case patterns: `*` matches `/` too). */
export function matchPattern(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${globSource(pattern, ANYWHERE)})$`, 's').test(text);
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

function* fieldsOf(word: Word, ctx: ExpandContext): Expansion<string[]> {
  // Fast path: a plain literal word (most command names and options).
  if (word.length === 1) {
    const only = word[0]!;
    if (only.type === 'lit' && (ctx.state.options.noglob || !hasGlob(only.text))) return [only.text];
    if (only.type === 'quoted') return [only.text];
  }
  const pieces = yield* expandParts(word, ctx, false);
  // Fast path: one unquoted value with nothing to split or glob ($x holding a word).
  if (pieces.length === 1) {
    const only = pieces[0]!;
    if (only !== BREAK && (ctx.state.options.noglob || !hasGlob(only.text))) {
      if (only.quoted) return [only.text];
      if (!/[\s]/.test(only.text) && !(ctx.state.get('IFS') ?? '').replace(/\s/g, '')) return only.text === '' ? [] : [only.text];
    }
  }
  return splitAndGlob(pieces, ctx);
}

interface FieldBuf { segs: Seg[]; keep: boolean }

function endField(fields: FieldBuf[], cur: FieldBuf, force: boolean): FieldBuf {
  if (force || cur.keep || cur.segs.some((s) => s.text !== '')) fields.push(cur);
  return { segs: [], keep: false };
}

function splitAndGlob(pieces: Piece[], ctx: ExpandContext): string[] {
  const ifs = ctx.state.get('IFS') ?? ' \t\n';
  const fields: FieldBuf[] = [];
  let cur: FieldBuf = { segs: [], keep: false };
  for (const p of pieces) {
    if (p === BREAK) { cur = endField(fields, cur, true); continue; }
    if (p.quoted) cur.keep = true;
    if (!p.split || ifs === '') { cur.segs.push(p); continue; }
    let text = '';
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i]!;
      if (!ifs.includes(c)) { text += c; continue; }
      if (text) cur.segs.push({ ...p, text });
      text = '';
      if (/\s/.test(c)) {
        if (cur.segs.some((s) => s.text !== '') || cur.keep) cur = endField(fields, cur, false);
        while (i + 1 < p.text.length && ifs.includes(p.text[i + 1]!) && /\s/.test(p.text[i + 1]!)) i++;
      } else {
        cur = endField(fields, cur, true);
      }
    }
    if (text) cur.segs.push({ ...p, text });
  }
  endField(fields, cur, false);
  const out: string[] = [];
  for (const f of fields) {
    const plain = f.segs.map((s) => s.text).join('');
    const globbing = !ctx.state.options.noglob && f.segs.some((s) => !s.quoted && GLOB_CHARS.test(s.text));
    if (!globbing) { out.push(plain); continue; }
    const pattern = f.segs.map((s) => (s.quoted ? escapeGlob(s.text) : s.text)).join('');
    const matches = globPaths(ctx.fs, ctx.cwd, pattern);
    if (matches.length > 0) out.push(...matches);
    else out.push(plain);
  }
  return out;
}

function* expandParts(parts: WordPart[], ctx: ExpandContext, inDq: boolean): Expansion<Piece[]> {
  const out: Piece[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'lit': out.push({ text: part.text, quoted: inDq, split: false }); break;
      case 'quoted': out.push({ text: part.text, quoted: true, split: false }); break;
      case 'dq': {
        const inner = yield* expandParts(part.parts, ctx, true);
        // "" is one empty field; "$@" with no positional parameters is none at all (POSIX 2.5.2).
        const onlyAt = part.parts.length > 0 && part.parts.every((q) => q.type === 'param' && q.name === '@' && !q.op && !q.length);
        if (inner.length === 0 && !onlyAt) out.push({ text: '', quoted: true, split: false });
        out.push(...inner);
        break;
      }
      case 'tilde': {
        const home = part.user === '' ? ctx.state.get('HOME') : ctx.home(part.user);
        out.push({ text: home ?? `~${part.user}`, quoted: true, split: false });
        break;
      }
      case 'param': out.push(...(yield* expandParam(part, ctx, inDq))); break;
      case 'cmdsub': {
        const text = (yield part.script).replace(/\n+$/, '');
        out.push({ text, quoted: inDq, split: !inDq });
        break;
      }
      case 'arith': {
        const expr = yield* stringOf(part.expr, ctx);
        let v: bigint;
        try {
          v = evaluateArith(expr, ctx.state);
        } catch (e) {
          if (e instanceof ArithError) throw new ShellError(e.message, 2);
          throw e;
        }
        out.push({ text: String(v), quoted: inDq, split: !inDq });
        break;
      }
    }
  }
  return out;
}

function piece(inDq: boolean, text: string): Piece[] {
  return [{ text, quoted: inDq, split: !inDq }];
}

function special(name: string, ctx: ExpandContext): string | undefined {
  const s = ctx.state;
  switch (name) {
    case '?': return String(s.lastStatus);
    case '$': return String(s.shellPid);
    case '!': return s.lastBackground ? String(s.lastBackground) : '';
    case '#': return String(s.positional.length);
    case '-': return s.flags();
    case '0': return s.arg0;
    case '@': case '*': return s.positional.join(' ');
    default:
      if (/^\d+$/.test(name)) return s.positional[Number(name) - 1];
      return s.get(name);
  }
}

function* expandParam(part: ParamPart, ctx: ExpandContext, inDq: boolean): Expansion<Piece[]> {
  if (part.bad) throw new ShellError('syntax error: bad substitution', 2);
  const s = ctx.state;
  if ((part.name === '@' || part.name === '*') && !part.op && !part.length) {
    if (s.positional.length === 0) return [];
    if (part.name === '*' && inDq) return piece(inDq, s.positional.join((s.get('IFS') ?? ' \t\n')[0] ?? ''));
    const out: Piece[] = [];
    s.positional.forEach((v, i) => {
      if (i > 0) out.push(BREAK);
      out.push({ text: v, quoted: inDq, split: !inDq });
    });
    return out;
  }
  const value = special(part.name, ctx);
  if (part.length) return piece(inDq, String(part.name === '@' || part.name === '*' ? s.positional.length : [...(value ?? '')].length));
  const isSet = value !== undefined;
  const nonNull = isSet && value !== '';
  switch (part.op) {
    case undefined:
      if (!isSet && s.options.nounset && !/^[@*#?$!0-]$/.test(part.name)) throw new ShellError(`${part.name}: parameter not set`, 2);
      return piece(inDq, value ?? '');
    case ':-': return nonNull ? piece(inDq, value) : yield* expandParts(part.arg ?? [], ctx, inDq);
    case '-': return isSet ? piece(inDq, value) : yield* expandParts(part.arg ?? [], ctx, inDq);
    case ':+': return nonNull ? yield* expandParts(part.arg ?? [], ctx, inDq) : [];
    case '+': return isSet ? yield* expandParts(part.arg ?? [], ctx, inDq) : [];
    case ':=': case '=': {
      if (part.op === ':=' ? nonNull : isSet) return piece(inDq, value!);
      if (!/^[A-Za-z_]/.test(part.name)) throw new ShellError(`${part.name}: bad variable name`, 2);
      const v = (part.arg ? yield* stringOf(part.arg, ctx) : '');
      s.set(part.name, v);
      return piece(inDq, v);
    }
    case ':?': case '?': {
      if (part.op === ':?' ? nonNull : isSet) return piece(inDq, value!);
      const msg = (part.arg ? yield* stringOf(part.arg, ctx) : '');
      throw new ShellError(`${part.name}: ${msg || (part.op === ':?' ? 'parameter null or not set' : 'parameter not set')}`, 2);
    }
    case '#': case '##': case '%': case '%%': {
      const pattern = part.arg ? yield* patternOf(part.arg, ctx) : '';
      return piece(inDq, trimPattern(value ?? '', pattern, part.op.startsWith('#'), part.op.length === 2));
    }
    case '/': case '//': case '/#': case '/%': {
      const pattern = part.arg ? yield* patternOf(part.arg, ctx) : '';
      const repl = part.arg2 ? yield* stringOf(part.arg2, ctx) : '';
      const v = value ?? '';
      if (part.op === '/#') return piece(inDq, trimPattern(v, pattern, true, true) !== v ? repl + trimPattern(v, pattern, true, true) : v);
      if (part.op === '/%') return piece(inDq, trimPattern(v, pattern, false, true) !== v ? trimPattern(v, pattern, false, true) + repl : v);
      return piece(inDq, replacePattern(v, pattern, repl, part.op === '//'));
    }
    case ':': {
      const chars = [...(value ?? '')];
      let off = Number(evaluateArith((part.arg ? yield* stringOf(part.arg, ctx) : ''), s));
      if (off < 0) off = Math.max(0, chars.length + off);
      const len = part.arg2 ? Number(evaluateArith(yield* stringOf(part.arg2, ctx), s)) : chars.length;
      const endAt = len < 0 ? chars.length + len : off + len;
      return piece(inDq, chars.slice(off, Math.max(off, endAt)).join(''));
    }
  }
}

/** Pathname expansion: the sorted paths matching a pattern, or none. */
export function globPaths(fs: TreeFs, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  if (absolute) parts.shift();
  let paths = [absolute ? '/' : ''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      const join = (n: string): string => (base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`);
      if (!GLOB_CHARS.test(part)) { next.push(join(part.replace(/\\(.)/g, '$1'))); continue; }
      let names: string[];
      try { names = fs.readdirSync(normalizePath(base || '.', cwd)); } catch { continue; }
      const re = new RegExp(`^(?:${globSource(part, IN_COMPONENT)})$`, 's');
      for (const n of names) if (re.test(n) && (n[0] !== '.' || part[0] === '.')) next.push(join(n));
      if (next.length > MAX_FIELDS) break;
    }
    paths = next;
  }
  return paths.filter((p) => {
    try { fs.lstatSync(normalizePath(p, cwd)); return true; } catch { return false; }
  }).sort();
}
