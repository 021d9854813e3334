// The container routes tell time by the daemon's clock, the one that stamped
// the containers: an engine whose clock is injected (a replay, a test, a
// lesson frozen at a date) reports "Up" and "Exited … ago" in its own time.
import { describe, expect, it } from 'vitest';
import { inProcessClient } from '../../index.ts';
import { Daemon } from '../../daemon/daemon.ts';

describe('container routes and the daemon clock', () => {
  it('ps statuses count from the daemon clock, not the host wall clock', async () => {
    let now = Date.parse('2020-01-01T00:00:00Z');
    const d = await Daemon.create({ now: () => now });
    const client = inProcessClient(d);
    const created = await (await client.request('POST', '/containers/create', { body: { Image: 'busybox', Cmd: ['sleep', '100'] } })).json<{ Id: string }>();
    await client.request('POST', `/containers/${created.Id}/start`);
    now += 5_000;
    const list = await (await client.request('GET', '/containers/json')).json<Array<{ Status: string }>>();
    expect(list.map((c) => c.Status)).toEqual(['Up 5 seconds']);
    await client.request('POST', `/containers/${created.Id}/kill`);
  });
});
