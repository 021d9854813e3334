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

const GLOB_CHARS = /[*?[]/;
const MAX_FIELDS = 1_000_000;

/** Expands command words into fields (split and globbed). */
export async function expandFields(words: Word[], ctx: ExpandContext): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    for (const f of await fieldsOf(w, ctx)) {
      out.push(f);
      if (out.length > MAX_FIELDS) throw new ShellError('too many arguments', 2);
    }
  }
  return out;
}

/** Expands a word to one string: no splitting, no globbing (assignments, redirections, case). */
export async function expandString(word: Word, ctx: ExpandContext): Promise<string> {
  const pieces = await expandParts(word, ctx, false);
  return pieces.map((p) => (p === BREAK ? ' ' : p.text)).join('');
}

/** Expands a word into a glob pattern: quoted characters match literally. */
export async function expandPattern(word: Word, ctx: ExpandContext): Promise<string> {
  const pieces = await expandParts(word, ctx, false);
  return pieces.map((p) => (p === BREAK ? ' ' : p.quoted ? escapeGlob(p.text) : p.text)).join('');
}

/** Whether `text` matches the shell pattern (case patterns: `*` matches `/` too). */
export function matchPattern(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${globSource(pattern, ANYWHERE)})$`, 's').test(text);
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

async function fieldsOf(word: Word, ctx: ExpandContext): Promise<string[]> {
  const pieces = await expandParts(word, ctx, false);
  const ifs = ctx.state.get('IFS') ?? ' \t\n';
  const fields: Array<{ segs: Seg[]; keep: boolean }> = [];
  let cur: { segs: Seg[]; keep: boolean } = { segs: [], keep: false };
  const end = (force: boolean): void => {
    if (cur.segs.some((s) => s.text !== '') || cur.keep || force) fields.push(cur);
    cur = { segs: [], keep: false };
  };
  for (const p of pieces) {
    if (p === BREAK) { end(true); continue; }
    if (p.quoted) cur.keep = true;
    if (!p.split || ifs === '') { cur.segs.push(p); continue; }
    let text = '';
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i]!;
      if (!ifs.includes(c)) { text += c; continue; }
      if (text) cur.segs.push({ ...p, text });
      text = '';
      if (/\s/.test(c)) {
        if (cur.segs.some((s) => s.text !== '') || cur.keep) end(false);
        while (i + 1 < p.text.length && ifs.includes(p.text[i + 1]!) && /\s/.test(p.text[i + 1]!)) i++;
      } else {
        end(true);
      }
    }
    if (text) cur.segs.push({ ...p, text });
  }
  end(false);
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

async function expandParts(parts: WordPart[], ctx: ExpandContext, inDq: boolean): Promise<Piece[]> {
  const out: Piece[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'lit': out.push({ text: part.text, quoted: inDq, split: false }); break;
      case 'quoted': out.push({ text: part.text, quoted: true, split: false }); break;
      case 'dq': {
        const inner = await expandParts(part.parts, ctx, true);
        if (inner.length === 0) out.push({ text: '', quoted: true, split: false });
        out.push(...inner);
        break;
      }
      case 'tilde': {
        const home = part.user === '' ? ctx.state.get('HOME') : ctx.home(part.user);
        out.push({ text: home ?? `~${part.user}`, quoted: true, split: false });
        break;
      }
      case 'param': out.push(...(await expandParam(part, ctx, inDq))); break;
      case 'cmdsub': {
        const text = (await ctx.substitute(part.script)).replace(/\n+$/, '');
        out.push({ text, quoted: inDq, split: !inDq });
        break;
      }
      case 'arith': {
        const expr = await expandString(part.expr, ctx);
        let v: bigint;
        try {
          v = evaluateArith(expr, { get: (k) => ctx.state.get(k), set: (k, val) => ctx.state.set(k, val) });
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

async function expandParam(part: ParamPart, ctx: ExpandContext, inDq: boolean): Promise<Piece[]> {
  if (part.bad) throw new ShellError('syntax error: bad substitution', 2);
  const s = ctx.state;
  const piece = (text: string): Piece[] => [{ text, quoted: inDq, split: !inDq }];
  if ((part.name === '@' || part.name === '*') && !part.op && !part.length) {
    if (s.positional.length === 0) return [];
    if (part.name === '*' && inDq) return piece(s.positional.join((s.get('IFS') ?? ' \t\n')[0] ?? ''));
    const out: Piece[] = [];
    s.positional.forEach((v, i) => {
      if (i > 0) out.push(BREAK);
      out.push({ text: v, quoted: inDq, split: !inDq });
    });
    return out;
  }
  const value = special(part.name, ctx);
  if (part.length) return piece(String(part.name === '@' || part.name === '*' ? s.positional.length : [...(value ?? '')].length));
  const arg = async (): Promise<string> => (part.arg ? expandString(part.arg, ctx) : '');
  const isSet = value !== undefined;
  const nonNull = isSet && value !== '';
  switch (part.op) {
    case undefined:
      if (!isSet && s.options.nounset && !/^[@*#?$!0-]$/.test(part.name)) throw new ShellError(`${part.name}: parameter not set`, 2);
      return piece(value ?? '');
    case ':-': return nonNull ? piece(value) : expandParts(part.arg ?? [], ctx, inDq);
    case '-': return isSet ? piece(value) : expandParts(part.arg ?? [], ctx, inDq);
    case ':+': return nonNull ? expandParts(part.arg ?? [], ctx, inDq) : [];
    case '+': return isSet ? expandParts(part.arg ?? [], ctx, inDq) : [];
    case ':=': case '=': {
      if (part.op === ':=' ? nonNull : isSet) return piece(value!);
      if (!/^[A-Za-z_]/.test(part.name)) throw new ShellError(`${part.name}: bad variable name`, 2);
      const v = await arg();
      s.set(part.name, v);
      return piece(v);
    }
    case ':?': case '?': {
      if (part.op === ':?' ? nonNull : isSet) return piece(value!);
      const msg = await arg();
      throw new ShellError(`${part.name}: ${msg || (part.op === ':?' ? 'parameter null or not set' : 'parameter not set')}`, 2);
    }
    case '#': case '##': case '%': case '%%': {
      const pattern = part.arg ? await expandPattern(part.arg, ctx) : '';
      return piece(trimPattern(value ?? '', pattern, part.op.startsWith('#'), part.op.length === 2));
    }
    case '/': case '//': case '/#': case '/%': {
      const pattern = part.arg ? await expandPattern(part.arg, ctx) : '';
      const repl = part.arg2 ? await expandString(part.arg2, ctx) : '';
      const v = value ?? '';
      if (part.op === '/#') return piece(trimPattern(v, pattern, true, true) !== v ? repl + trimPattern(v, pattern, true, true) : v);
      if (part.op === '/%') return piece(trimPattern(v, pattern, false, true) !== v ? trimPattern(v, pattern, false, true) + repl : v);
      return piece(replacePattern(v, pattern, repl, part.op === '//'));
    }
    case ':': {
      const chars = [...(value ?? '')];
      const vars = { get: (k: string) => s.get(k), set: (k: string, v: string) => s.set(k, v) };
      let off = Number(evaluateArith(await arg(), vars));
      if (off < 0) off = Math.max(0, chars.length + off);
      const len = part.arg2 ? Number(evaluateArith(await expandString(part.arg2, ctx), vars)) : chars.length;
      const endAt = len < 0 ? chars.length + len : off + len;
      return piece(chars.slice(off, Math.max(off, endAt)).join(''));
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
