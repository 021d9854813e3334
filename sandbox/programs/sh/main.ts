// The `sh` program (busybox ash compatible): `sh -c 'cmd' [name [args…]]`,
// `sh script [args…]`, or commands from standard input; -e -u -x -f options.
import type { Process, Program } from '../../kernel/process.ts';
import { SIGINT, SIGNALS, SIGTERM } from '../../kernel/signals.ts';
import type { Tty } from '../../kernel/tty.ts';
import { BUILTINS } from './builtins.ts';
import { ReturnFromFunction } from './control.ts';
import { LineEditor } from './line-editor.ts';
import { parseScript, ShSyntaxError } from './parser.ts';
import { ExitRequest } from '../../kernel/task.ts';
import { normalizePath } from '../../fs/path.ts';
import { Shell, type Executor } from './interp.ts';
import { ShellState } from './state.ts';

export function shProgram(executor: Executor): Program {
  return async (p) => {
    const args = p.argv.slice(1);
    const state = ShellState.fromEnv(p.env);
    state.shellPid = p.pid;
    state.arg0 = p.argv[0] ?? 'sh';
    if (!state.vars.has('PATH')) state.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    state.set('PPID', String(p.ppid));
    // As ash at start-up: PWD names the working directory (an inherited one is kept only when it still does).
    if (state.get('PWD') !== p.cwd) state.set('PWD', p.cwd, { export: true });
    let command: string | null = null;
    let interactiveFlag = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') { command = args[++i] ?? null; if (command === null) { await p.write(2, 'sh: -c requires an argument\n'); return 2; } continue; }
      if (a === '--' || a === '-') { i++; break; }
      if (a === '-i') { interactiveFlag = true; continue; }
      if (/^[-+][euxfvs]+$/.test(a)) {
        for (const c of a.slice(1)) {
          const on = a[0] === '-';
          if (c === 'e') state.options.errexit = on;
          else if (c === 'u') state.options.nounset = on;
          else if (c === 'x') state.options.xtrace = on;
          else if (c === 'f') state.options.noglob = on;
          else if (c === 'v') state.options.verbose = on;
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1 && command === null) { await p.write(2, `sh: illegal option ${a}\n`); return 2; }
      break;
    }
    const rest = args.slice(i);
    const sh = new Shell(p, state, executor);
    let status: number;
    try {
      if (command !== null) {
        if (rest.length > 0) { state.arg0 = rest[0]!; state.positional = rest.slice(1); }
        // Like ash, `sh -c 'cmd args'` with one simple command execs it (no extra process in ps).
        try {
          const script = parseScript(command);
          const only = script.length === 1 && !script[0]!.background ? script[0]!.command : null;
          // Only an external command named outright: a builtin (eval, ., command) may run more after it.
          const first = only?.type === 'simple' ? only.words[0] : undefined;
          sh.execLast = first !== undefined && first.length === 1 && first[0]!.type === 'lit' && !BUILTINS.has(first[0]!.text);
        } catch { /* runSource reports it */ }
        status = await sh.runSource(command);
      } else if (rest.length > 0) {
        const file = rest[0]!;
        state.arg0 = file;
        state.positional = rest.slice(1);
        let text: string;
        try {
          text = new TextDecoder().decode(p.fs.readFileSync(normalizePath(file, p.cwd)));
        } catch {
          await p.write(2, `sh: can't open '${file}': No such file or directory\n`);
          return 2;
        }
        status = await sh.runSource(text);
      } else if (p.tty(0) || interactiveFlag) {
        status = p.tty(0) ? await interactive(sh, p, p.tty(0)!) : await sh.runSource(await readAll(p));
      } else {
        status = await sh.runSource(await readAll(p));
      }
    } catch (e) {
      // `return` outside a function ends the script (-c, a file, stdin) with its status, as in ash.
      if (e instanceof ReturnFromFunction) status = e.status;
      else if (e instanceof ExitRequest) status = e.code;
      else throw e;
    }
    await sh.runExitTrap();
    return status;
  };
}

