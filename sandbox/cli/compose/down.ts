// docker compose down [-v] [--remove-orphans]: the project's containers
// stopped and removed (dependents first), then its networks, and with -v its
// named volumes and the containers' anonymous ones.
import { serviceOrder } from './model.ts';
import { Progress } from './progress.ts';
import { networkExists, projectContainers, volumeExists } from './resources.ts';
import type { ComposeCommand } from './types.ts';

export const down: ComposeCommand = {
  spec: {
    name: 'compose down', usage: 'compose down [OPTIONS] [SERVICES]', description: 'Stop and remove containers, networks',
    flags: [
      { name: 'remove-orphans', type: 'bool', description: 'Remove containers for services not defined in the Compose file' },
      { name: 'timeout', short: 't', type: 'int', description: 'Specify a shutdown timeout in seconds' },
      { name: 'volumes', short: 'v', type: 'bool', description: 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers' },
    ],
  },
  async run(ctx) {
    const { client, flags, io } = ctx;
    const project = ctx.project();
    const progress = new Progress(io, 'Running');
    const order = serviceOrder(project.services).map((s) => s.name).reverse();
    const rank = (service: string): number => { const i = order.indexOf(service); return i < 0 ? -1 : i; };
    const all = await projectContainers(client, project, flags.args);
    const orphans = all.filter((c) => !project.services.has(c.Labels['com.docker.compose.service'] ?? ''));
    const containers = all.filter((c) => project.services.has(c.Labels['com.docker.compose.service'] ?? '') || flags.bools.get('remove-orphans'))
      .sort((a, b) => rank(a.Labels['com.docker.compose.service']!) - rank(b.Labels['com.docker.compose.service']!));
    if (orphans.length > 0 && !flags.bools.get('remove-orphans')) {
      io.stderr(`WARN[0000] Found orphan containers ([${orphans.map((o) => o.Names[0]!.replace(/^\//, '')).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up. \n`);
    }
    const timeout = flags.strings.get('timeout');
    for (const c of containers) {
      const id = `Container ${c.Names[0]!.replace(/^\//, '')}`;
      if (c.State === 'running' || c.State === 'paused' || c.State === 'restarting') {
        progress.event(id, 'Stopping', 'working');
        await client.request('POST', `/containers/${c.Id}/stop`, { query: { ...(timeout !== undefined && { t: timeout }) } });
        progress.event(id, 'Stopped', 'done');
      }
      progress.event(id, 'Removing', 'working');
      await client.request('DELETE', `/containers/${c.Id}`, { query: { v: flags.bools.get('volumes') ?? false, force: true } });
      progress.event(id, 'Removed', 'done');
    }
    if (flags.args.length > 0) return 0;
    if (flags.bools.get('volumes')) {
      for (const v of project.volumes.values()) {
        if (v.external || !(await volumeExists(client, v.name))) continue;
        progress.event(`Volume ${v.name}`, 'Removing', 'working');
        await client.request('DELETE', `/volumes/${encodeURIComponent(v.name)}`);
        progress.event(`Volume ${v.name}`, 'Removed', 'done');
      }
    }
    for (const n of project.networks.values()) {
      if (n.external || !(await networkExists(client, n.name))) continue;
      progress.event(`Network ${n.name}`, 'Removing', 'working');
      await client.request('DELETE', `/networks/${encodeURIComponent(n.name)}`);
      progress.event(`Network ${n.name}`, 'Removed', 'done');
    }
    return 0;
  },
};
