// POSIX regular expressions read the way the libc regcomp under busybox reads
// them, into a small syntax tree that regex-js.ts turns into a JavaScript
// RegExp and regex-nfa.ts into an automaton (for POSIX's longest match).
//
// Basic syntax (BRE, the default): \( \) \{m,n\} are the operators and ( ) { }
// | + ? are plain characters; `^` anchors only at the start of the pattern or
// of a \( group or \| branch, `$` only at the end of one, and `*` there is a
// plain character. GNU extensions busybox has: \| \+ \? in BRE, \< \> \b \B
// \w \W \s \S \` \'. Extended syntax (ERE, -E): ( ) { } | + ? are operators
// and ^ $ always anchor. In both, a bracket expression takes `]` first as a
// member, backslash as itself, [:class:], [=c=] and [.c.]. Characters are
// UTF-16 code units, as in a JavaScript RegExp without the `u` flag.

/** A pattern regcomp rejects; the message is glibc's regerror text. */
export class RegexError extends Error {}

/** Zero-width tests: start/end of the subject, word start/end, word boundary or not. */
export type AssertKind = '^' | '$' | '<' | '>' | 'b' | 'B';

export type Node =
  | { t: 'char'; c: number }
  | { t: 'any' }
  /** `ranges` holds inclusive [lo, hi] pairs of code units, flat. */
  | { t: 'set'; negate: boolean; ranges: number[] }
  | { t: 'assert'; k: AssertKind }
  | { t: 'group'; n: number; body: Node }
  | { t: 'backref'; n: number }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  /** `max` is Infinity for an open interval. */
  | { t: 'rep'; min: number; max: number; body: Node };

export interface Parsed {
  root: Node;
  /** How many ( ) groups. */
  groups: number;
  /** A back-reference (\1…\9) appears: no automaton can match it. */
  backrefs: boolean;
}

const cu = (c: string): number => c.charCodeAt(0);
const span = (lo: string, hi: string): number[] => [cu(lo), cu(hi)];

/** The POSIX classes of the C locale, as code-unit ranges (the one table grep, sed and awk use). */
export const CLASSES = new Map<string, number[]>([
  ['alpha', [...span('A', 'Z'), ...span('a', 'z')]],
  ['digit', span('0', '9')],
  ['alnum', [...span('0', '9'), ...span('A', 'Z'), ...span('a', 'z')]],
  ['upper', span('A', 'Z')],
  ['lower', span('a', 'z')],
  ['space', [9, 13, 32, 32]],
  ['blank', [9, 9, 32, 32]],
  ['punct', [33, 47, 58, 64, 91, 96, 123, 126]],
  ['print', [32, 126]],
  ['graph', [33, 126]],
  ['cntrl', [0, 31, 127, 127]],
  ['xdigit', [...span('0', '9'), ...span('A', 'F'), ...span('a', 'f')]],
]);
/** \w: a word character (alnum and `_`); \s: white space. */
export const WORD = [...CLASSES.get('alnum')!, 95, 95];
const SPACE = CLASSES.get('space')!;

const EBRACK = 'Unmatched [, [^, [:, [., or [=';
const EPAREN = 'Unmatched ( or \\(';
const EBRACE = 'Unmatched \\{';
const BADBR = 'Invalid content of \\{\\}';
const BADRPT = 'Invalid preceding regular expression';
const ERANGE = 'Invalid range end';
/** glibc's RE_DUP_MAX: larger counts are "too big". */
const DUP_MAX = 0x7fff;

/** Reads `[.c.]` or `[=c=]` at i (the `[`); returns the character and the index after. */
function collating(src: string, i: number): [number, number] {
  const kind = src[i + 1]!;
  const end = src.indexOf(`${kind}]`, i + 2);
  if (end < 0) throw new RegexError(EBRACK);
  const name = src.slice(i + 2, end);
  if (name.length !== 1) throw new RegexError('Invalid collation character');
  return [cu(name), end + 2];
}

