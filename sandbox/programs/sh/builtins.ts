// The shell's builtin commands, with busybox ash's options and messages.
// Special builtins (POSIX) keep assignments made with them and run even
// where a function of the same name exists.
import { normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import { parseSignal, SIGNALS, signalName } from '../../kernel/signals.ts';
import { mayAccess, X_OK } from '../../kernel/vfs.ts';
import { BreakLoop, ContinueLoop, ReturnFromFunction } from './control.ts';
import type { Shell } from './interp.ts';
import { echoBytes, encodeRaw } from './escapes.ts';
import { formatPrintf } from './printf.ts';
import { ShellError } from './state.ts';
import { evaluateTest } from './test-expr.ts';

/** A builtin; ones that need no I/O may answer synchronously. */
export type Builtin = (sh: Shell, argv: string[]) => number | Promise<number>;

const enc = new TextEncoder();
const out = (sh: Shell, s: string): Promise<number> => sh.p.write(1, enc.encode(s));

async function echo(sh: Shell, argv: string[]): Promise<number> {
  await sh.p.write(1, echoBytes(argv.slice(1)));
  return 0;
}

async function cd(sh: Shell, argv: string[]): Promise<number> {
  let target = argv[1];
  if (target === undefined) target = sh.state.get('HOME') ?? '/';
  if (target === '-') { target = sh.state.get('OLDPWD') ?? sh.p.cwd; await out(sh, target + '\n'); }
  const dir = normalizePath(target, sh.p.cwd);
  try {
    const st = sh.p.fs.statSync(dir);
    if (st.type !== 'dir') throw new SysError('ENOTDIR');
    if (!mayAccess(st, sh.p.task.creds, X_OK)) throw new SysError('EACCES');
  } catch (e) {
    const desc = e instanceof SysError ? e.description : 'No such file or directory';
    await sh.error(`cd: can't cd to ${argv[1] ?? target}: ${desc}`);
    return 2;
  }
  sh.state.set('OLDPWD', sh.p.cwd);
  sh.p.cwd = dir;
  sh.state.set('PWD', dir);
  return 0;
}

async function exportBuiltin(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    for (const [k, v] of [...sh.state.vars].sort(([a], [b]) => (a < b ? -1 : 1))) if (v.exported) await out(sh, `export ${k}='${v.value.replace(/'/g, `'"'"'`)}'\n`);
    return 0;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellError(`export: ${a}: bad variable name`, 2);
    sh.state.set(name, eq < 0 ? sh.state.get(name) ?? '' : a.slice(eq + 1), { export: true });
    if (eq < 0 && !sh.state.vars.has(name)) sh.state.vars.delete(name);
  }
  return 0;
}

async function readonlyBuiltin(sh: Shell, argv: string[]): Promise<number> {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (eq >= 0) sh.state.set(name, a.slice(eq + 1));
    const v = sh.state.vars.get(name) ?? { value: '', exported: false, readonly: false };
    sh.state.vars.set(name, { ...v, readonly: true });
  }
  return 0;
}

async function unset(sh: Shell, argv: string[]): Promise<number> {
  let functions = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') { functions = true; continue; }
    if (a === '-v') { functions = false; continue; }
    if (functions) sh.state.functions.delete(a);
    else sh.state.unset(a);
  }
  return 0;
}

async function set(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...sh.state.vars].sort(([a], [b]) => (a < b ? -1 : 1))) await out(sh, `${k}='${v.value.replace(/'/g, `'"'"'`)}'\n`);
    return 0;
  }
  const letters: Record<string, keyof typeof sh.state.options> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', v: 'verbose' };
  const names: Record<string, keyof typeof sh.state.options> = { errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob', verbose: 'verbose' };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; sh.state.positional = args.slice(i); return 0; }
    if ((a === '-o' || a === '+o') && args[i + 1]) {
      const opt = names[args[++i]!];
      if (!opt) { await sh.error(`set: illegal option -o ${args[i]}`); return 2; }
      sh.state.options[opt] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        const opt = letters[c];
        if (!opt) { await sh.error(`set: illegal option -${c}`); return 2; }
        sh.state.options[opt] = a[0] === '-';
      }
      continue;
    }
    break;
  }
  if (i < args.length) sh.state.positional = args.slice(i);
  return 0;
}

