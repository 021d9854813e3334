// awk's regular expressions: POSIX extended syntax, parsed and matched by
// regex-lib.ts (the one translator and [:class:] table grep and sed use), so
// match(), sub(), gsub(), split(), FS and RS take regexec's leftmost-longest
// match as busybox's awk does. What is awk's own is how a regexp is written:
// the lexer turns the escapes of a /literal/ (\n, \t, \/, \101, \x41 — and
// \b is a backspace there, as in busybox) before regcomp sees it. busybox
// compiles a /literal/, FS, RS and split()'s string separator as ERE and
// dies on a bad one ("awk: bad regex 'a{': Unmatched \{"); a string used as a
// regexp with ~, match, sub or gsub that is no valid ERE is tried as a basic
// one (its as_regex: "a{" is then those two characters). IGNORECASE (a GNU
// extension busybox has) makes every regexp ignore case.
import { PosixRegExp, RegexError } from '../regex-lib.ts';
import { AwkError, AwkFatal } from './error.ts';

const cache = new Map<string, PosixRegExp>();
const MAX_CACHED = 500;

function cached(key: string, make: () => PosixRegExp): PosixRegExp {
  let re = cache.get(key);
  if (re) return re;
  re = make();
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, re);
  return re;
}

/** busybox's xregcomp failure: `awk: bad regex 'SRC': MESSAGE`, exit 1. */
function fatal(src: string, e: unknown): never {
  if (e instanceof RegexError) throw new AwkFatal(`bad regex '${src}': ${e.message}`);
  throw e;
}

/** A /literal/, FS, RS or split()'s separator: extended syntax or die. */
export function ereOf(src: string, icase = false): PosixRegExp {
  return cached(`E${icase ? 'i' : ''}:${src}`, () => {
    try { return new PosixRegExp(src, { extended: true, icase }); } catch (e) { return fatal(src, e); }
  });
}

/** A string used as a regexp (~, match, sub, gsub): extended syntax, else basic, else die. */
export function dynamicOf(src: string, icase = false): PosixRegExp {
  return cached(`D${icase ? 'i' : ''}:${src}`, () => {
    try { return new PosixRegExp(src, { extended: true, icase }); } catch (e) {
      if (!(e instanceof RegexError)) throw e;
    }
    try { return new PosixRegExp(src, { icase }); } catch (e) { return fatal(src, e); }
  });
}

/**
 * sub/gsub on `s`: `&` is the match, `\&` a literal &, `\\&` a backslash
 * then the match. After an empty match the next character is copied and the
 * search goes on after it (busybox: gsub(/l*\/, "X") on "hello" is XhXeXXoX).
 */
export function substitute(re: PosixRegExp, repl: string, s: string, global: boolean, maxLength: number): [string, number] {
  let out = '';
  let pos = 0;
  let count = 0;
  while (pos <= s.length) {
    const m = re.search(s, pos);
    if (!m) break;
    out += s.slice(pos, m.start);
    count++;
    let bs = 0;
    for (const c of repl) {
      if (c === '\\') { bs++; continue; }
      if (c === '&') out += '\\'.repeat(bs >> 1) + (bs & 1 ? '&' : s.slice(m.start, m.end));
      else out += '\\'.repeat(bs) + c;
      bs = 0;
    }
    out += '\\'.repeat(bs);
    if (m.end === m.start) {
      if (m.start < s.length) out += s[m.start];
      pos = m.start + 1;
    } else pos = m.end;
    if (out.length > maxLength) throw new AwkError('string too long');
    if (!global) break;
  }
  if (pos <= s.length) out += s.slice(pos);
  return [out, count];
}
