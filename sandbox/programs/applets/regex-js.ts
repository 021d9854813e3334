// A parsed POSIX regexp (regex-parse.ts) as JavaScript RegExp source, to be
// compiled with the `s` flag (a POSIX `.` matches a newline). JavaScript
// takes the first alternative that fits where POSIX takes the longest match:
// regex-lib.ts uses this RegExp to find where a match starts and the
// automaton of regex-nfa.ts to find where the longest one ends.
import type { Node } from './regex-parse.ts';

const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/** One code unit as a JavaScript pattern matching just it. */
function literal(c: number): string {
  if (c < 0x20 || c >= 0x7f) return hex(c);
  const ch = String.fromCharCode(c);
  return /[\\^$.|?*+()[\]{}/]/.test(ch) ? `\\${ch}` : ch;
}

/** One code unit inside a JavaScript class. */
function member(c: number): string {
  if (c < 0x20 || c >= 0x7f) return hex(c);
  const ch = String.fromCharCode(c);
  return /[\\\]^[-]/.test(ch) ? `\\${ch}` : ch;
}

function quantifier(min: number, max: number): string {
  if (max === Infinity) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

const ATOMS = new Set<Node['t']>(['char', 'any', 'set', 'group', 'backref']);

/**
 * JavaScript source for a parsed POSIX regexp.
 * @example toJs(parsePosix('a^b\\(c\\)*$', false).root) === 'a\\^b(c)*$'
 */
export function toJs(node: Node): string {
  switch (node.t) {
    case 'char': return literal(node.c);
    case 'any': return '.';
    case 'set': {
      let cls = '';
      for (let k = 0; k < node.ranges.length; k += 2) {
        const lo = node.ranges[k]!;
        const hi = node.ranges[k + 1]!;
        cls += lo === hi ? member(lo) : `${member(lo)}-${member(hi)}`;
      }
      return `[${node.negate ? '^' : ''}${cls}]`;
    }
    case 'assert':
      switch (node.k) {
        case '<': return '\\b(?=\\w)';
        case '>': return '\\b(?<=\\w)';
        case 'b': case 'B': return `\\${node.k}`;
        default: return node.k;
      }
    case 'group': return `(${toJs(node.body)})`;
    // (?:…) so that a digit after it is not read as part of the number
    case 'backref': return `(?:\\${node.n})`;
    case 'cat': return node.items.map((item) => (item.t === 'alt' ? `(?:${toJs(item)})` : toJs(item))).join('');
    case 'alt': return node.items.map(toJs).join('|');
    case 'rep': {
      const body = toJs(node.body);
      return `${ATOMS.has(node.body.t) ? body : `(?:${body})`}${quantifier(node.min, node.max)}`;
    }
  }
}
