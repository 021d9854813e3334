// Health checks through the Engine API: POST /containers/create takes a
// Healthcheck (durations in nanoseconds) and answers dockerd's 400s for bad
// ones; inspect shows Config.Healthcheck and State.Health; /containers/json
// says "(health: starting)", "(healthy)", "(unhealthy)" after "Up …" and
// filters by health; /events carries the health_status changes.
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../api/types.ts';
import { Daemon } from '../../daemon/daemon.ts';
import { sequentialIds } from '../../daemon/ids.ts';
import { ManualClock } from '../../daemon/testing/clock.ts';
import { T0 } from '../../daemon/testing/harness.ts';
import { engineRouter } from '../index.ts';

const SECOND = 1e9;

async function api(): Promise<{ call: (method: string, path: string, body?: unknown, query?: Record<string, string>) => Promise<ApiResponse>; clock: ManualClock }> {
  const clock = new ManualClock(T0);
  const router = engineRouter(await Daemon.create({ clock, newId: sequentialIds() }));
  const call = (method: string, path: string, body?: unknown, query: Record<string, string> = {}): Promise<ApiResponse> => router.handle({
    method, path, query: new Map(Object.entries(query)), headers: new Map(body === undefined ? [] : [['Content-Type', 'application/json']]),
    body: body === undefined ? null : new TextEncoder().encode(JSON.stringify(body)),
  });
  return { call, clock };
}

/** Creates and starts `name` (busybox sleep) with `healthcheck`. */
async function run(call: Awaited<ReturnType<typeof api>>['call'], name: string, healthcheck: unknown): Promise<string> {
  const created = await call('POST', '/containers/create', { Image: 'busybox', Cmd: ['sleep', '1000'], Healthcheck: healthcheck }, { name });
  expect(created.status).toBe(201);
  const { Id } = created.json as { Id: string };
  expect((await call('POST', `/containers/${Id}/start`)).status).toBe(204);
  return Id;
}

const statuses = async (call: Awaited<ReturnType<typeof api>>['call'], filters?: unknown): Promise<string[]> => {
  const r = await call('GET', '/containers/json', undefined, filters ? { filters: JSON.stringify(filters) } : {});
  return (r.json as Array<{ Names: string[]; Status: string }>).map((c) => `${c.Names[0]} ${c.Status}`);
};

describe('Healthcheck over the API', () => {
  it('inspect shows Config.Healthcheck, and State.Health from the first start on', async () => {
    const { call, clock } = await api();
    const created = await call('POST', '/containers/create', { Image: 'busybox', Cmd: ['sleep', '1000'], Healthcheck: { Test: ['CMD-SHELL', 'echo fine'], Interval: SECOND, Retries: 0, StartPeriod: 0 } }, { name: 'web' });
    const { Id } = created.json as { Id: string };
    const inspect = async (): Promise<{ Config: { Healthcheck?: unknown }; State: { Health?: unknown } }> => (await call('GET', `/containers/${Id}/json`)).json as never;
    expect((await inspect()).Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'echo fine'], Interval: SECOND });
    expect((await inspect()).State.Health).toBeUndefined();
    await call('POST', `/containers/${Id}/start`);
    expect((await inspect()).State.Health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    await clock.advance(1000);
    expect((await inspect()).State.Health).toEqual({
      Status: 'healthy', FailingStreak: 0,
      Log: [{ Start: '2025-06-01T12:00:01.000000000Z', End: '2025-06-01T12:00:01.000000000Z', ExitCode: 0, Output: 'fine\n' }],
    });
  });

  it('ps: "(health: starting)", "(healthy)", "(unhealthy)" after Up; none for a container without one', async () => {
    const { call, clock } = await api();
    await run(call, 'plain', undefined);
    await run(call, 'good', { Test: ['CMD', 'true'], Interval: 2 * SECOND });
    await run(call, 'bad', { Test: ['CMD', 'false'], Interval: SECOND, Retries: 1 });
    await run(call, 'slow', { Test: ['CMD', 'true'], Interval: 60 * SECOND });
    // (Created in the same millisecond: listed in the order they were made.)
    expect(await statuses(call)).toEqual([
      '/plain Up Less than a second', '/good Up Less than a second (health: starting)',
      '/bad Up Less than a second (health: starting)', '/slow Up Less than a second (health: starting)',
    ]);
    await clock.advance(3000);
    expect(await statuses(call)).toEqual(['/plain Up 3 seconds', '/good Up 3 seconds (healthy)', '/bad Up 3 seconds (unhealthy)', '/slow Up 3 seconds (health: starting)']);
  });

  it('the health filter: starting, healthy, unhealthy, none; anything else is a 400', async () => {
    const { call, clock } = await api();
    await run(call, 'plain', undefined);
    await run(call, 'good', { Test: ['CMD', 'true'], Interval: SECOND });
    await run(call, 'bad', { Test: ['CMD', 'false'], Interval: SECOND, Retries: 1 });
    await run(call, 'slow', { Test: ['CMD', 'true'], Interval: 60 * SECOND });
    await clock.advance(1000);
    const names = async (health: string[]): Promise<string[]> => (await statuses(call, { health })).map((s) => s.split(' ')[0]!);
    expect(await names(['healthy'])).toEqual(['/good']);
    expect(await names(['unhealthy'])).toEqual(['/bad']);
    expect(await names(['starting'])).toEqual(['/slow']);
    expect(await names(['none'])).toEqual(['/plain']);
    expect(await names(['healthy', 'none'])).toEqual(['/plain', '/good']);
    const r = await call('GET', '/containers/json', undefined, { filters: JSON.stringify({ health: ['sick'] }) });
    expect([r.status, r.json]).toEqual([400, { message: 'Unrecognised filter value for health: sick' }]);
  });

  it('a stopped container keeps State.Health, unhealthy', async () => {
    const { call, clock } = await api();
    const id = await run(call, 'web', { Test: ['CMD', 'true'], Interval: SECOND });
    await clock.advance(1000);
    expect((await call('POST', `/containers/${id}/kill`)).status).toBe(204);
    await clock.settle();
    const state = ((await call('GET', `/containers/${id}/json`)).json as { State: { Status: string; Health: { Status: string; FailingStreak: number } } }).State;
    expect([state.Status, state.Health.Status, state.Health.FailingStreak]).toEqual(['exited', 'unhealthy', 0]);
    expect(await statuses(call, { health: ['unhealthy'] })).toEqual([]);
  });

  it('/events: health_status changes (filter event=health_status) and the probes\' exec events', async () => {
    const { call, clock } = await api();
    await run(call, 'web', { Test: ['CMD', 'sh', '-c', '[ -f /tmp/broken ] && exit 1; exit 0'], Interval: SECOND, Retries: 1 });
    await clock.advance(1000);
    const touch = await call('POST', '/containers/web/exec', { Cmd: ['touch', '/tmp/broken'] });
    await call('POST', `/exec/${(touch.json as { Id: string }).Id}/start`, { Detach: true });
    await clock.advance(1000);
    const events = async (filters: unknown): Promise<string[]> => {
      const res = await call('GET', '/events', undefined, { since: '0', until: String((T0 + 2000) / 1000), filters: JSON.stringify(filters) });
      let text = '';
      await res.stream!(async (chunk) => { text += new TextDecoder().decode(chunk); }, new Promise(() => {}));
      return text.trim().split('\n').map((line) => {
        const e = JSON.parse(line) as { Action: string; Actor: { Attributes: Record<string, string> }; time: number };
        return `${e.time - T0 / 1000} ${e.Action} ${e.Actor.Attributes.name}${e.Actor.Attributes.exitCode ? ` exitCode=${e.Actor.Attributes.exitCode}` : ''}`;
      });
    };
    expect(await events({ event: ['health_status'] })).toEqual(['1 health_status: healthy web', '2 health_status: unhealthy web']);
    expect(await events({ event: ['exec_create', 'exec_die'] })).toEqual([
      '1 exec_create: sh -c [ -f /tmp/broken ] && exit 1; exit 0 web', '1 exec_die web exitCode=0',
      '2 exec_create: sh -c [ -f /tmp/broken ] && exit 1; exit 0 web', '2 exec_die web exitCode=1',
    ]);
  });
});

