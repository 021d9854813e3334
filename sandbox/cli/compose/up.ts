// docker compose up [-d] [--build] [SERVICE...]: images built or pulled,
// the project's networks and volumes created, each service's container
// created (or recreated when its configuration changed) and started in
// dependency order — waiting for `service_healthy` and
// `service_completed_successfully` — then, unless -d, every container's
// output prefixed by its name until they all exit; ^C stops them.
import { EngineError } from '../../client/client.ts';
import { CliError } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { build } from '../commands/build.ts';
import { pull } from '../commands/run.ts';
import { imageExists, inspect, waitExit, waitHealthy, followLogs } from './engine.ts';
import { LogPrinter } from './log-printer.ts';
import { serviceOrder, type Project, type Service } from './model.ts';
import { Progress } from './progress.ts';
import { containerBody, containerName, createNetwork, createVolume, extraNetworks, networkExists, projectContainers, serviceImage, volumeExists } from './resources.ts';
import type { ComposeCommand, ComposeContext } from './types.ts';

export const up: ComposeCommand = {
  spec: {
    name: 'compose up', usage: 'compose up [OPTIONS] [SERVICE...]', description: 'Create and start containers',
    flags: [
      { name: 'build', type: 'bool', description: 'Build images before starting containers' },
      { name: 'detach', short: 'd', type: 'bool', description: 'Detached mode: Run containers in the background' },
      { name: 'force-recreate', type: 'bool', description: "Recreate containers even if their configuration and image haven't changed" },
      { name: 'no-build', type: 'bool', description: "Don't build an image, even if it's policy" },
      { name: 'no-recreate', type: 'bool', description: "If containers already exist, don't recreate them. Incompatible with --force-recreate." },
      { name: 'no-start', type: 'bool', description: "Don't start the services after creating them" },
      { name: 'remove-orphans', type: 'bool', description: 'Remove containers for services not defined in the Compose file' },
    ],
  },
  async run(ctx) {
    const { flags, io } = ctx;
    if (flags.bools.get('force-recreate') && flags.bools.get('no-recreate')) throw new CliError('--force-recreate and --no-recreate are incompatible', 1);
    const project = ctx.project();
    const services = selected(project, flags.args);
    const detach = flags.bools.get('detach') ?? false;
    const progress = new Progress(io, 'Running', undefined, !detach);
    await ensureImages(ctx, project, services, progress);
    await ensureNetworksAndVolumes(ctx, project, services, progress);
    const ids = await createContainers(ctx, project, services, progress);
    if (flags.bools.get('no-start')) return 0;
    const printer = new LogPrinter(io);
    if (!detach) {
      progress.done();
      for (const s of services) printer.register(shortName(project, s));
      io.stdout(`Attaching to ${services.map((s) => shortName(project, s)).join(', ')}\n`);
    }
    const logs: Array<Promise<void>> = [];
    for (const s of services) {
      const { id, wasRunning } = ids.get(s.name)!;
      await waitDependencies(ctx, project, s, ids, progress);
      if (!wasRunning) {
        progress.event(`Container ${containerName(project, s)}`, 'Starting', 'working');
        await ctx.client.request('POST', `/containers/${id}/start`);
        progress.event(`Container ${containerName(project, s)}`, 'Started', 'done');
      }
      if (!detach) logs.push(attachLogs(ctx, id, shortName(project, s), printer, wasRunning));
    }
    if (detach) return 0;
    const stopped = io.interrupt ? io.interrupt.then(() => 'interrupted' as const) : new Promise<never>(() => {});
    const outcome = await Promise.race([Promise.all(logs).then(() => 'exited' as const), stopped]);
    if (outcome === 'interrupted') {
      io.stdout('Gracefully stopping... (press Ctrl+C again to force)\n');
      const stopping = new Progress(io, 'Stopping');
      for (const s of [...services].reverse()) {
        const name = containerName(project, s);
        stopping.event(`Container ${name}`, 'Stopping', 'working');
        await ctx.client.request('POST', `/containers/${ids.get(s.name)!.id}/stop`).catch(() => { /* already stopped */ });
        stopping.event(`Container ${name}`, 'Stopped', 'done');
      }
    }
    return 0;
  },
};

