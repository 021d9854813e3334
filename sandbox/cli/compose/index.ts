// docker compose's implementation, loaded on first use (with the YAML
// parser): the plugin's verbs for compose.yaml — up, down, ps, logs, exec,
// build, config, version — over the same Engine API client as every docker
// command. Global flags (-f, -p, --project-directory) come before the verb.
import { CliError, runInterruptible, type CommandContext } from '../command.ts';
import { helpText, parseFlagsOrReport } from '../flags.ts';
import { build } from './build.ts';
import { config } from './config.ts';
import { down } from './down.ts';
import { exec } from './exec.ts';
import { logs } from './logs.ts';
import { openProject } from './project.ts';
import { ps } from './ps.ts';
import { COMPOSE_VERSION } from './resources.ts';
import type { ComposeCommand } from './types.ts';
import { up } from './up.ts';

const version: ComposeCommand = {
  spec: { name: 'compose version', usage: 'compose version [OPTIONS]', description: 'Show the Docker Compose version information', maxArgs: 0, flags: [{ name: 'short', type: 'bool', description: 'Shows only Compose\'s version number' }] },
  async run({ io, flags }) {
    io.stdout(flags.bools.get('short') ? `${COMPOSE_VERSION}\n` : `Docker Compose version v${COMPOSE_VERSION}\n`);
    return 0;
  },
};

const COMMANDS = new Map<string, ComposeCommand>([
  ['build', build], ['config', config], ['down', down], ['exec', exec], ['logs', logs], ['ps', ps], ['up', { ...up, proxiesSignals: true }], ['version', version],
]);

const USAGE = `
Usage:  docker compose [OPTIONS] COMMAND

Define and run multi-container applications with Docker

Options:
  -f, --file stringArray           Compose configuration files
  -p, --project-name string        Project name
      --project-directory string   Specify an alternate working directory
                                   (default: the path of the, first specified, Compose file)

Commands:
${[...COMMANDS.entries()].map(([n, c]) => `  ${n.padEnd(12)}${c.spec.description}`).join('\n')}

Run 'docker compose COMMAND --help' for more information on a command.
`;

export async function runCompose(ctx: CommandContext): Promise<number> {
  const { io, flags } = ctx;
  const [verb, ...rest] = flags.args;
  if (!verb || flags.help) { io.stdout(USAGE); return 0; }
  const command = COMMANDS.get(verb);
  if (!command) throw new CliError(`unknown docker command: "compose ${verb}"`, 1);
  const sub = parseFlagsOrReport(command.spec, rest, (s) => io.stderr(s));
  if (typeof sub === 'number') return sub;
  if (sub.help) { io.stdout(helpText(command.spec)); return 0; }
  const progress = flags.strings.get('progress');
  const subIo = progress === 'plain' ? { ...io, isTTY: false } : progress === 'tty' ? { ...io, isTTY: true } : io;
  const project = (): ReturnType<typeof openProject> => openProject(subIo, {
    files: flags.lists.get('file') ?? [],
    ...(flags.strings.get('project-name') && { projectName: flags.strings.get('project-name') }),
    ...(flags.strings.get('project-directory') && { projectDirectory: flags.strings.get('project-directory') }),
  });
  return runInterruptible((c) => command.run(c), { ...ctx, io: subIo, flags: sub, project }, command.proxiesSignals);
}
