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
});
