// The userland: which program an executable file runs. A built-in binary's
// content names its program (fs/executable.ts); busybox dispatches on the
// name it was called by; `#!` scripts run their interpreter; an executable
// text file without one runs under sh. This is exec(2)'s binfmt step, with
// sh's messages for what cannot run (127 not found, 126 not executable).
import { contentHead } from '../fs/content.ts';
import { isElf, programHeader } from '../fs/executable.ts';
import { basename, normalizePath } from '../fs/path.ts';
import type { Program } from '../kernel/process.ts';
import { mayAccess, X_OK } from '../kernel/vfs.ts';
import { APPLETS } from './applets/index.ts';
import { isWasm, wasiProgram } from './wasi/magic.ts';
import { realNodeRunner, runRealNode } from './node/real-node.ts';
import { setCommandRunner, type CommandRunner } from './applets/spawn-hook.ts';
import type { ArgCompleter, ExecContext, Executor } from './sh/interp.ts';
import { shProgram } from './sh/main.ts';

type Resolved = { program: Program; argv0: string; path: string } | { status: number; message: string };

const MAX_SHEBANG_DEPTH = 4;

/**
 * Programs other than busybox that images ship (by the name their binary
 * carries). Each loads on first use: node's runtime (QuickJS and Node's
 * built-ins) is large, and none is needed to start the engine.
 */
const PROGRAMS = new Map<string, Program>([
  ['nginx', async (p) => (await import('./nginx/main.ts')).nginx(p)],
  ['curl', async (p) => (await import('./curl/main.ts')).curl(p)],
  ['redis-server', async (p) => (await import('./redis/main.ts')).redisServer(p)],
  ['redis-cli', async (p) => (await import('./redis/cli.ts')).redisCli(p)],
  ['gosu', async (p) => (await import('./gosu/main.ts')).gosu(p)],
  ['npm', async (p) => (await import('./npm/main.ts')).npm(p)],
  ['npx', async (p) => (await import('./npm/main.ts')).npx(p)],
  ['node', async (p) => {
    // The host's real Node.js when it offers one (the page's optional WebContainer), else QuickJS.
    const real = realNodeRunner();
    return real ? runRealNode(p, real) : (await import('./node/main.ts')).node(p);
  }],
]);
PROGRAMS.set('apk', async (p) => (await import('./apk/main.ts')).apkProgram((name) => name === 'busybox' || PROGRAMS.has(name))(p));

/** A program the sandbox does not provide yet: says so plainly. */
function unavailable(name: string): Program {
  return async (p) => {
    await p.write(2, `${name}: this program is not available in the playground yet\n`);
    return 127;
  };
}

/** What a machine adds to the userland: programs by binary name, and their completers. */
export interface UserlandExtras {
  programs?: ReadonlyMap<string, Program>;
  completers?: ReadonlyMap<string, ArgCompleter>;
  /** Told of each command line run at an interactive shell of this userland. */
  onCommandEntered?: (line: string) => void;
}

export class Userland implements Executor {
  readonly sh: Program = shProgram(this);

  constructor(private readonly extras: UserlandExtras = {}) {}

