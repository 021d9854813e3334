// POSIX regular expressions for grep, sed, awk and find, matched as POSIX
// regexec matches: at the leftmost place where any match starts, the longest
// one (`a|ab` on "abc" matches "ab"; JavaScript alone would say "a").
//
// The pattern is parsed once (regex-parse.ts, regcomp's dialect and errors)
// and turned into two matchers: an automaton (regex-nfa.ts), which finds the
// leftmost-longest span in time linear in the text, and a JavaScript RegExp
// (regex-js.ts), which then gives the groups of that span (sed's \1…\9).
// Patterns whose matches all have one length (words, classes, no `*`) are
// left to the JavaScript RegExp alone: its first match is the POSIX one, and
// without repetitions its backtracking stays linear.
//
// Divergence kept: a pattern with a back-reference (BRE `\(a*\)\1`), or one
// whose counted repetitions would need more than 20 000 states, is matched
// by JavaScript alone, which takes the first alternative that fits rather
// than the longest, and whose backtracking has no linear bound.
import { toJs } from './regex-js.ts';
import { Nfa } from './regex-nfa.ts';
import { fixedLength, parsePosix } from './regex-parse.ts';

export { RegexError } from './regex-parse.ts';

/**
 * POSIX regular expression source to JavaScript RegExp source (compile it with
 * the `s` flag: a POSIX `.` matches a newline). Throws RegexError as regcomp fails.
 * @example posixToJs('a^b\\(c\\)*$', false) === 'a\\^b(c)*$'
 */
export function posixToJs(src: string, extended: boolean): string {
  return toJs(parsePosix(src, extended).root);
}

/** A POSIX regexp compiled for JavaScript alone (first-alternative matches; find -regex tests whole names with it). */
export function compilePosix(src: string, extended: boolean): RegExp {
  return new RegExp(posixToJs(src, extended), 's');
}

export interface Span { start: number; end: number }

export interface PosixOptions {
  extended?: boolean;
  icase?: boolean;
}

/**
 * A POSIX regexp with regexec's answers: `test`, `search` (the leftmost-longest
 * span at or after a place) and `exec` (the same with the groups' text).
 * Searching from a place other than 0 is regexec with REG_NOTBOL: `^` does not
 * match there, and word tests see the character before it.
 */
export class PosixRegExp {
  /** The JavaScript translation (flags g, s and i with icase): where matches start. */
  readonly js: RegExp;
  readonly groups: number;
  readonly icase: boolean;
  private readonly nfa: Nfa | null;
  private readonly source: string;
  private windowed: [RegExp, RegExp] | null = null;

  /** Throws RegexError as regcomp fails. */
  constructor(src: string, opts: PosixOptions = {}) {
    const parsed = parsePosix(src, opts.extended ?? false);
    this.icase = opts.icase ?? false;
    this.source = toJs(parsed.root);
    this.js = new RegExp(this.source, this.icase ? 'gsi' : 'gs');
    this.groups = parsed.groups;
    const fixed = fixedLength(parsed.root) !== null;
    this.nfa = fixed || parsed.backrefs ? null : Nfa.build(parsed.root, this.icase);
  }

  test(s: string): boolean {
    if (this.nfa) return this.nfa.search(s, 0, true) !== null;
    this.js.lastIndex = 0;
    return this.js.test(s);
  }

  /**
   * The leftmost-longest match at or after `from`, or null.
   * @example new PosixRegExp('a|ab|abc', { extended: true }).search('xabcd') // { start: 1, end: 4 }
   */
  search(s: string, from = 0): Span | null {
    if (from > s.length) return null;
    if (this.nfa) {
      const m = this.nfa.search(s, from);
      return m && { start: m[0], end: m[1] };
    }
    const m = this.jsExec(s, from);
    return m && { start: m.index, end: m.index + m[0].length };
  }

  /**
   * Like `search`, with the match and its groups as RegExp.exec gives them
   * (index, [0], [1]…); `groups` false leaves them out where they cost more.
   */
  exec(s: string, from = 0, groups = true): RegExpExecArray | null {
    if (from > s.length) return null;
    if (!this.nfa) return this.jsExec(s, from);
    const m = this.nfa.search(s, from);
    if (!m) return null;
    return (groups ? this.groupsOf(s, m[0], m[1]) : null) ?? this.plain(s, m[0], m[1]);
  }

  private jsExec(s: string, from: number): RegExpExecArray | null {
    this.js.lastIndex = from;
    return this.js.exec(s);
  }

  /** A match with no groups known (the automaton's span, should JavaScript disagree about it). */
  private plain(s: string, start: number, end: number): RegExpExecArray {
    return Object.assign([s.slice(start, end)], { index: start, input: s }) as unknown as RegExpExecArray;
  }

  /**
   * The groups of the match that spans [start, end): the JavaScript RegExp run
   * on that span, with one character of context each side (for ^ $ and the
   * word tests), made to end exactly there. The cost is the match's length.
   */
  private groupsOf(s: string, start: number, end: number): RegExpExecArray | null {
    if (this.groups === 0) return null;
    this.windowed ??= [
      new RegExp(`(?:${this.source})$`, this.icase ? 'ysi' : 'ys'),
      new RegExp(`(?:${this.source})(?=[^]$)`, this.icase ? 'ysi' : 'ys'),
    ];
    const before = start > 0 ? 1 : 0;
    const after = end < s.length ? 1 : 0;
    const re = this.windowed[after]!;
    re.lastIndex = before;
    const m = re.exec(s.slice(start - before, end + after));
    if (!m) return null;
    m.index = start;
    m.input = s;
    return m;
  }
}