/** `web-1`: a container's name without its project, as Compose prefixes logs with it. */
function shortName(project: Project, s: Service): string {
  return s.containerName ?? `${s.name}-1`;
}

/** The named services and everything they depend on, in start order. */
export function selected(project: Project, names: readonly string[]): Service[] {
  for (const n of names) if (!project.services.has(n)) throw new CliError(`no such service: ${n}`, 1);
  const order = serviceOrder(project.services);
  if (names.length === 0) return order;
  const wanted = new Set<string>();
  const add = (n: string): void => {
    if (wanted.has(n)) return;
    wanted.add(n);
    for (const d of project.services.get(n)!.dependsOn.keys()) add(d);
  };
  names.forEach(add);
  return order.filter((s) => wanted.has(s.name));
}

async function ensureImages(ctx: ComposeContext, project: Project, services: Service[], progress: Progress): Promise<void> {
  for (const s of services) {
    const image = serviceImage(project, s);
    const present = await imageExists(ctx.client, image);
    if (s.build && !ctx.flags.bools.get('no-build') && (ctx.flags.bools.get('build') || !present)) {
      await buildService(ctx, project, s);
    } else if (!present) {
      if (s.build) throw new CliError(`service "${s.name}" has no image to run: build it (docker compose build) or drop --no-build`, 1);
      progress.event(s.name, 'Pulling', 'working');
      try {
        await pull(ctx.client, image, () => {});
      } catch (e) {
        progress.event(s.name, 'Error', 'error');
        throw e instanceof EngineError ? new CliError(`Error response from daemon: ${e.message}`, 1) : e;
      }
      progress.event(s.name, 'Pulled', 'done');
    }
  }
}

/** Builds a service's image as `docker build` would, tagged as Compose tags it. */
export async function buildService(ctx: ComposeContext, project: Project, s: Service, noCache = false): Promise<void> {
  const b = s.build!;
  const argv = [b.context, '-t', serviceImage(project, s), '-f', b.dockerfile.startsWith('/') ? b.dockerfile : `${b.context}/${b.dockerfile}`];
  for (const [k, v] of b.args) argv.push('--build-arg', `${k}=${v}`);
  if (b.target) argv.push('--target', b.target);
  if (noCache) argv.push('--no-cache');
  const status = await build.run({ ...ctx, flags: parseFlags(build.spec, argv) });
  if (status !== 0) throw new CliError(`failed to solve: service "${s.name}" failed to build`, status);
}

async function ensureNetworksAndVolumes(ctx: ComposeContext, project: Project, services: Service[], progress: Progress): Promise<void> {
  const networks = new Set(services.flatMap((s) => [...s.networks.keys()]));
  for (const key of networks) {
    const n = project.networks.get(key)!;
    if (await networkExists(ctx.client, n.name)) continue;
    if (n.external) throw new CliError(`network ${n.name} declared as external, but could not be found`, 1);
    progress.event(`Network ${n.name}`, 'Creating', 'working');
    await createNetwork(ctx.client, project, key, n);
    progress.event(`Network ${n.name}`, 'Created', 'done');
  }
  const volumes = new Set(services.flatMap((s) => s.volumes.filter((m) => m.type === 'volume' && m.source).map((m) => m.source!)));
  for (const key of volumes) {
    const v = project.volumes.get(key)!;
    if (await volumeExists(ctx.client, v.name)) continue;
    if (v.external) throw new CliError(`external volume "${v.name}" not found`, 1);
    progress.event(`Volume "${v.name}"`, 'Creating', 'working');
    await createVolume(ctx.client, project, key, v);
    progress.event(`Volume "${v.name}"`, 'Created', 'done');
  }
}

type Created = Map<string, { id: string; wasRunning: boolean }>;

