// STAND-IN (see sh.ts): splits a shell command line into words, operators
// and redirections, and expands `*`/`?` globs against the filesystem.
import type { OverlayFs } from '../../fs/overlay.ts';
import { normalizePath } from '../../fs/path.ts';

export interface Token {
  word?: { raw: string; quoted: boolean };
  op?: ';' | '&&' | '||' | '|';
  redirect?: '>' | '>>' | '<' | '2>' | '2>>' | '2>&1';
}

const MAX_TOKENS = 100_000;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (t: Token): void => {
    if (out.length >= MAX_TOKENS) throw new Error('script too long');
    out.push(t);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n' || c === ';') { push({ op: ';' }); i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('&&', i)) { push({ op: '&&' }); i += 2; continue; }
    if (src.startsWith('||', i)) { push({ op: '||' }); i += 2; continue; }
    if (c === '|') { push({ op: '|' }); i++; continue; }
    if (c === '&') { push({ op: ';' }); i++; continue; }
    const redir = /^(2>&1|2>>|2>|>>|>|<)/.exec(src.slice(i));
    if (redir) {
      push({ redirect: redir[0] as Token['redirect'] });
      i += redir[0].length;
      continue;
    }
    let raw = '';
    let quoted = false;
    while (i < src.length) {
      const ch = src[i]!;
      if (ch === "'" || ch === '"') {
        quoted = true;
        const end = findQuoteEnd(src, i);
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < src.length) {
        if (src[i + 1] === '\n') { i += 2; continue; }
        raw += src.slice(i, i + 2); i += 2; continue;
      }
      if (ch === '$' && src[i + 1] === '(') {
        const end = findParenEnd(src, i + 1);
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (/[\s;&|<>]/.test(ch)) break;
      raw += ch;
      i++;
    }
    push({ word: { raw, quoted } });
  }
  return out;
}

function findQuoteEnd(src: string, start: number): number {
  const q = src[start]!;
  for (let i = start + 1; i < src.length; i++) {
    if (q === '"' && src[i] === '\\') { i++; continue; }
    if (src[i] === q) return i;
  }
  throw new Error(`unterminated quoted string`);
}

function findParenEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return i;
  }
  throw new Error('unterminated $(');
}

function globToRegex(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
}

/** Expands a glob; no match leaves the word as it is (POSIX). */
export function expandGlob(fs: OverlayFs, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '');
  let paths = [absolute ? '/' : ''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?]/.test(part)) { next.push(base === '' ? part : base === '/' ? `/${part}` : `${base}/${part}`); continue; }
      const dir = normalizePath(base || '.', cwd);
      let names: string[] = [];
      try { names = fs.readdirSync(dir); } catch { continue; }
      const re = globToRegex(part);
      for (const n of names) if (re.test(n) && (part.startsWith('.') || !n.startsWith('.'))) next.push(base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`);
    }
    paths = next;
  }
  const existing = paths.filter((p) => fs.existsSync(normalizePath(p, cwd)) || (() => { try { fs.lstatSync(normalizePath(p, cwd)); return true; } catch { return false; } })());
  return existing.length > 0 ? existing.sort() : [pattern];
}
