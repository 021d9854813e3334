// Fuzzing the Engine API router, as the stock CLI or a hostile page could
// call it: every route with odd IDs and names (path tricks, bad escapes,
// huge), random query values, and bodies that are random JSON or bytes —
// and real requests (a container create with its HostConfig, an update, an
// exec and its start, a network create/connect/disconnect, a volume create,
// a commit's config) sent to their route with one field replaced by a value
// of the wrong type or a bad one (null, odd and huge numbers, strings with
// path tricks, arrays, objects, any JSON). Each call must answer — a 4xx
// with Docker's `{"message": …}` for bad input — never throw, never leak a
// JavaScript error; the engine answers normally afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import { Daemon } from '../daemon/daemon.ts';
import { engineRouter } from './index.ts';

const ROUTES = `DELETE /containers/{id};DELETE /images/{name};DELETE /networks/{id};DELETE /volumes/{name};GET /_ping;GET /containers/json;GET /containers/{id}/archive;GET /containers/{id}/changes;GET /containers/{id}/export;GET /containers/{id}/json;GET /containers/{id}/logs;GET /containers/{id}/top;GET /exec/{id}/json;GET /images/get;GET /images/json;GET /images/{name}/get;GET /images/{name}/history;GET /images/{name}/json;GET /info;GET /networks;GET /networks/{id};GET /system/df;GET /version;GET /volumes;GET /volumes/{name};HEAD /_ping;HEAD /containers/{id}/archive;POST /build;POST /build/prune;POST /commit;POST /containers/create;POST /containers/prune;POST /containers/{id}/exec;POST /containers/{id}/kill;POST /containers/{id}/pause;POST /containers/{id}/rename;POST /containers/{id}/resize;POST /containers/{id}/restart;POST /containers/{id}/start;POST /containers/{id}/stop;POST /containers/{id}/unpause;POST /containers/{id}/update;POST /exec/{id}/resize;POST /exec/{id}/start;POST /images/create;POST /images/load;POST /images/prune;POST /images/{name}/tag;POST /networks/create;POST /networks/prune;POST /networks/{id}/connect;POST /networks/{id}/disconnect;POST /volumes/create;POST /volumes/prune;PUT /containers/{id}/archive;PATCH /containers/json;OPTIONS /info;GET /nope/{id}`
  .split(';').map((r) => r.split(' ') as [string, string]);

const IDS = ['web', 'done', 'busybox', 'busybox:latest', 'data', 'net', 'bridge', 'none', '', '..', '../../etc/passwd', '%2e%2e%2f', '%', '%E0%A4%A', '%00', 'a/b', '/', 'sha256:', 'sha256:zz',
  'x'.repeat(300), 'Ünïcödé', '{id}', 'null', '__proto__', 'constructor', 'web;rm -rf /', "web'", '*'];
const id = fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 20 }).map(encodeURIComponent));

const QUERY_KEYS = ['all', 'filters', 'force', 'v', 't', 'signal', 'tail', 'since', 'until', 'timeout', 'name', 'fromImage', 'tag', 'repo', 'path', 'size', 'ps_args', 'stream', 'stdout', 'stderr',
  'follow', 'timestamps', 'noprune', 'dockerfile', 'buildargs', 'memory', 'cpuquota', 'labels', 'nocache', 'q', 'h', 'w', 'noOverwriteDirNonDir', 'logs', 'detachKeys', 'container', 'changes'];
const queryValue = fc.oneof(fc.constantFrom('1', '0', 'true', 'false', '-1', '1e400', 'NaN', '', '{', '{"label":["a"]}', '{"status":{"running":true}}', '{"dangling":["x"]}', '["a"]', 'SIGFOO', '9',
  '{"a":"b"}', 'x'.repeat(5000), '/etc', '../..'), fc.string({ maxLength: 12 }), fc.json({ maxDepth: 2 }));

const body = fc.oneof(fc.constant(null), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 50 }), fc.uint8Array({ maxLength: 600 }), fc.constant('{"a":'), fc.constant('x'.repeat(3 << 20)));

const request = fc.record({ route: fc.constantFrom(...ROUTES), id, version: fc.constantFrom('', '/v1.47', '/v1.12', '/v9.99', '/v1.x'), query: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 4 }), body, contentType: fc.constantFrom('application/json', 'application/x-tar', 'text/plain', '') })
  .map(({ route: [method, pattern], id, version, query, body, contentType }): ApiRequest => ({
    method,
    path: version + pattern.replace(/\{[a-z]+\}/, id),
    query: new Map(query),
    queryAll: new Map(query.map(([k, v]) => [k, [v]])),
    headers: new Map(contentType ? [['content-type', contentType]] : []),
    body: body === null ? null : typeof body === 'string' ? new TextEncoder().encode(body) : body,
  }));

