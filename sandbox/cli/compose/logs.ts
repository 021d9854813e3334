// docker compose logs [-f] [--tail N] [-t] [SERVICE...]: every container's
// output behind its name (`web-1  | …`); with -f, followed until ^C.
import { followLogs, inspect } from './engine.ts';
import { LogPrinter } from './log-printer.ts';
import { projectContainers } from './resources.ts';
import type { ComposeCommand } from './types.ts';

export const logs: ComposeCommand = {
  spec: {
    name: 'compose logs', usage: 'compose logs [OPTIONS] [SERVICE...]', description: 'View output from containers',
    flags: [
      { name: 'follow', short: 'f', type: 'bool', description: 'Follow log output' },
      { name: 'no-log-prefix', type: 'bool', description: "Don't print prefix in logs" },
      { name: 'tail', short: 'n', type: 'string', description: 'Number of lines to show from the end of the logs for each container', default: 'all' },
      { name: 'timestamps', short: 't', type: 'bool', description: 'Show timestamps' },
    ],
  },
  async run({ client, io, flags, project: open }) {
    const project = open();
    const containers = await projectContainers(client, project, flags.args);
    const printer = new LogPrinter(io, !flags.bools.get('no-log-prefix'));
    const names = containers.map((c) => {
      const full = c.Names[0]!.replace(/^\//, '');
      return full.startsWith(`${project.name}-`) ? full.slice(project.name.length + 1) : full;
    });
    names.forEach((n) => printer.register(n));
    const follow = flags.bools.get('follow') ?? false;
    const each = async (i: number): Promise<void> => {
      const tty = (await inspect(client, containers[i]!.Id)).Config.Tty ?? false;
      await followLogs(client, containers[i]!.Id, names[i]!, printer, { follow, tty, tail: flags.strings.get('tail') ?? 'all', timestamps: flags.bools.get('timestamps') ?? false });
    };
    // Without -f one container after the other (a stable order); with -f all at once, as they write.
    if (follow) await Promise.all(containers.map((_, i) => each(i)));
    else for (let i = 0; i < containers.length; i++) await each(i);
    return 0;
  },
};
