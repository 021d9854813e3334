// A shell's state: variables (exported, read-only, function-local), positional
// parameters, functions, options (set -e -u -x -f), traps and the special
// parameters ($? $! $$). A subshell gets a copy (fork semantics), so nothing
// it changes reaches its parent.
import type { Command } from './ast.ts';

export interface Variable {
  value: string;
  exported: boolean;
  readonly: boolean;
}

export interface Options {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  verbose: boolean;
}

export class ShellError extends Error {
  override name = 'ShellError';
  constructor(message: string, readonly status = 2) {
    super(message);
  }
}

export class ShellState {
  readonly vars = new Map<string, Variable>();
  readonly functions = new Map<string, Command>();
  /** trap actions by signal number; 0 is EXIT. */
  readonly traps = new Map<number, string>();
  positional: string[] = [];
  arg0 = 'sh';
  options: Options = { errexit: false, nounset: false, xtrace: false, noglob: false, verbose: false };
  lastStatus = 0;
  lastBackground = 0;
  /** Stack of saved variables for `local` in function calls. */
  readonly locals: Array<Map<string, Variable | undefined>> = [];
  /** The shell's own PID ($$ stays the parent's in subshells). */
  shellPid = 0;
  /** Where variable memory is charged (the process's cgroup: x=$x$x loops hit memory.max). */
  memory: { charge(n: number): void; uncharge(n: number): void } | null = null;

  static fromEnv(env: Map<string, string>): ShellState {
    const s = new ShellState();
    for (const [k, v] of env) s.vars.set(k, { value: v, exported: true, readonly: false });
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Sets a variable (throws for a read-only one), keeping its export flag. */
  set(name: string, value: string, opts: { export?: boolean } = {}): void {
    const cur = this.vars.get(name);
    if (this.memory) {
      const delta = value.length - (cur?.value.length ?? 0);
      if (delta > 0) this.memory.charge(delta); else if (delta < 0) this.memory.uncharge(-delta);
    }
    if (cur) {
      if (cur.readonly) throw new ShellError(`${name}: is read only`, 2);
      cur.value = value;
      if (opts.export !== undefined) cur.exported = opts.export;
      return;
    }
    this.vars.set(name, { value, exported: opts.export ?? false, readonly: false });
  }

  unset(name: string): void {
    const cur = this.vars.get(name);
    if (cur?.readonly) throw new ShellError(`unset: ${name}: is read only`, 1);
    this.vars.delete(name);
  }

  /** The environment a command gets: exported variables. */
  environment(extra?: Array<[string, string]>): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported) env.set(k, v.value);
    for (const [k, v] of extra ?? []) env.set(k, v);
    return env;
  }

  /** The copy a subshell starts from (its memory is charged by the child: see Shell). */
  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    for (const [k, v] of this.functions) s.functions.set(k, v);
    for (const [k, v] of this.traps) s.traps.set(k, v);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.options = { ...this.options };
    s.lastStatus = this.lastStatus;
    s.lastBackground = this.lastBackground;
    s.shellPid = this.shellPid;
    return s;
  }

  /** `$-`: the single-letter options in effect. */
  flags(): string {
    const o = this.options;
    return (o.errexit ? 'e' : '') + (o.noglob ? 'f' : '') + (o.nounset ? 'u' : '') + (o.verbose ? 'v' : '') + (o.xtrace ? 'x' : '');
  }
}