// Real bodies, as the docker CLI sends them, for the routes that read one.
const REAL: Array<{ method: string; path: string; query?: Array<[string, string]>; body: unknown }> = [
  {
    method: 'POST', path: '/containers/create', body: {
      Hostname: 'box', User: 'root', Tty: false, OpenStdin: false, Env: ['A=1', 'PATH=/bin'], Cmd: ['sleep', '1'], Entrypoint: null, Image: 'busybox',
      WorkingDir: '/tmp', Labels: { app: 'web' }, ExposedPorts: { '80/tcp': {} }, Volumes: { '/anon': {} }, StopSignal: 'SIGTERM', StopTimeout: 5,
      Healthcheck: { Test: ['CMD', 'true'], Interval: 1e9, Timeout: 1e9, Retries: 3 },
      HostConfig: {
        Binds: ['data:/data', 'cache:/cache:ro'], NetworkMode: 'net', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 }, AutoRemove: false, Memory: 64 << 20, MemorySwap: -1, NanoCpus: 5e8, CpuShares: 512,
        PidsLimit: 50, Init: true, Tmpfs: { '/run': '' }, Mounts: [{ Type: 'volume', Source: 'mv', Target: '/m', ReadOnly: false }], ConsoleSize: [24, 80],
        LogConfig: { Type: 'json-file', Config: {} }, CapAdd: ['NET_ADMIN'], Dns: [], ExtraHosts: ['h:10.0.0.1'], ShmSize: 67108864, OomScoreAdj: 0,
      },
      NetworkingConfig: { EndpointsConfig: { net: { Aliases: ['alias'], IPAMConfig: { IPv4Address: '172.18.0.50' } } } },
    },
  },
  { method: 'POST', path: '/containers/web/update', body: { Memory: 128 << 20, MemorySwap: -1, NanoCpus: 1e9, CpuShares: 1024, PidsLimit: 100, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } } },
  { method: 'POST', path: '/containers/web/exec', body: { User: '', Privileged: false, Tty: false, ConsoleSize: [24, 80], AttachStdin: false, AttachStdout: true, AttachStderr: true, Detach: false, DetachKeys: '', Env: ['X=1'], WorkingDir: '/', Cmd: ['echo', 'hi'] } },
  { method: 'POST', path: '/exec/{exec}/start', body: { Detach: true, Tty: false, ConsoleSize: [24, 80] } },
  { method: 'POST', path: '/networks/create', body: { Name: 'fz', Driver: 'bridge', Internal: false, Attachable: false, EnableIPv6: false, Labels: { a: 'b' }, Options: {}, IPAM: { Driver: 'default', Config: [{ Subnet: '10.99.0.0/24', Gateway: '10.99.0.1' }] } } },
  { method: 'POST', path: '/networks/net/connect', body: { Container: 'done', EndpointConfig: { Aliases: ['x'], IPAMConfig: { IPv4Address: '172.18.0.60' } } } },
  { method: 'POST', path: '/networks/net/disconnect', body: { Container: 'done', Force: false } },
  { method: 'POST', path: '/volumes/create', body: { Name: 'vol', Driver: 'local', DriverOpts: {}, Labels: { a: 'b' } } },
  { method: 'POST', path: '/commit', query: [['container', 'nosuch'], ['repo', 'img']], body: { Cmd: ['sh'], Env: ['A=1'], Labels: { a: 'b' }, ExposedPorts: { '80/tcp': {} } } },
];

