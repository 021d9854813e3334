// sed's script, read as busybox's add_cmd reads it, into a flat program:
// each command with its addresses (N, $, /re/ or \%re%, ranges, !), a `{`
// knowing where its `}` is, and b/t/T knowing the index they jump to (the
// end of the script when no label is given). The fields of s and y are
// found as busybox finds them (a bracket expression may hold the delimiter)
// and their escapes turned as it turns them; regexps are POSIX (regex-lib,
// matched leftmost-longest as regexec does).
import { PosixRegExp, RegexError } from './regex-lib.ts';

/** A regexp of null is the last regexp used. */
export type Addr = { line: number } | { last: true } | { re: PosixRegExp | null };

export interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  re?: PosixRegExp | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  /** r, w, and s///w: the file. */
  file?: string;
  from?: string;
  to?: string;
  /** `{`: the index of its `}`; b, t, T: the index to go to. */
  jump?: number;
  /** b, t, T: the label, until resolved. */
  label?: string;
  inRange?: boolean;
}

export class SedError extends Error {}

/** Compiles a POSIX regexp; regcomp's failures read as busybox's xregcomp prints them. */
function compileRe(src: string, ere: boolean, icase: boolean): PosixRegExp {
  try {
    return new PosixRegExp(src, { extended: ere, icase });
  } catch (e) {
    throw new SedError(`bad regex '${src}'${e instanceof RegexError ? `: ${e.message}` : ''}`);
  }
}

/**
 * Finds the end of a delimited field (s/a/b/, y/abc/xyz/, \%re%) as busybox's
 * index_of_next_unescaped_regexp_delim does: a backslash escapes the next
 * character, and in a regexp the delimiter inside a bracket expression is a
 * member of it (`s/[/]/x/`). Returns the raw text and the index after the delimiter.
 */
function scan(s: string, i: number, delim: string, brackets: boolean): [string, number] {
  let bracket = -1;
  for (let k = i; k < s.length; k++) {
    const c = s[k]!;
    if (bracket >= 0) {
      if (c === ']' && !(bracket === k - 1 || (bracket === k - 2 && s[k - 1] === '^'))) bracket = -1;
    } else if (c === '\\') k++;
    else if (brackets && c === '[') bracket = k;
    else if (c === delim) return [s.slice(i, k), k + 1];
  }
  throw new SedError(`unmatched '${delim}'`);
}

/** busybox's copy_parsing_escapes: \n \t \r become those characters and, given `delim`, \delim becomes delim. */
function escapes(raw: string, delim: string | null): string {
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k]!;
    if (c !== '\\' || k + 1 >= raw.length) { out += c; continue; }
    const n = raw[++k]!;
    out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === delim ? n : `\\${n}`;
  }
  return out;
}

/** The commands busybox has that take no argument (no Q, no l). */
const SIMPLE = new Set(['d', 'D', 'p', 'P', 'q', '=', 'n', 'N', 'h', 'H', 'g', 'G', 'x', '}']);

