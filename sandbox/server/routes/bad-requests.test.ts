// Bad requests to the body routes get dockerd's 400 and its words: a field
// of the wrong type (Go's decode error, "invalid JSON: json: cannot
// unmarshal …"), then the values dockerd refuses (a memory limit under 6MB,
// more CPUs than there are, an unknown restart policy, a port that is not
// one, a -v spec it cannot read, a relative working directory, names with
// path tricks) — and nothing is created.
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../api/types.ts';
import { Daemon } from '../../daemon/daemon.ts';
import { engineRouter } from '../index.ts';

type Call = (method: string, path: string, body?: unknown, query?: Record<string, string>) => Promise<ApiResponse>;

async function api(): Promise<Call> {
  const router = engineRouter(await Daemon.create());
  return (method, path, body, query = {}) => router.handle({
    method, path, query: new Map(Object.entries(query)), headers: new Map(body === undefined ? [] : [['Content-Type', 'application/json']]),
    body: body === undefined ? null : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  });
}

const answer = (r: ApiResponse): [number, unknown] => [r.status, (r.json as { message?: string } | undefined)?.message ?? r.json];
const decode = (value: string, path: string, type: string): string => `invalid JSON: json: cannot unmarshal ${value} into Go struct field ${path} of type ${type}`;

describe('POST /containers/create', () => {
  it.each([
    [{ Name: {} }, 'no error: an unknown field is skipped'],
    [{ Cmd: 5 }, decode('number', 'CreateRequest.Config.Cmd', 'string')],
    [{ Env: 'x' }, decode('string', 'CreateRequest.Config.Env', '[]string')],
    [{ Labels: [] }, decode('array', 'CreateRequest.Config.Labels', 'map[string]string')],
    [{ HostConfig: { Memory: '64m' } }, decode('string', 'HostConfig.HostConfig.Resources.Memory', 'int64')],
    [{ HostConfig: { Memory: 1e300 } }, decode('number 1e+300', 'HostConfig.HostConfig.Resources.Memory', 'int64')],
    [{ HostConfig: { PortBindings: { '80/tcp': 'x' } } }, decode('string', 'HostConfig.HostConfig.PortBindings', '[]nat.PortBinding')],
    [{ HostConfig: { Binds: [1] } }, decode('number', 'HostConfig.HostConfig.Binds', 'string')],
    [{ HostConfig: null, NetworkingConfig: { EndpointsConfig: { bridge: { IPAMConfig: 'x' } } } }, decode('string', 'EndpointSettings.NetworkingConfig.EndpointsConfig.IPAMConfig', 'network.EndpointIPAMConfig')],
  ])('a field of the wrong type: %j', async (fields, message) => {
    const call = await api();
    const r = await call('POST', '/containers/create', { Image: 'busybox', ...fields });
    if (message.startsWith('no error')) expect(r.status).toBe(201);
    else expect(answer(r)).toEqual([400, message]);
  });

  it.each([
    [{ WorkingDir: 'app' }, "the working directory 'app' is invalid, it needs to be an absolute path"],
    [{ StopSignal: 'SIGNOPE' }, 'Invalid signal: SIGNOPE'],
    [{ Env: ['=x'] }, 'invalid environment variable: =x'],
    [{ HostConfig: { Memory: 1024 } }, 'Minimum memory limit allowed is 6MB'],
    [{ HostConfig: { Memory: -1 } }, 'Minimum memory limit allowed is 6MB'],
    [{ HostConfig: { Memory: 64 << 20, MemorySwap: 32 << 20 } }, 'Minimum memoryswap limit should be larger than memory limit, see usage'],
    [{ HostConfig: { MemoryReservation: 1000 } }, 'Minimum memory reservation allowed is 6MB'],
    [{ HostConfig: { NanoCpus: -1 } }, 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available'],
    [{ HostConfig: { NanoCpus: 3e9 } }, 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available'],
    [{ HostConfig: { NanoCpus: 1e9, CpuQuota: 50000 } }, 'Conflicting options: Nano CPUs and CPU Quota cannot both be set'],
    [{ HostConfig: { CpuPeriod: 10 } }, 'CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)'],
    [{ HostConfig: { BlkioWeight: 5 } }, 'Range of blkio weight is from 10 to 1000'],
    [{ HostConfig: { ShmSize: -1 } }, 'SHM size can not be less than 0'],
    [{ HostConfig: { OomScoreAdj: 1001 } }, 'Invalid value 1001, range for oom score adj is [-1000, 1000]'],
    [{ HostConfig: { RestartPolicy: { Name: 'sometimes' } } }, "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"],
    [{ HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 3 } } }, "invalid restart policy: maximum retry count can only be used with 'on-failure'"],
    [{ HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: -1 } } }, 'invalid restart policy: maximum retry count cannot be negative'],
    [{ HostConfig: { AutoRemove: true, RestartPolicy: { Name: 'always' } } }, "can't create 'AutoRemove' container with restart policy"],
    [{ HostConfig: { PortBindings: { 'http/tcp': [] } } }, 'invalid port specification: "http"'],
    [{ HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '70000' }] } } }, 'invalid port specification: "70000"'],
    [{ HostConfig: { Isolation: 'hyperv' } }, "invalid isolation (hyperv): linux only supports 'default'"],
    [{ HostConfig: { Binds: ['data:/data:rw:x'] } }, "invalid volume specification: 'data:/data:rw:x'"],
    [{ HostConfig: { Binds: [':/data'] } }, "invalid volume specification: ':/data'"],
    [{ HostConfig: { Binds: ['/data:ro'] } }, "invalid volume specification: '/data:ro'"],
    [{ HostConfig: { Binds: ['data:/data:bogus'] } }, 'invalid mode: bogus'],
    [{ HostConfig: { Binds: ['data:data'] } }, `invalid volume specification: 'data:data': invalid mount config for type "volume": invalid mount path: 'data' mount path must be absolute`],
    [{ HostConfig: { Binds: ['data:/..'] } }, `invalid volume specification: 'data:/..': invalid mount config for type "volume": invalid specification: destination can't be '/'`],
    [{ HostConfig: { Binds: ['../x:/data'] } }, 'create ../x: "../x" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
    [{ HostConfig: { Mounts: [{ Type: 'volume', Target: '/' }] } }, `invalid mount config for type "volume": invalid specification: destination can't be '/'`],
  ])('a value dockerd refuses: %j', async (fields, message) => {
    const call = await api();
    expect(answer(await call('POST', '/containers/create', { Image: 'busybox', ...fields }))).toEqual([400, message]);
    expect((await call('GET', '/containers/json', undefined, { all: '1' })).json).toEqual([]);
  });

  it('checks the request before it looks for the image, and the name after', async () => {
    const call = await api();
    expect(answer(await call('POST', '/containers/create', { Image: 'nosuch', HostConfig: { Memory: 1 } }))).toEqual([400, 'Minimum memory limit allowed is 6MB']);
    expect(answer(await call('POST', '/containers/create', { Image: 'busybox' }, { name: '../x' }))).toEqual([400, 'Invalid container name (../x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed']);
    // A leading slash is the name's (as dockerd takes it).
    expect((await call('POST', '/containers/create', { Image: 'busybox' }, { name: '/web' })).status).toBe(201);
    expect(((await call('GET', '/containers/web/json')).json as { Name: string }).Name).toBe('/web');
  });

  it('adjusts what dockerd adjusts: CpuShares into 2…262144, PidsLimit 0 or less is no limit, an empty Cmd is the image\'s', async () => {
    const call = await api();
    const r = await call('POST', '/containers/create', { Image: 'busybox', Cmd: [], HostConfig: { CpuShares: -5, PidsLimit: -1 } }, { name: 'cs' });
    expect(r.status).toBe(201);
    const inspect = (await call('GET', '/containers/cs/json')).json as { Config: { Cmd: string[] }; HostConfig: { PidsLimit: number | null } };
    expect(inspect.Config.Cmd).toEqual(['sh']);
    expect(inspect.HostConfig.PidsLimit).toBeNull();
  });
});

