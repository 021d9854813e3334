// POSIX regexps as regexec matches them: each case's match was checked with
// busybox 1.35's grep -o and sed (glibc regcomp), whose errors are quoted here too.
import { describe, expect, it } from 'vitest';
import { posixToJs, PosixRegExp, RegexError, type Span } from './regex-lib.ts';

/** The first (leftmost-longest) match of a POSIX regexp in `text`, or null. */
const first = (re: string, text: string, extended = false): string | null => new PosixRegExp(re, { extended }).exec(text)?.[0] ?? null;

/** Every non-empty match, as busybox's grep -o finds them (after an empty match it moves on one character). */
function all(re: string, text: string, extended = false): string[] {
  const r = new PosixRegExp(re, { extended });
  const found: string[] = [];
  for (let m = r.search(text); m; m = r.search(text, m.end === m.start ? m.end + 1 : m.end)) {
    if (m.end > m.start) found.push(text.slice(m.start, m.end));
    if (m.end >= text.length) break;
  }
  return found;
}

describe('basic regular expressions (BRE)', () => {
  it.each([
    // ^ and $ are anchors only at the ends of the pattern, a \( group or a \| branch
    ['a^b', 'xa^b', 'a^b'],
    ['x$y', 'x$y', 'x$y'],
    ['"express": "^5.3.0"', '"express": "^5.3.0",', '"express": "^5.3.0"'],
    ['^a^', 'a^', 'a^'],
    ['$a', '$a', '$a'],
    ['\\(^y\\)', 'y', 'y'],
    ['x\\|^a', 'ab', 'a'],
    ['a$\\|zz', 'ba', 'a'],
    ['\\(a$\\)', 'ba', 'a'],
    // * with nothing before it is a plain star; so are \+ and \?
    ['*a', '*ab', '*a'],
    ['^*ab', '*ab', '*ab'],
    ['\\(*\\)', 'x*', '*'],
    ['x\\|*a', '*a', '*a'],
    ['\\+a', '+a', '+a'],
    // GNU operators busybox has, and ERE's characters plain
    ['a\\+b', 'aab', 'aab'],
    ['a\\?b', 'b', 'b'],
    ['a\\{2,3\\}b', 'aaaab', 'aaab'],
    ['a\\{,2\\}', 'aaa', 'aa'],
    ['a\\{2\\}', 'aaa', 'aa'],
    ['a\\{1,\\}', 'aaa', 'aaa'],
    ['a{2}', 'a{2}', 'a{2}'],
    ['ab|cd', 'ab|cd', 'ab|cd'],
    ['(b)', 'a(b)', '(b)'],
    ['a+?', 'a+?', 'a+?'],
    ['ab\\|cd', 'cd', 'cd'],
    ['\\(a\\)\\1', 'abaa', 'aa'],
    ['\\(a\\)\\10', 'aa0', 'aa0'],
    ['a**', 'aaa', 'aaa'],
    // GNU escapes
    ['o\\>', 'foo bar', 'o'],
    ['\\<b', 'foo bar', 'b'],
    ['\\bba', 'foo bar', 'ba'],
    ['\\w*', 'foo_bar', 'foo_bar'],
    ['a\\sb', 'a b', 'a b'],
    ['\\W', 'ab-', '-'],
    ['\\%', '50%', '%'],
    ['\\a', 'xa', 'a'],
    ['\\.', 'a.b', '.'],
    ['a.b', 'a\nb', 'a\nb'],
  ])('%s on %j matches %j', (re, text, want) => {
    expect(first(re, text)).toBe(want);
  });

  it.each([
    ['a^b', 'ab'],
    ['b$', 'ab$'],
    ['a$b$', 'a$b$'],
    ['\\(a\\)\\1', 'ab'],
    ['\\(^a\\)', 'ba'],
  ])('%s does not match %j', (re, text) => {
    expect(first(re, text)).toBeNull();
  });
});

describe('bracket expressions', () => {
  it.each([
    ['[]]', 'a]b', ']'],
    ['[^]a]', 'a]b', 'b'],
    ['[\\]', 'a\\b', '\\'],
    ['[a-]', '-', '-'],
    ['[.]', 'a.b', '.'],
    ['[[:upper:]][[:lower:]]', 'xAb1', 'Ab'],
    ['[[:alpha:]-]', '9-', '-'],
    ['[[:digit:][:space:]]*', '1 2x', '1 2'],
    ['[[:punct:]]', 'ab:c', ':'],
    ['[%--]', 'a-', '-'],
    ['[[.a.]]', 'ba', 'a'],
    ['[[=a=]]', 'ba', 'a'],
    ['[^a]', 'a\n', '\n'],
    ['[$^]', 'a^', '^'],
    ['[*.]', 'a*', '*'],
  ])('%s on %j matches %j', (re, text, want) => {
    expect(first(re, text)).toBe(want);
  });
});

