// sed [-n] [-E|-r] [-i[SUF]] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...:
// the stream editor, as busybox's runs a script (sed-parse.ts) over its
// input, a cycle per line: s (g, N, p, I, w FILE, &, \0…\9), y, d D p P n N q =
// h H g G x, a/i/c text, r/w FILE, {…} blocks, b/t/T to :labels, addresses (N, $,
// /re/, ranges, !), with POSIX basic regexps unless -E. A script that loops
// for ever (`:a;ba`) stays killable.
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, err, out, readInput } from './lib.ts';
import type { PosixRegExp } from './regex-lib.ts';
import { parse, SedError, type Addr, type Cmd } from './sed-parse.ts';

/** The replacement text for one match, as busybox's do_subst_w_backrefs: \0-\9 groups, & the match, \c the character c. */
function replacement(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\(.)|&/gs, (all, c: string | undefined) => {
    if (all === '&') return m[0];
    if (c! >= '0' && c! <= '9') return m[Number(c)] ?? '';
    return c!;
  });
}

interface State { lineNo: number; last: boolean; quit: boolean; printDefault: boolean; hold: string; lastRe: PosixRegExp | null }

/** The regexp to use: its own, or (for an empty one) the last one used. */
function regexp(re: PosixRegExp | null | undefined, s: State): PosixRegExp {
  const r = re ?? s.lastRe;
  if (!r) throw new SedError('no previous regexp');
  s.lastRe = r;
  return r;
}

function matches(a: Addr, line: string, s: State): boolean {
  if ('line' in a) return s.lineNo === a.line;
  if ('last' in a) return s.last;
  return regexp(a.re, s).test(line);
}

/**
 * s///: busybox's do_subst_command, with regexec's leftmost-longest matches
 * (`echo xyz | sed -E 's/x|xy/Q/'` gives Qz). An empty match right after a
 * non-empty one is not replaced (`echo hello | sed 's/l*\/X/g'` gives
 * XhXeXoX); after an empty match one character is copied before searching
 * again, and the end of the line is tried once. Returns the new text, or
 * null when nothing was replaced.
 */
