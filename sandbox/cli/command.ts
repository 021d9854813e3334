// What a docker CLI command is: its flags and usage (for parsing, --help
// and errors) and the function that runs it against the engine.
import { EngineError, type EngineClient } from '../client/client.ts';
import type { CommandSpec, ParsedFlags } from './flags.ts';
import type { CliIO } from './io.ts';

export interface CommandContext {
  client: EngineClient;
  io: CliIO;
  flags: ParsedFlags;
  /** Now, in ms since the epoch (ages in ps and images). */
  now: number;
}

export interface Command {
  spec: CommandSpec;
  run(ctx: CommandContext): Promise<number>;
  /** The command handles ^C itself (forwards it to a container) instead of ending with 130. */
  proxiesSignals?: boolean;
}

/**
 * Runs a command; at the user's ^C (io.interrupt) it ends with 130 as SIGINT
 * ends docker, its streams closed so the engine sees the client go — unless
 * the command proxies signals itself.
 */
export async function runInterruptible<C extends CommandContext>(run: (ctx: C) => Promise<number>, ctx: C, proxiesSignals = false): Promise<number> {
  const interrupt = ctx.io.interrupt;
  if (!interrupt || proxiesSignals) return run(ctx);
  const running = run({ ...ctx, client: ctx.client.cancelledBy(interrupt) });
  running.catch(() => { /* a failure after ^C is nobody's: the CLI has gone */ });
  return Promise.race([running, interrupt.then(() => 130)]);
}

/** A command-line error the CLI itself reports (exit 125). */
export class CliError extends Error {
  constructor(message: string, readonly code = 125) {
    super(message);
  }
}

/**
 * Runs `fn` for each argument (docker rm a b c): prints the line it returns,
 * or Docker's error for that argument; exit 1 if any failed.
 */
export async function forEachArg(ctx: CommandContext, fn: (arg: string) => Promise<string | null>): Promise<number> {
  let failed = false;
  for (const arg of ctx.flags.args) {
    try {
      const line = await fn(arg);
      if (line !== null) ctx.io.stdout(`${line}\n`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      ctx.io.stderr(`Error response from daemon: ${e.message}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
