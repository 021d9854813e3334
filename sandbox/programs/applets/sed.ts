// sed [-n] [-E|-r] [-i[SUF]] [-e SCRIPT]... [SCRIPT] [FILE]...: the stream
// editor for what Dockerfiles and entrypoint scripts use — s (g, p, N, I, &,
// \1…\9), d, p, q, =, y, a/i/c text, {…} blocks, !, addresses (N, $,
// /re/, ranges) — with POSIX basic regexps unless -E.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { describe, err, out, readAll, openInput } from './lib.ts';
import { compilePosix, RegexError } from './regex-lib.ts';

/** A regexp of null is the last regexp used. */
type Addr = { line: number } | { last: true } | { re: RegExp | null };
interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  re?: RegExp | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  block?: Cmd[];
  inRange?: boolean;
}

class SedError extends Error {}

/** Compiles a POSIX regexp; regcomp's failures read as busybox's xregcomp prints them. */
function compileRe(src: string, ere: boolean, flags = ''): RegExp {
  try {
    return compilePosix(src, ere, flags);
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

function parse(script: string, ere: boolean): Cmd[] {
  let i = 0;
  const skip = (): void => { while (i < script.length && /[\s;]/.test(script[i]!)) i++; };
  const addr = (): Addr | undefined => {
    if (/\d/.test(script[i] ?? '')) { const m = /^\d+/.exec(script.slice(i))!; i += m[0].length; return { line: Number(m[0]) }; }
    if (script[i] === '$') { i++; return { last: true }; }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i]! : '/';
      const [raw, next] = scan(script, i + 1, delim, true);
      i = next;
      const flags = script[i] === 'I' ? (i++, 'i') : '';
      return { re: raw === '' ? null : compileRe(escapes(raw, null), ere, flags) };
    }
    return undefined;
  };
  const block = (): Cmd[] => {
    const cmds: Cmd[] = [];
    for (;;) {
      skip();
      if (i >= script.length || script[i] === '}') return cmds;
      const cmd: Cmd = { negate: false, name: '' };
      cmd.a1 = addr();
      if (cmd.a1 && script[i] === ',') { i++; cmd.a2 = addr(); }
      while (script[i] === ' ') i++;
      if (script[i] === '!') { cmd.negate = true; i++; while (script[i] === ' ') i++; }
      const name = script[i++];
      if (name === undefined) throw new SedError('missing command');
      cmd.name = name;
      switch (name) {
        case '{': cmd.block = block(); if (script[i] !== '}') throw new SedError('unmatched `{\''); i++; break;
        case 's': {
          const delim = script[i];
          if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError('bad format in substitution expression');
          const [raw, n1] = scan(script, i + 1, delim, true);
          const [repl, n2] = scan(script, n1, delim, false);
          i = n2;
          let flags = '';
          while (i < script.length && /[gpIi0-9]/.test(script[i]!)) {
            const f = script[i++]!;
            if (f === 'g') cmd.global = true;
            else if (f === 'p') cmd.print = true;
            else if (f === 'I' || f === 'i') flags += 'i';
            else cmd.nth = Number(f);
          }
          // An empty regexp is the last one used (`/x/s//y/`).
          cmd.re = raw === '' ? null : compileRe(escapes(raw, delim), ere, flags + 'g');
          cmd.repl = escapes(repl, delim === '&' ? null : delim);
          break;
        }
        case 'y': {
          const delim = script[i]!;
          const [rawFrom, n1] = scan(script, i + 1, delim, true);
          const [rawTo, n2] = scan(script, n1, delim, false);
          const [from, to] = [rawFrom, rawTo].map((f) => escapes(f, delim).replace(/\\(.)/gs, '$1')) as [string, string];
          if ([...from].length !== [...to].length) throw new SedError('strings for `y\' command are different lengths');
          cmd.from = from; cmd.to = to; i = n2;
          break;
        }
        case 'a': case 'i': case 'c': {
          if (script[i] === '\\') i++;
          while (script[i] === ' ' || script[i] === '\n') i++;
          const end = script.indexOf('\n', i);
          cmd.text = script.slice(i, end < 0 ? script.length : end).replace(/\\$/, '');
          i = end < 0 ? script.length : end;
          break;
        }
        case 'd': case 'p': case 'q': case 'Q': case '=': case 'n': case 'N': case 'D': case 'P': case 'h': case 'H': case 'g': case 'G': case 'x': case '#':
          if (name === '#') { while (i < script.length && script[i] !== '\n') i++; continue; }
          break;
        default: throw new SedError(`unsupported command ${name}`);
      }
      cmds.push(cmd);
    }
  };
  const cmds = block();
  if (i < script.length) throw new SedError('unexpected `}\'');
  return cmds;
}

