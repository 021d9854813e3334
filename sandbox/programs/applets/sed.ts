// sed [-n] [-E|-r] [-i[SUF]] [-e SCRIPT]... [SCRIPT] [FILE]...: the stream
// editor for what Dockerfiles and entrypoint scripts use — s (g, p, N, I, &,
// \1…\9), d, p, q, =, y, a/i/c text, {…} blocks, !, addresses (N, $,
// /re/, ranges) — with POSIX basic regexps unless -E.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { describe, err, out, readAll, openInput } from './lib.ts';
import { basicToExtended } from './text-lib.ts';

type Addr = { line: number } | { last: true } | { re: RegExp };
interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  re?: RegExp;
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

function compileRe(src: string, ere: boolean, flags = ''): RegExp {
  try {
    return new RegExp(ere ? src : basicToExtended(src), flags);
  } catch {
    throw new SedError(`bad regex '${src}'`);
  }
}

/** Reads a delimited field (s/a/b/, y/abc/xyz/, \%re%) with backslash escapes of the delimiter. */
function field(s: string, i: number, delim: string): [string, number] {
  let outStr = '';
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === delim) { outStr += delim; i++; continue; }
    if (c === '\\' && s[i + 1] === 'n') { outStr += '\n'; i++; continue; }
    if (c === '\\') { outStr += c + (s[i + 1] ?? ''); i++; continue; }
    if (c === delim) return [outStr, i + 1];
    outStr += c;
  }
  throw new SedError(`unterminated \`s' command`);
}

function parse(script: string, ere: boolean): Cmd[] {
  let i = 0;
  const skip = (): void => { while (i < script.length && /[\s;]/.test(script[i]!)) i++; };
  const addr = (): Addr | undefined => {
    if (/\d/.test(script[i] ?? '')) { const m = /^\d+/.exec(script.slice(i))!; i += m[0].length; return { line: Number(m[0]) }; }
    if (script[i] === '$') { i++; return { last: true }; }
    if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i]! : '/';
      const [re, next] = field(script, i + 1, delim);
      i = next;
      const flags = script[i] === 'I' ? (i++, 'i') : '';
      return { re: compileRe(re, ere, flags) };
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
          const delim = script[i]!;
          const [re, n1] = field(script, i + 1, delim);
          const [repl, n2] = field(script, n1, delim);
          i = n2;
          let flags = '';
          while (i < script.length && /[gpIi0-9]/.test(script[i]!)) {
            const f = script[i++]!;
            if (f === 'g') cmd.global = true;
            else if (f === 'p') cmd.print = true;
            else if (f === 'I' || f === 'i') flags += 'i';
            else cmd.nth = Number(f);
          }
          cmd.re = compileRe(re, ere, flags + 'g');
          cmd.repl = repl;
          break;
        }
        case 'y': {
          const delim = script[i]!;
          const [from, n1] = field(script, i + 1, delim);
          const [to, n2] = field(script, n1, delim);
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

function replacement(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\([0-9&n\\])|&/g, (all, g: string | undefined) => {
    if (all === '&') return m[0];
    if (g === 'n') return '\n';
    if (g === '&') return '&';
    if (g === '\\') return '\\';
    return m[Number(g)] ?? '';
  });
}

interface State { lineNo: number; last: boolean; out: string[]; quit: boolean; printDefault: boolean; hold: string }

function matches(a: Addr, line: string, s: State): boolean {
  if ('line' in a) return s.lineNo === a.line;
  if ('last' in a) return s.last;
  a.re.lastIndex = 0;
  return a.re.test(line);
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
        let n = 0;
        let changed = false;
        space = space.replace(c.re!, (...args: unknown[]) => {
          const groups = args.slice(0, -2) as string[];
          n++;
          if ((c.nth && n !== c.nth) || (!c.global && !c.nth && n > 1)) return groups[0]!;
          changed = true;
          const m = Object.assign([...groups], { index: 0, input: space }) as unknown as RegExpExecArray;
          return replacement(c.repl!, m);
        });
        if (changed && c.print) s.out.push(space + '\n');
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
  const s: State = { lineNo: 0, last: false, out: [], quit: false, printDefault: !quiet, hold: '' };
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
    await err(p, `-e expression #1: ${(e as Error).message}`);
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
  await out(p, run(cmds, all, quiet));
  return status;
};
