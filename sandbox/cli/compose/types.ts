// What a `docker compose` subcommand is: a docker CLI command whose context
// also opens the project (the compose file found from -f/-p and the cwd).
import type { CommandContext } from '../command.ts';
import type { CommandSpec } from '../flags.ts';
import type { Project } from './model.ts';

export interface ComposeContext extends CommandContext {
  /** Loads the project (throws CliError with Compose's message when the file is missing or wrong). */
  project(): Project;
}

export interface ComposeCommand {
  spec: CommandSpec;
  run(ctx: ComposeContext): Promise<number>;
  /** Handles ^C itself (up stops the containers) instead of ending with 130. */
  proxiesSignals?: boolean;
}
