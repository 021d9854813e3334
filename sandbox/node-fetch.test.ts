// The global fetch in containers, against the host's real Node.js
// (v20.20.2, node:20-alpine's release) running the same script: a server
// and fetch() in one process (status, headers, JSON/text/bytes/Blob/stream
// bodies, the request headers undici sends, POST bodies of every kind,
// redirects, AbortSignal and timeouts, gzip), Request/Response/Headers/
// FormData themselves, and the failures with their causes; then fetch from
// one container to another by name on a user network, where https:// fails
// as this TLS-less network does.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon/daemon.ts';
import { sequentialIds } from './daemon/ids.ts';
import { buildWith, logText, T0, testDaemon, until } from './daemon/testing/harness.ts';
import { runOnHost, type Ran } from './programs/node/testing/node-apps.ts';

const SERVER = `const http = require('http'), zlib = require('zlib');
const srv = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => body += c);
  req.on('end', () => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/json') { res.setHeader('Content-Type', 'application/json'); res.setHeader('Set-Cookie', ['a=1', 'b=2']); res.setHeader('Date', 'Sun, 01 Jun 2025 12:00:00 GMT'); return res.end(JSON.stringify({ ok: true, n: 1 })); }
    if (u.pathname === '/echo') { res.setHeader('Content-Type', 'application/json'); return res.end(JSON.stringify({ method: req.method, headers: req.headers, body })); }
    if (u.pathname === '/redir') { res.statusCode = Number(u.searchParams.get('code') || 302); res.setHeader('Location', u.searchParams.get('to') || '/echo'); return res.end('moved'); }
    if (u.pathname === '/loop') { res.statusCode = 302; res.setHeader('Location', '/loop'); return res.end(); }
    if (u.pathname === '/slow') { setTimeout(() => res.end('slow'), 300); return; }
    if (u.pathname === '/404') { res.statusCode = 404; res.statusMessage = 'Nope'; return res.end('not here'); }
    if (u.pathname === '/chunks') { res.write('a'); setTimeout(() => { res.write('b'); res.end('c'); }, 10); return; }
    if (u.pathname === '/gzip') { res.setHeader('Content-Encoding', 'gzip'); return res.end(zlib.gzipSync('unzipped '.repeat(20))); }
    res.end('hello');
  });
});
`;

const PROBE = `${SERVER}
srv.listen(3000, async () => {
  const show = (...a) => console.log(...a);
  let r = await fetch('http://localhost:3000/json');
  show(r.status, r.statusText, r.ok, r.url, r.redirected, r.type, r.headers.get('content-type'), r.headers.get('set-cookie'), r.headers.getSetCookie(), r.bodyUsed);
  show([...r.headers].filter(([k]) => k !== 'keep-alive'));
  show(await r.json(), r.bodyUsed);
  try { await r.text(); } catch (e) { show(e.name, e.message); }
  r = await fetch('http://localhost:3000/echo', { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'Content-Type': 'application/json', 'X-Custom': 'v' } });
  const echo = await r.json(); show(echo.method, echo.body, echo.headers);
  for (const body of [new URLSearchParams({ q: 'a b', x: '1' }), new Uint8Array([104, 105]), new Blob(['blob'], { type: 'text/x-b' }), { toString: () => 'object' }]) {
    const e = await (await fetch('http://localhost:3000/echo', { method: 'PUT', body })).json();
    show(e.headers['content-type'], e.headers['content-length'], e.body);
  }
  r = await fetch('http://localhost:3000/redir?code=302&to=/echo', { method: 'POST', body: 'x' }); const j = await r.json(); show(r.status, r.redirected, r.url, j.method, j.body);
  r = await fetch('http://localhost:3000/redir?code=307&to=/echo#frag', { method: 'POST', body: 'x' }); const j2 = await r.json(); show(r.status, r.redirected, r.url, j2.method, j2.body);
  r = await fetch('http://localhost:3000/redir?code=301', { redirect: 'manual' }); show(r.status, r.redirected, r.type, r.headers.get('location'), await r.text());
  for (const [url, init] of [['http://localhost:3000/redir', { redirect: 'error' }], ['http://localhost:3000/loop']]) {
    try { await fetch(url, init); } catch (e) { show(e.name, e.message, e.cause.message); }
  }
  r = await fetch('http://localhost:3000/404'); show(r.status, r.statusText, r.ok, await r.text());
  r = await fetch('http://localhost:3000/chunks'); const reader = r.body.getReader(); const parts = []; for (;;) { const { done, value } = await reader.read(); if (done) break; parts.push(Buffer.from(value).toString()); } show(parts.join(''), r.body.locked);
  r = await fetch('http://localhost:3000/chunks'); let streamed = ''; for await (const c of r.body) streamed += Buffer.from(c); show(streamed);
  r = await fetch('http://localhost:3000/chunks'); const ab = await r.arrayBuffer(); show(ab.constructor.name, ab.byteLength);
  r = await fetch('http://localhost:3000/chunks'); const bl = await r.blob(); show(bl.constructor.name, bl.size, JSON.stringify(bl.type), await bl.text());
  r = await fetch('http://localhost:3000/gzip'); show(r.headers.get('content-encoding'), (await r.text()).length);
  r = await fetch('http://localhost:3000/json'); const copy = r.clone(); show(await r.text(), await copy.text());
  try { await fetch('http://localhost:3000/slow', { signal: AbortSignal.timeout(50) }); } catch (e) { show(e.name, e.message, e.code, e.constructor.name); }
  const ac = new AbortController(); setTimeout(() => ac.abort(), 20);
  try { await fetch('http://localhost:3000/slow', { signal: ac.signal }); } catch (e) { show(e.name, e.message, e.code); }
  try { await fetch('http://localhost:3000/', { method: 'GET', body: 'x' }); } catch (e) { show(e.name, e.message); }
  const fd = new FormData(); fd.append('a', '1'); fd.append('f', new Blob(['xyz'], { type: 'text/plain' }), 'f.txt');
  const e3 = await (await fetch('http://localhost:3000/echo', { method: 'POST', body: fd })).json();
  const boundary = e3.headers['content-type'].split('boundary=')[1];
  show(e3.headers['content-type'].replace(boundary, 'B'), JSON.stringify(e3.body.split(boundary).join('B')));
  srv.close();
});
`;

