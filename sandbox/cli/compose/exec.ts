// docker compose exec [-T] [-d] [-u] [-w] [-e] SERVICE COMMAND [ARGS...]:
// docker exec into the service's container, with a terminal by default
// when there is one (-T turns it off), as Compose does.
import { CliError } from '../command.ts';
import { exec as dockerExec } from '../commands/exec-inspect.ts';
import { parseFlags } from '../flags.ts';
import { containerName } from './resources.ts';
import type { ComposeCommand } from './types.ts';

export const exec: ComposeCommand = {
  spec: {
    name: 'compose exec', usage: 'compose exec [OPTIONS] SERVICE COMMAND [ARGS...]', description: 'Execute a command in a running container', minArgs: 2, stopAtFirstArg: true,
    flags: [
      { name: 'detach', short: 'd', type: 'bool', description: 'Detached mode: Run command in the background' },
      { name: 'env', short: 'e', type: 'list', description: 'Set environment variables' },
      { name: 'no-TTY', short: 'T', type: 'bool', description: 'Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.' },
      { name: 'user', short: 'u', type: 'string', description: 'Run the command as this user' },
      { name: 'workdir', short: 'w', type: 'string', description: 'Path to workdir directory for this command' },
    ],
  },
  async run(ctx) {
    const { flags, io } = ctx;
    const project = ctx.project();
    const [service, ...command] = flags.args;
    const s = project.services.get(service!);
    if (!s) throw new CliError(`service "${service}" is not running`, 1);
    const tty = !flags.bools.get('no-TTY') && io.isTTY;
    const argv = [
      ...(flags.bools.get('detach') ? ['-d'] : ['-i']), ...(tty ? ['-t'] : []),
      ...(flags.lists.get('env') ?? []).flatMap((e) => ['-e', e]),
      ...(flags.strings.get('user') ? ['-u', flags.strings.get('user')!] : []),
      ...(flags.strings.get('workdir') ? ['-w', flags.strings.get('workdir')!] : []),
      containerName(project, s), ...command,
    ];
    try {
      return await dockerExec.run({ ...ctx, flags: parseFlags(dockerExec.spec, argv) });
    } catch (e) {
      if ((e as Error).message.includes('is not running') || (e as Error).message.includes('No such container')) throw new CliError(`service "${service}" is not running`, 1);
      throw e;
    }
  },
};
