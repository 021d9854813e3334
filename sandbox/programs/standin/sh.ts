// STAND-IN, replaced by the real process model and busybox-compatible shell
// (the runtime issue). Until then, build steps (RUN) execute through this
// small interpreter so the builder works end to end with its final
// interface. It runs directly on the step's overlay filesystem and supports:
// `;` `&&` `||` `|` (buffered), redirections (> >> < 2> 2>&1), quoting,
// $VAR ${VAR} ${VAR:-x} $? $(...), `*` globs, `set -e`, and the commands in
// ./commands.ts. Anything else says plainly that it is not available yet.
import { isFsError } from '../../fs/errors.ts';
import type { OverlayFs } from '../../fs/overlay.ts';
import { basename, normalizePath } from '../../fs/path.ts';
import { programOf } from '../../fs/executable.ts';
import { contentHead } from '../../fs/content.ts';
import { COMMANDS, type Io } from './commands.ts';
import { expandGlob, tokenize, type Token } from './lex.ts';

export interface StandinProcess {
  fs: OverlayFs;
  env: Map<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  stdout(data: string | Uint8Array): void;
  stderr(data: string | Uint8Array): void;
}

const MAX_DEPTH = 16;

interface Shell extends StandinProcess {
  status: number;
  errexit: boolean;
  depth: number;
}

/** Runs argv as a process would run it (argv[0] resolved through PATH). */
export async function runProgram(argv: string[], p: StandinProcess): Promise<number> {
  return exec({ ...p, status: 0, errexit: false, depth: 0 }, argv, new Uint8Array(0));
}

class ExitSignal { constructor(readonly code: number) {} }

async function exec(sh: Shell, argv: string[], stdin: Uint8Array): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return 0;
  const builtin = BUILTINS.get(name);
  if (builtin) return builtin(sh, args);
  const path = resolveCommand(sh, name);
  if (!path) { sh.stderr(`/bin/sh: ${name}: not found\n`); return 127; }
  let st;
  try { st = sh.fs.statSync(path); } catch { sh.stderr(`/bin/sh: ${name}: not found\n`); return 127; }
  if (st.type === 'dir' || (st.mode & 0o111) === 0) { sh.stderr(`/bin/sh: ${name}: Permission denied\n`); return 126; }
  const content = sh.fs.readContentSync(path);
  const program = programOf(content);
  if (program === 'busybox') {
    const applet = basename(path) === 'busybox' ? args.shift() ?? '' : basename(path);
    if (applet === 'sh' || applet === 'ash') return runShellArgs(sh, args, stdin);
    const cmd = COMMANDS.get(applet);
    if (!cmd) { sh.stderr(`${applet}: not available in the playground yet (the busybox userland is being built)\n`); return 127; }
    return cmd(args, io(sh, stdin));
  }
  if (program) { sh.stderr(`${name}: the ${program} program is not available in the playground yet\n`); return 127; }
  const text = new TextDecoder().decode(contentHead(content, 2));
  if (text === '#!') return runShellArgs(sh, [path, ...args], stdin);
  sh.stderr(`/bin/sh: ${name}: Exec format error\n`);
  return 126;
}

function io(sh: Shell, stdin: Uint8Array): Io {
  return { fs: sh.fs, cwd: sh.cwd, env: sh.env, uid: sh.uid, gid: sh.gid, stdin, stdout: sh.stdout, stderr: sh.stderr };
}