/** Reads a bracket expression from just after its `[`; returns the set and the index after `]`. */
function bracket(src: string, i: number): [Node, number] {
  let negate = false;
  if (src[i] === '^') { negate = true; i++; }
  const ranges: number[] = [];
  let first = true;
  let afterRange = false;
  for (;;) {
    if (i >= src.length) throw new RegexError(EBRACK);
    const c = src[i]!;
    if (c === ']' && !first) break;
    first = false;
    let lo: number;
    if (c === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':]', i + 2);
      if (end < 0) throw new RegexError(EBRACK);
      const named = CLASSES.get(src.slice(i + 2, end));
      if (named === undefined) throw new RegexError('Invalid character class name');
      ranges.push(...named);
      i = end + 2;
      if (src[i] === '-' && src[i + 1] !== ']') throw new RegexError(ERANGE);
      afterRange = false;
      continue;
    }
    if (c === '[' && (src[i + 1] === '.' || src[i + 1] === '=')) [lo, i] = collating(src, i);
    else {
      if (c === '-' && afterRange && src[i + 1] !== ']') throw new RegexError(ERANGE);
      lo = cu(c);
      i++;
    }
    afterRange = false;
    if (src[i] === '-' && i + 1 < src.length && src[i + 1] !== ']') {
      let hi: number;
      if (src[i + 1] === '[' && (src[i + 2] === '.' || src[i + 2] === '=')) [hi, i] = collating(src, i + 1);
      else if (src[i + 1] === '[' && src[i + 2] === ':') throw new RegexError(ERANGE);
      else { hi = cu(src[i + 1]!); i += 2; }
      if (hi < lo) throw new RegexError(ERANGE);
      ranges.push(lo, hi);
      afterRange = true;
    } else ranges.push(lo, lo);
  }
  return [{ t: 'set', negate, ranges }, i + 1];
}

/** Reads an interval's body from just after `{` or `\{`; returns its bounds and the index after the closer. */
function interval(src: string, i: number, extended: boolean): [number, number, number] {
  const bounds = /(\d*)(,(\d*))?/y;
  bounds.lastIndex = i;
  const m = bounds.exec(src)!;
  const closer = extended ? '}' : '\\}';
  const at = i + m[0].length;
  if (!src.startsWith(closer, at)) throw new RegexError(src.includes(closer, at) ? BADBR : EBRACE);
  if (m[1] === '' && m[2] === undefined) throw new RegexError(BADBR);
  const min = m[1] === '' ? 0 : Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  if (min > DUP_MAX || (max !== Infinity && max > DUP_MAX)) throw new RegexError('Regular expression too big');
  if (min > max) throw new RegexError(BADBR);
  return [min, max, at + closer.length];
}

/** A group being read: its number (0 for the whole pattern) and its branches so far. */
interface Frame { n: number; branches: Node[][] }

const seq = (items: Node[]): Node => (items.length === 1 ? items[0]! : { t: 'cat', items });
const alts = (f: Frame): Node => (f.branches.length === 1 ? seq(f.branches[0]!) : { t: 'alt', items: f.branches.map(seq) });

/**
 * Parses a POSIX regular expression; throws RegexError as regcomp fails.
 * @example parsePosix('a\\|b', false).root // { t: 'alt', items: [a, b] }
 */
