// docker ps's PORTS column comes from GET /containers/json's Ports: dockerd
// lists the container's NetworkSettings.Ports — each published binding, and
// each exposed port with nothing published on it (shown as `8000/tcp`) —
// while it runs; a stopped container, or one on the host network, has none.
import { describe, expect, it } from 'vitest';
import { Daemon } from '../daemon/daemon.ts';
import { engineRouter } from './index.ts';

describe('GET /containers/json Ports', () => {
  it('lists exposed ports nothing is published on while the container runs, as dockerd; none once stopped or on the host network', async () => {
    const router = engineRouter(await Daemon.create());
    const call = (method: string, path: string, body?: unknown, query: Array<[string, string]> = []) => router.handle({
      method, path, query: new Map(query), headers: new Map(body === undefined ? [] : [['Content-Type', 'application/json']]),
      body: body === undefined ? null : new TextEncoder().encode(JSON.stringify(body)),
    });
    const ports = async (name: string) => ((await call('GET', '/containers/json', undefined, [['all', 'true']])).json as Array<{ Names: string[]; Ports: unknown[] }>)
      .find((c) => c.Names[0] === `/${name}`)!.Ports;
    const run = async (name: string, body: unknown) => {
      const { Id } = (await call('POST', '/containers/create', body, [['name', name]])).json as { Id: string };
      expect((await call('POST', `/containers/${Id}/start`)).status).toBe(204);
      return Id;
    };
    // nginx's image has EXPOSE 80.
    const exposed = await run('exposed', { Image: 'nginx:alpine' });
    expect(await ports('exposed')).toEqual([{ PrivatePort: 80, Type: 'tcp' }]);
    await run('published', { Image: 'nginx:alpine', HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } });
    expect(await ports('published')).toEqual([{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]);
    await run('hostnet', { Image: 'nginx:alpine', HostConfig: { NetworkMode: 'host' } });
    expect(await ports('hostnet')).toEqual([]);
    expect((await call('POST', `/containers/${exposed}/kill`)).status).toBe(204);
    await call('POST', `/containers/${exposed}/wait`);
    expect(await ports('exposed')).toEqual([]);
    for (const name of ['published', 'hostnet']) await call('DELETE', `/containers/${name}`, undefined, [['force', 'true']]);
  });
});
