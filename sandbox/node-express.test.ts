// Express in containers, unmodified from npm (express 5.3.0 and 4.22.3 with
// their dependencies laid out as npm installs them): the same app answers
// byte for byte as it does under the host's real Node.js — status lines,
// headers in order (ETag, Content-Length, Content-Type…), bodies — for
// routes, query strings, params, JSON and form bodies, static files with
// conditional requests, redirects, 404s and error middleware; curl reaches
// it from another container; start-up is measured; a leaking app dies by
// the OOM killer under -m. The same kind of app written as ES modules
// ("type": "module") answers curl too.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, T0, testDaemon, until } from './daemon/testing/harness.ts';
import type { Image } from './image/store.ts';
import { npmTree, type TreeFile } from './programs/node/testing/npm-tree.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const APP = `const express = require('express');
const app = express();
const port = process.env.PORT || 3000;

app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use(express.static('public'));

app.get('/', (req, res) => res.send('Hello World!'));
app.get('/search', (req, res) => res.json({ query: req.query }));
app.get('/users/:userId/books/:bookId', (req, res) => res.json(req.params));
app.post('/echo', (req, res) => res.status(201).json({ received: req.body }));
app.post('/form', (req, res) => res.json(req.body));
app.get('/html', (req, res) => res.send('<h1>Título</h1>'));
app.get('/old', (req, res) => res.redirect('/'));
app.get('/gone', (req, res) => res.sendStatus(410));
app.get('/boom', () => { throw new Error('it broke'); });
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ error: err.type || err.message });
});

