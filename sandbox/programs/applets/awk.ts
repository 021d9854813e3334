// awk [-F SEP] [-v VAR=VAL]... [-f PROGFILE | -e PROGRAM | PROGRAM] [FILE | VAR=VAL]...:
// busybox's POSIX awk — the interpreter is in ./awk/ (lexer, parser, interp).
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { describe, readAll } from './lib.ts';
import { AwkError, AwkFatal } from './awk/error.ts';
import { Interp } from './awk/interp.ts';
import { bytesToBin, fromBin, toBin } from './awk/io.ts';
import { unescape } from './awk/lexer.ts';
import { parse, type AwkProgram } from './awk/parser.ts';

const USAGE = 'BusyBox v1.37.0 multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n'
  + '\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n';

const ASSIGNMENT = /^[A-Za-z0-9_][^=]*=/;

export const awk: Program = async (p) => {
  const argv = p.argv.slice(1);
  const usage = async (): Promise<number> => { await p.write(2, USAGE); return 1; };
  let fs: string | null = null;
  const vars: string[] = [];
  const sources: Array<{ name: string; text: string | null; file?: string }> = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a[1]!;
    if (!'Fvfe W'.includes(opt)) return usage();
    let val = a.slice(2);
    if (val === '') {
      const v = argv[++i];
      if (v === undefined) return usage();
      val = v;
    }
    if (opt === 'F') fs = unescape(toBin(val));
    else if (opt === 'v') { if (!ASSIGNMENT.test(val)) return usage(); vars.push(val); }
    else if (opt === 'f') sources.push({ name: val, text: null, file: val });
    else if (opt === 'e') sources.push({ name: 'cmd. line', text: val });
    else await p.write(2, 'awk: warning: option -W is ignored\n');
  }
  if (sources.length === 0) {
    const prog = argv[i++];
    if (prog === undefined) return usage();
    sources.push({ name: 'cmd. line', text: prog });
  }
  const texts: string[] = [];
  let progName = 'cmd. line';
  for (const s of sources) {
    if (s.file !== undefined) {
      try {
        texts.push(bytesToBin(s.file === '-' ? await readAll(p, 0) : p.fs.readFileSync(normalizePath(s.file, p.cwd))));
      } catch (e) {
        await p.write(2, `awk: can't open '${s.file}': ${describe(e)}\n`);
        return 1;
      }
      progName = s.file;
    } else texts.push(toBin(s.text!));
  }
  const text = texts.join('\n');
  let prog: AwkProgram;
  try {
    prog = parse(text);
  } catch (e) {
    // a bad /regexp/ dies in regcomp as the program is read: no line number
    if (e instanceof AwkFatal) { await p.write(2, `awk: ${fromBin(e.message)}\n`); return 1; }
    if (!(e instanceof AwkError)) throw e;
    await p.write(2, `awk: ${progName}:${e.line}: ${e.message}\n`);
    return 1;
  }
  const interp = new Interp(p, prog, progName);
  try {
    if (fs !== null) interp.assign('FS', fs);
    for (const v of vars) {
      const eq = v.indexOf('=');
      interp.assign(v.slice(0, eq), unescape(toBin(v.slice(eq + 1))));
    }
  } catch (e) {
    // -F or -v FS=/RS= with a bad regexp: busybox's regcomp dies right there
    if (!(e instanceof AwkFatal)) throw e;
    await p.write(2, `awk: ${fromBin(e.message)}\n`);
    return 1;
  }
  interp.setArgs(argv.slice(i).map(toBin));
  return interp.run();
};