describe('the other body routes', () => {
  it('update: Go\'s decode error, the limits and the restart policy checked before the container is looked for', async () => {
    const call = await api();
    expect(answer(await call('POST', '/containers/nosuch/update', { Memory: '1g' }))).toEqual([400, decode('string', 'UpdateConfig.Resources.Memory', 'int64')]);
    expect(answer(await call('POST', '/containers/nosuch/update', { Memory: 5 }))).toEqual([400, 'Minimum memory limit allowed is 6MB']);
    expect(answer(await call('POST', '/containers/nosuch/update', { RestartPolicy: { Name: 'x' } }))[1]).toMatch(/^invalid restart policy: unknown policy 'x'/);
    expect(answer(await call('POST', '/containers/nosuch/update', { Memory: 64 << 20 }))).toEqual([404, 'No such container: nosuch']);
  });

  it('exec create and start, and resize with strconv.Atoi\'s words', async () => {
    const call = await api();
    expect(answer(await call('POST', '/containers/nosuch/exec', { Cmd: 'ls' }))).toEqual([400, decode('string', 'ExecOptions.Cmd', '[]string')]);
    expect(answer(await call('POST', '/containers/nosuch/exec', { Cmd: [] }))).toEqual([400, 'No exec command specified']);
    await call('POST', '/containers/create', { Image: 'busybox', Cmd: ['sleep', '100'] }, { name: 'web' });
    await call('POST', '/containers/web/start');
    const { Id } = (await call('POST', '/containers/web/exec', { Cmd: ['true'] })).json as { Id: string };
    expect(answer(await call('POST', `/exec/${Id}/start`, { Detach: 'yes' }))).toEqual([400, decode('string', 'ExecStartOptions.Detach', 'bool')]);
    expect(answer(await call('POST', `/exec/${Id}/resize`, undefined, { h: 'x', w: '80' }))).toEqual([400, 'strconv.Atoi: parsing "x": invalid syntax']);
    expect(answer(await call('POST', `/exec/${Id}/resize`, undefined, { w: '80' }))).toEqual([400, 'strconv.Atoi: parsing "": invalid syntax']);
    expect(answer(await call('POST', '/containers/web/resize', undefined, { h: '24', w: '99999999999999999999' }))).toEqual([400, 'strconv.Atoi: parsing "99999999999999999999": value out of range']);
    expect((await call('POST', '/containers/web/resize', undefined, { h: '24', w: '80' })).status).toBe(200);
    await call('POST', '/containers/web/kill');
    expect(answer(await call('POST', '/containers/web/resize', undefined, { h: '24', w: '80' }))[0]).toBe(409);
  });

  it('networks and volumes', async () => {
    const call = await api();
    expect(answer(await call('POST', '/networks/create', { Name: 'n', Driver: 5 }))).toEqual([400, decode('number', 'CreateRequest.CreateOptions.Driver', 'string')]);
    expect(answer(await call('POST', '/networks/create', { Name: 'n', IPAM: { Config: {} } }))).toEqual([400, decode('object', 'IPAM.CreateOptions.IPAM.Config', '[]network.IPAMConfig')]);
    expect(answer(await call('POST', '/networks/create', { Name: '../n' }))[0]).toBe(400);
    expect(answer(await call('POST', '/networks/nosuch/connect', { Container: 5 }))).toEqual([400, decode('number', 'ConnectOptions.Container', 'string')]);
    expect(answer(await call('POST', '/networks/nosuch/disconnect', { Force: 'yes' }))).toEqual([400, decode('string', 'DisconnectOptions.Force', 'bool')]);
    expect(answer(await call('POST', '/volumes/create', { Name: {} }))).toEqual([400, decode('object', 'CreateOptions.Name', 'string')]);
    expect(answer(await call('POST', '/volumes/create', { Name: 'data', Labels: { a: 1 } }))).toEqual([400, decode('number', 'CreateOptions.Labels', 'string')]);
    expect(answer(await call('POST', '/volumes/create', { Name: '../x' }))[1]).toMatch(/^create \.\.\/x: "\.\.\/x" includes invalid characters/);
    expect((await call('GET', '/volumes')).json).toEqual({ Volumes: [], Warnings: null });
  });

  it('build: the JSON query parameters as json.Unmarshal reads them, before the context', async () => {
    const call = await api();
    const build = (query: Record<string, string>) => call('POST', '/build', undefined, query).then(answer);
    expect(await build({ buildargs: '{"A":1}' })).toEqual([400, 'error reading build args: json: cannot unmarshal number into Go value of type string']);
    expect(await build({ buildargs: '["A"]' })).toEqual([400, 'error reading build args: json: cannot unmarshal array into Go value of type map[string]*string']);
    expect(await build({ labels: '{"a":' })).toEqual([400, 'error reading labels: unexpected end of JSON input']);
    expect(await build({ labels: '{} x' })).toEqual([400, "error reading labels: invalid character 'x' after top-level value"]);
    expect(await build({ cachefrom: '"img"' })).toEqual([400, 'error reading cache-from: json: cannot unmarshal string into Go value of type []string']);
    expect(await build({ ulimits: '[{"Name":"nofile","Soft":"x"}]' })).toEqual([400, 'error reading ulimit settings: json: cannot unmarshal string into Go struct field Ulimit.Soft of type int64']);
    expect(await build({ buildargs: '{"A":"1","B":null}' })).toEqual([400, 'the build context is empty: send a tar of the context directory']);
  });

  it('tag and commit read the new reference as distribution/reference does, before the image or container', async () => {
    const call = await api();
    const tag = (repo: string, t = '') => call('POST', '/images/nosuch/tag', undefined, { repo, tag: t }).then(answer);
    expect(await tag('Web')).toEqual([400, 'invalid reference format: repository name (library/Web) must be lowercase']);
    expect(await tag('web', 'a:b')).toEqual([400, 'invalid tag format']);
    expect(await tag('web@sha256:' + 'a'.repeat(64))).toEqual([400, 'cannot import digest reference']);
    expect(await tag('a'.repeat(64))).toEqual([400, `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`]);
    expect(await tag('web', 'v1')).toEqual([404, 'No such image: nosuch:latest']);
    expect((await call('POST', '/images/busybox/tag', undefined, { repo: 'localhost:5000/web', tag: 'v1' })).status).toBe(201);
    expect(answer(await call('POST', '/commit', '{"Cmd":1}', { container: 'nosuch' }))).toEqual([400, decode('number', 'CreateRequest.Config.Cmd', 'string')]);
    expect(answer(await call('POST', '/commit', undefined, { container: 'nosuch', repo: '../x' }))).toEqual([400, 'invalid reference format']);
  });
});