async function shift(sh: Shell, argv: string[]): Promise<number> {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) throw new ShellError(`shift: Illegal number: ${argv[1]}`, 2);
  if (n > sh.state.positional.length) throw new ShellError(`shift: can't shift that many`, 2);
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
}

function numberArg(name: string, arg: string | undefined, dflt: number): number {
  if (arg === undefined) return dflt;
  if (!/^-?\d+$/.test(arg)) throw new ShellError(`${name}: Illegal number: ${arg}`, 2);
  return Number(arg);
}

async function exit(sh: Shell, argv: string[]): Promise<number> {
  return sh.p.exit(numberArg('exit', argv[1], sh.state.lastStatus) & 0xff);
}

async function returnBuiltin(sh: Shell, argv: string[]): Promise<number> {
  throw new ReturnFromFunction(numberArg('return', argv[1], sh.state.lastStatus) & 0xff);
}

async function breakBuiltin(sh: Shell, argv: string[]): Promise<number> {
  const n = numberArg('break', argv[1], 1);
  if (!sh.inLoop) return 0;
  throw (argv[0] === 'continue' ? new ContinueLoop(Math.max(1, n)) : new BreakLoop(Math.max(1, n)));
}

/** read [-r] [-p prompt] [name ...]: one line from stdin, split by IFS. */
async function read(sh: Shell, argv: string[]): Promise<number> {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-r') raw = true;
    else if (a === '-p') { await sh.p.write(2, argv[++i] ?? ''); }
    else names.push(a);
  }
  if (names.length === 0) names.push('REPLY');
  const bytes: number[] = [];
  let eof = false;
  for (;;) {
    const b = await sh.p.read(0, 1);
    if (!b || b.length === 0) { eof = true; break; }
    if (b[0] === 10) {
      if (!raw && bytes[bytes.length - 1] === 92) { bytes.pop(); continue; }
      break;
    }
    bytes.push(b[0]!);
    if (bytes.length > 1 << 20) throw new ShellError('read: line too long', 1);
  }
  let line = new TextDecoder().decode(new Uint8Array(bytes));
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = sh.state.get('IFS') ?? ' \t\n';
  const ws = ifs.replace(/[^ \t\n]/g, '');
  const trimmed = ws ? line.replace(new RegExp(`^[${escapeClass(ws)}]+|[${escapeClass(ws)}]+$`, 'g'), '') : line;
  let rest = trimmed;
  names.forEach((name, i) => {
    if (i === names.length - 1) { sh.state.set(name, rest); return; }
    const m = ifs ? new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(ifs)}]+`).exec(rest) : null;
    if (m) { sh.state.set(name, m[1]!); rest = rest.slice(m[0].length); } else { sh.state.set(name, rest); rest = ''; }
  });
  return eof && bytes.length === 0 ? 1 : 0;
}

function escapeClass(s: string): string {
  return s.replace(/[\]\\^-]/g, '\\$&');
}

async function evalBuiltin(sh: Shell, argv: string[]): Promise<number> {
  return sh.runSource(argv.slice(1).join(' '));
}

async function dot(sh: Shell, argv: string[]): Promise<number> {
  const file = argv[1];
  if (!file) { await sh.error(`${argv[0]}: filename argument required`); return 2; }
  const candidates = file.includes('/') ? [normalizePath(file, sh.p.cwd)] : (sh.state.get('PATH') ?? '').split(':').map((d) => normalizePath(`${d || '.'}/${file}`, sh.p.cwd));
  for (const path of candidates) {
    let text: string;
    try { text = new TextDecoder().decode(sh.p.fs.readFileSync(path)); } catch { continue; }
    const saved = sh.state.positional;
    if (argv.length > 2) sh.state.positional = argv.slice(2);
    try {
      return await sh.runSource(text);
    } catch (e) {
      if (e instanceof ReturnFromFunction) return e.status;
      throw e;
    } finally {
      sh.state.positional = saved;
    }
  }
  throw new ShellError(`${argv[0]}: can't open '${file}': No such file or directory`, 2);
}

/** exec [cmd args]: replaces the shell with cmd (same PID); without cmd, keeps redirections. */
async function exec(sh: Shell, argv: string[]): Promise<number> {
  if (argv.length < 2) return 0;
  const found = sh.executor.resolve(sh.p, argv[1]!, sh.state.get('PATH') ?? '');
  if ('status' in found) { await sh.error(found.message); return sh.p.exit(found.status); }
  const task = sh.p.task;
  task.argv = [found.argv0, ...argv.slice(2)];
  task.env = sh.state.environment();
  for (const [sig, d] of task.dispositions) if (d === 'catch') task.dispositions.set(sig, 'default');
  sh.state.traps.clear();
  return sh.p.exit(await found.program(sh.p));
}

