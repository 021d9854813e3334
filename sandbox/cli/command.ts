// What a docker CLI command is: its flags and usage (for parsing, --help
// and errors) and the function that runs it against the engine.
import type { EngineClient } from '../client/client.ts';
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
}

/** A command-line error the CLI itself reports (exit 125). */
export class CliError extends Error {
  constructor(message: string, readonly code = 125) {
    super(message);
  }
}
