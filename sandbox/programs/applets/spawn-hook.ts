// How applets run other commands (find -exec, xargs, env CMD): the userland
// that starts an applet registers itself as that process's command runner,
// so applets need not import the registry (which imports them), and a
// machine's extra programs (the host's `docker`) stay that machine's own.
import type { Process } from '../../kernel/process.ts';
import type { Task } from '../../kernel/task.ts';

export type CommandRunner = (p: Process, argv: string[], env?: Map<string, string>) => Promise<number>;

const runners = new WeakMap<Task, CommandRunner>();
const execers = new WeakMap<Task, CommandRunner>();

/** Makes `r` the way `task`'s applets run commands (and `exec`, when given, the way they exec one). */
export function setCommandRunner(task: Task, r: CommandRunner, exec?: CommandRunner): void {
  runners.set(task, r);
  if (exec) execers.set(task, exec);
}

/** Runs argv as a child (found through PATH) and waits; 127/126 with sh's messages. */
export function runCommand(p: Process, argv: string[], env?: Map<string, string>): Promise<number> {
  const runner = runners.get(p.task);
  if (!runner) throw new Error('no userland registered for this process');
  return runner(p, argv, env);
}

/**
 * execve(2) for programs that hand over to another (gosu, su-exec): argv
 * (found through PATH) replaces the program in the same process — same PID,
 * descriptors and signals — and its exit status is the process's.
 */
export function execCommand(p: Process, argv: string[], env?: Map<string, string>): Promise<number> {
  const exec = execers.get(p.task);
  if (!exec) throw new Error('no userland registered for this process');
  return exec(p, argv, env);
}
