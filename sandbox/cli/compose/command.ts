// `docker compose` as the CLI's command table sees it: its flags, parsed
// with every other command's; the implementation (and the YAML parser)
// loads on first use, so the engine starts without them.
import type { Command } from '../command.ts';

export const compose: Command = {
  spec: {
    name: 'compose', usage: 'compose [OPTIONS] COMMAND', description: 'Docker Compose', stopAtFirstArg: true,
    flags: [
      { name: 'file', short: 'f', type: 'list', value: 'stringArray', description: 'Compose configuration files' },
      { name: 'project-name', short: 'p', type: 'string', description: 'Project name' },
      { name: 'project-directory', type: 'string', description: 'Specify an alternate working directory' },
      { name: 'progress', type: 'string', description: 'Set type of progress output (auto, tty, plain, json, quiet)' },
    ],
  },
  proxiesSignals: true,
  run: async (ctx) => (await import('./index.ts')).runCompose(ctx),
};