/** Every place a value sits in `body` (object keys and array elements), as paths. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const inner = Array.isArray(v) ? v.flatMap((x, i) => paths(x, [...at, i]))
    : v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k])) : [];
  return at.length > 0 ? [at, ...inner] : inner;
}

/** `body` with the value at `path` replaced (or the key removed, or renamed to another case, when `value` says so). */
function mutate(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (value === DROP) delete parent[key];
  else if (value === RECASE && typeof key === 'string') { const v = parent[key]; delete parent[key]; parent[key.toLowerCase()] = v; }
  else parent[key] = value;
  return copy;
}
const DROP = Symbol('drop');
const RECASE = Symbol('recase');

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, 1, 1.5, -0.5, 1e3, 1e300, -1e300, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, 65536, 4e9, Number.MAX_SAFE_INTEGER,
    '', 'x', '../x', '../../etc/passwd', '/', '/..', 'a:b:c:d', ':', 'on-failure', 'always', '80/udp', '0.0.0.0', '999.1.1.1', '10.99.0.0/33', 'x'.repeat(5000), '\u0000', 'Ünï',
    true, false, [], [1], ['a'], [null], [[]], [{}], {}, { a: 1 }, { '': '' }, JSON.parse('{"__proto__":{"a":1},"x":[]}') as unknown, { '../x': {} }, DROP, RECASE),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 12 }), fc.json({ maxDepth: 2 }).map((j) => JSON.parse(j) as unknown),
);

/** A real request sent to its route, one field of its body wrong. */
const mutatedRequest = (execId: () => string) => fc.record({ real: fc.constantFrom(...REAL), pick: fc.nat(), value: wrongValue, version: fc.constantFrom('', '/v1.50') })
  .map(({ real, pick, value, version }): ApiRequest => {
    const all = paths(real.body);
    const body = mutate(real.body, all[pick % all.length]!, value);
    return {
      method: real.method,
      path: version + real.path.replace('{exec}', execId()),
      query: new Map(real.query ?? []),
      queryAll: new Map((real.query ?? []).map(([k, v]) => [k, [v]])),
      headers: new Map([['content-type', 'application/json']]),
      body: new TextEncoder().encode(JSON.stringify(body)),
    };
  });

const JS_ERRORS = /TypeError|RangeError|ReferenceError|SyntaxError|URIError|is not a function|Cannot read properties|\bundefined\b|\[object Object\]|Maximum call stack|^E[A-Z]+: /;

/** The response, or null when the handler still works after a while (attach-like calls that wait are allowed to). */
async function answer(router: ReturnType<typeof engineRouter>, req: ApiRequest): Promise<ApiResponse | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((r) => { timer = setTimeout(() => r(null), 3000); });
  try { return await Promise.race([router.handle(req), late]); } finally { clearTimeout(timer); }
}

describe('Engine API router (fuzz)', () => {
  it('answers every odd request with a status and, for errors, a message', async () => {
    const d = await Daemon.create();
    const router = engineRouter(d);
    const create = (name: string, cmd: string[]) => router.handle({ method: 'POST', path: '/containers/create', query: new Map([['name', name]]), headers: new Map([['content-type', 'application/json']]), body: new TextEncoder().encode(JSON.stringify({ Image: 'busybox', Cmd: cmd })) });
    await create('web', ['sleep', '1000']);
    await router.handle({ method: 'POST', path: '/containers/web/start', query: new Map(), headers: new Map(), body: null });
    await create('done', ['true']);
    const json = (method: string, path: string, body: unknown) => router.handle({ method, path, query: new Map(), headers: new Map([['content-type', 'application/json']]), body: new TextEncoder().encode(JSON.stringify(body)) });
    await json('POST', '/networks/create', { Name: 'net' });
    // An exec to start (the first start runs it; later ones are 409, after their body is read).
    const exec = await json('POST', '/containers/web/exec', { Cmd: ['true'] });
    const execId = (exec.json as { Id: string }).Id;
    await fc.assert(fc.asyncProperty(fc.oneof(request, mutatedRequest(() => execId)), async (req) => {
      const label = `${req.method} ${req.path} ${JSON.stringify([...req.query])}`.slice(0, 300);
      const r = await answer(router, req);
      if (r === null) return; // a call that waits (start of a container that keeps running…): nothing to check
      expect(r.status, label).toBeGreaterThanOrEqual(100);
      expect(r.status, label).toBeLessThan(600);
      if (r.status >= 400) {
        const message = (r.json as { message?: unknown } | undefined)?.message;
        expect(typeof message, label).toBe('string');
        expect((message as string).length, label).toBeGreaterThan(0);
        expect(message, label).not.toMatch(JS_ERRORS);
      }
    }), { numRuns: Math.max(50, fc.readConfigureGlobal().numRuns! * 3) });
    const ping = await router.handle({ method: 'GET', path: '/_ping', query: new Map(), headers: new Map(), body: null });
    expect(ping.status).toBe(200);
    const ps = await router.handle({ method: 'GET', path: '/containers/json', query: new Map([['all', '1']]), headers: new Map(), body: null });
    expect(ps.status).toBe(200);
  }, 300_000);
});