app.listen(port, () => console.log(\`listening on port \${port}\`));
`;

/** Raw HTTP/1.1 requests, each on its own connection; prints each response with its Date masked. */
const CLIENT = `const net = require('net');
const port = Number(process.env.PORT || 3000);
const json = JSON.stringify({ name: 'Ada', tags: ['x', 'y'], n: 1.5 });
const form = 'a=1&b=two+words&a=3&c=%E2%9C%93';
const req = (line, headers = '', body = '') => line + '\\r\\nHost: localhost:' + port + '\\r\\n' + headers + (body ? 'Content-Length: ' + Buffer.byteLength(body) + '\\r\\n' : '') + '\\r\\n' + body;
const requests = [
  req('GET / HTTP/1.1'),
  req('HEAD / HTTP/1.1'),
  req('GET /search?q=docker&tags=a&tags=b&page=2&x[y]=1 HTTP/1.1'),
  req('GET /users/42/books/7 HTTP/1.1'),
  req('POST /echo HTTP/1.1', 'Content-Type: application/json\\r\\n', json),
  req('POST /echo HTTP/1.1', 'Content-Type: application/json\\r\\n', '{"broken": '),
  req('POST /form HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded\\r\\n', form),
  req('GET /html HTTP/1.1'),
  req('GET /hello.txt HTTP/1.1'),
  'ETAG',
  req('GET /old HTTP/1.1'),
  req('GET /gone HTTP/1.1'),
  req('GET /nowhere HTTP/1.1'),
  req('GET /boom HTTP/1.1'),
];

function complete(buf, head) {
  const end = buf.indexOf('\\r\\n\\r\\n');
  if (end === -1) return false;
  if (head) return true;
  const headers = buf.subarray(0, end).toString('latin1');
  const status = Number(headers.split(' ')[1]);
  if (status === 304 || status === 204) return true;
  const length = /\\r\\ncontent-length: (\\d+)/i.exec(headers);
  if (length) return buf.length >= end + 4 + Number(length[1]);
  if (/\\r\\ntransfer-encoding: chunked/i.test(headers)) return buf.subarray(end).includes('\\r\\n0\\r\\n\\r\\n');
  return false;
}

function send(raw) {
  return new Promise((resolve, reject) => {
    const connect = (tries) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(raw));
      let buf = Buffer.alloc(0);
      s.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        if (complete(buf, raw.startsWith('HEAD'))) { s.destroy(); resolve(buf); }
      });
      s.on('error', (e) => (e.code === 'ECONNREFUSED' && tries > 0 ? setTimeout(() => connect(tries - 1), 20) : reject(e)));
    };
    connect(200);
  });
}

(async () => {
  let etag = '';
  for (let r of requests) {
    if (r === 'ETAG') r = req('GET /hello.txt HTTP/1.1', 'If-None-Match: ' + etag + '\\r\\n');
    const res = (await send(r)).toString('utf8');
    etag = (/\\r\\nETag: (.*)\\r\\n/i.exec(res) || [])[1] || etag;
    console.log('>>> ' + r.split('\\r\\n')[0]);
    console.log(res.replace(/\\r\\nDate: [^\\r]*/, '\\r\\nDate: <date>'));
  }
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** Starts the app in the background, runs the client, then shows what the app printed. */
const SCRIPT = 'node app.js > /tmp/app.log 2>&1 & app=$!; node client.js; status=$?; kill $app; cat /tmp/app.log; exit $status';

function appFiles(express: 'express' | 'express4'): Record<string, TreeFile> {
  return {
    ...npmTree([express]),
    'app.js': APP,
    'client.js': CLIENT,
    'public/hello.txt': 'Hello from a static file.\n',
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'app.js' }, null, 2),
  };
}

async function inContainer(d: Daemon, files: Record<string, TreeFile>, cmd: string[], opts: { memory?: number } = {}): Promise<{ out: string; err: string; code: number; oom: boolean }> {
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "app.js"]\n', ...files });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd, ...(opts.memory && { memory: opts.memory }) });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode, oom: container.state.OOMKilled };
}

/** A port for the host's run that others' tests are unlikely to hold. */
const hostPort = (): string => String(20000 + Math.floor(Math.random() * 20000));

describe.each(['express', 'express4'] as const)('%s in a container answers as under Node.js', (express) => {
  it('routes, query, params, JSON and form bodies, static files, 304, redirect, 404, error middleware', async () => {
    const files = appFiles(express);
    const port = hostPort();
    const host = await runOnHost(files, ['sh', '-c', SCRIPT], { env: { PORT: port }, mtimeMs: T0 });
    expect(host.code).toBe(0);
    const d = await testDaemon();
    const ours = await inContainer(d, files, ['sh', '-c', SCRIPT]);
    expect(ours.err).toBe('');
    expect(ours.out).toBe(host.out.replaceAll(`:${port}`, ':3000').replaceAll(`port ${port}`, 'port 3000'));
    expect(ours.code).toBe(0);
    // The responses really are the app's (not two equal failures).
    expect(ours.out).toContain('HTTP/1.1 200 OK\r\nX-Powered-By: Express\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 12\r\nETag: W/"c-Lve95gjOVATpfV8EL5X4nxwjKHE"\r\nDate: <date>\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nHello World!');
    expect(ours.out).toContain('>>> GET /hello.txt HTTP/1.1\nHTTP/1.1 304 Not Modified');
    expect(ours.out).toContain('{"received":{"name":"Ada","tags":["x","y"],"n":1.5}}');
    expect(ours.out).toContain('{"error":"entity.parse.failed"}');
    expect(ours.out).toMatch(/HTTP\/1\.1 404 Not Found[^]*Cannot GET \/nowhere/);
    expect(ours.out).toContain('{"error":"it broke"}');
    expect(ours.out.endsWith('listening on port 3000\n')).toBe(true);
  }, 120_000);
});

async function appImage(d: Daemon, express: 'express' | 'express4', extra: Record<string, TreeFile> = {}): Promise<Image> {
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "app.js"]\n', ...appFiles(express), ...extra });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  return b.image;
}

/** One request through the engine's host side of a published port; null while nothing answers. */
async function requestPublished(d: Daemon, port: number, raw: string): Promise<string | null> {
  let sock;
  try {
    sock = await d.networks.dial(port);
  } catch {
    return null;
  }
  const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
  await sock.write(new TextEncoder().encode(raw), io);
  let response = '';
  for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) response += new TextDecoder().decode(c);
  return response;
}

describe('an express app as a service', () => {
  it('answers curl from another container on a user network; the first answer comes soon after the start', async () => {
    const d = await testDaemon();
    d.networks.create('appnet');
    const image = await appImage(d, 'express');
    // docker run -d, then ask through the published port until the app answers.
    const firstAnswer = async (name: string, port: number): Promise<{ ms: number; response: string | null; container: ReturnType<typeof d.containers.create> }> => {
      const container = d.containers.create({ image, name, network: 'appnet', publish: [`${port}:3000`] });
      const started = performance.now();
      d.containers.start(container);
      let response: string | null = null;
      for (let i = 0; i < 5000 && response === null; i++) {
        response = await requestPublished(d, port, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
        if (response === null) await new Promise((r) => setTimeout(r, 1));
      }
      return { ms: performance.now() - started, response, container };
    };
    const first = await firstAnswer('api', 3000);
    expect(first.response).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nHello World!$/);
    // A second app from the same image: the guest worker and QuickJS's compiled code are warm now.
    const second = await firstAnswer('api2', 3001);
    expect(second.response).toMatch(/Hello World!$/);
    // How fast is for `npm run bench` (bench/node-express.ts) to say, not a test.
    console.log(`express 5, from start to the first answered request: ${Math.round(first.ms)} ms, then ${Math.round(second.ms)} ms`);
    const api = first.container;

    const curl = await d.run({
      image: d.images.mustResolve('alpine'), network: 'appnet',
      cmd: ['sh', '-c', 'apk add -q --no-cache curl && curl -s http://api:3000/users/7/books/9 && echo && curl -si -X POST -H "Content-Type: application/json" -d \'{"a":[1,2]}\' http://api:3000/echo'],
    });
    expect(logText(curl.container, 'stderr')).toBe('');
    const out = logText(curl.container).replace(/\r\nDate: [^\r]*/, '\r\nDate: <date>');
    expect(out).toBe('{"userId":"7","bookId":"9"}\nHTTP/1.1 201 Created\r\nX-Powered-By: Express\r\nContent-Type: application/json; charset=utf-8\r\n'
      + 'Content-Length: 24\r\nETag: W/"18-pQbgIVHEoOzIhI/EhiYu0xYLugI"\r\nDate: <date>\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n{"received":{"a":[1,2]}}');
    expect(curl.exitCode).toBe(0);
    expect(logText(api)).toBe('listening on port 3000\n');
    // As PID 1 without a SIGTERM handler node ignores SIGTERM (as in Docker): kill them.
    for (const c of [api, second.container]) {
      d.containers.kill(c, 9);
      await c.wait();
    }
  }, 120_000);

  it('under -m 64m the app and a client beside it answer exactly as without a limit; the cgroup holds their memory', async () => {
    const d = await testDaemon();
    const files = appFiles('express');
    const free = await inContainer(d, files, ['sh', '-c', SCRIPT]);
    const limited = await inContainer(d, files, ['sh', '-c', `${SCRIPT.replace('; exit $status', '')}; cat /sys/fs/cgroup/memory.peak >&2; exit $status`], { memory: 64 * 1024 * 1024 });
    expect(limited).toMatchObject({ out: free.out, code: 0, oom: false });
    expect(free.out).toContain('Hello World!');
    // Two node processes, each a QuickJS instance of at least 16 MiB, charged as they ran.
    const peak = Number(limited.err.trim());
    expect(peak).toBeGreaterThan(32 * 1024 * 1024);
    expect(peak).toBeLessThanOrEqual(64 * 1024 * 1024);
  }, 120_000);

  it('an app that leaks memory under -m 64m is killed by the OOM killer (137, OOMKilled)', async () => {
    const d = await testDaemon();
    d.networks.create('appnet');
    const leaky = `${APP.replace("app.listen(", `const kept = [];
app.get('/leak', (req, res) => {
  for (let i = 0; i < 200; i++) kept.push({ id: kept.length, payload: 'x'.repeat(1024) + kept.length });
  res.json({ kept: kept.length });
});
app.listen(`)}`;
    const image = await appImage(d, 'express4', { 'app.js': leaky });
    const api = d.containers.create({ image, name: 'api', network: 'appnet', memory: 64 * 1024 * 1024 });
    d.containers.start(api);
    await until(() => api.netns?.isListening(3000) === true, 'the app to listen');
    const client = await d.run({
      image: d.images.mustResolve('busybox'), network: 'appnet',
      cmd: ['sh', '-c', 'n=0; while wget -qO /tmp/last http://api:3000/leak; do n=$((n+1)); done; echo "answered $n"; cat /tmp/last'],
    });
    await api.wait();
    expect(api.state.ExitCode).toBe(137);
    expect(api.state.OOMKilled).toBe(true);
    const answered = Number(/answered (\d+)/.exec(logText(client.container))?.[1]);
    // About 200 KiB kept per request: the heap filled somewhere short of 64 MiB.
    expect(answered).toBeGreaterThan(100);
    expect(answered).toBeLessThan(330);
  }, 120_000);
});

/** The same kind of app written as ES modules: "type": "module", a router in its own module, top-level await, import.meta. */
const ESM_FILES = {
  'package.json': JSON.stringify({ name: 'esm-api', version: '1.0.0', type: 'module', main: 'server.js' }, null, 2),
  'server.js': [
    "import express, { json } from 'express';",
    "import { readFile } from 'node:fs/promises';",
    "import { join } from 'node:path';",
    "import users from './routes/users.js';",
    '',
    "const config = JSON.parse(await readFile(join(import.meta.dirname, 'config.json'), 'utf8'));",
    'const app = express();',
    'app.use(json());',
    "app.get('/', (req, res) => res.send(`Hello from ${config.name}!`));",
    "app.use('/users', users);",
    "app.listen(3000, () => console.log(`listening on port 3000 (${import.meta.url})`));",
    '',
  ].join('\n'),
  'routes/users.js': [
    "import { Router } from 'express';",
    '',
    'const router = Router();',
    "router.get('/:id', (req, res) => res.json({ id: Number(req.params.id), module: import.meta.filename }));",
    "router.post('/', (req, res) => res.status(201).json({ created: req.body }));",
    'export default router;',
    '',
  ].join('\n'),
  'config.json': '{ "name": "an ES module app" }\n',
};

describe('an express app written as ES modules', () => {
  it('("type": "module", import express, { json } from \'express\') serves what curl asks from another container', async () => {
    const d = await testDaemon();
    d.networks.create('esmnet');
    const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n', ...npmTree(['express']), ...ESM_FILES });
    if (!b.image) throw new Error(`build failed: ${b.error}`);
    const api = d.containers.create({ image: b.image, name: 'api', network: 'esmnet' });
    d.containers.start(api);
    await until(() => api.netns?.isListening(3000) === true, 'the app to listen');
    const curl = await d.run({
      image: d.images.mustResolve('alpine'), network: 'esmnet',
      cmd: ['sh', '-c', 'apk add -q --no-cache curl && curl -s http://api:3000/ && echo && curl -s http://api:3000/users/7 && echo && curl -si -X POST -H "Content-Type: application/json" -d \'{"name":"Ada"}\' http://api:3000/users'],
    });
    expect(logText(curl.container, 'stderr')).toBe('');
    const out = logText(curl.container).replace(/\r\nDate: [^\r]*/, '\r\nDate: <date>');
    expect(out).toBe('Hello from an ES module app!\n{"id":7,"module":"/app/routes/users.js"}\n'
      + 'HTTP/1.1 201 Created\r\nX-Powered-By: Express\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 26\r\n'
      + 'ETag: W/"1a-wORl5feUaaSfQQfH1B3rYQSe62M"\r\nDate: <date>\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n{"created":{"name":"Ada"}}');
    expect(curl.exitCode).toBe(0);
    expect(logText(api)).toBe('listening on port 3000 (file:///app/server.js)\n');
    expect(logText(api, 'stderr')).toBe('');
    d.containers.kill(api, 9);
    await api.wait();
  }, 120_000);
});
