// The container routes tell time by the daemon's clock, the one that stamped
// the containers: an engine whose clock is injected (a replay, a test, a
// lesson frozen at a date) reports "Up" and "Exited … ago" in its own time.
import { describe, expect, it } from 'vitest';
import { Daemon } from '../../daemon/daemon.ts';
import { engineRouter } from '../index.ts';

describe('container routes and the daemon clock', () => {
  it('ps statuses count from the daemon clock, not the host wall clock', async () => {
    let now = Date.parse('2020-01-01T00:00:00Z');
    const d = await Daemon.create({ now: () => now });
    const router = engineRouter(d);
    const call = (method: string, path: string, body?: unknown) => router.handle({
      method, path, query: new Map(), headers: new Map(body === undefined ? [] : [['Content-Type', 'application/json']]), body: body === undefined ? null : new TextEncoder().encode(JSON.stringify(body)),
    });
    const { Id } = (await call('POST', '/containers/create', { Image: 'busybox', Cmd: ['sleep', '100'] })).json as { Id: string };
    expect((await call('POST', `/containers/${Id}/start`)).status).toBe(204);
    now += 5_000;
    const list = (await call('GET', '/containers/json')).json as Array<{ Status: string }>;
    expect(list.map((c) => c.Status)).toEqual(['Up 5 seconds']);
    expect((await call('POST', `/containers/${Id}/kill`)).status).toBe(204);
  });

  it('GET /events streams what happens from now on; past events only with since/until (as dockerd)', async () => {
    const d = await Daemon.create();
    const router = engineRouter(d);
    const req = (path: string, query: Array<[string, string]> = [], body?: unknown) => router.handle({
      method: body === undefined && path === '/events' ? 'GET' : 'POST', path, query: new Map(query), headers: new Map(body === undefined ? [] : [['Content-Type', 'application/json']]), body: body === undefined ? null : new TextEncoder().encode(JSON.stringify(body)),
    });
    await req('/containers/create', [['name', 'before']], { Image: 'busybox' });
    const seen: string[] = [];
    let stop = (): void => {};
    const closed = new Promise<void>((r) => { stop = r; });
    const streaming = (await req('/events')).stream!((chunk) => { seen.push(...new TextDecoder().decode(chunk).trim().split('\n').map((l) => (JSON.parse(l) as { Actor: { Attributes: { name: string } } }).Actor.Attributes.name)); return Promise.resolve(); }, closed);
    await req('/containers/create', [['name', 'after']], { Image: 'busybox' });
    stop();
    await streaming;
    expect(seen).toEqual(['after']);
    const past: string[] = [];
    await (await req('/events', [['since', '0'], ['until', String(Math.ceil(Date.now() / 1000) + 1)]])).stream!((chunk) => { past.push(...new TextDecoder().decode(chunk).trim().split('\n').map((l) => (JSON.parse(l) as { Action: string }).Action)); return Promise.resolve(); }, new Promise(() => {}));
    expect(past).toEqual(['create', 'create']);
  });
});