  /** Applets that run other commands (find -exec, xargs, env) come back here. */
  private readonly runCommand: CommandRunner = async (p, argv, env) => {
    const found = this.resolve(p, argv[0] ?? '', (env ?? p.env).get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    if ('status' in found) {
      await p.write(2, `${basename(p.argv[0] ?? '')}: ${found.message}\n`);
      return found.status;
    }
    const child = p.spawn(found.program, { argv: [found.argv0, ...argv.slice(1)], env: env ?? new Map(p.env) });
    return (await p.waitChild(child)).code;
  };

  /** execve: the found program replaces the caller in its own process (caught signals back to default). */
  private readonly execCommand: CommandRunner = async (p, argv, env) => {
    const found = this.resolve(p, argv[0] ?? '', (env ?? p.env).get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    if ('status' in found) {
      await p.write(2, `${basename(p.argv[0] ?? '')}: ${found.message}\n`);
      return found.status;
    }
    p.task.argv = [found.argv0, ...argv.slice(1)];
    if (env) p.task.env = env;
    for (const [sig, d] of p.task.dispositions) if (d === 'catch') p.task.dispositions.set(sig, 'default');
    return found.program(p);
  };

  completerFor(command: string): ArgCompleter | undefined {
    return this.extras.completers?.get(command);
  }

  commandEntered(line: string): void {
    this.extras.onCommandEntered?.(line);
  }

  private readonly busybox: Program = async (p) => {
    let name = basename(p.argv[0] ?? '');
    if (name === 'busybox') {
      if (p.argv.length < 2) { await p.write(1, 'BusyBox v1.37.0 multi-call binary.\n'); return 0; }
      p.task.argv = p.argv.slice(1);
      name = basename(p.argv[0] ?? '');
    }
    if (name === 'sh' || name === 'ash') return this.sh(p);
    const applet = APPLETS.get(name);
    if (!applet) { await p.write(2, `${name}: applet not found\n`); return 127; }
    setCommandRunner(p.task, this.runCommand, this.execCommand);
    return applet(p);
  };

  /** Finds `name` (a path, or a command looked up in `path`) and what runs it. */
  resolve(p: ExecContext, name: string, path: string, depth = 0): Resolved {
    let file: string | null = null;
    if (name.includes('/')) {
      file = normalizePath(name, p.cwd);
      if (!p.fs.existsSync(file)) return { status: 127, message: `${name}: not found` };
    } else {
      for (const dir of path.split(':')) {
        const candidate = normalizePath(`${dir || '.'}/${name}`, p.cwd);
        try { if (p.fs.statSync(candidate).type === 'file') { file = candidate; break; } } catch { /* next */ }
      }
      if (!file) return { status: 127, message: `${name}: not found` };
    }
    const st = p.fs.statSync(file);
    if (st.type !== 'file' || !mayAccess(st, p.task.creds, X_OK)) return { status: 126, message: `${name}: Permission denied` };
    const content = p.fs.readContentSync(file);
    // argv[0] is the name as given (what ps shows), not the path PATH found.
    const argv0 = name;
    const header = programHeader(content);
    const exe = file;
    /** What runs `file`: the task records it (/proc/PID/exe) and the version its build carries. */
    const binary = (run: Program): Resolved => ({ program: (q) => { q.task.exe = exe; q.task.exeVersion = header?.version ?? null; return run(q); }, argv0, path: file });
    if (header?.program === 'busybox') return binary(this.busybox);
    if (header) {
      const run = this.extras.programs?.get(header.program) ?? PROGRAMS.get(header.program) ?? unavailable(header.program);
      // Programs may run or exec others too (gosu, nc -e): through this userland.
      return binary((q) => { setCommandRunner(q.task, this.runCommand, this.execCommand); return run(q); });
    }
    if (isElf(content)) return { status: 126, message: `${name}: Exec format error` };
    if (isWasm(contentHead(content, 4))) return binary(wasiProgram(file));
    const head = new TextDecoder().decode(contentHead(content, 256));
    if (head.startsWith('#!')) {
      if (depth >= MAX_SHEBANG_DEPTH) return { status: 126, message: `${name}: Exec format error` };
      const line = head.slice(2).split('\n')[0]!.trim();
      const [interp = '', ...interpArgs] = line.split(/\s+/);
      const inner = this.resolve(p, interp, path, depth + 1);
      if ('status' in inner) return { status: inner.status === 127 ? 127 : 126, message: `${name}: ${inner.status === 127 ? 'not found' : 'Exec format error'}` };
      const extra = interpArgs.length > 0 ? [interpArgs.join(' ')] : [];
      return { program: withArgs(inner.program, [...extra, file]), argv0: interp, path: file };
    }
    // An executable text file without #! runs under sh (ENOEXEC fallback).
    return { program: withArgs(this.sh, [file]), argv0: 'sh', path: file };
  }
}

/** Runs `program` with `extra` inserted after argv[0] (interpreter arguments). */
function withArgs(program: Program, extra: string[]): Program {
  return (p) => {
    p.task.argv = [p.argv[0]!, ...extra, ...p.argv.slice(1)];
    return program(p);
  };
}
