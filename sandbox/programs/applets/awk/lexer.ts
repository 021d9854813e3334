// awk's tokens: numbers, "strings", /regexps/ (where an operand may start),
// names, keywords and operators, with comments and `\`-newline continuations.
import { AwkError } from './error.ts';
import { strtod } from './format.ts';

export interface Token {
  /** 'num' 'str' 'ere' 'name' 'func' (a name right before `(`) 'builtin' 'nl' 'eof', or the keyword/operator itself. */
  t: string;
  v: string;
  n: number;
  line: number;
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue',
  'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2',
  'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);

const OPS = ['**=', '&&', '||', '==', '<=', '>=', '!=', '!~', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '**', '>>',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
/** After these a newline is not a terminator. */
const GLUE = new Set([',', '{', '&&', '||', 'do', 'else']);
/** After these `/` divides; elsewhere it starts a regexp. */
const OPERAND_END = new Set(['num', 'str', 'ere', 'name', 'builtin', ')', ']', '++', '--', '$']);

const ESCAPES = new Map([['a', '\x07'], ['b', '\b'], ['e', '\x1b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'], ['v', '\v']]);

/**
 * busybox's bb_process_escape_sequence after a backslash at s[i]: \a \b \e
 * \f \n \r \t \v, octal \NNN (digits taken while the value stays within a
 * byte) and \xHH become the character; null for anything else.
 */
function processEscape(s: string, i: number): [string, number] | null {
  const c = s[i]!;
  const mnemonic = ESCAPES.get(c);
  if (mnemonic !== undefined) return [mnemonic, i + 1];
  if (c >= '0' && c <= '7') {
    let j = i; let v = 0;
    while (j < i + 3 && s[j]! >= '0' && s[j]! <= '7' && v * 8 + Number(s[j]) <= 255) v = v * 8 + Number(s[j++]);
    return [String.fromCharCode(v), j];
  }
  if (c === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
    let j = i + 1; let v = 0;
    while (j < i + 3 && /[0-9a-fA-F]/.test(s[j] ?? '')) v = v * 16 + parseInt(s[j++]!, 16);
    return [String.fromCharCode(v), j];
  }
  return null;
}

/** An escape in a string after a backslash at s[i]: the character(s) and the index after them (busybox's nextchar: an unknown \c is c). */
export function escapeAt(s: string, i: number): [string, number] {
  const c = s[i];
  if (c === undefined) return ['\\', i];
  return processEscape(s, i) ?? [c, i + 1];
}

/**
 * An escape in a /regexp/ literal after a backslash at s[i], as busybox's
 * lexer turns it before regcomp: processEscape's characters (\b is a
 * backspace there, not a word boundary); \\ stays \\; anything else keeps its
 * backslash for regcomp (\. \/ \< \y…).
 */
function regexEscapeAt(s: string, i: number): [string, number] {
  if (s[i] === '\\') return ['\\\\', i + 1];
  return processEscape(s, i) ?? [`\\${s[i]!}`, i + 1];
}

/** Processes backslash escapes in a whole string (-v values, var=value operands, -F). */
export function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') { out += s[i]; continue; }
    const [ch, next] = escapeAt(s, i + 1);
    out += ch;
    i = next - 1;
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (t: string, v: string, n = 0): void => { toks.push({ t, v, n, line }); };
  const prev = (): string => toks.length ? toks[toks.length - 1]!.t : 'nl';
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) { i += src[i + 1] === '\n' ? 2 : 3; line++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') {
      if (!GLUE.has(prev())) push('nl', '\n');
      line++; i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        const d = src[i];
        if (d === undefined || d === '\n') throw new AwkError('Unexpected end of string', line);
        if (d === '"') { i++; break; }
        if (d === '\\') {
          if (src[i + 1] === '\n') { i += 2; line++; continue; }
          const [ch, next] = escapeAt(src, i + 1);
          s += ch; i = next;
          continue;
        }
        s += d; i++;
      }
      push('str', s);
      continue;
    }
    if (c === '/' && !OPERAND_END.has(prev())) {
      let s = '';
      i++;
      for (;;) {
        const d = src[i];
        if (d === undefined || d === '\n') throw new AwkError('Unexpected end of string', line);
        if (d === '/') { i++; break; }
        if (d === '\\' && i + 1 < src.length) {
          const [text, next] = regexEscapeAt(src, i + 1);
          s += text;
          i = next;
          continue;
        }
        s += d; i++;
      }
      push('ere', s);
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const [n, len] = strtod(src.slice(i, i + 400));
      i += len;
      if (src[i] === '.') throw new AwkError('Unexpected token', line);
      push('num', src.slice(i - len, i), n);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      const w = src.slice(i, j);
      i = j;
      if (KEYWORDS.has(w)) push(w, w);
      else if (BUILTINS.has(w)) push('builtin', w);
      else push(src[i] === '(' ? 'func' : 'name', w);
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkError('Unexpected token', line);
    push(op, op);
    i += op.length;
  }
  push('eof', '');
  return toks;
}
