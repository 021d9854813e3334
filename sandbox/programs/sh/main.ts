// The `sh` program (busybox ash compatible): `sh -c 'cmd' [name [args…]]`,
// `sh script [args…]`, or commands from standard input; -e -u -x -f options.
import type { Program } from '../../kernel/process.ts';
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
    let command: string | null = null;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') { command = args[++i] ?? null; if (command === null) { await p.write(2, 'sh: -c requires an argument\n'); return 2; } continue; }
      if (a === '--' || a === '-') { i++; break; }
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
      } else {
        status = await sh.runSource(await readAll(p));
      }
    } catch (e) {
      if (!(e instanceof ExitRequest)) throw e;
      status = e.code;
    }
    await sh.runExitTrap();
    return status;
  };
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
