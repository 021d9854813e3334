// The docker CLI for the page's terminal: argv → the command → Engine API
// calls through the client → Docker's text and exit codes (125 for the
// CLI's own errors, 1 for an engine error, the container's status for run).
import { EngineError, type EngineClient } from '../client/client.ts';
import { CliError, runInterruptible, type Command } from './command.ts';
import { images } from './commands/images.ts';
import { ps } from './commands/ps.ts';
import { create, pull as pullImage, run } from './commands/run.ts';
import { kill, logs, restart, rm, start, stop } from './commands/containers.ts';
import { CLIENT, version } from './commands/version.ts';
import { build } from './commands/build.ts';
import { exec, history, inspect, rmi, tag } from './commands/exec-inspect.ts';
import { OBJECT_COMMANDS } from './commands/objects.ts';
import { commit, cp, groupUsage, load, save } from './commands/misc.ts';
import { MORE_COMMANDS } from './commands/more.ts';
import { compose } from './compose/command.ts';
import { helpText, parseFlagsOrReport } from './flags.ts';
import { clientFor, parseGlobalOptions } from './global-options.ts';
import type { CliIO } from './io.ts';

const pull: Command = {
  spec: { name: 'pull', usage: 'pull [OPTIONS] NAME[:TAG|@DIGEST]', description: 'Download an image from a registry', minArgs: 1, maxArgs: 1, flags: [{ name: 'quiet', short: 'q', type: 'bool', description: 'Suppress verbose output' }] },
  async run(ctx) {
    const ref = ctx.flags.args[0]!;
    const quiet = ctx.flags.bools.get('quiet') ?? false;
    const hasTag = ref.includes('@') || ref.slice(ref.lastIndexOf('/') + 1).includes(':');
    if (!hasTag && !quiet) ctx.io.stdout('Using default tag: latest\n');
    await pullImage(ctx.client, ref, (s) => { if (!quiet) ctx.io.stdout(s); });
    const full = `${ref.includes('/') ? (ref.split('/')[0]!.includes('.') ? '' : 'docker.io/') : 'docker.io/library/'}${hasTag ? ref : `${ref}:latest`}`;
    ctx.io.stdout(`${full}\n`);
    return 0;
  },
};

/** Group subcommands' cobra aliases → their names. */
const SUBCOMMAND_NAMES = new Map([['list', 'ls'], ['ps', 'ls'], ['remove', 'rm']]);

/** Verbs and their `docker <group> <verb>` aliases. */
const COMMANDS = new Map<string, Command>([
  ['version', version], ['ps', ps], ['images', images], ['run', run], ['create', create], ['pull', pull],
  ['rm', rm], ['start', start], ['stop', stop], ['kill', kill], ['restart', restart], ['logs', logs],
  ['commit', commit], ['cp', cp], ['save', save], ['load', load],
  ['build', build], ['exec', exec], ['inspect', inspect], ['rmi', rmi], ['tag', tag], ['history', history],
  ['compose', compose],
]);
const ALIASES = new Map<string, string>([
  ['container ls', 'ps'], ['container list', 'ps'], ['container ps', 'ps'], ['image ls', 'images'], ['image list', 'images'],
  ['container run', 'run'], ['container create', 'create'], ['image pull', 'pull'], ['container rm', 'rm'], ['container remove', 'rm'],
  ['container start', 'start'], ['container exec', 'exec'], ['container inspect', 'inspect'], ['image inspect', 'inspect'], ['image rm', 'rmi'], ['image remove', 'rmi'], ['image tag', 'tag'], ['image history', 'history'], ['image build', 'build'], ['container commit', 'commit'], ['container cp', 'cp'], ['image save', 'save'], ['image load', 'load'], ['builder build', 'build'], ['container stop', 'stop'], ['container kill', 'kill'], ['container restart', 'restart'], ['container logs', 'logs'],
]);

const USAGE = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  build       Build an image from a Dockerfile
  images      List images
  pull        Download an image from a registry
  version     Show the Docker version information

Container Commands:
  create      Create a new container
  logs        Fetch the logs of a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  kill        Kill one or more running containers
  inspect     Return low-level information on Docker objects
  history     Show the history of an image
  rmi         Remove one or more images
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Run 'docker COMMAND --help' for more information on a command.
`;

/** The verb (`ps`, `volume ls`, an alias resolved) that `args` start with, and the words after it. */
export function commandName(args: readonly string[]): { name: string; rest: string[] } {
  const name = args[0] ?? '';
  const rest = args.slice(1);
  if (rest[0] && ALIASES.has(`${name} ${rest[0]}`)) return { name: ALIASES.get(`${name} ${rest[0]}`)!, rest: rest.slice(1) };
  if (rest[0] && (OBJECT_COMMANDS.has(`${name} ${rest[0]}`) || MORE_COMMANDS.has(`${name} ${rest[0]}`))) return { name: `${name} ${rest[0]}`, rest: rest.slice(1) };
  return { name, rest };
}

export function findCommand(name: string): Command | undefined {
  return COMMANDS.get(name) ?? OBJECT_COMMANDS.get(name) ?? MORE_COMMANDS.get(name);
}

/** Every verb as typed: `run`, `container`, `volume ls`… (for completion). */
export function verbNames(): string[] {
  return [...COMMANDS.keys(), ...ALIASES.keys(), ...OBJECT_COMMANDS.keys(), ...MORE_COMMANDS.keys()];
}

/** Runs `docker <argv…>`; resolves to the exit status. */
export async function docker(argv: string[], engine: EngineClient, io: CliIO, now: () => number = Date.now): Promise<number> {
  const global = parseGlobalOptions(argv, io.env);
  if ('error' in global) {
    io.stderr(global.error);
    return global.code;
  }
  const args = global.args;
  const client = clientFor(global, engine, io);
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args[0] === '-v' || args[0] === '--version') {
    io.stdout(`Docker version ${CLIENT.Version}, build ${CLIENT.GitCommit}\n`);
    return 0;
  }
  const { name, rest } = commandName(args);
  if (name.startsWith('-')) {
    io.stderr(`unknown flag: ${name}\nSee 'docker --help'.\n`);
    return 125;
  }
  const command = findCommand(name);
  const group = !command && rest.length === 0 ? groupUsage(name) : null;
  if (group) {
    // As docker does: a group without its command prints its usage on stderr.
    io.stderr(group);
    return 0;
  }
  if (!command) {
    io.stderr(`docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information\n`);
    return 1;
  }
  const flags = parseFlagsOrReport(command.spec, rest, (s) => io.stderr(s));
  if (typeof flags === 'number') return flags;
  if (flags.help) {
    const aliases = [...ALIASES].filter(([, target]) => target === name).map(([alias]) => alias);
    // Cobra names a subcommand by its Name, not the alias typed: `container list` and `container ps` are `container ls`.
    const typed = args.slice(0, args.length - rest.length).map((w, i) => (i === 1 ? SUBCOMMAND_NAMES.get(w) ?? w : w)).join(' ');
    io.stdout(helpText(command.spec, aliases, io.isTTY ? io.columns : undefined, typed));
    return 0;
  }
  try {
    return await runInterruptible((ctx) => command.run(ctx), { client, io, flags, now: now() }, command.proxiesSignals);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`${e.message}\n`);
      return e.code;
    }
    if (e instanceof EngineError) {
      io.stderr(`Error response from daemon: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