/** The replacement text for one match, as busybox's do_subst_w_backrefs: \0-\9 groups, & the match, \c the character c. */
function replacement(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\(.)|&/gs, (all, c: string | undefined) => {
    if (all === '&') return m[0];
    if (c! >= '0' && c! <= '9') return m[Number(c)] ?? '';
    return c!;
  });
}

interface State { lineNo: number; last: boolean; out: string[]; quit: boolean; printDefault: boolean; hold: string; lastRe: RegExp | null }

/** The regexp to use: its own, or (for an empty one) the last one used. */
function regexp(re: RegExp | null | undefined, s: State): RegExp {
  const r = re ?? s.lastRe;
  if (!r) throw new SedError('no previous regexp');
  s.lastRe = r;
  return r;
}

function matches(a: Addr, line: string, s: State): boolean {
  if ('line' in a) return s.lineNo === a.line;
  if ('last' in a) return s.last;
  const re = regexp(a.re, s);
  re.lastIndex = 0;
  return re.test(line);
}

/**
 * s///: busybox's do_subst_command. An empty match right after a non-empty
 * one is not replaced (`echo hello | sed 's/l*\/X/g'` gives XhXeXoX).
 * Returns the new text, or null when nothing was replaced.
 */
function substitute(re: RegExp, c: Cmd, space: string): string | null {
  const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  const want = c.global ? 0 : c.nth ?? 1;
  let out = '';
  let from = 0; // text before this is already in `out`
  let count = 0;
  let changed = false;
  let prevEmpty = true;
  g.lastIndex = 0;
  for (let m = g.exec(space); m; m = g.exec(space)) {
    const start = m.index;
    const end = start + m[0].length;
    const skip = !prevEmpty && start === from && start === end;
    if (!skip) {
      count++;
      if (want === 0 || count === want) {
        out += space.slice(from, start) + replacement(c.repl!, m);
        from = end;
        changed = true;
      }
    }
    prevEmpty = start === end;
    if (want !== 0 && count >= want) break;
    if (start === end) g.lastIndex = end + 1;
    if (g.lastIndex > space.length) break;
  }
  return changed ? out + space.slice(from) : null;
}

function selected(c: Cmd, line: string, s: State): boolean {
  let hit: boolean;
  if (!c.a1) hit = true;
  else if (!c.a2) hit = matches(c.a1, line, s);
  else if (c.inRange) {
    hit = true;
    if (('line' in c.a2 && s.lineNo >= c.a2.line) || (!('line' in c.a2) && matches(c.a2, line, s))) c.inRange = false;
  } else if (matches(c.a1, line, s)) {
    hit = true;
    c.inRange = !('line' in c.a2 && c.a2.line <= s.lineNo);
  } else hit = false;
  return hit !== c.negate;
}