function trapSignal(name: string): number | null {
  if (name === 'EXIT' || name === '0') return 0;
  return parseSignal(name);
}

async function trap(sh: Shell, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [sig, action] of sh.state.traps) await out(sh, `trap -- '${action.replace(/'/g, `'"'"'`)}' ${sig === 0 ? 'EXIT' : signalName(sig).replace(/^SIG/, '')}\n`);
    return 0;
  }
  if (args[0] === '-l') { await out(sh, Object.entries(SIGNALS).map(([n, v]) => `${v}) ${n.slice(3)}`).join('\n') + '\n'); return 0; }
  const numericFirst = trapSignal(args[0]!) !== null && /^\d+$/.test(args[0]!);
  const action = numericFirst ? '-' : args.shift()!;
  let status = 0;
  for (const name of args) {
    const sig = trapSignal(name);
    if (sig === null) { await sh.error(`trap: ${name}: bad trap`); status = 1; continue; }
    if (action === '-') {
      sh.state.traps.delete(sig);
      if (sig !== 0) sh.p.setDisposition(sig, 'default');
    } else {
      sh.state.traps.set(sig, action);
      if (sig !== 0) sh.p.setDisposition(sig, action === '' ? 'ignore' : 'catch');
    }
  }
  return status;
}

async function wait(sh: Shell, argv: string[]): Promise<number> {
  const ids = argv.slice(1).map(Number);
  let status = 0;
  const targets = ids.length > 0 ? ids : [...sh.jobs.keys()];
  for (const id of targets) {
    const task = sh.jobs.get(id);
    if (!task) { status = 127; continue; }
    status = await sh.waitFor(task);
    sh.jobs.delete(id);
  }
  return ids.length > 0 ? status : 0;
}

async function kill(sh: Shell, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  let sig = 15;
  if (args[0] === '-l') { await out(sh, Object.keys(SIGNALS).map((n) => n.slice(3)).join(' ') + '\n'); return 0; }
  if (args[0] === '-s' && args[1]) { sig = parseSignal(args[1]) ?? -1; args = args.slice(2); }
  else if (args[0]?.startsWith('-') && args[0] !== '--') { sig = parseSignal(args[0].slice(1)) ?? -1; args = args.slice(1); }
  if (sig < 0) { await sh.error(`kill: bad signal name`); return 1; }
  if (args.length === 0) { await sh.error('kill: usage: kill [-s sigspec | -signum | -sigspec] pid | job... or kill -l [exitstatus]'); return 2; }
  let status = 0;
  for (const a of args) {
    try { sh.p.kill(Number(a), sig); } catch { await sh.error(`kill: can't kill pid ${a}: No such process`); status = 1; }
  }
  return status;
}

async function local(sh: Shell, argv: string[]): Promise<number> {
  const frame = sh.state.locals[sh.state.locals.length - 1];
  if (!frame) { await sh.error('local: not in a function'); return 2; }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!frame.has(name)) frame.set(name, sh.state.vars.get(name));
    sh.state.set(name, eq < 0 ? sh.state.get(name) ?? '' : a.slice(eq + 1));
  }
  return 0;
}

async function type(sh: Shell, argv: string[]): Promise<number> {
  let status = 0;
  for (const name of argv.slice(1)) {
    if (sh.state.functions.has(name)) await out(sh, `${name} is a function\n`);
    else if (BUILTINS.has(name)) await out(sh, `${name} is a ${SPECIAL_BUILTINS.has(name) ? 'special ' : ''}shell builtin\n`);
    else {
      const found = sh.executor.resolve(sh.p, name, sh.state.get('PATH') ?? '');
      if ('status' in found) { await out(sh, `${name}: not found\n`); status = 127; } else await out(sh, `${name} is ${found.path}\n`);
    }
  }
  return status;
}