export function parsePosix(src: string, extended: boolean): Parsed {
  const stack: Frame[] = [{ n: 0, branches: [[]] }];
  const closed = new Set<number>();
  let groups = 0;
  let backrefs = false;
  let hasAtom = false; // the last item of the branch can take a repetition
  let branchStart = true; // at the start of the pattern, a group or an alternative (BRE `^`)
  const branch = (): Node[] => { const b = stack[stack.length - 1]!.branches; return b[b.length - 1]!; };
  const push = (node: Node): void => { branch().push(node); hasAtom = true; branchStart = false; };
  const assertion = (k: AssertKind): void => { branch().push({ t: 'assert', k }); hasAtom = false; branchStart = false; };
  const repeat = (min: number, max: number, plain: string): void => {
    if (!hasAtom) {
      if (extended) throw new RegexError(BADRPT);
      push({ t: 'char', c: cu(plain) }); // BRE: a `*` (or \+ \?) with nothing before it is itself
      return;
    }
    const b = branch();
    b.push({ t: 'rep', min, max, body: b.pop()! });
    branchStart = false;
  };
  const openGroup = (): void => { stack.push({ n: ++groups, branches: [[]] }); hasAtom = false; branchStart = true; };
  const closeGroup = (): void => {
    const f = stack.pop()!;
    closed.add(f.n);
    push({ t: 'group', n: f.n, body: alts(f) });
  };
  const alternate = (): void => { stack[stack.length - 1]!.branches.push([]); hasAtom = false; branchStart = true; };
  const endsBranch = (at: number): boolean =>
    at === src.length || (!extended && src[at] === '\\' && (src[at + 1] === ')' || src[at + 1] === '|'));

  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new RegexError('Trailing backslash');
      i += 2;
      if (!extended && n === '(') openGroup();
      else if (!extended && n === ')') { if (stack.length === 1) throw new RegexError(EPAREN); closeGroup(); }
      else if (!extended && n === '|') alternate();
      else if (!extended && n === '{') {
        if (!hasAtom) throw new RegexError(BADRPT);
        const [min, max, next] = interval(src, i, false);
        i = next;
        repeat(min, max, '{');
      } else if (!extended && n === '+') repeat(1, Infinity, n);
      else if (!extended && n === '?') repeat(0, 1, n);
      else if (n >= '1' && n <= '9') {
        if (!closed.has(Number(n))) throw new RegexError('Invalid back reference');
        backrefs = true;
        push({ t: 'backref', n: Number(n) });
      } else if (n === '<' || n === '>' || n === 'b' || n === 'B') assertion(n);
      else if (n === '`') assertion('^');
      else if (n === "'") assertion('$');
      else if (n === 'w' || n === 'W') push({ t: 'set', negate: n === 'W', ranges: WORD });
      else if (n === 's' || n === 'S') push({ t: 'set', negate: n === 'S', ranges: SPACE });
      else push({ t: 'char', c: cu(n) });
      continue;
    }
    i++;
    if (c === '[') { const [set, next] = bracket(src, i); i = next; push(set); }
    else if (c === '.') push({ t: 'any' });
    else if (c === '*') repeat(0, Infinity, '*');
    else if (c === '^') {
      if (extended || branchStart) assertion('^');
      else push({ t: 'char', c: cu('^') });
    } else if (c === '$') {
      if (extended || endsBranch(i)) assertion('$');
      else push({ t: 'char', c: cu('$') });
    } else if (extended && c === '(') openGroup();
    else if (extended && c === ')') { if (stack.length > 1) closeGroup(); else push({ t: 'char', c: cu(')') }); }
    else if (extended && c === '|') alternate();
    else if (extended && c === '+') repeat(1, Infinity, c);
    else if (extended && c === '?') repeat(0, 1, c);
    else if (extended && c === '{') {
      if (!hasAtom) throw new RegexError(BADRPT);
      const [min, max, next] = interval(src, i, true);
      i = next;
      repeat(min, max, '{');
    } else push({ t: 'char', c: cu(c) });
  }
  if (stack.length > 1) throw new RegexError(EPAREN);
  return { root: alts(stack[0]!), groups, backrefs };
}

/** The length every match of `node` has, or null when matches can differ in length. */
export function fixedLength(node: Node): number | null {
  switch (node.t) {
    case 'char': case 'any': case 'set': return 1;
    case 'assert': return 0;
    case 'backref': return null;
    case 'group': return fixedLength(node.body);
    case 'cat': {
      let n = 0;
      for (const item of node.items) { const k = fixedLength(item); if (k === null) return null; n += k; }
      return n;
    }
    case 'alt': {
      const lens = node.items.map(fixedLength);
      return lens.every((k) => k !== null && k === lens[0]) ? lens[0]! : null;
    }
    case 'rep': {
      const k = fixedLength(node.body);
      return k === 0 ? 0 : k === null || node.min !== node.max ? null : k * node.min;
    }
  }
}