/** Runs the commands on one line; returns the line (or null when deleted). */
function exec(cmds: Cmd[], line: string, s: State): string | null {
  let space = line;
  for (const c of cmds) {
    if (!selected(c, space, s)) continue;
    switch (c.name) {
      case '{': { const r = exec(c.block!, space, s); if (r === null) return null; space = r; break; }
      case 's': {
        const replaced = substitute(regexp(c.re, s), c, space);
        if (replaced === null) break;
        space = replaced;
        if (c.print) s.out.push(space + '\n');
        break;
      }
      case 'y': space = [...space].map((ch) => { const k = [...c.from!].indexOf(ch); return k >= 0 ? [...c.to!][k]! : ch; }).join(''); break;
      case 'd': return null;
      case 'p': s.out.push(space + '\n'); break;
      case 'P': s.out.push(space.split('\n')[0] + '\n'); break;
      case '=': s.out.push(`${s.lineNo}\n`); break;
      case 'a': s.out.push('\0APPEND' + c.text + '\n'); break;
      case 'i': s.out.push(c.text + '\n'); break;
      case 'c': if (!c.a2 || !c.inRange) s.out.push(c.text + '\n'); return null;
      case 'q': s.quit = true; return space;
      case 'Q': s.quit = true; s.printDefault = false; return null;
      case 'h': s.hold = space; break;
      case 'H': s.hold += '\n' + space; break;
      case 'g': space = s.hold; break;
      case 'G': space += '\n' + s.hold; break;
      case 'x': [space, s.hold] = [s.hold, space]; break;
      default: break;
    }
  }
  return space;
}

function run(cmds: Cmd[], text: string, quiet: boolean): string {
  const lines = text.split('\n');
  const endsWithNl = text.endsWith('\n');
  if (endsWithNl) lines.pop();
  const s: State = { lineNo: 0, last: false, out: [], quit: false, printDefault: !quiet, hold: '', lastRe: null };
  const result: string[] = [];
  for (let k = 0; k < lines.length && !s.quit; k++) {
    s.lineNo = k + 1;
    s.last = k === lines.length - 1;
    s.out = [];
    const r = exec(cmds, lines[k]!, s);
    const appended = s.out.filter((x) => x.startsWith('\0APPEND')).map((x) => x.slice(7));
    result.push(...s.out.filter((x) => !x.startsWith('\0APPEND')));
    if (r !== null && s.printDefault) result.push(r + (s.last && !endsWithNl ? '' : '\n'));
    result.push(...appended);
  }
  return result.join('');
}

export const sed: Program = async (p) => {
  const argv = p.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let ere = false;
  let inPlace: string | null = null;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '-n') quiet = true;
    else if (a === '-E' || a === '-r') ere = true;
    else if (a.startsWith('-i')) inPlace = a.slice(2);
    else if (a === '-e') scripts.push(argv[++k] ?? '');
    else if (/^-[nEr]+$/.test(a)) { quiet ||= a.includes('n'); ere ||= /[Er]/.test(a); }
    else if (a.startsWith('-') && a !== '-') { await err(p, `unrecognized option '${a}'`); return 1; }
    else if (scripts.length === 0) scripts.push(a);
    else files.push(a);
  }
  let cmds: Cmd[];
  try {
    cmds = parse(scripts.join('\n'), ere);
  } catch (e) {
    await err(p, (e as Error).message);
    return 1;
  }
  let status = 0;
  if (inPlace !== null) {
    for (const f of files) {
      const path = normalizePath(f, p.cwd);
      try {
        const text = new TextDecoder().decode(p.fs.readFileSync(path));
        if (inPlace) p.fs.writeFileSync(path + inPlace, text);
        const st = p.fs.statSync(path);
        p.fs.writeFileSync(path, run(cmds.map((c) => ({ ...c, inRange: false })), text, quiet), { mode: st.mode });
      } catch (e) {
        if (e instanceof SedError) { await err(p, e.message); return 1; }
        await err(p, `${f}: ${describe(e)}`);
        status = 1;
      }
    }
    return status;
  }
  let all = '';
  for (const f of files.length ? files : ['-']) {
    try {
      const fd = openInput(p, f);
      const chunk = new TextDecoder().decode(await readAll(p, fd));
      if (fd !== 0) p.close(fd);
      all += chunk.endsWith('\n') || chunk === '' ? chunk : chunk + '\n';
    } catch (e) {
      await err(p, `${f}: ${describe(e)}`);
      status = 2;
    }
  }
  let text: string;
  try {
    text = run(cmds, all, quiet);
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    await err(p, e.message);
    return 1;
  }
  await out(p, text);
  return status;
};
