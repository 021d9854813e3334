// apk in alpine-based images, offline from the shipped index, and the curl
// it installs talking HTTP over the virtual network.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text } from './testing/harness.ts';

const FETCH = 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n';

async function alpine(d: Daemon, script: string, user?: string): Promise<{ out: string; err: string; code: number }> {
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('alpine'), cmd: ['sh', '-c', script], ...(user && { user }) });
  return { out: text(container), err: text(container, 'stderr'), code: exitCode };
}

describe('apk and curl', () => {
  it('apk add installs with dependencies, info agrees with the files, del purges what is no longer needed', async () => {
    const d = await Daemon.create({ newId: sequentialIds('apk') });
    const r = await alpine(d, 'apk add --no-cache curl && apk info -e curl && apk info -L curl && ls -l /usr/bin/curl | cut -c1-10 && apk del curl && apk info -e curl; echo $?');
    expect(r.out).toBe(`${FETCH}(1/3) Installing ca-certificates (20241121-r1)\n(2/3) Installing libcurl (8.12.1-r1)\n(3/3) Installing curl (8.12.1-r1)\nExecuting busybox-1.37.0-r12.trigger\nOK: 9 MiB in 19 packages\n`
      + 'curl\ncurl-8.12.1-r1 contains:\nusr/bin/curl\n\n-rwxr-xr-x\n(1/3) Purging curl (8.12.1-r1)\n(2/3) Purging libcurl (8.12.1-r1)\n(3/3) Purging ca-certificates (20241121-r1)\nOK: 8 MiB in 16 packages\n1\n');
    expect(r.err).toBe('');
  });

  it('keeps the fetched indexes in /var/cache/apk unless --no-cache, and fetches no more once it has them', async () => {
    const d = await Daemon.create({ newId: sequentialIds('apk') });
    const kept = 'ls /var/cache/apk; du -s /var/cache/apk | cut -f1';
    expect((await alpine(d, `apk add -q --no-cache curl; ${kept}`)).out).toBe('4\n');
    expect((await alpine(d, `apk add -q curl; ${kept}`)).out).toBe('APKINDEX.50da367a.tar.gz\nAPKINDEX.fd40b219.tar.gz\n2708\n');
    const r = await alpine(d, 'apk update && apk add curl');
    expect(r.out).toMatch(/^fetch .*main.*\nfetch .*community.*\nv3\.21\.3-0-g0000000000 .*\nv3\.21\.3-0-g0000000000 .*\nOK: \d+ distinct packages available\n\(1\/3\) Installing ca-certificates/);
    expect((await alpine(d, 'apk update >/dev/null; apk add -U curl')).out).toMatch(/^fetch .*main.*\nfetch .*community.*\n\(1\/3\)/);
  });

  it('refuses unknown packages and non-root users as apk does', async () => {
    const d = await Daemon.create({ newId: sequentialIds('apk') });
    expect(await alpine(d, 'apk add nosuch')).toEqual({ out: FETCH, err: 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n', code: 1 });
    expect(await alpine(d, 'apk add curl', 'nobody')).toEqual({ out: '', err: 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n', code: 99 });
  });

  it('curl fetches from another container, with curl\'s errors and exit codes', async () => {
    const d = await Daemon.create({ newId: sequentialIds('apk') });
    const web = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'mkdir /w && echo hi > /w/index.html && httpd -f -p 80 -h /w'] });
    d.containers.start(web);
    for (let i = 0; i < 2000 && !web.netns?.isListening(80); i++) await new Promise((r) => setTimeout(r, 0));
    const r = await alpine(d, [
      'apk add -q curl',
      'curl -s http://172.17.0.2/',
      'curl -s -o /dev/null -w "%{http_code}\\n" http://172.17.0.2/nope',
      'curl -sf http://172.17.0.2/nope; echo "f=$?"',
      'curl -sS http://172.17.0.2:81/; echo "c=$?"',
      'curl -sS http://nosuch/; echo "r=$?"',
      'curl -sS https://172.17.0.2/; echo "t=$?"',
      'curl -sI http://172.17.0.2/ | head -1',
      'curl --version | head -1',
    ].join('; '));
    expect(r.out).toBe('hi\n404\nf=22\nc=7\nr=6\nt=1\nHTTP/1.1 200 OK\r\ncurl 8.12.1 (x86_64-alpine-linux-musl) libcurl/8.12.1\n');
    expect(r.err).toBe("curl: (7) Failed to connect to 172.17.0.2 port 81 after 0 ms: Couldn't connect to server\ncurl: (6) Could not resolve host: nosuch\n"
      + 'curl: (1) Protocol "https" not supported in the playground (no TLS here: use http://)\n');
    d.containers.kill(web);
  });
});
