// docker inspect's Mounts, HostConfig.PortBindings and Config.ExposedPorts
// as dockerd gives them: a volume named with its directory on the engine's
// disk and its driver, a bind with rprivate propagation; every -p binding of
// a port; the image's EXPOSE ports with the -p ones.
import { expect, it } from 'vitest';
import { createEngine, inProcessClient, MemoryFs } from './index.ts';

it('Mounts, PortBindings and ExposedPorts as dockerd lists them', async () => {
  const hostFs = new MemoryFs();
  hostFs.mkdirSync('/home/student/site', { recursive: true });
  const client = inProcessClient(await createEngine({ hostFs }));
  const call = async (method: string, path: string, body?: unknown, query: Array<[string, string]> = []) => {
    const res = await client.request(method, path, { query: Object.fromEntries(query), ...(body !== undefined && { body }) });
    const text = new TextDecoder().decode(await res.bytes());
    return { status: res.status, json: text ? JSON.parse(text) as unknown : null };
  };
  const created = await call('POST', '/containers/create', {
    Image: 'nginx:alpine',
    HostConfig: {
      Binds: ['datos:/data', '/home/student/site:/usr/share/nginx/html:ro'],
      PortBindings: { '80/tcp': [{ HostPort: '8080' }, { HostPort: '8081' }], '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }] },
    },
    ExposedPorts: { '80/tcp': {}, '9000/tcp': {} },
  }, [['name', 'shapes']]);
  expect(created.status).toBe(201);
  const c = (await call('GET', '/containers/shapes/json')).json as Record<string, any>;
  expect(c.Mounts).toEqual([
    { Type: 'volume', Name: 'datos', Source: '/var/lib/docker/volumes/datos/_data', Destination: '/data', Driver: 'local', Mode: '', RW: true, Propagation: '' },
    { Type: 'bind', Source: '/home/student/site', Destination: '/usr/share/nginx/html', Mode: 'ro', RW: false, Propagation: 'rprivate' },
  ]);
  expect(c.HostConfig.PortBindings).toEqual({
    '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '', HostPort: '8081' }],
    '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }],
  });
  expect(c.Config.ExposedPorts).toEqual({ '80/tcp': {}, '9000/tcp': {} });
  const busy = await call('POST', '/containers/create', { Image: 'busybox' }, [['name', 'plain']]);
  expect(busy.status).toBe(201);
  expect(((await call('GET', '/containers/plain/json')).json as Record<string, any>).Config.ExposedPorts).toBeUndefined();
});
