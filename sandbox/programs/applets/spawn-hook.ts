// How applets run other commands (find -exec, xargs, env CMD): the userland
// registers its resolver here at start-up, so applets need not import the
// registry (which imports them).
import type { Process } from '../../kernel/process.ts';

export type CommandRunner = (p: Process, argv: string[], env?: Map<string, string>) => Promise<number>;

let runner: CommandRunner | null = null;

export function setCommandRunner(r: CommandRunner): void {
  runner = r;
}

/** Runs argv as a child (found through PATH) and waits; 127/126 with sh's messages. */
export function runCommand(p: Process, argv: string[], env?: Map<string, string>): Promise<number> {
  if (!runner) throw new Error('no userland registered');
  return runner(p, argv, env);
}
