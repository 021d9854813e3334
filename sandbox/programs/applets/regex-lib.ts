// POSIX regular expressions for grep and sed, read the way the libc regcomp
// under busybox reads them and translated to JavaScript RegExps.
//
// Basic syntax (BRE, the default): \( \) \{m,n\} are the operators and ( ) { }
// | + ? are plain characters; `^` anchors only at the start of the pattern or
// of a \( group or \| branch, `$` only at the end of one, and `*` there is a
// plain character. GNU extensions busybox has: \| \+ \? in BRE, \< \> \b \B
// \w \W \s \S \` \'. Extended syntax (ERE, -E): ( ) { } | + ? are operators
// and ^ $ always anchor. In both, a bracket expression takes `]` first as a
// member, backslash as itself, [:class:], [=c=] and [.c.].
//
// Divergence kept: JavaScript matches alternatives leftmost-first where POSIX
// takes the longest match (`a\|ab` on "ab" matches "a" here, "ab" there).

/** A pattern regcomp rejects; the message is glibc's regerror text. */
export class RegexError extends Error {}

const CLASSES = new Map<string, string>([
  ['alpha', 'A-Za-z'], ['digit', '0-9'], ['alnum', '0-9A-Za-z'], ['upper', 'A-Z'], ['lower', 'a-z'],
  ['space', ' \\t\\n\\r\\f\\v'], ['blank', ' \\t'], ['punct', '!-\\/:-@\\[-`{-~'], ['print', ' -~'],
  ['graph', '!-~'], ['cntrl', '\\x00-\\x1f\\x7f'], ['xdigit', '0-9A-Fa-f'],
]);

const EBRACK = 'Unmatched [, [^, [:, [., or [=';
const EPAREN = 'Unmatched ( or \\(';
const EBRACE = 'Unmatched \\{';
const BADBR = 'Invalid content of \\{\\}';
const BADRPT = 'Invalid preceding regular expression';
const ERANGE = 'Invalid range end';
/** glibc's RE_DUP_MAX: larger counts are "too big". */
const DUP_MAX = 0x7fff;

/** One character as a JavaScript pattern matching just it. */
function literal(c: string): string {
  return /[\\^$.|?*+()[\]{}/]/.test(c) ? `\\${c}` : c;
}

/** One character inside a JavaScript class. */
function member(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

/** Reads `[.c.]` or `[=c=]` at i (the `[`); returns the character and the index after. */
function collating(src: string, i: number): [string, number] {
  const kind = src[i + 1]!;
  const end = src.indexOf(`${kind}]`, i + 2);
  if (end < 0) throw new RegexError(EBRACK);
  const name = [...src.slice(i + 2, end)];
  if (name.length !== 1) throw new RegexError('Invalid collation character');
  return [name[0]!, end + 2];
}

/** Reads a bracket expression from just after its `[`; returns a JavaScript class and the index after `]`. */
function bracket(src: string, i: number): [string, number] {
  let negate = false;
  if (src[i] === '^') { negate = true; i++; }
  let cls = '';
  let first = true;
  let afterRange = false;
  for (;;) {
    if (i >= src.length) throw new RegexError(EBRACK);
    const c = src[i]!;
    if (c === ']' && !first) break;
    first = false;
    let lo: string;
    if (c === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':]', i + 2);
      if (end < 0) throw new RegexError(EBRACK);
      const named = CLASSES.get(src.slice(i + 2, end));
      if (named === undefined) throw new RegexError('Invalid character class name');
      cls += named;
      i = end + 2;
      if (src[i] === '-' && src[i + 1] !== ']') throw new RegexError(ERANGE);
      afterRange = false;
      continue;
    }
    if (c === '[' && (src[i + 1] === '.' || src[i + 1] === '=')) [lo, i] = collating(src, i);
    else {
      if (c === '-' && afterRange && src[i + 1] !== ']') throw new RegexError(ERANGE);
      lo = c;
      i++;
    }
    afterRange = false;
    if (src[i] === '-' && i + 1 < src.length && src[i + 1] !== ']') {
      let hi: string;
      if (src[i + 1] === '[' && (src[i + 2] === '.' || src[i + 2] === '=')) [hi, i] = collating(src, i + 1);
      else if (src[i + 1] === '[' && src[i + 2] === ':') throw new RegexError(ERANGE);
      else { hi = src[i + 1]!; i += 2; }
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) throw new RegexError(ERANGE);
      cls += `${member(lo)}-${member(hi)}`;
      afterRange = true;
    } else cls += member(lo);
  }
  return [`[${negate ? '^' : ''}${cls}]`, i + 1];
}