describe('extended regular expressions (ERE)', () => {
  it.each([
    ['a{2}', 'aaa', 'aa'],
    ['a{,2}', 'aaa', 'aa'],
    ['(a)\\1', 'aa', 'aa'],
    ['a\\+b', 'a+b', 'a+b'],
    ['a\\|b', 'a|b', 'a|b'],
    ['a|^b', 'ab', 'a'],
    ['[]]', 'a]b', ']'],
    ['a)', 'a)', 'a)'],
    ['a}', 'a}', 'a}'],
    ['a**', 'aa', 'aa'],
    ['a+*', 'aa', 'aa'],
    ['x(|a)y', 'xy', 'xy'],
  ])('%s on %j matches %j', (re, text, want) => {
    expect(first(re, text, true)).toBe(want);
  });

  it('^ and $ always anchor', () => {
    expect(first('a^b', 'a^b', true)).toBeNull();
    expect(first('x$y', 'x$y', true)).toBeNull();
  });
});

describe("regcomp's errors", () => {
  it.each([
    ['\\(a', false, 'Unmatched ( or \\('],
    ['a\\)', false, 'Unmatched ( or \\('],
    ['(a', true, 'Unmatched ( or \\('],
    ['a\\{1', false, 'Unmatched \\{'],
    ['a{1,2', true, 'Unmatched \\{'],
    ['a{', true, 'Unmatched \\{'],
    ['a\\{3,1\\}', false, 'Invalid content of \\{\\}'],
    ['a\\{x\\}', false, 'Invalid content of \\{\\}'],
    ['a{x}', true, 'Invalid content of \\{\\}'],
    ['a\\{99999\\}', false, 'Regular expression too big'],
    ['\\{1\\}a', false, 'Invalid preceding regular expression'],
    ['^\\{1\\}', false, 'Invalid preceding regular expression'],
    ['*a', true, 'Invalid preceding regular expression'],
    ['a|*b', true, 'Invalid preceding regular expression'],
    ['(+a)', true, 'Invalid preceding regular expression'],
    ['{1}', true, 'Invalid preceding regular expression'],
    ['[a', false, 'Unmatched [, [^, [:, [., or [='],
    ['[[:alpha:]', false, 'Unmatched [, [^, [:, [., or [='],
    ['[[:foo:]]', false, 'Invalid character class name'],
    ['[z-a]', false, 'Invalid range end'],
    ['[a-z-9]', false, 'Invalid range end'],
    ['a\\2', false, 'Invalid back reference'],
    ['a\\1', true, 'Invalid back reference'],
    ['a\\', false, 'Trailing backslash'],
  ])('%s (extended: %s): %s', (re, extended, message) => {
    expect(() => posixToJs(re, extended)).toThrow(new RegexError(message));
  });
});