/** The interactive loop: prompt, edit, parse (PS2 for more), run; ^D ends it. */
async function interactive(sh: Shell, p: Process, tty: Tty): Promise<number> {
  sh.interactiveTty = tty;
  tty.foreground = p.pgid;
  p.setDisposition(SIGINT, 'catch');
  p.setDisposition(SIGNALS.SIGQUIT, 'ignore');
  p.setDisposition(SIGTERM, 'ignore');
  const editor = new LineEditor(p, tty, (before, word, first) => completions(sh, before, word, first));
  sh.history = editor.history;
  let buffer = '';
  for (;;) {
    p.takeSignals();
    const prompt = buffer ? expandPrompt(sh.state.get('PS2') ?? '> ', sh) : expandPrompt(sh.state.get('PS1') ?? '\\w \\$ ', sh);
    const line = await editor.readLine(prompt);
    if (line === null) {
      if (buffer) await sh.error('syntax error: unexpected end of file');
      return sh.state.lastStatus;
    }
    if (editor.interrupted) { buffer = ''; sh.state.lastStatus = 130; continue; }
    if (line === '' && !buffer) continue;
    buffer += line + '\n';
    try {
      parseScript(buffer);
    } catch (e) {
      if (e instanceof ShSyntaxError && e.incomplete) continue;
    }
    const src = buffer;
    buffer = '';
    if (src.trim()) sh.executor.commandEntered?.(src.slice(0, -1));
    try {
      await sh.runSource(src);
    } catch (e) {
      // `return` typed at the prompt only sets $?.
      if (!(e instanceof ReturnFromFunction)) throw e;
      sh.state.lastStatus = e.status;
    }
  }
}

/** PS1's escapes: \w \W \u \h \$ \n. */
function expandPrompt(ps: string, sh: Shell): string {
  const home = sh.state.get('HOME');
  const cwd = sh.p.cwd;
  return ps.replace(/\\([wWuhH$n\\])/g, (_, c: string) => {
    switch (c) {
      case 'w': return home && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
      case 'W': return cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
      case 'u': return sh.state.get('USER') ?? (sh.p.uid === 0 ? 'root' : String(sh.p.uid));
      case 'h': case 'H': return sh.p.hostname;
      case '$': return sh.p.uid === 0 ? '#' : '$';
      case 'n': return '\n';
      default: return '\\';
    }
  });
}

/**
 * Tab completion: commands for the first word; after it, the command's own
 * completer if it has one (docker's verbs, flags and names), else file names.
 */
async function completions(sh: Shell, before: string, word: string, first: boolean): Promise<string[]> {
  const out = new Set<string>();
  if (!first) {
    const words = before.trimStart().split(/\s+/);
    const own = sh.executor.completerFor?.(words[0]!.slice(words[0]!.lastIndexOf('/') + 1));
    const found = own ? await own(words) : null;
    if (found) return [...new Set(found.filter((c) => c.startsWith(word)))].sort();
  }
  if (first && !word.includes('/')) {
    for (const name of [...BUILTINS.keys(), ...sh.state.functions.keys()]) if (name.startsWith(word)) out.add(name);
    for (const dir of (sh.state.get('PATH') ?? '').split(':')) {
      try { for (const n of sh.p.fs.readdirSync(dir || '/')) if (n.startsWith(word)) out.add(n); } catch { /* missing dir */ }
    }
    return [...out].sort();
  }
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  try {
    for (const n of sh.p.fs.readdirSync(normalizePath(dirPart || '.', sh.p.cwd))) {
      if (!n.startsWith(base) || (n.startsWith('.') && !base.startsWith('.'))) continue;
      let isDir = false;
      try { isDir = sh.p.fs.statSync(normalizePath(dirPart + n, sh.p.cwd)).type === 'dir'; } catch { /* dangling */ }
      out.add(dirPart + n + (isDir ? '/' : ''));
    }
  } catch { /* no such dir */ }
  return [...out].sort();
}

async function readAll(p: Parameters<Program>[0]): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const c = await p.read(0);
    if (!c) break;
    parts.push(c);
    size += c.length;
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of parts) { all.set(c, off); off += c.length; }
  return new TextDecoder().decode(all);
}
