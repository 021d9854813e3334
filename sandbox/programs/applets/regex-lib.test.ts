// POSIX regexps as regexec matches them: each case's match was checked with
// busybox 1.35's grep -o and sed (glibc regcomp), whose errors are quoted here too.
import { describe, expect, it } from 'vitest';
import { posixToJs, PosixRegExp, RegexError } from './regex-lib.ts';

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
