// Fuzzing the Engine API router, as the stock CLI or a hostile page could
// call it: every route with odd IDs and names (path tricks, bad escapes,
// huge), random query values, and bodies that are random JSON, wrong-typed
// versions of real requests, or bytes. Each call must answer — a 4xx with
// Docker's `{"message": …}` for bad input — never throw, never leak a
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
    await fc.assert(fc.asyncProperty(request, async (req) => {
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