const OBJECTS = `const t = (f) => { try { console.log('ok', f()); } catch (e) { console.log(e.name, e.message); } };
t(() => new Headers({ a: 'x\\ny' }));
t(() => new Headers([['a']]));
t(() => new Headers().get('bad name'));
t(() => Response.error().headers.set('a', 'b'));
t(() => new Response('x', { status: 99 }));
t(() => new Response('x', { status: 204 }));
t(() => new Request('/relative'));
t(() => new Request('http://a/', { method: 'CONNECT' }));
t(() => new Request('http://user:pw@a/'));
t(() => [new Request('http://a/', { method: 'post' }).method, new Request('http://a/', { method: 'Patch' }).method]);
t(() => [...new Headers([['B', '2'], ['a', '1'], ['a', ' 3 '], ['Set-Cookie', 'x=1'], ['set-cookie', 'y=2']])]);
t(() => require('util').inspect(new Headers({ a: '1', b: '2' })));
t(() => [new Blob(['ab'], { type: 'Text/Plain' }).type, new File(['ab'], 'f.txt').name, new Blob(['héllo']).size, require('buffer').Blob === Blob]);
t(() => new Request('http://a/', { body: new ReadableStream(), method: 'POST' }));
t(() => [typeof fetch, fetch.length, Object.prototype.toString.call(new Response())]);
const fd = new FormData(); fd.append('a', 'x'); fd.append('a', 'y'); fd.set('b', new Blob(['z']));
t(() => [...fd].map(([k, v]) => [k, typeof v === 'string' ? v : v.constructor.name + ':' + v.name]));
(async () => {
  const r = new Response('{"a":1}'); console.log(r.headers.get('content-type'), await r.json());
  const r2 = new Response(new URLSearchParams('a=1&b=2')); console.log(r2.headers.get('content-type'), [...(await r2.formData())]);
  const r3 = new Response('x'); const c = r3.clone(); console.log(await r3.text(), await c.text());
  try { r3.clone(); } catch (e) { console.log(e.name, e.message); }
  console.log(await new Response(new Uint8Array([104, 105])).text(), await new Response('hé').bytes(), (await new Response('ab').blob()).type);
  console.log(Response.json({ x: 1 }).headers.get('content-type'), Response.error().type, Response.redirect('http://a/', 301).headers.get('location'));
  const req = new Request('http://localhost/echo', { method: 'put', body: 'q' }); console.log(req.method, req.url, req.headers.get('content-type'), await req.text());
  const form = new FormData(); form.append('n', 'v'); form.append('file', new File(['data'], 'd.txt', { type: 'text/plain' }));
  const back = await new Response(form).formData(); console.log([...back].map(([k, v]) => [k, typeof v === 'string' ? v : [v.name, v.type, v.size]]));
  const res = await fetch('data:text/plain;base64,aGVsbG8='); console.log(res.status, res.headers.get('content-type'), await res.text());
})();
`;