describe('create answers dockerd\'s 400s for a bad Healthcheck', () => {
  it.each([
    [{ Test: ['CMD', 'true'], Interval: 999_999 }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], Timeout: -5 }, 'Timeout in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], Retries: -1 }, 'Retries in Healthcheck cannot be negative'],
    [{ Test: ['CMD', 'true'], StartPeriod: 10 }, 'StartPeriod in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], StartInterval: 10 }, 'StartInterval in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], Interval: '5s' }, 'invalid JSON: json: cannot unmarshal string into Go struct field HealthConfig.Config.Healthcheck.Interval of type time.Duration'],
    [{ Test: ['CMD', 'true'], Interval: 1.5 }, 'invalid JSON: json: cannot unmarshal number 1.5 into Go struct field HealthConfig.Config.Healthcheck.Interval of type time.Duration'],
    [{ Test: ['CMD', 'true'], Retries: '3' }, 'invalid JSON: json: cannot unmarshal string into Go struct field HealthConfig.Config.Healthcheck.Retries of type int'],
  ])('%j → %s', async (healthcheck, message) => {
    const { call } = await api();
    const r = await call('POST', '/containers/create', { Image: 'busybox', Healthcheck: healthcheck });
    expect([r.status, r.json]).toEqual([400, { message }]);
    expect((await call('GET', '/containers/json', undefined, { all: '1' })).json).toEqual([]);
  });

  it('checked before the image is looked for; Test is a list ([]string: one string is refused)', async () => {
    const { call } = await api();
    const r = await call('POST', '/containers/create', { Image: 'nosuchimage', Healthcheck: { Interval: 1 } });
    expect([r.status, r.json]).toEqual([400, { message: 'Interval in Healthcheck cannot be less than 1ms' }]);
    const one = await call('POST', '/containers/create', { Image: 'busybox', Healthcheck: { Test: 'NONE' } });
    expect([one.status, one.json]).toEqual([400, { message: 'invalid JSON: json: cannot unmarshal string into Go struct field HealthConfig.Config.Healthcheck.Test of type []string' }]);
    const ok = await call('POST', '/containers/create', { Image: 'busybox', Healthcheck: { Test: ['NONE'] } });
    const inspect = (await call('GET', `/containers/${(ok.json as { Id: string }).Id}/json`)).json as { Config: { Healthcheck: unknown } };
    expect(inspect.Config.Healthcheck).toEqual({ Test: ['NONE'] });
  });
});