function resolveCommand(sh: Shell, name: string): string | null {
  if (name.includes('/')) return normalizePath(name, sh.cwd);
  for (const dir of (sh.env.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const candidate = normalizePath(`${dir}/${name}`);
    if (sh.fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** `sh -c 'cmd'`, `sh script.sh args`. */
async function runShellArgs(parent: Shell, args: string[], stdin: Uint8Array): Promise<number> {
  if (parent.depth >= MAX_DEPTH) { parent.stderr('sh: too many nested shells\n'); return 2; }
  const sh: Shell = { ...parent, env: new Map(parent.env), status: 0, errexit: false, depth: parent.depth + 1 };
  while (args[0]?.startsWith('-') && args[0] !== '-c') {
    if (args[0].includes('e')) sh.errexit = true;
    args = args.slice(1);
  }
  let script: string;
  if (args[0] === '-c') {
    if (args[1] === undefined) { sh.stderr('sh: -c requires an argument\n'); return 2; }
    script = args[1];
  } else if (args[0] !== undefined) {
    try { script = new TextDecoder().decode(sh.fs.readFileSync(normalizePath(args[0], sh.cwd))); } catch { sh.stderr(`sh: can't open '${args[0]}': No such file or directory\n`); return 2; }
  } else {
    script = new TextDecoder().decode(stdin);
  }
  try {
    return await runScript(sh, script);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  }
}

async function runScript(sh: Shell, script: string): Promise<number> {
  let tokens: Token[];
  try { tokens = tokenize(script); } catch (e) { sh.stderr(`sh: syntax error: ${(e as Error).message}\n`); return 2; }
  let i = 0;
  let skip = false;
  while (i < tokens.length) {
    const pipeline: Token[][] = [[]];
    while (i < tokens.length && !['&&', '||', ';'].includes(tokens[i]!.op ?? '')) {
      const t = tokens[i++]!;
      if (t.op === '|') pipeline.push([]);
      else pipeline[pipeline.length - 1]!.push(t);
    }
    const sep = tokens[i]?.op;
    i++;
    if (!skip) {
      let input: Uint8Array = new Uint8Array(0);
      for (let k = 0; k < pipeline.length; k++) {
        const last = k === pipeline.length - 1;
        const chunks: Uint8Array[] = [];
        const stage: Shell = last ? sh : { ...sh, stdout: (d) => chunks.push(typeof d === 'string' ? new TextEncoder().encode(d) : d) };
        sh.status = await runSimple(stage, pipeline[k]!, input);
        input = concat(chunks);
      }
      if (sh.errexit && sh.status !== 0 && sep !== '&&' && sep !== '||') throw new ExitSignal(sh.status);
    }
    // And-or lists: what runs next depends on the last status and the operator.
    skip = sep === '&&' ? sh.status !== 0 : sep === '||' ? sh.status === 0 : false;
  }
  return sh.status;
}

async function runSimple(sh: Shell, tokens: Token[], stdin: Uint8Array): Promise<number> {
  const words: string[] = [];
  let out = sh.stdout;
  let err = sh.stderr;
  let input = stdin;
  const assigns: Array<[string, string]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.redirect === '2>&1') { err = out; continue; }
    if (t.redirect) {
      const target = await expandOne(sh, tokens[++i]);
      if (target === null) { sh.stderr('sh: syntax error: missing redirection target\n'); return 2; }
      if (t.redirect === '<') {
        try { input = sh.fs.readFileSync(normalizePath(target, sh.cwd)); } catch { sh.stderr(`sh: can't open ${target}: no such file\n`); return 1; }
        continue;
      }
      const sink = fileSink(sh, target, t.redirect.endsWith('>>'));
      if (!sink) return 1;
      if (t.redirect.startsWith('2')) err = sink; else out = sink;
      continue;
    }
    if (words.length === 0 && t.word && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.word.raw)) {
      const eq = t.word.raw.indexOf('=');
      assigns.push([t.word.raw.slice(0, eq), (await expandWordText(sh, t.word.raw.slice(eq + 1))) ?? '']);
      continue;
    }
    words.push(...(await expandToken(sh, t)));
  }
  if (words.length === 0) { for (const [k, v] of assigns) sh.env.set(k, v); return 0; }
  const env = new Map(sh.env);
  for (const [k, v] of assigns) env.set(k, v);
  return exec({ ...sh, env, stdout: out, stderr: err }, words, input);
}

function fileSink(sh: Shell, target: string, append: boolean): ((d: string | Uint8Array) => void) | null {
  if (target === '/dev/null') return () => {};
  const path = normalizePath(target, sh.cwd);
  try {
    sh.fs.writeFileSync(path, new Uint8Array(0), append && sh.fs.existsSync(path) ? { flag: 'a' } : { uid: sh.uid, gid: sh.gid });
  } catch (e) {
    sh.stderr(`sh: can't create ${target}: ${isFsError(e) ? e.description : String(e)}\n`);
    return null;
  }
  return (d) => sh.fs.writeFileSync(path, typeof d === 'string' ? new TextEncoder().encode(d) : d, { flag: 'a' });
}

async function expandOne(sh: Shell, t: Token | undefined): Promise<string | null> {
  if (!t?.word) return null;
  return (await expandToken(sh, t))[0] ?? '';
}

async function expandToken(sh: Shell, t: Token): Promise<string[]> {
  const text = await expandWordText(sh, t.word!.raw);
  if (text === null) return [];
  if (t.word!.quoted || !/[*?]/.test(text)) return t.word!.quoted || text !== '' ? [text] : [];
  return expandGlob(sh.fs, sh.cwd, text);
}

/** Expands $VAR, ${VAR}, ${VAR:-x}, $?, $$, $(cmd) and removes quotes. */
async function expandWordText(sh: Shell, raw: string): Promise<string | null> {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") { if (c === "'") quote = ''; else out += c; continue; }
    if (c === "'" && !quote) { quote = "'"; continue; }
    if (c === '"') { quote = quote ? '' : '"'; continue; }
    if (c === '\\' && i + 1 < raw.length) { out += raw[++i]; continue; }
    if (c !== '$') { out += c; continue; }
    const rest = raw.slice(i + 1);
    let m: RegExpExecArray | null;
    if (rest.startsWith('(')) {
      let depth = 0;
      let j = i + 1;
      for (; j < raw.length; j++) { if (raw[j] === '(') depth++; else if (raw[j] === ')' && --depth === 0) break; }
      const inner = raw.slice(i + 2, j);
      const chunks: Uint8Array[] = [];
      const sub: Shell = { ...sh, env: new Map(sh.env), stdout: (d) => chunks.push(typeof d === 'string' ? new TextEncoder().encode(d) : d), depth: sh.depth + 1 };
      if (sub.depth < MAX_DEPTH) await runScript(sub, inner);
      out += new TextDecoder().decode(concat(chunks)).replace(/\n+$/, '');
      i = j;
    } else if ((m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(rest))) {
      const v = sh.env.get(m[1]!);
      out += v === undefined || (v === '' && m[0].includes(':-')) ? (m[2] ?? '') : v;
      i += m[0].length;
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
      out += sh.env.get(m[0]) ?? '';
      i += m[0].length;
    } else if (rest[0] === '?') { out += String(sh.status); i++; }
    else if (rest[0] === '$') { out += '1'; i++; }
    else out += '$';
  }
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

type Builtin = (sh: Shell, args: string[]) => Promise<number>;

const BUILTINS = new Map<string, Builtin>([
  ['cd', async (sh, args) => {
    const dir = normalizePath(args[0] ?? sh.env.get('HOME') ?? '/', sh.cwd);
    try { if (sh.fs.statSync(dir).type !== 'dir') throw new Error(); } catch { sh.stderr(`sh: cd: can't cd to ${args[0]}: No such file or directory\n`); return 2; }
    sh.cwd = dir;
    return 0;
  }],
  ['export', async (sh, args) => {
    for (const a of args) { const eq = a.indexOf('='); if (eq > 0) sh.env.set(a.slice(0, eq), a.slice(eq + 1)); }
    return 0;
  }],
  ['unset', async (sh, args) => { for (const a of args) sh.env.delete(a); return 0; }],
  ['set', async (sh, args) => { for (const a of args) if (/^-[a-z]*e/.test(a)) sh.errexit = true; return 0; }],
  ['exit', async (_sh, args) => { throw new ExitSignal(Number(args[0] ?? 0) & 255); }],
  [':', async () => 0],
]);
