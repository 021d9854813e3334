// POSIX regexps to JavaScript: each case's match was checked with busybox
// 1.35's sed (glibc regcomp), whose errors are quoted here too.
import { describe, expect, it } from 'vitest';
import { compilePosix, posixToJs, RegexError } from './regex-lib.ts';

/** The first match of a POSIX regexp in `text`, or null. */
const first = (re: string, text: string, extended = false): string | null => compilePosix(re, extended).exec(text)?.[0] ?? null;

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
