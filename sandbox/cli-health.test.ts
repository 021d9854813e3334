// docker run's health flags in the in-browser CLI: --health-cmd and the
// --health-* durations (Go durations) become the create request's
// Healthcheck, the engine probes the container, and ps, inspect and
// --filter health show it; the CLI's own checks and the daemon's 400s read
// as docker 28 prints them. The engine runs on a manual clock.
import { describe, expect, it } from 'vitest';
import { createEngine, docker, inProcessClient, type CliIO, type Engine } from './index.ts';
import { ManualClock } from './daemon/testing/clock.ts';
import { T0 } from './daemon/testing/harness.ts';

interface Run { out: string; err: string; code: number }

async function setup(): Promise<{ engine: Engine; clock: ManualClock; run: (...argv: string[]) => Promise<Run> }> {
  const clock = new ManualClock(T0);
  const engine = await createEngine({ clock });
  const client = inProcessClient(engine);
  const run = async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
    const io: CliIO = { isTTY: false, stdout: (s) => { out += text(s); }, stderr: (s) => { err += text(s); } };
    const code = await docker(argv, client, io, () => clock.wallNow());
    return { out, err, code };
  };
  return { engine, clock, run };
}

const USAGE_TAIL = "\n\nRun 'docker run --help' for more information\n";

describe('docker run --health-*', () => {
  it('--health-cmd: starting, then healthy once the check passes; ps, inspect and --filter health show it', async () => {
    const { clock, run } = await setup();
    const started = await run('run', '-d', '--name', 'web', '--health-cmd', 'test -f /tmp/ready && echo ready', '--health-interval', '1s', '--health-retries', '2', 'busybox', 'sleep', '1000');
    expect([started.code, started.err]).toEqual([0, '']);
    expect((await run('inspect', '--format', '{{json .Config.Healthcheck}}', 'web')).out).toBe('{"Test":["CMD-SHELL","test -f /tmp/ready && echo ready"],"Interval":1000000000,"Retries":2}\n');
    const ps = (): Promise<Run> => run('ps', '--format', '{{.Names}}\t{{.Status}}');
    expect((await ps()).out).toBe('web\tUp Less than a second (health: starting)\n');
    await clock.advance(1000);
    expect((await run('inspect', '--format', '{{.State.Health.Status}} {{.State.Health.FailingStreak}}', 'web')).out).toBe('starting 1\n');
    expect((await run('exec', 'web', 'touch', '/tmp/ready')).code).toBe(0);
    await clock.advance(1000);
    expect((await ps()).out).toBe('web\tUp 2 seconds (healthy)\n');
    expect((await run('inspect', '--format', '{{json .State.Health}}', 'web')).out).toBe(`${JSON.stringify({
      Status: 'healthy', FailingStreak: 0,
      Log: [
        { Start: '2025-06-01T12:00:01.000000000Z', End: '2025-06-01T12:00:01.000000000Z', ExitCode: 1, Output: '' },
        { Start: '2025-06-01T12:00:02.000000000Z', End: '2025-06-01T12:00:02.000000000Z', ExitCode: 0, Output: 'ready\n' },
      ],
    })}\n`);
    expect((await run('ps', '--filter', 'health=healthy', '--format', '{{.Names}}')).out).toBe('web\n');
    expect((await run('ps', '--filter', 'health=starting', '--format', '{{.Names}}')).out).toBe('');
  });

  it('--health-timeout and --health-start-period take Go durations (1m30s, 500ms)', async () => {
    const { run } = await setup();
    await run('create', '--name', 'probe', '--health-cmd', 'true', '--health-timeout', '1m30s', '--health-start-period', '1.5s', '--health-start-interval', '500ms', 'busybox');
    expect((await run('inspect', '--format', '{{json .Config.Healthcheck}}', 'probe')).out).toBe('{"Test":["CMD-SHELL","true"],"Timeout":90000000000,"StartPeriod":1500000000,"StartInterval":500000000}\n');
  });

  it('--no-healthcheck turns an image\'s HEALTHCHECK off', async () => {
    const { engine, run } = await setup();
    const { MemoryFs } = await import('./index.ts');
    const ctx = new MemoryFs({ now: () => 0 });
    ctx.writeFileSync('/Dockerfile', 'FROM busybox\nHEALTHCHECK --interval=2s CMD false\n');
    await engine.build({ context: ctx.root, tags: ['checked'] });
    await run('run', '-d', '--name', 'off', '--no-healthcheck', 'checked', 'sleep', '100');
    await run('run', '-d', '--name', 'on', 'checked', 'sleep', '100');
    expect((await run('inspect', '--format', '{{.Name}} {{json .Config.Healthcheck}}', 'off', 'on')).out).toBe('/off {"Test":["NONE"],"Interval":2000000000}\n/on {"Test":["CMD-SHELL","false"],"Interval":2000000000}\n');
    expect((await run('ps', '--filter', 'health=none', '--format', '{{.Names}} {{.Status}}')).out).toBe('off Up Less than a second\n');
  });
});

describe('the CLI\'s checks of the health flags', () => {
  it('a duration without a unit, or not a duration, is a flag error', async () => {
    const { run } = await setup();
    expect(await run('run', '--health-interval', '5', 'busybox')).toEqual({
      out: '', code: 125,
      err: `invalid argument "5" for "--health-interval" flag: time: missing unit in duration "5"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]${USAGE_TAIL}`,
    });
    expect((await run('run', '--health-timeout=soon', 'busybox')).err).toBe(`invalid argument "soon" for "--health-timeout" flag: time: invalid duration "soon"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]${USAGE_TAIL}`);
    expect((await run('run', '--health-start-period', '3d', 'busybox')).err).toBe(`invalid argument "3d" for "--health-start-period" flag: time: unknown unit "d" in duration "3d"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]${USAGE_TAIL}`);
  });

  it('--no-healthcheck with --health-*, and negative values, are refused before anything is created', async () => {
    const { engine, run } = await setup();
    expect(await run('run', '--no-healthcheck', '--health-cmd', 'true', 'busybox')).toEqual({ out: '', code: 125, err: `docker: --no-healthcheck conflicts with --health-* options${USAGE_TAIL}` });
    expect(await run('run', '--health-interval', '-1s', 'busybox')).toEqual({ out: '', code: 125, err: `docker: --health-interval cannot be negative${USAGE_TAIL}` });
    expect(await run('run', '--health-retries', '-2', 'busybox')).toEqual({ out: '', code: 125, err: `docker: --health-retries cannot be negative${USAGE_TAIL}` });
    expect(await run('create', '--health-start-interval', '-5ms', 'busybox')).toEqual({ out: '', code: 125, err: "docker: --health-start-interval cannot be negative\n\nRun 'docker create --help' for more information\n" });
    expect(engine.containers.list()).toEqual([]);
  });

  it('an interval under 1ms is the daemon\'s 400', async () => {
    const { run } = await setup();
    expect(await run('run', '--health-cmd', 'true', '--health-interval', '500us', 'busybox')).toEqual({
      out: '', code: 125, err: `docker: Error response from daemon: Interval in Healthcheck cannot be less than 1ms${USAGE_TAIL}`,
    });
  });
  // `docker run --help` (these flags included) is compared with the stock CLI's byte for byte in cli-help-vs-docker.test.ts.
});
