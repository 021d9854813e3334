// grep's matching, as busybox's grep_file decides it: which line a pattern
// selects (-F fixed strings, -i, -w whole words, -x whole lines) and what -o
// prints. Regexps match the POSIX way (regex-lib.ts: leftmost, then longest).
import { PosixRegExp, RegexError, type Span } from './regex-lib.ts';

export interface MatchOptions {
  fixed: boolean;
  extended: boolean;
  icase: boolean;
  /** -w */
  word: boolean;
  /** -x */
  line: boolean;
}

/** The pattern that selected a line and the span it matched there. */
export interface Hit extends Span { pattern: number }

/** isalnum(c) || c == '_' in the C locale; beyond the line is not a word character. */
const isWord = (line: string, i: number): boolean => i >= 0 && i < line.length && /\w/.test(line[i]!);

/** A -F pattern: strstr (strcasestr with -i). */
class Fixed {
  private readonly re: RegExp;
  constructor(readonly text: string, icase: boolean) {
    this.re = new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), icase ? 'gi' : 'g');
  }
  search(s: string, from = 0): Span | null {
    this.re.lastIndex = from;
    const m = this.re.exec(s);
    return m ? { start: m.index, end: m.index + this.text.length } : null;
  }
}

type Pattern = Fixed | PosixRegExp;

export class Matcher {
  private readonly patterns: Pattern[];

  /** Throws busybox's message ("bad regex 'P': …") for the first pattern regcomp rejects. */
  constructor(sources: string[], private readonly opts: MatchOptions) {
    this.patterns = sources.map((src) => {
      if (opts.fixed) return new Fixed(src, opts.icase);
      try {
        return new PosixRegExp(src, { extended: opts.extended, icase: opts.icase });
      } catch (e) {
        if (e instanceof RegexError) throw new RegexError(`bad regex '${src}': ${e.message}`);
        throw e;
      }
    });
  }

  /** The first pattern that selects `line` and where, or null. */
  find(line: string): Hit | null {
    for (let k = 0; k < this.patterns.length; k++) {
      const span = this.select(this.patterns[k]!, line);
      if (span) return { pattern: k, ...span };
    }
    return null;
  }

  /**
   * busybox's test of one pattern against a line: -x wants the first match to
   * be the whole line; -w takes the first match with no word character on
   * either side, searching again after each one that has (a fixed string one
   * character on, a regexp from the end of its match, an empty one ends it).
   */
  private select(pat: Pattern, line: string): Span | null {
    let m = pat.search(line);
    if (!m) return null;
    if (this.opts.line) return m.start === 0 && m.end === line.length ? m : null;
    if (!this.opts.word) return m;
    let at = 0; // busybox's match_at: where the last regexec started
    while (m) {
      if (!isWord(line, m.start - 1) && !isWord(line, m.end)) return m;
      if (pat instanceof Fixed) m = pat.search(line, m.start + 1);
      else {
        if (m.end === at) return null;
        at = m.end;
        m = pat.search(line, at);
      }
    }
    return null;
  }

  /**
   * What -o prints for a line `hit` selected. One pattern: busybox's loop — a
   * fixed string prints itself once; a regexp prints its match and each
   * following one (not checked again for -w), skipping empty ones. Several
   * patterns: at each place the leftmost match of any, the longest of those,
   * as GNU grep (busybox prints only the matches of the pattern that selected
   * the line).
   */
  only(line: string, hit: Hit): string[] {
    if (this.patterns.length > 1) return this.merged(line);
    const pat = this.patterns[0]!;
    if (pat instanceof Fixed) return [pat.text];
    const found: string[] = [];
    for (let m: Span | null = hit; m;) {
      if (m.end > m.start) found.push(line.slice(m.start, m.end));
      if (m.end >= line.length) break;
      m = pat.search(line, m.end === m.start ? m.end + 1 : m.end);
    }
    return found;
  }

  private merged(line: string): string[] {
    const found: string[] = [];
    for (let at = 0; at <= line.length;) {
      let best: Span | null = null;
      for (const pat of this.patterns) {
        const m = this.nextSelected(pat, line, at);
        if (m && (!best || m.start < best.start || (m.start === best.start && m.end > best.end))) best = m;
      }
      if (!best) break;
      if (best.end > best.start) found.push(line.slice(best.start, best.end));
      at = Math.max(best.end, best.start + 1);
    }
    return found;
  }

  /** The next match at or after `at` that -w and -x would accept. */
  private nextSelected(pat: Pattern, line: string, at: number): Span | null {
    if (this.opts.line) return at === 0 ? this.select(pat, line) : null;
    for (let m = pat.search(line, at); m; m = pat.search(line, m.start + 1)) {
      if (!this.opts.word || (!isWord(line, m.start - 1) && !isWord(line, m.end))) return m;
      if (m.start >= line.length) break;
    }
    return null;
  }
}