async function command(sh: Shell, argv: string[]): Promise<number> {
  if (argv[1] === '-v' || argv[1] === '-V') {
    let status = 0;
    for (const name of argv.slice(2)) {
      if (sh.state.functions.has(name) || BUILTINS.has(name)) await out(sh, `${name}\n`);
      else {
        const found = sh.executor.resolve(sh.p, name, sh.state.get('PATH') ?? '');
        if ('status' in found) status = 127; else await out(sh, `${found.path}\n`);
      }
    }
    return status;
  }
  const args = argv.slice(1);
  if (args.length === 0) return 0;
  const b = BUILTINS.get(args[0]!);
  return b ? b(sh, args) : sh.runExternal(args);
}

async function umask(sh: Shell, argv: string[]): Promise<number> {
  if (!argv[1]) { await out(sh, sh.umask.toString(8).padStart(4, '0') + '\n'); return 0; }
  if (!/^[0-7]{1,4}$/.test(argv[1])) { await sh.error(`umask: Illegal number: ${argv[1]}`); return 1; }
  sh.umask = parseInt(argv[1], 8);
  return 0;
}

async function getopts(sh: Shell, argv: string[]): Promise<number> {
  const [optstring = '', name = 'OPTARG'] = argv.slice(1);
  const args = argv.length > 3 ? argv.slice(3) : sh.state.positional;
  let ind = Number(sh.state.get('OPTIND') ?? '1');
  let pos = Number(sh.state.get('_OPTPOS') ?? '1');
  const arg = args[ind - 1];
  if (arg === undefined || !arg.startsWith('-') || arg === '-' ) { sh.state.set(name, '?'); return 1; }
  if (arg === '--') { sh.state.set('OPTIND', String(ind + 1)); sh.state.set(name, '?'); return 1; }
  const c = arg[pos]!;
  const spec = optstring.indexOf(c);
  const advance = (): void => {
    if (pos + 1 < arg.length) { pos++; } else { ind++; pos = 1; }
    sh.state.set('OPTIND', String(ind));
    sh.state.set('_OPTPOS', String(pos));
  };
  if (spec < 0 || c === ':') {
    await sh.error(`illegal option -- ${c}`);
    sh.state.set(name, '?');
    advance();
    return 0;
  }
  if (optstring[spec + 1] === ':') {
    let value = arg.slice(pos + 1);
    if (value === '') { value = args[ind] ?? ''; ind++; }
    ind++;
    pos = 1;
    sh.state.set('OPTARG', value);
    sh.state.set('OPTIND', String(ind));
    sh.state.set('_OPTPOS', '1');
  } else {
    advance();
  }
  sh.state.set(name, c);
  return 0;
}

export const BUILTINS = new Map<string, Builtin>([
  ['echo', echo],
  ['printf', async (sh, argv) => {
    if (argv.length < 2) { await sh.error('printf: usage: printf FORMAT [ARGUMENT...]'); return 2; }
    const r = formatPrintf(argv[1]!, argv.slice(2));
    await sh.p.write(1, encodeRaw(r.text));
    for (const w of r.warnings) await sh.error(`printf: ${w}`);
    return r.warnings.length > 0 ? 1 : 0;
  }],
  ['test', (sh, argv) => evaluateTest(sh, argv.slice(1), 'test')],
  ['[', (sh, argv) => {
    if (argv[argv.length - 1] !== ']') return sh.error('[: missing ]').then(() => 2);
    return evaluateTest(sh, argv.slice(1, -1), '[');
  }],
  [':', () => 0],
  ['true', () => 0],
  ['false', () => 1],
  ['cd', cd],
  ['pwd', async (sh) => { await out(sh, sh.p.cwd + '\n'); return 0; }],
  ['export', exportBuiltin],
  ['readonly', readonlyBuiltin],
  ['unset', unset],
  ['set', set],
  ['shift', shift],
  ['exit', exit],
  ['return', returnBuiltin],
  ['break', breakBuiltin],
  ['continue', breakBuiltin],
  ['read', read],
  ['eval', evalBuiltin],
  ['.', dot],
  ['source', dot],
  ['exec', exec],
  ['trap', trap],
  ['wait', wait],
  ['kill', kill],
  ['local', local],
  ['type', type],
  ['command', command],
  ['umask', umask],
  ['getopts', getopts],
  // history: the interactive shell's lines, numbered from 0 as busybox's lineedit lists them.
  ['history', async (sh) => { await out(sh, (sh.history ?? []).map((line, i) => `${String(i).padStart(4)} ${line}\n`).join('')); return 0; }],
]);

export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset', 'local', 'source']);