/** Reads an interval's body from just after `{` or `\{`; returns the JavaScript quantifier and the index after the closer. */
function interval(src: string, i: number, extended: boolean): [string, number] {
  const m = /^(\d*)(,(\d*))?/.exec(src.slice(i))!;
  const closer = extended ? '}' : '\\}';
  const at = i + m[0].length;
  if (!src.startsWith(closer, at)) throw new RegexError(src.includes(closer, at) ? BADBR : EBRACE);
  if (m[1] === '' && m[2] === undefined) throw new RegexError(BADBR);
  const min = m[1] === '' ? 0 : Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  if (min > DUP_MAX || (max !== Infinity && max > DUP_MAX)) throw new RegexError('Regular expression too big');
  if (min > max) throw new RegexError(BADBR);
  const q = m[2] === undefined ? `{${min}}` : max === Infinity ? `{${min},}` : `{${min},${max}}`;
  return [q, at + closer.length];
}

/**
 * POSIX regular expression source to JavaScript RegExp source (compile it with
 * the `s` flag: a POSIX `.` matches a newline). Throws RegexError as regcomp fails.
 * @example posixToJs('a^b\\(c\\)*$', false) === 'a\\^b(c)*$'
 */
export function posixToJs(src: string, extended: boolean): string {
  let out = '';
  let atom = -1; // where the last repeatable atom starts in `out`; -1 when there is none
  let repeated = false;
  let branchStart = true; // at the start of the pattern, a group or an alternative (BRE `^`)
  const open: { at: number; n: number }[] = [];
  const closed = new Set<number>();
  let groups = 0;
  const push = (js: string): void => { atom = out.length; out += js; repeated = false; branchStart = false; };
  const assertion = (js: string): void => { out += js; atom = -1; branchStart = false; };
  const repeat = (q: string, plain: string): void => {
    if (atom < 0) {
      if (extended) throw new RegexError(BADRPT);
      push(literal(plain)); // BRE: a `*` (or \+ \?) with nothing before it is itself
      return;
    }
    if (repeated) out = `${out.slice(0, atom)}(?:${out.slice(atom)})`;
    out += q;
    repeated = true;
    branchStart = false;
  };
  const openGroup = (): void => { open.push({ at: out.length, n: ++groups }); out += '('; atom = -1; branchStart = true; };
  const closeGroup = (): void => {
    const g = open.pop()!;
    closed.add(g.n);
    out += ')';
    atom = g.at;
    repeated = false;
    branchStart = false;
  };
  const alternate = (): void => { out += '|'; atom = -1; branchStart = true; };
  const endsBranch = (at: number): boolean =>
    at === src.length || (!extended && src[at] === '\\' && (src[at + 1] === ')' || src[at + 1] === '|'));

  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new RegexError('Trailing backslash');
      i += 2;
      if (!extended && n === '(') openGroup();
      else if (!extended && n === ')') { if (!open.length) throw new RegexError(EPAREN); closeGroup(); }
      else if (!extended && n === '|') alternate();
      else if (!extended && n === '{') { if (atom < 0) throw new RegexError(BADRPT); const [q, next] = interval(src, i, false); i = next; repeat(q, '{'); }
      else if (!extended && (n === '+' || n === '?')) repeat(n, n);
      else if (n >= '1' && n <= '9') {
        if (!closed.has(Number(n))) throw new RegexError('Invalid back reference');
        push(`(?:\\${n})`);
      } else if (n === '<') assertion('\\b(?=\\w)');
      else if (n === '>') assertion('\\b(?<=\\w)');
      else if (n === 'b' || n === 'B') assertion(`\\${n}`);
      else if (n === '`') assertion('^');
      else if (n === "'") assertion('$');
      else if ('wWsS'.includes(n)) push(`\\${n}`);
      else push(literal(n));
      continue;
    }
    i++;
    if (c === '[') { const [cls, next] = bracket(src, i); i = next; push(cls); }
    else if (c === '.') push('.');
    else if (c === '*') repeat('*', '*');
    else if (c === '^') {
      if (extended || branchStart) assertion('^');
      else push('\\^');
    } else if (c === '$') {
      if (extended || endsBranch(i)) assertion('$');
      else push('\\$');
    } else if (extended && c === '(') openGroup();
    else if (extended && c === ')') { if (open.length) closeGroup(); else push('\\)'); }
    else if (extended && c === '|') alternate();
    else if (extended && (c === '+' || c === '?')) repeat(c, c);
    else if (extended && c === '{') { if (atom < 0) throw new RegexError(BADRPT); const [q, next] = interval(src, i, true); i = next; repeat(q, '{'); }
    else push(literal(c));
  }
  if (open.length) throw new RegexError(EPAREN);
  return out;
}

/** A POSIX regexp compiled for JavaScript; `flags` adds to `s` (e.g. 'i', 'g'). */
export function compilePosix(src: string, extended: boolean, flags = ''): RegExp {
  return new RegExp(posixToJs(src, extended), `s${flags}`);
}
