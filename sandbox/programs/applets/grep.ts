// grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...
// as busybox 1.37 built for Alpine (musl, so no -z): POSIX basic regexps by
// default, -E extended, -F fixed strings (regex-lib.ts, matched leftmost-
// longest). Each -e, each line of a -f file and each line of a pattern is a
// pattern of its own. -r/-R walk directories given as operands (with no
// operand busybox reads standard input, -r or not). Exit status: 0 a line
// was selected, 1 none, 2 an input could not be opened (even with -s) or a
// usage error; -q exits 0 at the first match whatever happened before.
import { SysError } from '../../kernel/errno.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { mayAccess, R_OK, sysErrorOf } from '../../kernel/vfs.ts';
import { GrepOutput, grepFile, QuietMatch, type GrepOptions } from './grep-file.ts';
import { Matcher } from './grep-match.ts';
import { abs } from './fsutils-lib.ts';
import { appletName, describe, err, openInput, readInput } from './lib.ts';
import { RegexError } from './regex-lib.ts';

const USAGE = `BusyBox v1.37.0 multi-call binary.

Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...

Search for PATTERN in FILEs (or stdin)

\t-H\tAdd 'filename:' prefix
\t-h\tDo not add 'filename:' prefix
\t-n\tAdd 'line_no:' prefix
\t-l\tShow only names of files that match
\t-L\tShow only names of files that don't match
\t-c\tShow only count of matching lines
\t-o\tShow only the matching part of line
\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise
\t-v\tSelect non-matching lines
\t-s\tSuppress open and read errors
\t-r\tRecurse
\t-R\tRecurse and dereference symlinks
\t-i\tIgnore case
\t-w\tMatch whole words only
\t-x\tMatch whole lines only
\t-F\tPATTERN is a literal (not regexp)
\t-E\tPATTERN is an extended regexp
\t-m N\tMatch up to N times per file
\t-A N\tPrint N lines of trailing context
\t-B N\tPrint N lines of leading context
\t-C N\tSame as '-A N -B N'
\t-e PTRN\tPattern to match
\t-f FILE\tRead pattern from file
`;

/** Flags without a value; -a and -I are accepted and ignored, as in busybox. */
const FLAGS = 'lnqvscFiHhLorRwxEaI';
const WITH_VALUE = 'efmABC';

interface Args { flags: Set<string>; numbers: Map<string, number>; e: string[]; f: string[]; operands: string[] }

/** getopt32's parse with musl's messages; null after printing an error (exit 2). */
async function parseGrepArgs(p: Process): Promise<Args | null> {
  const argv = p.argv.slice(1);
  const a: Args = { flags: new Set(), numbers: new Map(), e: [], f: [], operands: [] };
  const usage = async (msg: string): Promise<null> => { await err(p, msg); await p.write(2, USAGE); return null; };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--') { a.operands.push(...argv.slice(k + 1)); break; }
    if (arg.startsWith('--')) {
      // --color[=WHEN] (any prefix of it): accepted, busybox never colours
      const name = arg.slice(2).split('=')[0]!;
      if (!name || !'color'.startsWith(name)) return usage(`unrecognized option: ${arg.slice(2)}`);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') { a.operands.push(arg); continue; }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      if (FLAGS.includes(c)) {
        a.flags.add(c);
        if (c === 'H') a.flags.delete('h'); // getopt32's "H-h"
        continue;
      }
      if (!WITH_VALUE.includes(c)) return usage(`unrecognized option: ${c}`);
      const v = j + 1 < arg.length ? arg.slice(j + 1) : argv[++k];
      if (v === undefined) return usage(`option requires an argument: ${c}`);
      if (c === 'e') a.e.push(v);
      else if (c === 'f') a.f.push(v);
      else {
        // xatoi_positive: digits only, within an unsigned int, then within 0..INT_MAX
        if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) { await err(p, `invalid number '${v}'`); return null; }
        if (Number(v) > 0x7fffffff) { await err(p, `number ${v} is not in 0..2147483647 range`); return null; }
        a.numbers.set(c, Number(v));
        a.flags.add(c);
        if (c === 'C') { a.flags.delete('A'); a.flags.delete('B'); } // "C-AB"
      }
      break;
    }
  }
  return a;
}

/** The lines of -f FILE ('-' is stdin). */
async function patternFile(p: Process, name: string): Promise<string[]> {
  const text = new TextDecoder().decode(await readInput(p, name));
  if (text === '') return [];
  const list = text.split('\n');
  if (text.endsWith('\n')) list.pop();
  return list;
}