describe('leftmost-longest (POSIX regexec, not the first alternative)', () => {
  it.each([
    ['a|ab|abc', 'abcd', true, ['abc']],
    ['x|xy', 'xyz', true, ['xy']],
    ['\\(a\\|ab\\)\\(c\\|bcd\\)', 'abcd', false, ['abcd']],
    ['a*ab', 'aaab', false, ['aaab']],
    ['(a*)(ab)*b', 'aabab', true, ['aab', 'ab']],
    ['y*|xyz', 'xyz', true, ['xyz']],
    ['[0-9]|[0-9][0-9]', 'a12b345', true, ['12', '34', '5']],
    ['ab|a.*', 'abxyz', true, ['abxyz']],
    ['if|ifelse', 'ifelse', true, ['ifelse']],
    ['a?b?c?', 'abcabc', true, ['abc', 'abc']],
    ['\\(ab\\|a\\)\\(bc\\|c\\)*', 'abcbc', false, ['abcbc']],
    ['\\<\\(foo\\|foobar\\)\\>', 'foobar foo', false, ['foobar', 'foo']],
    ['o\\>\\|oo', 'foo', false, ['oo']],
    ['(a|b)*c|(a|ab)*c', 'abac', true, ['abac']],
    ['a{1,2}|aaa', 'aaaa', true, ['aaa', 'a']],
    ['.?$|ab', 'ab', true, ['ab']],
  ])('%s on %j: %j', (re, text, extended, want) => {
    expect(all(re, text, extended)).toEqual(want);
  });

  it('ignores case when asked, in the automaton too', () => {
    const re = new PosixRegExp('a|AB|[a-b]c', { extended: true, icase: true });
    expect(re.search('xAbC')).toEqual({ start: 1, end: 3 });
    expect(new PosixRegExp('É|éé', { extended: true, icase: true }).search('éÉ')).toEqual({ start: 0, end: 2 });
  });

  it('searching from a later place is REG_NOTBOL: ^ does not match there', () => {
    const re = new PosixRegExp('^a|b', { extended: true });
    expect(re.search('aab', 1)).toEqual({ start: 2, end: 3 });
  });

  it("gives the groups of the longest match, as sed's \\1 \\2 see them", () => {
    const groups = (re: string, text: string, extended = true): string[] => [...new PosixRegExp(re, { extended }).exec(text)!];
    expect(groups('(a|ab)(c|bcd)', 'abcd')).toEqual(['abcd', 'a', 'bcd']);
    expect(groups('\\(ab\\|a\\)\\(bc\\|c\\)*', 'abcbc', false)).toEqual(['abcbc', 'ab', 'bc']);
    expect(groups('(ab|a)(bab)?', 'abab')).toEqual(['abab', 'a', 'bab']);
    // the context around the span still counts for ^ $ and word tests
    expect(groups('\\<(a|ab)(\\>|c)?', 'y abc')).toEqual(['abc', 'ab', 'c']);
    expect(groups('\\<(a|ab)(\\>|c)?$', 'y abc')).toEqual(['abc', 'ab', 'c']);
    expect(groups('(^a|ab)(c|bcd)', 'x abcd y')).toEqual(['abc', 'ab', 'c']);
  });

  it('a back-reference keeps the first-alternative answer (no automaton can match it)', () => {
    expect(first('\\(a\\|ab\\)\\1', 'abab')).toBe('abab');
    expect(first('\\(a\\|ab\\)x*\\1', 'aab')).toBe('aa');
  });

  it('a long line costs time linear in its length', () => {
    const line = 'ab'.repeat(500_000) + 'c';
    const re = new PosixRegExp('(a|ab)*c|x', { extended: true });
    const t0 = performance.now();
    expect(re.search(line)).toEqual({ start: 0, end: line.length });
    let n = 0;
    const word = new PosixRegExp('a|ab', { extended: true });
    for (let m = word.search(line); m; m = word.search(line, m.end)) n++;
    expect(n).toBe(500_000);
    // measured, not asserted (shared machines): ~60 ms here; a quadratic scan would take minutes
    console.log(`1 MB line: ${Math.round(performance.now() - t0)} ms`);
  });
});

describe('the automaton against a brute-force search', () => {
  /** xorshift32, seeded: the same cases on every run. */
  function rng(seed: number): () => number {
    let x = seed;
    return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
  }
  /** A random ERE over a, b, c: alternation, groups, * + ? {m,n}, brackets, anchors and word tests. */
  function pattern(r: () => number, depth = 0): string {
    const atom = (): string => {
      const k = r();
      if (k < 0.06) return ['^', '$', '\\<', '\\>', '\\b', '\\B'][Math.floor(r() * 6)]!;
      if (depth < 2 && k < 0.2) return `(${pattern(r, depth + 1)})`;
      if (k < 0.35) return ['[ab]', '[^a]', '.'][Math.floor(r() * 3)]!;
      return 'abc'[Math.floor(r() * 3)]!;
    };
    const piece = (): string => {
      const a = atom();
      if (/^[$^\\]/.test(a)) return a;
      const k = r();
      return k < 0.15 ? `${a}*` : k < 0.25 ? `${a}+` : k < 0.35 ? `${a}?` : k < 0.4 ? `${a}{1,2}` : a;
    };
    const branch = (): string => Array.from({ length: 1 + Math.floor(r() * 3) }, piece).join('');
    return Array.from({ length: 1 + Math.floor(r() * 2.5) }, branch).join('|');
  }
  /** The leftmost start with any match, and the longest end from there, by trying every span (in its context). */
  function brute(src: string, s: string, icase: boolean): Span | null {
    const js = posixToJs(src, true);
    for (let start = 0; start <= s.length; start++) {
      for (let end = s.length; end >= start; end--) {
        const exact = new RegExp(`(?:${js})(?=[^]{${s.length - end}}$)`, icase ? 'ysi' : 'ys');
        exact.lastIndex = start;
        if (exact.test(s)) return { start, end };
      }
    }
    return null;
  }

  it('finds the same span on 2000 random patterns and texts', () => {
    const r = rng(20240601);
    for (let n = 0; n < 2000; n++) {
      const src = pattern(r);
      const icase = r() < 0.2;
      const text = Array.from({ length: Math.floor(r() * 9) }, () => 'abcAx '[Math.floor(r() * 6)]).join('');
      expect([src, text, icase, new PosixRegExp(src, { extended: true, icase }).search(text)]).toEqual([src, text, icase, brute(src, text, icase)]);
    }
  });
});
