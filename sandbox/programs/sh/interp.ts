// The shell interpreter: walks the syntax tree on top of the kernel. A
// pipeline's stages, ( subshells ), $(…) and & jobs are child processes with
// a copy of the shell state; builtins and functions run in the shell itself
// with redirections applied and undone around them; other commands are
// programs found through PATH and run as children. Traps run between
// commands; set -e, -u, -x behave as in ash.
import { isFsError } from '../../fs/errors.ts';
import { normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import { OpenFile, type FdTable } from '../../kernel/fd.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { ExitRequest, Interrupted, type Credentials, type Task } from '../../kernel/task.ts';
import type { Tty } from '../../kernel/tty.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { openPath } from '../../kernel/vfs.ts';
import { accountFields } from '../applets/info-lib.ts';
import type { Command, ListItem, Redirect, Script, WordPart } from './ast.ts';
import { BUILTINS, SPECIAL_BUILTINS, type Builtin } from './builtins.ts';
import { BreakLoop, ContinueLoop, ReturnFromFunction } from './control.ts';
import { expandFields, expandPattern, expandString, matchPattern, type ExpandContext } from './expand.ts';
import { parseScript, ShSyntaxError } from './parser.ts';
import { ShellError, type ShellState } from './state.ts';

/** Where a command is looked up: a filesystem, a directory, a user. */
export interface ExecContext {
  readonly fs: TreeFs;
  readonly cwd: string;
  readonly task: { readonly creds: Credentials };
}

/** How the shell finds programs (the userland registry implements it). */
export interface Executor {
  /** Resolves a command name or path to a program, or a status + message. */
  resolve(at: ExecContext, name: string, path: string): { program: Program; argv0: string; path: string } | { status: number; message: string };
  /** Programmable completion for a command's arguments (bash's `complete -F`), if the command has one. */
  completerFor?(command: string): ArgCompleter | undefined;
  /** An interactive shell is about to run a command line the user entered (what its history records). */
  commandEntered?(line: string): void;
}

/**
 * Completes the last of `words` (the command line split into words; the last
 * may be ''); null to complete file names instead.
 */
export type ArgCompleter = (words: string[]) => string[] | null | Promise<string[] | null>;


/** An in-memory read-only file (here-documents). */
class BufferFile extends OpenFile {
  readonly kind = 'heredoc';
  private offset = 0;
  constructor(private readonly data: Uint8Array) { super(); }
  async read(max: number): Promise<Uint8Array | null> {
    if (this.offset >= this.data.length) return null;
    const out = this.data.subarray(this.offset, this.offset + max);
    this.offset += out.length;
    return out;
  }
  async write(): Promise<number> { throw new SysError('EBADF'); }
  protected release(): void {}
}

/** A step of the interpreter: yields what it must wait for, returns its result. */
type Gen<T> = Generator<Promise<unknown>, T, unknown>;

function* callBuiltin(sh: Shell, b: Builtin, argv: string[]): Gen<number> {
  const r = runBuiltin(sh, b, argv);
  return r instanceof Promise ? (yield r) as number : r;
}

/** Errors a builtin's output can meet (a full disk, /dev/full): ash says "write error" and the builtin fails. */
const WRITE_ERRORS = new Set(['ENOSPC', 'EIO', 'EFBIG', 'EBADF', 'EROFS']);

function runBuiltin(sh: Shell, b: Builtin, argv: string[]): number | Promise<number> {
  const failed = (e: unknown): Promise<number> => {
    if (!(e instanceof SysError) || !WRITE_ERRORS.has(e.errno)) throw e;
    return sh.error(`write error: ${e.description}`).then(() => 1, () => 1);
  };
  try {
    const r = b(sh, argv);
    return r instanceof Promise ? r.catch(failed) : r;
  } catch (e) {
    return failed(e);
  }
}

function* noStatus(): Gen<number> {
  return 0;
}

/** Runs an interpreter generator: synchronously until it yields a promise, then asynchronously. */
function drive<T>(gen: Gen<T>): T | Promise<T> {
  let step = gen.next();
  if (step.done) return step.value;
  return (async () => {
    while (!step.done) {
      let value: unknown;
      try {
        value = await step.value;
      } catch (e) {
        step = gen.throw(e);
        continue;
      }
      step = gen.next(value);
    }
    return step.value;
  })();
}

export class Shell implements ExpandContext {
  /** >0 while evaluating a condition (if/while, && ||, !): set -e does not apply. */
  private conditionDepth = 0;
  private loopDepth = 0;
  functionDepth = 0;
  /** Background jobs started by this shell (`wait` waits for them). */
  readonly jobs = new Map<number, Task>();
  umask = 0o022;
  /**
   * Set in a subshell made to run one command: an external command then
   * replaces the subshell (same PID) instead of running as its child, as ash
   * does — so `sleep 1 &` or `ls | grep x` add one process per command.
   */
  execLast = false;
  /** An interactive shell on a terminal: runs commands in the foreground process group. */
  interactiveTty: Tty | null = null;
  /** The line editor's history, in an interactive shell (what `history` lists). */
  history: readonly string[] | null = null;

  constructor(readonly p: Process, readonly state: ShellState, readonly executor: Executor) {
    // The variables this shell holds count against its cgroup's memory.
    let held = 0;
    for (const v of state.vars.values()) held += v.value.length;
    p.charge(held);
    state.memory = { charge: (n) => p.charge(n), uncharge: (n) => p.uncharge(n) };
  }

  get cwd(): string { return this.p.cwd; }
  get fs() { return this.p.fs; }

  /** The expansion context is the shell itself. */
  private ctx(): ExpandContext {
    return this;
  }

  substitute(script: Script): Promise<string> {
    return this.commandSubstitution(script);
  }

  home(user: string): string | undefined {
    return accountFields(this.p, '/etc/passwd', user)?.[5];
  }

  async error(msg: string): Promise<void> {
    try { await this.p.write(2, `sh: ${msg}\n`); } catch { /* stderr gone */ }
  }

  // ---- scripts and lists ------------------------------------------------------
  //
  // The interpreter runs as generators that yield only promises it must wait
  // for (a child process, I/O, a time-slice boundary); `drive` resumes them
  // synchronously otherwise. A loop of builtins and arithmetic therefore
  // runs without a promise per command.

  /** Parses and runs source text (eval, ., -c). Syntax errors print and give 2. */
  async runSource(src: string): Promise<number> {
    let script: Script;
    try {
      script = parseScript(src);
    } catch (e) {
      if (e instanceof ShSyntaxError) { await this.error(e.message); this.state.lastStatus = 2; return 2; }
      throw e;
    }
    return this.runList(script);
  }

  runList(items: ListItem[]): Promise<number> {
    return Promise.resolve(drive(this.listG(items)));
  }

  run(cmd: Command): Promise<number> {
    return Promise.resolve(drive(this.runG(cmd)));
  }

  private *listG(items: ListItem[]): Gen<number> {
    let status = this.state.lastStatus;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.background) {
        const task = this.fork((sh) => sh.run(item.command), 'sh', undefined, item.command);
        this.state.lastBackground = task.nsPid;
        this.jobs.set(task.nsPid, task);
        status = 0;
      } else {
        const fast = this.fastPlan(item.command);
        if (fast !== null) {
          const t = this.p.tick();
          if (t) yield t;
          let r: number | Promise<number>;
          try { r = this.runFast(item.command as SimpleCommand, fast); } catch (e) {
            if (e instanceof ShellError) { yield this.error(e.message); this.p.exit(e.status); }
            throw e;
          }
          status = r instanceof Promise ? (yield r) as number : r;
          if (status !== 0 && this.state.options.errexit && this.conditionDepth === 0) { this.state.lastStatus = status; this.p.exit(status); }
        } else {
          status = yield* this.runG(item.command);
        }
      }
      this.state.lastStatus = status;
      if (this.p.task.pending.length > 0) yield this.runTraps();
    }
    return status;
  }

  /** Runs the actions of trapped signals that arrived. */
  async runTraps(): Promise<void> {
    const sigs = this.p.takeSignals();
    for (const sig of sigs) {
      const action = this.state.traps.get(sig);
      if (action === undefined || action === '') continue;
      const saved = this.state.lastStatus;
      await this.runSource(action);
      this.state.lastStatus = saved;
    }
  }

  // ---- commands ---------------------------------------------------------------

  private *runG(cmd: Command): Gen<number> {
    const t = this.p.tick();
    if (t) yield t;
    try {
      const status = yield* this.innerG(cmd);
      // set -e: a failing simple command, pipeline or subshell ends the shell,
      // unless it is being tested (if/while conditions, the left of && ||, !).
      if (status !== 0 && this.state.options.errexit && this.conditionDepth === 0
        && (cmd.type === 'simple' || cmd.type === 'subshell' || (cmd.type === 'pipeline' && !cmd.negate))) {
        this.state.lastStatus = status;
        this.p.exit(status);
      }
      return status;
    } catch (e) {
      if (e instanceof ShellError) {
        yield this.error(e.message);
        // Expansion errors end a non-interactive shell, as in ash.
        this.p.exit(e.status);
      }
      throw e;
    }
  }

  private *innerG(cmd: Command): Gen<number> {
    switch (cmd.type) {
      case 'simple': return yield* this.simpleG(cmd);
      case 'pipeline': return (yield this.runPipeline(cmd.commands, cmd.negate)) as number;
      case 'and': case 'or': {
        this.conditionDepth++;
        let left: number;
        try { left = yield* this.runG(cmd.left); } finally { this.conditionDepth--; }
        this.state.lastStatus = left;
        if ((cmd.type === 'and') !== (left === 0)) return left;
        return yield* this.runG(cmd.right);
      }
      case 'subshell': {
        const body = cmd.body;
        return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
          return (yield this.waitFor(this.fork((sh) => sh.runList(body), 'sh'))) as number;
        });
      }
      case 'group': {
        const body = cmd.body;
        return yield* this.redirectsG(cmd.redirects, function* (this: Shell) { return yield* this.listG(body); });
      }
      case 'if': return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
        for (const b of cmd.branches) {
          if ((yield* this.condG(b.cond)) === 0) return yield* this.listG(b.body);
        }
        return cmd.elseBody ? yield* this.listG(cmd.elseBody) : 0;
      });
      case 'while': case 'until': return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
        return yield* this.loopG(cmd.type, cmd.cond, cmd.body);
      });
      case 'for': return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
        const expanded = cmd.items ? expandFields(cmd.items, this) : [...this.state.positional];
        const items = expanded instanceof Promise ? (yield expanded) as string[] : expanded;
        let status = 0;
        this.loopDepth++;
        try {
          for (const item of items) {
            this.state.set(cmd.name, item);
            try {
              status = yield* this.listG(cmd.body);
            } catch (e) {
              if (this.loopControl(e) === 'break') break;
            }
          }
        } finally { this.loopDepth--; }
        return status;
      });
      case 'case': return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
        const s = expandString(cmd.subject, this);
        const subject = s instanceof Promise ? (yield s) as string : s;
        for (const item of cmd.items) {
          for (const pat of item.patterns) {
            const pp = expandPattern(pat, this);
            if (matchPattern(pp instanceof Promise ? (yield pp) as string : pp, subject)) return yield* this.listG(item.body);
          }
        }
        return 0;
      });
      case 'function':
        this.state.functions.set(cmd.name, cmd.body);
        return 0;
    }
  }

  private *condG(script: Script): Gen<number> {
    this.conditionDepth++;
    try { return yield* this.listG(script); } finally { this.conditionDepth--; }
  }

  /** Handles break/continue thrown from a loop body: 'break', 'continue' or rethrows. */
  private loopControl(e: unknown): 'break' | 'continue' {
    if (e instanceof BreakLoop) {
      if (e.levels > 1) throw new BreakLoop(e.levels - 1);
      return 'break';
    }
    if (e instanceof ContinueLoop) {
      if (e.levels > 1) throw new ContinueLoop(e.levels - 1);
      return 'continue';
    }
    throw e;
  }

  private *loopG(kind: 'while' | 'until', cond: Script, body: Script): Gen<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        const c = yield* this.condG(cond);
        if ((c === 0) !== (kind === 'while')) break;
        try {
          status = yield* this.listG(body);
        } catch (e) {
          if (this.loopControl(e) === 'break') break;
        }
      }
    } finally { this.loopDepth--; }
    return status;
  }

  get inLoop(): boolean { return this.loopDepth > 0; }

  // ---- simple commands --------------------------------------------------------

  /**
   * The hot path of loops: an assignment-only command, or a builtin named by
   * a literal word, with no redirections and nothing that could wait while
   * expanding (no command substitution) — run without generators. Returns
   * null when the command needs the general path.
   */
  private fastPlan(cmd: Command): Builtin | 'assign' | null {
    if (cmd.type !== 'simple' || cmd.redirects.length > 0 || this.state.options.xtrace) return null;
    let plan = FAST_PLANS.get(cmd);
    if (plan === undefined) {
      plan = planFast(cmd);
      FAST_PLANS.set(cmd, plan);
    }
    if (plan === false) return null;
    if (plan === 'assign') return plan;
    if (this.state.functions.size > 0 && this.state.functions.has(plan)) return null;
    return BUILTINS.get(plan) ?? null;
  }

  private runFast(cmd: SimpleCommand, plan: Builtin | 'assign'): number | Promise<number> {
    if (plan === 'assign') {
      const assigns = cmd.assigns;
      for (let i = 0; i < assigns.length; i++) this.state.set(assigns[i]!.name, expandString(assigns[i]!.value, this) as string);
      return 0;
    }
    return plan(this, expandFields(cmd.words, this) as string[]);
  }

  private *simpleG(cmd: Extract<Command, { type: 'simple' }>): Gen<number> {
    const fields = expandFields(cmd.words, this);
    const argv = fields instanceof Promise ? (yield fields) as string[] : fields;
    const assigns: Array<[string, string]> = [];
    for (const a of cmd.assigns) {
      const v = expandString(a.value, this);
      assigns.push([a.name, v instanceof Promise ? (yield v) as string : v]);
    }
    if (this.state.options.xtrace) {
      const shown = [...assigns.map(([k, v]) => `${k}=${v}`), ...argv].map(quoteForTrace).join(' ');
      yield this.p.write(2, `+ ${shown}\n`);
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.state.set(k, v);
      if (cmd.redirects.length === 0 && cmd.words.length === 0) return 0;
      const status = cmd.redirects.length === 0 ? 0 : yield* this.redirectsG(cmd.redirects, noStatus);
      return cmd.words.some((w) => w.some((p) => p.type === 'cmdsub')) ? this.state.lastStatus : status;
    }
    const name = argv[0]!;
    const fn = this.state.functions.get(name);
    const builtin = BUILTINS.get(name);
    // The common case first: a builtin with no assignments or redirections, often synchronous.
    if (builtin && !fn && assigns.length === 0 && cmd.redirects.length === 0) {
      const r = runBuiltin(this, builtin, argv);
      return r instanceof Promise ? (yield r) as number : r;
    }
    if (builtin && SPECIAL_BUILTINS.has(name)) {
      for (const [k, v] of assigns) this.state.set(k, v);
      return yield* this.redirectsG(cmd.redirects, function* (this: Shell) { return yield* callBuiltin(this, builtin, argv); });
    }
    if (fn) return yield* this.redirectsG(cmd.redirects, function* (this: Shell) { return yield* this.functionG(fn, argv, assigns); });
    if (builtin) {
      return yield* this.redirectsG(cmd.redirects, function* (this: Shell) {
        const saved = assigns.map(([k]) => [k, this.state.vars.get(k)] as const);
        for (const [k, v] of assigns) this.state.set(k, v, { export: true });
        try { return yield* callBuiltin(this, builtin, argv); } finally {
          for (const [k, v] of saved) v ? this.state.vars.set(k, v) : this.state.vars.delete(k);
        }
      });
    }
    return yield* this.redirectsG(cmd.redirects, function* (this: Shell) { return (yield this.runExternal(argv, assigns)) as number; });
  }

  private *functionG(body: Command, argv: string[], assigns: Array<[string, string]> = []): Gen<number> {
    if (this.functionDepth > 1000) throw new ShellError('function nesting too deep', 2);
    const savedPositional = this.state.positional;
    const savedVars = assigns.map(([k]) => [k, this.state.vars.get(k)] as const);
    for (const [k, v] of assigns) this.state.set(k, v, { export: true });
    this.state.positional = argv.slice(1);
    this.state.locals.push(new Map());
    this.functionDepth++;
    try {
      return yield* this.runG(body);
    } catch (e) {
      if (e instanceof ReturnFromFunction) return e.status;
      throw e;
    } finally {
      this.functionDepth--;
      for (const [k, v] of this.state.locals.pop()!) v ? this.state.vars.set(k, v) : this.state.vars.delete(k);
      for (const [k, v] of savedVars) v ? this.state.vars.set(k, v) : this.state.vars.delete(k);
      this.state.positional = savedPositional;
    }
  }

  /** Runs a program found through PATH as a child and waits for it. */
  async runExternal(argv: string[], assigns: Array<[string, string]> = []): Promise<number> {
    const found = this.executor.resolve(this.p, argv[0]!, this.state.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    if ('status' in found) {
      await this.error(found.message);
      return found.status;
    }
    if (this.execLast && this.state.traps.size === 0) {
      this.execLast = false;
      const task = this.p.task;
      task.argv = [found.argv0, ...argv.slice(1)];
      task.env = this.state.environment(assigns);
      return found.program(this.p);
    }
    let task: Task;
    try {
      task = this.p.spawn(found.program, { argv: [found.argv0, ...argv.slice(1)], env: this.state.environment(assigns) });
    } catch (e) {
      if (e instanceof SysError && e.errno === 'EAGAIN') { await this.error("can't fork: Resource temporarily unavailable"); return 2; }
      throw e;
    }
    return this.foreground([task], () => this.waitFor(task));
  }

  /** Job control on a terminal: the tasks become the foreground process group while `wait` runs. */
  async foreground(tasks: Task[], wait: () => Promise<number>): Promise<number> {
    const tty = this.interactiveTty;
    if (!tty || tasks.length === 0) return wait();
    const leader = tasks[0]!.pid;
    for (const t of tasks) this.p.setProcessGroup(t, leader);
    tty.foreground = leader;
    try {
      return await wait();
    } finally {
      tty.foreground = this.p.pgid;
    }
  }

  /** Waits for a child; trapped signals run their actions in between, as ash does. */
  async waitFor(task: Task): Promise<number> {
    for (;;) {
      try {
        const status = await this.p.waitChild(task, this.state.traps.size > 0);
        return status.code;
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        await this.runTraps();
      }
    }
  }

  // ---- processes --------------------------------------------------------------

  /** Starts a child process running `body` in a copy of this shell. */
  fork(body: (sh: Shell) => Promise<number>, name: string, fds?: Map<number, number>, single?: Command): Task {
    const state = this.state.clone();
    const executor = this.executor;
    const program: Program = async (p) => {
      const sh = new Shell(p, state, executor);
      sh.execLast = single?.type === 'simple';
      try {
        return await body(sh);
      } catch (e) {
        if (e instanceof ExitRequest) throw e;
        if (e instanceof ReturnFromFunction) return e.status;
        if (e instanceof BreakLoop || e instanceof ContinueLoop) return 0;
        throw e;
      } finally {
        await sh.runExitTrap();
      }
    };
    return this.p.spawn(program, { argv: [name], env: this.state.environment(), ...(fds && { fds }) });
  }

  async runExitTrap(): Promise<void> {
    const action = this.state.traps.get(0);
    if (action === undefined) return;
    this.state.traps.delete(0);
    try { await this.runSource(action); } catch (e) { if (!(e instanceof ExitRequest)) throw e; }
  }

  private async runPipeline(commands: Command[], negate: boolean): Promise<number> {
    if (commands.length === 1) {
      if (negate) this.conditionDepth++;
      try {
        const s = await this.run(commands[0]!);
        return negate ? Number(s === 0) : s;
      } finally { if (negate) this.conditionDepth--; }
    }
    const pipes: Array<[number, number]> = [];
    for (let i = 0; i < commands.length - 1; i++) pipes.push(this.p.pipe());
    const pipeFds = new Set(pipes.flat());
    const tasks: Task[] = [];
    try {
      commands.forEach((c, i) => {
        const fds = new Map<number, number>();
        for (const fd of this.p.fds.numbers()) if (!pipeFds.has(fd)) fds.set(fd, fd);
        if (i > 0) fds.set(0, pipes[i - 1]![0]);
        if (i < commands.length - 1) fds.set(1, pipes[i]![1]);
        tasks.push(this.fork((sh) => sh.run(c), 'sh', fds, c));
      });
    } catch (e) {
      if (e instanceof SysError && e.errno === 'EAGAIN') await this.error("can't fork: Resource temporarily unavailable");
      else throw e;
    } finally {
      for (const fd of pipeFds) this.p.close(fd);
    }
    let status = tasks.length === commands.length ? 0 : 2;
    status = await this.foreground(tasks, async () => {
      let s = status;
      for (const t of tasks) s = await this.waitFor(t);
      return s;
    });
    if (tasks.length !== commands.length) status = 2;
    return negate ? Number(status === 0) : status;
  }

  private async commandSubstitution(script: Script): Promise<string> {
    const [r, w] = this.p.pipe();
    const fds = new Map<number, number>();
    for (const fd of this.p.fds.numbers()) if (fd !== r && fd !== w) fds.set(fd, fd);
    fds.set(1, w);
    let task: Task;
    try {
      task = this.fork((sh) => sh.runList(script), 'sh', fds, script.length === 1 && !script[0]!.background ? script[0]!.command : undefined);
    } finally {
      this.p.close(w);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const c = await this.p.read(r);
        if (!c) break;
        size += c.length;
        this.p.charge(c.length);
        chunks.push(c);
      }
    } finally {
      this.p.close(r);
    }
    this.state.lastStatus = await this.waitFor(task);
    this.p.uncharge(size);
    const out = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.length; }
    return new TextDecoder().decode(out);
  }

  // ---- redirections -----------------------------------------------------------

  /** Applies redirections around `body`, then restores the descriptors. */
  private *redirectsG(redirects: Redirect[], body: (this: Shell) => Gen<number>): Gen<number> {
    if (redirects.length === 0) return yield* body.call(this);
    const restore: Array<[number, OpenFile | null]> = [];
    const fds = this.p.fds;
    try {
      for (const r of redirects) {
        const saved = fds.has(r.fd) ? fds.get(r.fd).retain() : null;
        restore.push([r.fd, saved]);
        const ok = (yield this.applyRedirect(r, fds)) as boolean;
        if (!ok) return 1;
      }
      return yield* body.call(this);
    } finally {
      for (const [fd, file] of restore.reverse()) {
        if (file) { fds.set(fd, file); file.drop(); } else fds.close(fd);
      }
    }
  }

  /** Applies one redirection permanently (exec >file uses this directly). */
  async applyRedirect(r: Redirect, fds: FdTable): Promise<boolean> {
    const ctx = this.ctx();
    if (r.heredoc) {
      const text = r.heredoc.quoted ? r.heredoc.body.map((p) => ('text' in p ? p.text : '')).join('') : await expandString(r.heredoc.body, ctx);
      fds.set(r.fd, new BufferFile(new TextEncoder().encode(text)));
      return true;
    }
    const target = await expandString(r.target, ctx);
    if (r.op === '<&' || r.op === '>&') {
      if (target === '-') { fds.close(r.fd); return true; }
      if (!/^\d+$/.test(target) || !fds.has(Number(target))) { await this.error(`${target}: bad file descriptor`); return false; }
      fds.dup2(Number(target), r.fd);
      return true;
    }
    const path = normalizePath(target, this.p.cwd);
    const flags = r.op === '<' ? { read: true }
      : r.op === '>>' ? { write: true, create: true, append: true }
      : r.op === '<>' ? { read: true, write: true, create: true }
      : { write: true, create: true, truncate: true };
    try {
      fds.set(r.fd, openPath(this.p.fs, path, flags, this.p.task.creds, fds, this.umask));
      return true;
    } catch (e) {
      if (e instanceof SysError || isFsError(e)) {
        const desc = e instanceof SysError ? e.description : e.description;
        await this.error(r.op === '<' ? `can't open '${target}': ${desc}` : `can't create ${target}: ${desc}`);
        return false;
      }
      throw e;
    }
  }
}

function quoteForTrace(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}

type SimpleCommand = Extract<Command, { type: 'simple' }>;

/** Per simple command: 'assign' (assignments only), a builtin name (literal first word), or false. */
const FAST_PLANS = new WeakMap<Command, string | false>();

function partsWait(parts: WordPart[]): boolean {
  for (const p of parts) {
    if (p.type === 'cmdsub') return true;
    if (p.type === 'dq' && partsWait(p.parts)) return true;
    if (p.type === 'arith' && partsWait(p.expr)) return true;
    if (p.type === 'param' && ((p.arg && partsWait(p.arg)) || (p.arg2 && partsWait(p.arg2)))) return true;
  }
  return false;
}

function planFast(cmd: Extract<Command, { type: 'simple' }>): string | false {
  if (cmd.words.some(partsWait) || cmd.assigns.some((a) => partsWait(a.value))) return false;
  if (cmd.words.length === 0) return cmd.assigns.length > 0 ? 'assign' : false;
  if (cmd.assigns.length > 0) return false;
  const first = cmd.words[0]!;
  if (first.length !== 1 || first[0]!.type !== 'lit') return false;
  const name = first[0]!.text;
  return BUILTINS.has(name) && !SPECIAL_BUILTINS.has(name) ? name : false;
}