/** Parses a script (the -e pieces joined by newlines) into a flat program. */
export function parse(script: string, ere: boolean): Cmd[] {
  let i = 0;
  const cmds: Cmd[] = [];
  const open: number[] = [];
  const labels = new Map<string, number>();
  /** A label, as busybox reads one: after blanks, up to a `;` or blank. */
  const label = (): string => {
    while (script[i] === ' ' || script[i] === '\t') i++;
    const m = /^[^;\s]*/.exec(script.slice(i))!;
    i += m[0].length;
    return m[0];
  };
  const addr = (): Addr | undefined => {
    if (/\d/.test(script[i] ?? '')) { const m = /^\d+/.exec(script.slice(i))!; i += m[0].length; return { line: Number(m[0]) }; }
    if (script[i] === '$') { i++; return { last: true }; }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i]! : '/';
      const [raw, next] = scan(script, i + 1, delim, true);
      i = next;
      const icase = script[i] === 'I' ? (i++, true) : false;
      return { re: raw === '' ? null : compileRe(escapes(raw, null), ere, icase) };
    }
    return undefined;
  };
  for (;;) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    if (script[i] === '#') { while (i < script.length && script[i] !== '\n') i++; continue; }
    const cmd: Cmd = { negate: false, name: '' };
    cmd.a1 = addr();
    if (cmd.a1 && script[i] === ',') { i++; cmd.a2 = addr(); if (!cmd.a2) throw new SedError('no address after comma'); }
    while (script[i] === ' ' || script[i] === '\t') i++;
    if (script[i] === '!') { cmd.negate = true; i++; while (script[i] === ' ' || script[i] === '\t') i++; }
    const name = script[i++];
    if (name === undefined) throw new SedError('missing command');
    cmd.name = name;
    if (name === '{') open.push(cmds.length);
    else if (name === '}') {
      // busybox lets a '}' with no '{' pass, and a '{' with no '}' run to the end
      const start = open.pop();
      if (start !== undefined) cmds[start]!.jump = cmds.length;
    } else if (name === ':') {
      const l = label();
      if (!l) throw new SedError("':' lacks a label");
      labels.set(l, cmds.length);
      continue;
    } else if (name === 'b' || name === 't' || name === 'T') {
      cmd.label = label();
    } else if (name === 's') {
      const delim = script[i];
      if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError('bad format in substitution expression');
      const [raw, n1] = scan(script, i + 1, delim, true);
      const [repl, n2] = scan(script, n1, delim, false);
      i = n2;
      // busybox's parse_subst_cmd: a number (all its digits) is the match to
      // replace, g all of them (a later one wins), neither for a pattern that
      // starts with ^; blanks are skipped; w takes the rest of the line.
      let icase = false;
      const anchored = raw.startsWith('^');
      for (; i < script.length && !';}#\n'.includes(script[i]!); i++) {
        const f = script[i]!;
        if (/\d/.test(f)) {
          const digits = /^\d+/.exec(script.slice(i))![0];
          i += digits.length - 1;
          if (!anchored) { cmd.nth = Number(digits); cmd.global = cmd.nth === 0; }
        } else if (f === ' ' || f === '\t') continue;
        else if (f === 'g') { if (!anchored) { cmd.global = true; cmd.nth = undefined; } }
        else if (f === 'p') cmd.print = true;
        else if (f === 'I' || f === 'i') icase = true;
        else if (f === 'w') {
          let start = i + 1;
          while (script[start] === ' ' || script[start] === '\t') start++;
          const end = script.indexOf('\n', start);
          cmd.file = script.slice(start, end < 0 ? script.length : end);
          if (!cmd.file) throw new SedError('empty filename');
          i = (end < 0 ? script.length : end) - 1;
        } else throw new SedError('bad option in substitution expression');
      }
      // An empty regexp is the last one used (`/x/s//y/`).
      cmd.re = raw === '' ? null : compileRe(escapes(raw, delim), ere, icase);
      cmd.repl = escapes(repl, delim === '&' ? null : delim);
    } else if (name === 'y') {
      const delim = script[i]!;
      const [rawFrom, n1] = scan(script, i + 1, delim, true);
      const [rawTo, n2] = scan(script, n1, delim, false);
      const [from, to] = [rawFrom, rawTo].map((f) => escapes(f, delim).replace(/\\(.)/gs, '$1')) as [string, string];
      if ([...from].length !== [...to].length) throw new SedError('strings for `y\' command are different lengths');
      cmd.from = from; cmd.to = to; i = n2;
    } else if (name === 'r' || name === 'w') {
      // busybox's parse_file_cmd: after blanks, the rest of the line
      while (script[i] === ' ' || script[i] === '\t') i++;
      const end = script.indexOf('\n', i);
      cmd.file = script.slice(i, end < 0 ? script.length : end);
      if (!cmd.file) throw new SedError('empty filename');
      i = end < 0 ? script.length : end;
    } else if (name === 'a' || name === 'i' || name === 'c') {
      if (script[i] === '\\') i++;
      while (script[i] === ' ' || script[i] === '\n') i++;
      const end = script.indexOf('\n', i);
      cmd.text = script.slice(i, end < 0 ? script.length : end).replace(/\\$/, '');
      i = end < 0 ? script.length : end;
    } else if (!SIMPLE.has(name)) throw new SedError(`unsupported command ${name}`);
    cmds.push(cmd);
  }
  for (const c of cmds) {
    if (c.label === undefined) continue;
    if (c.label === '') { c.jump = cmds.length; continue; }
    const at = labels.get(c.label);
    if (at === undefined) throw new SedError(`can't find label for jump to '${c.label}'`);
    c.jump = at;
  }
  for (const start of open) cmds[start]!.jump = cmds.length - 1;
  return cmds;
}