const FAILURES = `const show = (e) => console.log(e);
for (const [url, init] of [['http://127.0.0.1:1/'], ['http://nosuchhost.invalid/'], ['ftp://x/'], ['not a url'], ['http://localhost/', { method: 'GET', body: 'x' }]]) {
  await fetch(url, init).then(() => console.log('no failure'), show);
}
await fetch('http://127.0.0.1:9/');
`;

/** Without stack frames (Node's are undici's; ours are QuickJS's). */
const noFrames = (s: string): string => s.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');

async function inImage(d: Daemon, files: Record<string, string>, cmd: string[]): Promise<Ran> {
  const b = await buildWith(d, { Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n', ...files });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode, oom: false };
}

describe('fetch, as the host\'s Node.js (node:20)', () => {
  it('against a server in the same process: bodies, headers, redirects, aborts, gzip', async () => {
    const d = await testDaemon();
    const host = await runOnHost({ 'probe.js': PROBE }, ['node', 'probe.js'], { mtimeMs: T0 });
    const ours = await inImage(d, { 'probe.js': PROBE }, ['node', 'probe.js']);
    expect(host.err).toBe('');
    expect(ours).toEqual({ ...host, err: '', oom: false });
  }, 60_000);

  it('Request, Response, Headers, FormData and Blob themselves', async () => {
    const d = await testDaemon();
    const host = await runOnHost({ 'objects.js': OBJECTS }, ['node', 'objects.js'], { mtimeMs: T0 });
    const ours = await inImage(d, { 'objects.js': OBJECTS }, ['node', 'objects.js']);
    expect(ours.out).toBe(host.out);
    expect(ours.err.replace(/\(node:\d+\)/, '(node:PID)')).toBe(host.err.replace(/\(node:\d+\)/, '(node:PID)'));
  }, 60_000);

  it('fails as Node does: TypeError: fetch failed with the cause, nothing hangs; uncaught, as undici\'s throw', async () => {
    const d = await testDaemon();
    const host = await runOnHost({ 'failures.mjs': FAILURES }, ['node', 'failures.mjs'], { mtimeMs: T0 });
    const ours = await inImage(d, { 'failures.mjs': FAILURES }, ['node', 'failures.mjs']);
    expect({ ...ours, out: noFrames(ours.out), err: noFrames(ours.err) }).toEqual({ ...host, out: noFrames(host.out), err: noFrames(host.err) });
    expect(ours.err.startsWith('node:internal/deps/undici/undici:14976\n      Error.captureStackTrace(err);\n')).toBe(true);
  }, 60_000);
});

describe('fetch between containers', () => {
  it('reaches another container by name; refused, unknown and https:// fail with their causes', async () => {
    const d = await Daemon.create({ newId: sequentialIds('fetch') });
    d.networks.create('app');
    const api = d.containers.create({ image: d.images.mustResolve('node'), name: 'api', network: 'app', cmd: ['node', '-e', `${SERVER}\nsrv.listen(3000, () => console.log('up'));`] });
    d.containers.start(api);
    await until(() => logText(api) === 'up\n', 'the api server');
    const { container, exitCode } = await d.run({
      image: d.images.mustResolve('node'), network: 'app',
      cmd: ['node', '-e', [
        "const r = await fetch('http://api:3000/echo?x=1', { method: 'POST', body: JSON.stringify({ hi: 1 }), headers: { 'content-type': 'application/json' } })",
        'const j = await r.json()',
        'console.log(r.status, j.method, j.body, j.headers.host)',
        "for (const url of ['http://api:3001/', 'http://nosuchservice:3000/', 'https://api:3000/']) {",
        '  try { await fetch(url); } catch (e) { console.log(e.message, e.cause.code, e.cause.message); }',
        '}',
      ].join('\n')],
    });
    expect(logText(container, 'stderr')).toBe('');
    expect(logText(container)).toBe([
      '200 POST {"hi":1} api:3000',
      'fetch failed ECONNREFUSED connect ECONNREFUSED 172.18.0.2:3001',
      'fetch failed ENOTFOUND getaddrinfo ENOTFOUND nosuchservice',
      "fetch failed ERR_NOT_AVAILABLE HTTPS (TLS) is not available in the playground's node (QuickJS): run it with a real Node.js",
      '',
    ].join('\n'));
    expect(exitCode).toBe(0);
    d.containers.kill(api, 9);
  }, 60_000);
});
