// The nginx image runs nginx: master and workers, the welcome page on a
// published port, access and error logs in `docker logs`, a graceful stop
// on SIGQUIT, configuration checks and errors as nginx words them.
import { describe, expect, it } from 'vitest';
import type { Container } from './container.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text, until } from './testing/harness.ts';

const dec = new TextDecoder();

async function fetchHost(d: Daemon, port: number, path: string): Promise<string> {
  const sock = await d.networks.dial(port);
  const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
  await sock.write(new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nUser-Agent: test\r\n\r\n`), io);
  let out = '';
  for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) out += dec.decode(c);
  return out;
}

async function exec(d: Daemon, c: Container, script: string): Promise<string> {
  const out: string[] = [];
  await c.exec(d.kernel, d.userland, ['sh', '-c', script], { onStdout: (b) => out.push(dec.decode(b)), onStderr: (b) => out.push(dec.decode(b)) }).done;
  return out.join('');
}

const SPA = `server {
    listen 80;
    root /srv/app;
    location / { try_files $uri $uri/ /index.html; }
    location = /health { return 200 "ok"; }
}
`;

describe('nginx', () => {
  it('serves the welcome page on -p 8080:80 and logs like nginx; docker stop exits 0', async () => {
    const d = await Daemon.create({ newId: sequentialIds('ngx') });
    const c = d.containers.create({ image: d.images.mustResolve('nginx'), name: 'web', publish: ['8080:80'] });
    d.containers.start(c);
    await until(() => c.netns?.isListening(80) ?? false, 'nginx to listen');
    const page = await fetchHost(d, 8080, '/');
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.4\r\nDate: .*\r\nContent-Type: text\/html\r\nContent-Length: 615\r\n/);
    expect(page).toContain('<title>Welcome to nginx!</title>');
    const missing = await fetchHost(d, 8080, '/nope');
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(missing).toContain('<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.4</center>');
    expect(await exec(d, c, 'ps -o user,args')).toBe('USER     COMMAND\nroot     nginx: master process nginx -g daemon off;\nnginx    nginx: worker process\nnginx    nginx: worker process\nroot     ps -o user,args\n');
    expect(await exec(d, c, 'nginx -t')).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    await d.containers.stop(c);
    expect(c.state.ExitCode).toBe(0);
    expect(text(c)).toMatch(/\n172\.17\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "test" "-"\n/);
    expect(text(c)).toContain('"GET /nope HTTP/1.1" 404 153 "-" "test" "-"');
    const err = text(c, 'stderr');
    expect(err).toMatch(/\[notice\] 1#1: start worker processes\n/);
    expect(err).toMatch(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
    expect(err).toMatch(/\[notice\] 1#1: exit\n$/);
  });

  it('a custom site: root, try_files for a single-page app, return, and a reload', async () => {
    const d = await Daemon.create({ newId: sequentialIds('ngx') });
    const c = d.containers.create({ image: d.images.mustResolve('nginx'), publish: ['8081:80'] });
    d.containers.start(c);
    await until(() => c.netns?.isListening(80) ?? false, 'nginx to listen');
    c.rootfs.mkdirSync('/srv/app', { recursive: true });
    c.rootfs.writeFileSync('/srv/app/index.html', '<h1>app</h1>\n');
    c.rootfs.writeFileSync('/etc/nginx/conf.d/default.conf', SPA);
    expect(await exec(d, c, 'nginx -s reload')).toMatch(/\[notice\] \d+#\d+: signal process started\n$/);
    await until(() => /reconfiguring/.test(text(c, 'stderr')), 'the reload');
    expect((await fetchHost(d, 8081, '/some/route')).endsWith('\r\n\r\n<h1>app</h1>\n')).toBe(true);
    expect((await fetchHost(d, 8081, '/health')).endsWith('\r\n\r\nok')).toBe(true);
    d.containers.kill(c);
  });

  it('refuses bad configuration and goes to the background without daemon off', async () => {
    const d = await Daemon.create({ newId: sequentialIds('ngx') });
    const img = d.images.mustResolve('nginx');
    const bad = await d.run({ image: img, entrypoint: ['sh', '-c', 'echo "server { listen 80; lisen 81; }" > /etc/nginx/conf.d/default.conf; nginx -t; nginx -g "daemon off;"'] });
    expect(bad.exitCode).toBe(1);
    expect(text(bad.container, 'stderr')).toContain('nginx: [emerg] unknown directive "lisen" in /etc/nginx/conf.d/default.conf:1\nnginx: configuration file /etc/nginx/nginx.conf test failed\n');
    const plain = await d.run({ image: img, entrypoint: ['nginx'] });
    expect(plain.exitCode).toBe(0);
    // The master went to the background and was stopped with the container: it had only begun to log.
    expect(text(plain.container, 'stdout')).not.toContain('worker process');
  });

  it('proxy_pass: /api/ goes to the upstream by name (HTTP/1.0, Host: $proxy_host), a refused one is a 502 in the error log, an unknown host is fatal', async () => {
    const d = await Daemon.create({ newId: sequentialIds('ngx') });
    d.networks.create('app');
    const api = d.containers.create({
      image: d.images.mustResolve('node'), name: 'api', network: 'app',
      cmd: ['node', '-e', "require('http').createServer((q, r) => { let b = ''; q.on('data', (c) => b += c); q.on('end', () => { r.setHeader('X-From', 'api'); r.setHeader('Content-Type', 'application/json'); r.statusCode = q.method === 'POST' ? 201 : 200; r.end(JSON.stringify({ method: q.method, url: q.url, version: q.httpVersion, host: q.headers.host, real: q.headers['x-real-ip'] || null, body: b })) }) }).listen(3000)"],
    });
    d.containers.start(api);
    await until(() => api.netns?.isListening(3000) ?? false, 'the api to listen');
    const conf = `server {
    listen 80;
    server_name localhost;
    location / { root /usr/share/nginx/html; }
    location /api/ {
        proxy_pass http://api:3000;
        proxy_set_header X-Real-IP $remote_addr;
    }
    location /v2/ { proxy_pass http://api:3000/api/; }
    location /down/ { proxy_pass http://web:81; }
}
`;
    const web = d.containers.create({ image: d.images.mustResolve('nginx'), name: 'web', network: 'app', publish: ['8082:80'] });
    web.rootfs.writeFileSync('/etc/nginx/conf.d/default.conf', conf);
    d.containers.start(web);
    await until(() => web.netns?.isListening(80) ?? false, 'nginx to listen');
    const page = await fetchHost(d, 8082, '/api/visits?x=1');
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.4\r\nDate: .*\r\nContent-Type: application\/json\r\nContent-Length: \d+\r\nConnection: close\r\nX-From: api\r\n/);
    expect(JSON.parse(page.split('\r\n\r\n')[1]!)).toEqual({ method: 'GET', url: '/api/visits?x=1', version: '1.0', host: 'api:3000', real: '172.18.0.1', body: '' });
    expect(JSON.parse((await fetchHost(d, 8082, '/v2/items')).split('\r\n\r\n')[1]!)).toMatchObject({ url: '/api/items' });
    const sock = await d.networks.dial(8082);
    const io = { wait: <T>(q: Promise<T>) => q, charge: () => {}, cgroup: null };
    await sock.write(new TextEncoder().encode('POST /api/items HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello'), io);
    let posted = '';
    for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) posted += dec.decode(c);
    expect(posted).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(JSON.parse(posted.split('\r\n\r\n')[1]!)).toMatchObject({ method: 'POST', body: 'hello' });
    expect(await fetchHost(d, 8082, '/down/')).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    await until(() => text(web, 'stderr').includes('[error]'), 'the error log line');
    expect(text(web, 'stderr')).toMatch(/\[error\] \d+#\d+: \*\d+ connect\(\) failed \(111: Connection refused\) while connecting to upstream, client: 172\.18\.0\.1, server: localhost, request: "GET \/down\/ HTTP\/1\.1", upstream: "http:\/\/172\.18\.0\.3:81\/down\/", host: "localhost:8082"\n/);
    d.containers.kill(web, 9);
    d.containers.kill(api, 9);
    const lost = d.containers.create({ image: d.images.mustResolve('nginx'), name: 'lost' });
    lost.rootfs.writeFileSync('/etc/nginx/conf.d/default.conf', 'server {\n    listen 80;\n    location / { proxy_pass http://api:3000; }\n}\n');
    d.containers.start(lost);
    expect(await lost.wait()).toBe(1);
    expect(text(lost, 'stderr')).toMatch(/nginx: \[emerg\] host not found in upstream "api:3000" in \/etc\/nginx\/conf\.d\/default\.conf:3\n$/);
  });
});