function substitute(re: PosixRegExp, c: Cmd, space: string): string | null {
  const want = c.global ? 0 : c.nth ?? 1;
  // the groups cost a second match: only when the replacement names one
  const groups = /\\[1-9]/.test(c.repl!);
  let out = '';
  let pos = 0; // busybox's `line`: the text before it is in `out`
  let count = 0;
  let changed = false;
  let prevEmpty = true;
  let triedAtEol = false;
  for (let m = re.exec(space, 0, groups); m;) {
    const start = m.index;
    const end = start + m[0].length;
    count++;
    let next = end;
    if (want !== 0 && want !== count) {
      out += space.slice(pos, end);
      if (start === end && end < space.length) out += space[next++];
    } else {
      out += space.slice(pos, start);
      if (prevEmpty || start !== pos || start !== end) {
        out += replacement(c.repl!, m);
        changed = true;
      }
      prevEmpty = start === end;
      if (prevEmpty) {
        if (end >= space.length) triedAtEol = true;
        else out += space[next++];
      }
    }
    pos = next;
    if (want !== 0 && want === count) break;
    if (pos >= space.length) {
      if (triedAtEol) break;
      triedAtEol = true;
    }
    m = re.exec(space, pos, groups);
  }
  return changed ? out + space.slice(pos) : null;
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

/** The input, a line at a time; `$` is the line with none after it. */
class Input {
  private readonly lines: string[];
  private next = 0;
  /** `text` ends with a newline; `unterminated`: the last file did not (nor will the output's last line). */
  constructor(text: string, readonly unterminated: boolean) {
    this.lines = text.split('\n');
    this.lines.pop();
  }
  read(s: State): string | null {
    if (this.next >= this.lines.length) return null;
    s.lineNo++;
    return this.lines[this.next++]!;
  }
  get atEnd(): boolean { return this.next >= this.lines.length; }
}

/** Runs the program over the text: a cycle per line (D starts one on what is left of the pattern space). */
async function run(p: Process, cmds: Cmd[], text: string, quiet: boolean, unterminated: boolean): Promise<string> {
  const input = new Input(text, unterminated);
  // w's files are made empty first, as busybox opens them while reading the script.
  const written = new Map<string, { fd: number; data: string }>();
  for (const c of cmds) {
    if ((c.name !== 'w' && !(c.name === 's' && c.file)) || written.has(c.file!)) continue;
    try {
      written.set(c.file!, { fd: p.open(openPath(p.fs, normalizePath(c.file!, p.cwd), { write: true, create: true, truncate: true }, p.task.creds, p.fds)), data: '' });
    } catch (e) {
      for (const w of written.values()) p.close(w.fd);
      throw new SedError(`can't open '${c.file}': ${describe(e)}`);
    }
  }
  const s: State = { lineNo: 0, last: false, quit: false, printDefault: !quiet, hold: '', lastRe: null };
  const result: string[] = [];
  let appended: Array<{ text: string } | { file: string }> = [];
  // The last line had no newline: nor has its pattern space when that is the last thing written (busybox's puts_maybe_newline).
  let bare = -1;
  const emit = (line: string, space = false): void => {
    result.push(line + '\n');
    if (space && input.unterminated && input.atEnd) bare = result.length - 1;
  };
  /** a's text, and r's file as it is (nothing when it cannot be read), after the cycle's output. */
  const flushAppends = async (): Promise<void> => {
    for (const a of appended) {
      if ('text' in a) { emit(a.text); continue; }
      try {
        result.push(new TextDecoder().decode(await readInput(p, a.file)));
      } catch { /* as busybox: an unreadable file adds nothing */ }
    }
    appended = [];
  };
  let carried: string | null = null; // D: the pattern space the next cycle starts with
  let steps = 0;
  while (!s.quit) {
    let space: string;
    if (carried !== null) { space = carried; carried = null; } else {
      const line = input.read(s);
      if (line === null) break;
      space = line;
    }
    let autoprint = s.printDefault;
    let substituted = false;
    let pc = 0;
    cycle: while (pc < cmds.length) {
      if ((++steps & 255) === 0) { const t = p.tick(); if (t) await t; }
      s.last = input.atEnd;
      const c = cmds[pc]!;
      if (c.name === '}' || !selected(c, space, s)) { pc = c.name === '{' ? c.jump! + 1 : pc + 1; continue; }
      pc++;
      switch (c.name) {
        case '{': break;
        case 'b': pc = c.jump!; break;
        case 't': if (substituted) { substituted = false; pc = c.jump!; } break;
        case 'T': if (!substituted) pc = c.jump!; else substituted = false; break;
        case 's': {
          const replaced = substitute(regexp(c.re, s), c, space);
          if (replaced === null) break;
          space = replaced;
          substituted = true;
          if (c.print) emit(space, true);
          if (c.file) written.get(c.file)!.data += `${space}\n`;
          break;
        }
        case 'y': space = [...space].map((ch) => { const k = [...c.from!].indexOf(ch); return k >= 0 ? [...c.to!][k]! : ch; }).join(''); break;
        case 'd': autoprint = false; break cycle;
        case 'D': {
          const nl = space.indexOf('\n');
          autoprint = false;
          if (nl >= 0) carried = space.slice(nl + 1);
          break cycle;
        }
        case 'p': emit(space, true); break;
        case 'P': emit(space.split('\n')[0]!, true); break;
        case '=': emit(String(s.lineNo)); break;
        case 'a': appended.push({ text: c.text! }); break;
        case 'r': appended.push({ file: c.file! }); break;
        case 'w': written.get(c.file!)!.data += `${space}\n`; break;
        case 'i': emit(c.text!); break;
        case 'c': if (!c.a2 || !c.inRange) emit(c.text!); autoprint = false; break cycle;
        case 'n': case 'N': {
          // No next line: the script ends here (the pattern space printed as usual) and so does sed.
          if (input.atEnd) { s.quit = true; break cycle; }
          if (c.name === 'n' && s.printDefault) emit(space, true);
          await flushAppends();
          const next = input.read(s)!;
          space = c.name === 'n' ? next : `${space}\n${next}`;
          break;
        }
        case 'q': s.quit = true; break cycle;
        case 'h': s.hold = space; break;
        case 'H': s.hold += '\n' + space; break;
        case 'g': space = s.hold; break;
        case 'G': space += '\n' + s.hold; break;
        case 'x': [space, s.hold] = [s.hold, space]; break;
        default: break;
      }
    }
    if (autoprint) emit(space, true);
    await flushAppends();
  }
  for (const w of written.values()) {
    try { if (w.data) await p.write(w.fd, w.data); } finally { p.close(w.fd); }
  }
  if (bare >= 0 && bare === result.length - 1) result[bare] = result[bare]!.slice(0, -1);
  return result.join('');
}

const USAGE = `BusyBox v1.37.0 multi-call binary.

Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...
or: sed [-i[SFX]] [-nrE] CMD [FILE]...

\t-e CMD\tAdd CMD to sed commands to be executed
\t-f FILE\tAdd FILE contents to sed commands to be executed
\t-i[SFX]\tEdit files in-place (otherwise write to stdout)
\t\tOptionally back files up, appending SFX
\t-n\tSuppress automatic printing of pattern space
\t-r,-E\tUse extended regex syntax

If no -e or -f, the first non-option argument is the sed command string.
Remaining arguments are input files (stdin if none).
`;

export const sed: Program = async (p) => {
  const argv = p.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let ere = false;
  let inPlace: string | null = null;
  const operands: string[] = [];
  // getopt's way: -ne 's/x/y/p' bundles flags, -e and -f take the rest of the word or the next one, -i a suffix glued to it.
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') { operands.push(...argv.slice(k + 1)); break; }
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'n') quiet = true;
      else if (c === 'E' || c === 'r') ere = true;
      else if (c === 's') { /* each file separately: what -i does anyway */ }
      else if (c === 'i') { inPlace = a.slice(j + 1); break; }
      else if (c === 'e' || c === 'f') {
        const v = a.slice(j + 1) || argv[++k];
        if (v === undefined) { await err(p, `option requires an argument -- '${c}'`); return 1; }
        if (c === 'e') scripts.push(v);
        else {
          try { scripts.push(new TextDecoder().decode(await readInput(p, v)).replace(/\n$/, '')); } catch (e) {
            await err(p, `can't open '${v}': ${describe(e)}`);
            return 1;
          }
        }
        break;
      } else { await err(p, `unrecognized option '${a}'`); return 1; }
    }
  }
  if (scripts.length === 0) {
    const first = operands.shift();
    if (first === undefined) { await p.write(2, USAGE); return 1; }
    scripts.push(first);
  }
  files.push(...operands);
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
        const terminated = text === '' || text.endsWith('\n') ? text : `${text}\n`;
        if (inPlace) p.fs.writeFileSync(path + inPlace, text);
        const st = p.fs.statSync(path);
        p.fs.writeFileSync(path, await run(p, cmds.map((c) => ({ ...c, inRange: false })), terminated, quiet, terminated !== text), { mode: st.mode });
      } catch (e) {
        if (e instanceof SedError) { await err(p, e.message); return 1; }
        await err(p, `${f}: ${describe(e)}`);
        status = 1;
      }
    }
    return status;
  }
  let all = '';
  let unterminated = false;
  for (const f of files.length ? files : ['-']) {
    try {
      const chunk = new TextDecoder().decode(await readInput(p, f));
      if (chunk === '') continue;
      unterminated = !chunk.endsWith('\n');
      all += unterminated ? `${chunk}\n` : chunk;
    } catch (e) {
      await err(p, `${f}: ${describe(e)}`);
      status = 2;
    }
  }
  let text: string;
  try {
    text = await run(p, cmds, all, quiet, unterminated);
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    await err(p, e.message);
    return 1;
  }
  await out(p, text);
  return status;
};