async function createContainers(ctx: ComposeContext, project: Project, services: Service[], progress: Progress): Promise<Created> {
  const existing = await projectContainers(ctx.client, project);
  const known = new Set(project.services.keys());
  const orphans = existing.filter((c) => !known.has(c.Labels['com.docker.compose.service'] ?? ''));
  if (orphans.length > 0) {
    if (ctx.flags.bools.get('remove-orphans')) {
      for (const o of orphans) {
        const name = o.Names[0]!.replace(/^\//, '');
        progress.event(`Container ${name}`, 'Removing', 'working');
        await ctx.client.request('DELETE', `/containers/${o.Id}`, { query: { force: true } });
        progress.event(`Container ${name}`, 'Removed', 'done');
      }
    } else {
      ctx.io.stderr(`WARN[0000] Found orphan containers ([${orphans.map((o) => o.Names[0]!.replace(/^\//, '')).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up. \n`);
    }
  }
  const out: Created = new Map();
  for (const s of services) {
    const name = containerName(project, s);
    const body = containerBody(project, s);
    const hash = (body.Labels as Record<string, string>)['com.docker.compose.config-hash'];
    const current = existing.find((c) => c.Labels['com.docker.compose.service'] === s.name);
    const imageId = (await ctx.client.json<{ Id: string }>('GET', `/images/${serviceImage(project, s)}/json`)).Id;
    if (current) {
      const state = await inspect(ctx.client, current.Id);
      const sameImage = (await ctx.client.json<{ Image: string }>('GET', `/containers/${current.Id}/json`)).Image === imageId;
      const stale = current.Labels['com.docker.compose.config-hash'] !== hash || !sameImage;
      if (!ctx.flags.bools.get('force-recreate') && (ctx.flags.bools.get('no-recreate') || !stale)) {
        if (state.State.Running) progress.event(`Container ${name}`, 'Running', 'done');
        out.set(s.name, { id: current.Id, wasRunning: state.State.Running });
        continue;
      }
      progress.event(`Container ${name}`, 'Recreate', 'working');
      await ctx.client.request('DELETE', `/containers/${current.Id}`, { query: { force: true } });
      out.set(s.name, { id: await create(ctx, project, s, name, body), wasRunning: false });
      progress.event(`Container ${name}`, 'Recreated', 'done');
      continue;
    }
    progress.event(`Container ${name}`, 'Creating', 'working');
    out.set(s.name, { id: await create(ctx, project, s, name, body), wasRunning: false });
    progress.event(`Container ${name}`, 'Created', 'done');
  }
  return out;
}

async function create(ctx: ComposeContext, project: Project, s: Service, name: string, body: Record<string, unknown>): Promise<string> {
  try {
    const { Id } = await ctx.client.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body });
    for (const n of extraNetworks(project, s)) {
      await ctx.client.request('POST', `/networks/${encodeURIComponent(n.name)}/connect`, { body: { Container: Id, EndpointConfig: { Aliases: n.aliases } } });
    }
    return Id;
  } catch (e) {
    if (e instanceof EngineError) throw new CliError(`Error response from daemon: ${e.message}`, 1);
    throw e;
  }
}

async function waitDependencies(ctx: ComposeContext, project: Project, s: Service, ids: Created, progress: Progress): Promise<void> {
  for (const [dep, cond] of s.dependsOn) {
    const target = ids.get(dep);
    if (!target || cond.condition === 'service_started') continue;
    const name = containerName(project, project.services.get(dep)!);
    progress.event(`Container ${name}`, 'Waiting', 'working');
    try {
      if (cond.condition === 'service_healthy') {
        await waitHealthy(ctx.client, target.id, name);
        progress.event(`Container ${name}`, 'Healthy', 'done');
      } else {
        const code = await waitExit(ctx.client, target.id);
        if (code !== 0) throw new Error(`service "${dep}" didn't complete successfully: exit ${code}`);
        progress.event(`Container ${name}`, 'Exited', 'done');
      }
    } catch (e) {
      progress.event(`Container ${name}`, 'Error', 'error');
      throw new CliError(`dependency failed to start: ${(e as Error).message}`, 1);
    }
  }
}

async function attachLogs(ctx: ComposeContext, id: string, name: string, printer: LogPrinter, wasRunning: boolean): Promise<void> {
  const info = await inspect(ctx.client, id);
  await followLogs(ctx.client, id, name, printer, { follow: true, tty: info.Config.Tty ?? false, ...(wasRunning && { tail: '0' }) });
  const after = await inspect(ctx.client, id);
  if (!after.State.Running) printer.status(name, `exited with code ${after.State.ExitCode}`);
}