export const grep: Program = async (p) => {
  if (p.argv.length === 2 && p.argv[1] === '--help') { await p.write(1, USAGE); return 0; }
  const args = await parseGrepArgs(p);
  if (!args) return 2;
  const f = args.flags;
  const ops = args.operands;
  const num = (c: string): number => (f.has(c) ? args.numbers.get(c)! : 0);
  const brief = f.has('c') || f.has('q') || f.has('l') || f.has('L');
  const opts: GrepOptions = {
    invert: f.has('v'), count: f.has('c'), quiet: f.has('q'), listMatching: f.has('l'), listOthers: f.has('L'),
    only: f.has('o'), lineNumbers: f.has('n') && !brief, max: f.has('m') ? num('m') : null,
    before: brief ? 0 : f.has('B') ? num('B') : num('C'),
    after: brief ? 0 : f.has('A') ? num('A') : num('C'),
  };
  const patterns = args.e.flatMap((e) => e.split('\n'));
  for (const name of args.f) {
    try { patterns.push(...(await patternFile(p, name))); } catch (e) { await err(p, `${name}: ${describe(e)}`); return 2; }
  }
  if (args.f.length > 0 && patterns.length === 0) {
    // -f EMPTY: GNU grep's "nothing matches" (busybox inverts an always-matching pattern)
    patterns.push(f.has('x') ? '.*' : '');
    opts.invert = !opts.invert;
  }
  if (patterns.length === 0) {
    const pattern = ops.shift();
    if (pattern === undefined) { await p.write(2, USAGE); return 2; }
    patterns.push(...pattern.split('\n'));
  }
  const name0 = appletName(p);
  const matchOpts = {
    fixed: f.has('F') || name0 === 'fgrep', extended: f.has('E') || name0 === 'egrep',
    icase: f.has('i'), word: f.has('w'), line: f.has('x'),
  };
  // busybox compiles a regexp when the first line needs it: no input, no complaint
  let matcher: Matcher | null = null;
  const getMatcher = (): Matcher => (matcher ??= new Matcher(patterns, matchOpts));

  const out = new GrepOutput(p, opts);
  out.withNames = (ops.length > 1 || f.has('H')) && !f.has('h');
  let matched = false;
  let openErrors = false;
  const complain = async (msg: string): Promise<void> => { await out.flush(); await err(p, msg); };
  const grepPath = async (fd: number, name: string): Promise<void> => {
    try {
      if (await grepFile(p, fd, name, getMatcher, opts, out)) matched = true;
    } finally {
      if (fd !== 0) p.close(fd);
    }
  };
  /** Opens and greps a file; a failure is reported (unless -s) and makes the status 2. */
  const grepNamed = async (name: string): Promise<void> => {
    let fd: number;
    try { fd = openInput(p, name); } catch (e) {
      if (!f.has('s')) await complain(`${name}: ${describe(e)}`);
      openErrors = true;
      return;
    }
    await grepPath(fd, name);
  };
  /** busybox's recursive_action: entries in directory order, links followed only with -R (a link to a file is read). */
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      if (!mayAccess(p.fs.statSync(abs(p, dir)), p.task.creds, R_OK)) throw new SysError('EACCES');
      names = p.fs.readdirSync(abs(p, dir));
    } catch (e) { await complain(`${dir}: ${describe(sysErrorOf(e))}`); return; }
    for (const entry of names) {
      const t = p.tick(); if (t) await t;
      const child = dir.endsWith('/') ? dir + entry : `${dir}/${entry}`;
      let st;
      try { st = f.has('R') ? p.fs.statSync(abs(p, child)) : p.fs.lstatSync(abs(p, child)); } catch (e) {
        await complain(`${child}: ${describe(sysErrorOf(e))}`);
        continue;
      }
      if (st.type === 'dir') { await walk(child); continue; }
      if (st.type === 'symlink') {
        try { if (p.fs.statSync(abs(p, child)).type === 'dir') continue; } catch (e) {
          if (!f.has('s')) await complain(`${child}: ${describe(sysErrorOf(e))}`);
          continue;
        }
      }
      await grepNamed(child);
    }
  };

  try {
    for (const name of ops.length > 0 ? ops : ['-']) {
      if (name === '-') { await grepPath(0, '(standard input)'); continue; }
      if (f.has('r') || f.has('R')) {
        let isDir = false;
        try { isDir = p.fs.statSync(abs(p, name)).type === 'dir'; } catch { /* open reports it */ }
        if (isDir) {
          if (!f.has('h')) out.withNames = true;
          await walk(name);
          continue;
        }
      }
      await grepNamed(name);
    }
  } catch (e) {
    if (e instanceof QuietMatch) { await out.flush(); return 0; }
    if (e instanceof RegexError) { await complain(e.message); return 2; }
    throw e;
  }
  await out.flush();
  if (openErrors) return 2;
  return matched ? 0 : 1;
};
