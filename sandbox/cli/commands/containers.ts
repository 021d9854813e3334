// Container commands that name containers: logs, rm, start, stop, kill,
// restart — each prints what docker prints (the names as given) and Docker's
// errors per container.
import { CliError, forEachArg, runInterruptible, type Command, type CommandContext } from '../command.ts';
import { withRawTerminal } from '../io.ts';
import { parseTime } from './more.ts';
import { Demuxer } from '../demux.ts';
import type { FlagSpec } from '../flags.ts';

/** Each named container: `fn`, then its name on stdout (Docker's error instead when it fails). */
const each = (ctx: CommandContext, fn: (name: string) => Promise<void>): Promise<number> => forEachArg(ctx, async (name) => { await fn(name); return name; });

export const rm: Command = {
  spec: {
    name: 'rm', usage: 'rm [OPTIONS] CONTAINER [CONTAINER...]', description: 'Remove one or more containers', minArgs: 1,
    flags: [
      { name: 'force', short: 'f', type: 'bool', description: 'Force the removal of a running container (uses SIGKILL)' },
      { name: 'volumes', short: 'v', type: 'bool', description: 'Remove anonymous volumes associated with the container' },
    ],
  },
  run: (ctx) => each(ctx, async (name) => { await ctx.client.request('DELETE', `/containers/${encodeURIComponent(name)}`, { query: { force: ctx.flags.bools.get('force') ?? false, v: ctx.flags.bools.get('volumes') ?? false } }); }),
};

export const start: Command = {
  spec: {
    name: 'start', usage: 'start [OPTIONS] CONTAINER [CONTAINER...]', description: 'Start one or more stopped containers', minArgs: 1,
    flags: [
      { name: 'attach', short: 'a', type: 'bool', description: 'Attach STDOUT/STDERR and forward signals' },
      { name: 'interactive', short: 'i', type: 'bool', description: "Attach container's STDIN" },
    ],
  },
  proxiesSignals: true,
  async run(ctx) {
    const { client, io, flags } = ctx;
    const attach = flags.bools.get('attach') ?? false;
    const interactive = flags.bools.get('interactive') ?? false;
    if (!attach && !interactive) return runInterruptible((c) => each(c, async (name) => { await c.client.request('POST', `/containers/${encodeURIComponent(name)}/start`); }), ctx);
    if (flags.args.length > 1) throw new CliError('you cannot start and attach multiple containers at once', 1);
    // docker start -a [-i]: attach first (no output is lost), then start, then follow until the container exits.
    const name = encodeURIComponent(flags.args[0]!);
    const c = await client.json<{ Config: { Tty: boolean; OpenStdin: boolean } }>('GET', `/containers/${name}/json`);
    const stdin = interactive && c.Config.OpenStdin;
    const conn = await client.hijack('POST', `/containers/${name}/attach`, { query: { stream: true, stdout: true, stderr: true, stdin } });
    const waited = client.request('POST', `/containers/${name}/wait`, { query: { condition: 'next-exit' } });
    return withRawTerminal(io, c.Config.Tty && stdin, async () => {
      if (stdin && io.readStdin) void (async () => { for (let chunk = await io.readStdin!(); chunk; chunk = await io.readStdin!()) await conn.write(chunk); conn.close(); })();
      const demux = new Demuxer((st, d) => (st === 2 ? io.stderr(d) : io.stdout(d)));
      const output = (async () => { for (let chunk = await conn.read(); chunk; chunk = await conn.read()) { if (c.Config.Tty) io.stdout(chunk); else demux.push(chunk); } })();
      try {
        await client.request('POST', `/containers/${name}/start`);
      } catch (e) {
        conn.close();
        throw e;
      }
      // ^C is forwarded to the container, as docker start -a does (sig-proxy).
      if (io.interrupt && !c.Config.Tty) void io.interrupt.then(() => client.request('POST', `/containers/${name}/kill`, { query: { signal: 'SIGINT' } }).catch(() => {}));
      const { StatusCode } = await (await waited).json<{ StatusCode: number }>();
      await output;
      return StatusCode;
    });
  },
};

