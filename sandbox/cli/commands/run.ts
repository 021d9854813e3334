// docker run / docker create: flags → the create request (pulling a built-in
// image that is not there yet, as the CLI does), then for run: attach,
// wait, start, and the container's output on our stdout/stderr; -d prints
// the ID; the exit status is the container's (125/126/127 for failures).
import type { ContainerCreateBody, HealthcheckBody } from '../../api/types.ts';
import { parseGoDuration } from '../../api/units.ts';
import { EngineError, type EngineClient } from '../../client/client.ts';
import { CliError, type Command, type CommandContext } from '../command.ts';
import { Demuxer } from '../demux.ts';
import { keyValues, type FlagSpec, type ParsedFlags } from '../flags.ts';
import { withRawTerminal, type CliIO } from '../io.ts';
import { MountOptError, parseMount, type MountBody } from '../mount-opt.ts';
import { normalizePathPosix } from '../paths.ts';

const RUN_FLAGS: FlagSpec[] = [
  { name: 'cpu-period', type: 'int', description: 'Limit CPU CFS (Completely Fair Scheduler) period' },
  { name: 'cpu-quota', type: 'int', description: 'Limit CPU CFS (Completely Fair Scheduler) quota' },
  { name: 'cpu-shares', short: 'c', type: 'int', description: 'CPU shares (relative weight)' },
  { name: 'cpus', type: 'string', value: 'decimal', description: 'Number of CPUs' },
  { name: 'detach', short: 'd', type: 'bool', description: 'Run container in background and print container ID' },
  { name: 'entrypoint', type: 'string', description: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', type: 'list', description: 'Set environment variables' },
  { name: 'health-cmd', type: 'string', description: 'Command to run to check health' },
  { name: 'health-interval', type: 'duration', description: 'Time between running the check (ms|s|m|h) (default 0s)' },
  { name: 'health-retries', type: 'int', description: 'Consecutive failures needed to report unhealthy' },
  { name: 'health-start-interval', type: 'duration', description: 'Time between running the check during the start period (ms|s|m|h) (default 0s)' },
  { name: 'health-start-period', type: 'duration', description: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' },
  { name: 'health-timeout', type: 'duration', description: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' },
  { name: 'hostname', short: 'h', type: 'string', description: 'Container host name' },
  { name: 'init', type: 'bool', description: 'Run an init inside the container that forwards signals and reaps processes' },
  { name: 'interactive', short: 'i', type: 'bool', description: 'Keep STDIN open even if not attached' },
  { name: 'label', short: 'l', type: 'list', description: 'Set meta data on a container' },
  { name: 'memory', short: 'm', type: 'string', value: 'bytes', description: 'Memory limit' },
  { name: 'mount', type: 'list', value: 'mount', description: 'Attach a filesystem mount to the container' },
  { name: 'name', type: 'string', description: 'Assign a name to the container' },
  { name: 'network', type: 'string', value: 'network', description: 'Connect a container to a network' },
  { name: 'network-alias', type: 'list', description: 'Add network-scoped alias for the container' },
  { name: 'no-healthcheck', type: 'bool', description: 'Disable any container-specified HEALTHCHECK' },
  { name: 'pids-limit', type: 'int', description: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'platform', type: 'string', description: 'Set platform if server is multi-platform capable' },
  { name: 'publish', short: 'p', type: 'list', description: "Publish a container's port(s) to the host" },
  { name: 'publish-all', short: 'P', type: 'bool', description: 'Publish all exposed ports to random ports' },
  { name: 'restart', type: 'string', description: 'Restart policy to apply when a container exits', default: '"no"' },
  { name: 'rm', type: 'bool', description: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'sig-proxy', type: 'bool', description: 'Proxy received signals to the process', default: 'true' },
  { name: 'tmpfs', type: 'list', description: 'Mount a tmpfs directory' },
  { name: 'tty', short: 't', type: 'bool', description: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', type: 'string', description: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'volume', short: 'v', type: 'list', description: 'Bind mount a volume' },
  { name: 'workdir', short: 'w', type: 'string', description: 'Working directory inside the container' },
];

/** go-units RAMInBytes: 32m, 1g, 512k, 100 (bytes). */
export function ramInBytes(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i.exec(s.trim());
  if (!m) return null;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[m[2]!.toLowerCase() as '' | 'k']!;
  return Math.floor(Number(m[1]) * mult);
}

/** --health-* and --no-healthcheck as the create request's Healthcheck, checked as the CLI checks them. */
function healthcheckOf(f: ParsedFlags, verb: string): HealthcheckBody | undefined {
  const fail = (message: string): never => { throw new CliError(`docker: ${message}\n\nRun 'docker ${verb} --help' for more information`, 125); };
  const cmd = f.strings.get('health-cmd') ?? '';
  const retries = Number(f.strings.get('health-retries') ?? 0);
  // The flag parser has checked that these are Go durations.
  const ns = (name: string): number => parseGoDuration(f.strings.get(name) ?? '0') ?? 0;
  const interval = ns('health-interval');
  const timeout = ns('health-timeout');
  const startPeriod = ns('health-start-period');
  const startInterval = ns('health-start-interval');
  const any = cmd !== '' || interval !== 0 || timeout !== 0 || startPeriod !== 0 || retries !== 0 || startInterval !== 0;
  if (f.bools.get('no-healthcheck')) {
    if (any) fail('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!any) return undefined;
  if (interval < 0) fail('--health-interval cannot be negative');
  if (timeout < 0) fail('--health-timeout cannot be negative');
  if (retries < 0) fail('--health-retries cannot be negative');
  if (startPeriod < 0) fail('--health-start-period cannot be negative');
  if (startInterval < 0) fail('--health-start-interval cannot be negative');
  // The CLI's JSON leaves zero fields out.
  return {
    ...(cmd !== '' && { Test: ['CMD-SHELL', cmd] }), ...(interval && { Interval: interval }), ...(timeout && { Timeout: timeout }),
    ...(startPeriod && { StartPeriod: startPeriod }), ...(startInterval && { StartInterval: startInterval }), ...(retries && { Retries: retries }),
  };
}

function createBody(ctx: CommandContext, image: string, cmd: string[], verb: string): ContainerCreateBody {
  const f = ctx.flags;
  const healthcheck = healthcheckOf(f, verb);
  const memory = f.strings.get('memory');
  let memoryBytes: number | undefined;
  if (memory !== undefined) {
    const n = ramInBytes(memory);
    if (n === null) throw new CliError(`invalid argument "${memory}" for "-m, --memory" flag: invalid size: '${memory}'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information`);
    memoryBytes = n;
  }
  const cpus = f.strings.get('cpus');
  // As Go's big.Rat reads it: a signed decimal (or a/b); the daemon then says what range it takes (-1 → "Range of CPUs is …").
  const cpuValue = cpus === undefined ? undefined : rational(cpus);
  if (cpus !== undefined && cpuValue === null) throw new CliError(`invalid argument "${cpus}" for "--cpus" flag: failed to parse ${cpus} as a rational number\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information`);
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  const exposed: Record<string, object> = {};
  for (const p of f.lists.get('publish') ?? []) {
    const parts = p.replace(/\/tcp$/, '').split(':');
    const containerPort = parts[parts.length - 1]!;
    const hostPort = parts.length >= 2 ? parts[parts.length - 2]! : '';
    const hostIp = parts.length === 3 ? parts[0]! : '';
    (portBindings[`${containerPort}/tcp`] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
    exposed[`${containerPort}/tcp`] = {};
  }
  // -v /x (a path alone): an anonymous volume, which the CLI sends as Config.Volumes, not as a bind.
  const volumeArgs = f.lists.get('volume') ?? [];
  const anonymous = volumeArgs.filter((v) => !v.includes(':'));
  // -v ./dir:/x: a relative host path is made absolute against the workspace's directory, as the CLI does.
  const binds = volumeArgs.filter((v) => v.includes(':')).map((v) => (v.startsWith('.') ? `${normalizePathPosix(v.split(':')[0]!, ctx.io.cwd ?? '/')}${v.slice(v.indexOf(':'))}` : v));
  const mounts: MountBody[] = (f.lists.get('mount') ?? []).map((m) => {
    try {
      return parseMount(m, ctx.io.cwd ?? '/');
    } catch (e) {
      if (!(e instanceof MountOptError)) throw e;
      throw new CliError(`invalid argument "${m}" for "--mount" flag: ${e.message}\n\nUsage:  docker ${verb} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker ${verb} --help' for more information`);
    }
  });
  const tmpfs = Object.fromEntries((f.lists.get('tmpfs') ?? []).map((t) => [t.split(':')[0]!, t.split(':')[1] ?? '']));
  const network = f.strings.get('network');
  const entrypoint = f.strings.get('entrypoint');
  const labels = keyValues(f.lists.get('label'), '');
  const restart = f.strings.get('restart');
  return {
    Image: image,
    ...(cmd.length > 0 && { Cmd: cmd }),
    ...(entrypoint !== undefined && { Entrypoint: entrypoint === '' ? [''] : [entrypoint] }),
    Env: f.lists.get('env') ?? [],
    ...(f.strings.get('user') && { User: f.strings.get('user') }),
    ...(f.strings.get('workdir') && { WorkingDir: f.strings.get('workdir') }),
    ...(f.strings.get('hostname') && { Hostname: f.strings.get('hostname') }),
    Labels: labels,
    Tty: f.bools.get('tty') ?? false,
    OpenStdin: f.bools.get('interactive') ?? false,
    StdinOnce: f.bools.get('interactive') ?? false,
    AttachStdin: f.bools.get('interactive') ?? false,
    AttachStdout: !f.bools.get('detach'),
    AttachStderr: !f.bools.get('detach'),
    ExposedPorts: exposed,
    ...(anonymous.length > 0 && { Volumes: Object.fromEntries(anonymous.map((v) => [v, {}])) }),
    ...(healthcheck && { Healthcheck: healthcheck }),
    HostConfig: {
      Binds: binds,
      ...(mounts.length > 0 && { Mounts: mounts }),
      AutoRemove: f.bools.get('rm') ?? false,
      ...(memoryBytes !== undefined && { Memory: memoryBytes }),
      ...(cpuValue != null && { NanoCpus: Math.round(cpuValue * 1e9) }),
      ...(f.strings.get('cpu-period') !== undefined && { CpuPeriod: Number(f.strings.get('cpu-period')) }),
      ...(f.strings.get('cpu-quota') !== undefined && { CpuQuota: Number(f.strings.get('cpu-quota')) }),
      ...(f.strings.get('cpu-shares') !== undefined && { CpuShares: Number(f.strings.get('cpu-shares')) }),
      ...(f.strings.get('pids-limit') && { PidsLimit: Number(f.strings.get('pids-limit')) }),
      ...(network && { NetworkMode: network }),
      PortBindings: portBindings,
      PublishAllPorts: f.bools.get('publish-all') ?? false,
      ...(restart && { RestartPolicy: { Name: restart.split(':')[0]!, MaximumRetryCount: Number(restart.split(':')[1] ?? 0) } }),
      ...(f.bools.get('init') && { Init: true }),
      Tmpfs: tmpfs,
    },
    ...(network && f.lists.get('network-alias') && { NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: f.lists.get('network-alias')! } } } }),
  };
}

/** `busybox` → `busybox:latest`, as the CLI names it in "Unable to find image". */
function tagged(image: string): string {
  const slash = image.lastIndexOf('/');
  return image.includes('@') || image.slice(slash + 1).includes(':') ? image : `${image}:latest`;
}

/** Pulls like `docker pull`, printing the progress lines to `out`. */
export async function pull(client: EngineClient, image: string, out: (s: string) => void): Promise<void> {
  const ref = tagged(image);
  const at = ref.lastIndexOf(':');
  const r = await client.request('POST', '/images/create', { query: { fromImage: ref.slice(0, at), tag: ref.slice(at + 1) } });
  const text = new TextDecoder().decode(await r.bytes());
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const msg = JSON.parse(line) as { status?: string; id?: string; error?: string };
    if (msg.error) throw new EngineError(500, msg.error);
    out(`${msg.id ? `${msg.id}: ` : ''}${msg.status ?? ''}\n`);
  }
}

async function createContainer(ctx: CommandContext, verb: string): Promise<string> {
  const [image, ...cmd] = ctx.flags.args;
  const body = createBody(ctx, image!, cmd, verb);
  const query = { ...(ctx.flags.strings.get('name') && { name: ctx.flags.strings.get('name') }), ...(ctx.flags.strings.get('platform') && { platform: ctx.flags.strings.get('platform') }) };
  try {
    return (await ctx.client.json<{ Id: string }>('POST', '/containers/create', { query, body })).Id;
  } catch (e) {
    if (!(e instanceof EngineError) || e.status !== 404 || !e.message.startsWith('No such image')) throw e;
  }
  ctx.io.stderr(`Unable to find image '${tagged(image!)}' locally\n`);
  await pull(ctx.client, image!, (s) => ctx.io.stderr(s));
  return (await ctx.client.json<{ Id: string }>('POST', '/containers/create', { query, body })).Id;
}

/** The exit status `docker run` gives a start failure (as the CLI maps the daemon's message). */
function startFailureCode(message: string): number {
  if (/executable file not found|no such file or directory/.test(message)) return 127;
  if (/permission denied|not a WebAssembly module/.test(message)) return 126;
  return 125;
}

export const create: Command = {
  spec: { name: 'create', usage: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create a new container', flags: RUN_FLAGS.filter((f) => f.name !== 'detach' && f.name !== 'rm' && f.name !== 'sig-proxy'), minArgs: 1, stopAtFirstArg: true },
  async run(ctx) {
    const id = await runStep(ctx, () => createContainer(ctx, 'create'), 'create');
    ctx.io.stdout(`${id}\n`);
    return 0;
  },
};

async function runStep<T>(ctx: CommandContext, fn: () => Promise<T>, verb: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EngineError) throw new CliError(`docker: Error response from daemon: ${e.message}\n\nRun 'docker ${verb} --help' for more information`, 125);
    throw e;
  }
}

function writer(io: CliIO, stream: number): (d: Uint8Array) => void {
  return stream === 2 ? (d) => io.stderr(d) : (d) => io.stdout(d);
}

export const run: Command = {
  spec: { name: 'run', usage: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create and run a new container from an image', flags: RUN_FLAGS, minArgs: 1, stopAtFirstArg: true },
  async run(ctx) {
    const { client, io, flags } = ctx;
    if (flags.bools.get('tty') && !io.isTTY) throw new CliError('the input device is not a TTY', 1);
    const id = await runStep(ctx, () => createContainer(ctx, 'run'), 'run');
    if (flags.bools.get('detach')) {
      try {
        await client.request('POST', `/containers/${id}/start`);
      } catch (e) {
        const message = (e as Error).message;
        throw new CliError(`docker: Error response from daemon: ${message}\n\nRun 'docker run --help' for more information`, startFailureCode(message));
      }
      io.stdout(`${id}\n`);
      return 0;
    }
    const tty = flags.bools.get('tty') ?? false;
    const interactive = flags.bools.get('interactive') ?? false;
    const conn = await client.hijack('POST', `/containers/${id}/attach`, { query: { stream: true, stdout: true, stderr: true, stdin: interactive } });
    const waited = client.request('POST', `/containers/${id}/wait`, { query: { condition: flags.bools.get('rm') ? 'removed' : 'next-exit' } });
    return withRawTerminal(io, tty && interactive, async () => {
      const output = (async () => {
        const demux = new Demuxer((stream, data) => writer(io, stream)(data));
        for (let chunk = await conn.read(); chunk; chunk = await conn.read()) {
          if (tty) io.stdout(chunk);
          else demux.push(chunk);
        }
      })();
      if (interactive && io.readStdin) {
        void (async () => {
          for (let chunk = await io.readStdin!(); chunk; chunk = await io.readStdin!()) await conn.write(chunk);
          conn.close();
        })();
      }
      try {
        await client.request('POST', `/containers/${id}/start`);
      } catch (e) {
        conn.close();
        const message = (e as Error).message;
        throw new CliError(`docker: Error response from daemon: ${message}\n\nRun 'docker run --help' for more information`, startFailureCode(message));
      }
      // ^C: without a tty it goes to the container (--sig-proxy); with -t alone the CLI ends and the container runs on.
      let interrupted: Promise<number> = new Promise(() => {});
      if (io.interrupt && !(tty && interactive)) {
        if (!tty && (flags.bools.get('sig-proxy') ?? true)) {
          void io.interrupt.then(() => client.request('POST', `/containers/${id}/kill`, { query: { signal: 'SIGINT' } }).catch(() => { /* already gone */ }));
        } else {
          interrupted = io.interrupt.then(() => { conn.close(); return 130; });
        }
      }
      const status = await Promise.race([waited.then(async (r) => (await r.json<{ StatusCode: number }>()).StatusCode), interrupted]);
      await output;
      return status;
    });
  },
  proxiesSignals: true,
};

/** A number as Go's big.Rat SetString takes it (`1.5`, `-1`, `3/2`, `2e-1`), or null. */
function rational(text: string): number | null {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : null;
}
