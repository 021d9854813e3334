// Hostile archives at every door a user's archive comes in by, through the
// Engine API as the docker CLI uses it: `docker cp -` (PUT
// /containers/{id}/archive), `docker load` (POST /images/load), the build
// context (POST /build) and ADD of a tar in it. As dockerd: docker cp into a
// directory refuses an entry that leaves it (500, moby's message, printed by
// the CLI as an error response) and writes nothing; load, the context and
// ADD unpack in a chroot of their own directory, so `..` stops there and the
// archive's files land under it, through its symlinks as they point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import type { Daemon } from './daemon/daemon.ts';
import { dockerArchive } from './image/testing/docker-archive.ts';
import { EngineError, inProcessClient, MemoryFs } from './index.ts';
import { tarEntry, tarOf } from './layer/testing/tar.ts';
import { DOCKER, TcpEngine } from './server/testing/stock-docker.ts';

const { file: f, symlink: sym } = tarEntry;
const tcp = new TcpEngine();
let d: Daemon;
beforeAll(async () => { d = await tcp.start(); });
afterAll(() => tcp.close());

const cli = (args: string[], stdin?: Uint8Array, files?: MemoryFs) => runCli(inProcessClient(d), args, { ...(stdin && { stdin }), ...(files && { files, cwd: '/' }) });

/** What `find` lists under `dir` in a fresh container of `image` (symlinks not followed). */
async function found(image: string, dir: string): Promise<string> {
  const r = await cli(['run', '--rm', image, 'sh', '-c', `cd ${dir} && find . | sort; ls /etc/planted /escaped 2>&1 | sed 's/^/outside: /'`]);
  expect(r.code).toBe(0);
  return r.out;
}

describe('hostile archives through the Engine API', () => {
  it('docker cp -: an entry that leaves the directory is an error response (500) and nothing lands', async () => {
    expect((await cli(['run', '-d', '--name', 'box', 'busybox', 'sleep', '100'])).code).toBe(0);
    const evil = await tarOf([f('first'), f('../escaped')]);
    expect(await cli(['cp', '-', 'box:/tmp'], evil)).toEqual({ out: '', err: 'Error response from daemon: "../escaped" is outside of "/tmp"\n', code: 1 });
    const e = await inProcessClient(d).request('PUT', '/containers/box/archive', { query: { path: '/tmp' }, body: await tarOf([sym('l', '../..'), f('l/x')]) }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(EngineError);
    expect([(e as EngineError).status, (e as Error).message]).toEqual([500, 'invalid symlink "/tmp/l" -> "../.."']);
    expect((await cli(['exec', 'box', 'sh', '-c', 'ls -A /tmp; ls /escaped /x 2>&1'])).out).toBe('ls: /escaped: No such file or directory\nls: /x: No such file or directory\n');
    // Into a directory through an absolute symlink it made: the file lands where the symlink points, in the container.
    expect((await cli(['cp', '-', 'box:/tmp'], await tarOf([sym('l', '/'), f('l/etc/planted', 'p\n')]))).code).toBe(0);
    expect((await cli(['exec', 'box', 'cat', '/etc/planted'])).out).toBe('p\n');
  });

  it.skipIf(!DOCKER)('the stock docker CLI shows the same refusal', async () => {
    expect(await tcp.dockerWith({ input: await tarOf([f('a/../../escaped')]) }, 'cp', '-', 'box:/tmp')).toEqual({ out: '', err: 'Error response from daemon: "../escaped" is outside of "/tmp"\n', code: 1 });
  });

  it('docker load: a layer whose names climb out loads, its files under the image root', async () => {
    const files = new MemoryFs();
    files.writeFileSync('/evil.tar', await dockerArchive('evil:1', [[f('../escaped', 'e\n'), sym('up', '../../..'), f('up/x', 'x\n'), sym('r', '/'), f('r/etc/planted', 'p\n')]]));
    expect(await cli(['load', '-i', 'evil.tar'], undefined, files)).toEqual({ out: 'Loaded image: evil:1\n', err: '', code: 0 });
    expect((await cli(['create', '--name', 'ev', 'evil:1'])).code).toBe(0);
    for (const [path, body] of [['/escaped', 'e\n'], ['/x', 'x\n'], ['/etc/planted', 'p\n']]) {
      const { out } = await cli(['cp', `ev:${path}`, '-']);
      expect(out.slice(512, 512 + body!.length), path).toBe(body);
    }
  });

  it('the build context: names that climb out stay in the context, a path through its symlinks lands where they point in it', async () => {
    const context = await tarOf([
      f('Dockerfile', 'FROM busybox\nCOPY . /ctx/\n'), f('../escaped'), f('/abs/f'), f('x/../../../up'),
      sym('l', '/'), f('l/via'), sym('back', '../..'), f('back/y'),
    ]);
    const r = await inProcessClient(d).request('POST', '/build', { query: { t: ['ctxevil'] }, body: context, headers: { 'Content-Type': 'application/x-tar' } });
    expect(new TextDecoder().decode(await r.bytes())).not.toContain('errorDetail');
    expect(await found('ctxevil', '/ctx')).toBe('.\n./Dockerfile\n./abs\n./abs/f\n./back\n./escaped\n./l\n./up\n./via\n./y\noutside: ls: /etc/planted: No such file or directory\noutside: ls: /escaped: No such file or directory\n');
  });

  it('ADD of a tar: its names and symlinks stay in the destination directory (dockerd unpacks it in a chroot there)', async () => {
    const evil = await tarOf([f('../escaped'), f('/abs'), sym('l', '/'), f('l/etc/planted'), sym('up', '../..'), f('up/y')]);
    const context = await tarOf([f('Dockerfile', 'FROM busybox\nADD evil.tar /app/\n'), f('evil.tar', evil)]);
    const r = await inProcessClient(d).request('POST', '/build', { query: { t: ['addevil'] }, body: context, headers: { 'Content-Type': 'application/x-tar' } });
    expect(new TextDecoder().decode(await r.bytes())).not.toContain('errorDetail');
    expect(await found('addevil', '/app')).toBe('.\n./abs\n./escaped\n./etc\n./etc/planted\n./l\n./up\n./y\noutside: ls: /etc/planted: No such file or directory\noutside: ls: /escaped: No such file or directory\n');
    expect((await cli(['run', '--rm', 'addevil', 'sh', '-c', 'readlink /app/l; readlink /app/up'])).out).toBe('/\n../..\n');
  });
});