/** -t/--timeout, and --time, the old name docker still takes (with a word on stdout). */
const TIMEOUT_FLAGS: FlagSpec[] = [
  { name: 'timeout', short: 't', type: 'int', description: 'Seconds to wait before killing the container' },
  { name: 'time', type: 'int', description: 'Seconds to wait before killing the container', hidden: true },
];

/** The timeout to send; `--time` is reported as pflag reports a deprecated flag, before anything else. */
function timeoutOf(ctx: CommandContext): string | undefined {
  if (ctx.flags.strings.has('time')) ctx.io.stdout('Flag --time has been deprecated, use --timeout instead\n');
  return ctx.flags.strings.get('timeout') ?? ctx.flags.strings.get('time');
}

export const stop: Command = {
  spec: {
    name: 'stop', usage: 'stop [OPTIONS] CONTAINER [CONTAINER...]', description: 'Stop one or more running containers', minArgs: 1,
    // Docker's -s/--signal is not listed: the engine stops with SIGTERM, then SIGKILL.
    flags: TIMEOUT_FLAGS,
  },
  run: (ctx) => {
    const t = timeoutOf(ctx);
    return each(ctx, async (name) => { await ctx.client.request('POST', `/containers/${encodeURIComponent(name)}/stop`, { query: { t } }); });
  },
};

export const kill: Command = {
  spec: {
    name: 'kill', usage: 'kill [OPTIONS] CONTAINER [CONTAINER...]', description: 'Kill one or more running containers', minArgs: 1,
    flags: [{ name: 'signal', short: 's', type: 'string', description: 'Signal to send to the container' }],
  },
  run: (ctx) => each(ctx, async (name) => { await ctx.client.request('POST', `/containers/${encodeURIComponent(name)}/kill`, { query: { signal: ctx.flags.strings.get('signal') } }); }),
};

export const restart: Command = {
  spec: {
    name: 'restart', usage: 'restart [OPTIONS] CONTAINER [CONTAINER...]', description: 'Restart one or more containers', minArgs: 1,
    flags: TIMEOUT_FLAGS,
  },
  run: (ctx) => {
    const t = timeoutOf(ctx);
    return each(ctx, async (name) => { await ctx.client.request('POST', `/containers/${encodeURIComponent(name)}/restart`, { query: { t } }); });
  },
};

export const logs: Command = {
  spec: {
    name: 'logs', usage: 'logs [OPTIONS] CONTAINER', description: 'Fetch the logs of a container', minArgs: 1, maxArgs: 1,
    flags: [
      { name: 'follow', short: 'f', type: 'bool', description: 'Follow log output' },
      { name: 'since', type: 'string', description: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
      { name: 'tail', short: 'n', type: 'string', description: 'Number of lines to show from the end of the logs', default: '"all"' },
      { name: 'timestamps', short: 't', type: 'bool', description: 'Show timestamps' },
      { name: 'until', type: 'string', description: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    ],
  },
  async run(ctx) {
    const name = ctx.flags.args[0]!;
    const info = await ctx.client.json<{ Config: { Tty: boolean } }>('GET', `/containers/${encodeURIComponent(name)}/json`);
    const time = (flag: string): number | undefined => {
      const v = ctx.flags.strings.get(flag);
      if (v === undefined) return undefined;
      const t = parseTime(v, ctx.now);
      if (t === null) throw new CliError(`invalid value for "${flag}": failed to parse value as time or duration: "${v}"`, 1);
      return t;
    };
    const r = await ctx.client.request('GET', `/containers/${encodeURIComponent(name)}/logs`, {
      query: {
        stdout: true, stderr: true, follow: ctx.flags.bools.get('follow') ?? false, timestamps: ctx.flags.bools.get('timestamps') ?? false,
        tail: ctx.flags.strings.get('tail') ?? 'all', since: time('since'), until: time('until'),
      },
    });
    const demux = new Demuxer((stream, data) => (stream === 2 ? ctx.io.stderr(data) : ctx.io.stdout(data)));
    for await (const chunk of r.chunks()) {
      if (info.Config.Tty) ctx.io.stdout(chunk);
      else demux.push(chunk);
    }
    return 0;
  },
};
