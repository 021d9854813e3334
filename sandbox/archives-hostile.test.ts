// Hostile archives at every door a user's archive comes in by, through the
// Engine API as the docker CLI uses it: `docker cp -` (PUT
// /containers/{id}/archive), `docker load` (POST /images/load), the build
// context (POST /build) and ADD of a tar in it. As dockerd: docker cp into a
// directory refuses an entry that leaves it (500, moby's message, printed by
// the CLI as an error response) and writes nothing. Load, the context and
// ADD unpack at their own root (dockerd's chroot) and refuse, naming it, an
// entry a naive extractor would let escape — a name that climbs out or is
// absolute, a hard link to such a target — storing nothing (load: 400, as
// for any archive it cannot read; the build fails before any step, or at the
// ADD); symlinks are kept, and an entry written through one lands where it
// points inside that root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import type { Daemon } from './daemon/daemon.ts';
import { dockerArchive } from './image/testing/docker-archive.ts';
import { EngineError, inProcessClient, MemoryFs } from './index.ts';
import { tarEntry, tarOf } from './layer/testing/tar.ts';
import { DOCKER, TcpEngine } from './server/testing/stock-docker.ts';

const { file: f, symlink: sym, link: hard } = tarEntry;
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

  it('docker load: an escaping entry refuses the archive (400, naming it) and nothing is loaded', async () => {
    const client = inProcessClient(d);
    const before = (await cli(['images', '-q', '--no-trunc'])).out;
    const REFUSED = '; the archive is refused and nothing was loaded (make it with docker save, or tar with names relative to its root)';
    for (const [evil, why] of [
      [f('../escaped', 'e\n'), 'insecure file path "../escaped": it leaves the archive\'s root'],
      [f('/etc/planted', 'p\n'), 'insecure file path "/etc/planted": an absolute name (archives hold names relative to their root)'],
      [hard('h', '../../etc/passwd'), 'insecure hard link "h" -> "../../etc/passwd": its target leaves the archive\'s root'],
      [hard('k', '/etc/passwd'), 'insecure hard link "k" -> "/etc/passwd": an absolute target (hard links name their target relative to the archive\'s root)'],
    ] as const) {
      const files = new MemoryFs();
      files.writeFileSync('/evil.tar', await dockerArchive('evil:1', [[f('etc/passwd', 'root\n')], [f('ok'), evil]]));
      const r = await cli(['load', '-i', 'evil.tar'], undefined, files);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`^Error response from daemon: layer blobs/sha256/[0-9a-f]{64}: archive/tar: ${escapeRe(why + REFUSED)}\n$`));
      const e = await client.request('POST', '/images/load', { body: files.readFileSync('/evil.tar') }).then(() => null, (err: unknown) => err);
      expect((e as EngineError).status).toBe(400);
    }
    expect((await cli(['images', '-q', '--no-trunc'])).out).toBe(before);
  });

  it('docker load: symlinks load as they are, and entries written through them land inside the image root', async () => {
    const files = new MemoryFs();
    files.writeFileSync('/links.tar', await dockerArchive('links:1', [[sym('up', '../../..'), f('up/x', 'x\n'), sym('r', '/'), f('r/etc/planted', 'p\n')]]));
    expect(await cli(['load', '-i', 'links.tar'], undefined, files)).toEqual({ out: 'Loaded image: links:1\n', err: '', code: 0 });
    expect((await cli(['create', '--name', 'ev', 'links:1'])).code).toBe(0);
    for (const [path, body] of [['/x', 'x\n'], ['/etc/planted', 'p\n']]) {
      const { out } = await cli(['cp', `ev:${path}`, '-']);
      expect(out.slice(512, 512 + body!.length), path).toBe(body);
    }
  });

  it.each([
    [f('../escaped'), 'insecure file path "../escaped": it leaves the archive\'s root'],
    [f('x/../../../up'), 'insecure file path "x/../../../up": it leaves the archive\'s root'],
    [f('/abs/f'), 'insecure file path "/abs/f": an absolute name (archives hold names relative to their root)'],
    [hard('h', '../Dockerfile'), 'insecure hard link "h" -> "../Dockerfile": its target leaves the archive\'s root'],
    [hard('h', '/Dockerfile'), 'insecure hard link "h" -> "/Dockerfile": an absolute target (hard links name their target relative to the archive\'s root)'],
  ])('the build context: %j fails the build before any step, naming the entry', async (evil, why) => {
    const context = await tarOf([f('Dockerfile', 'FROM busybox\nCOPY . /ctx/\n'), evil]);
    const r = await cli(['build', '-t', 'ctxevil', '-'], context);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('Step 1/');
    expect(r.err).toBe(`failed to read the build context: archive/tar: ${why}; the context is refused and no step was run (send a tar of the context directory, with names relative to it, as docker build does)\n`);
    expect((await cli(['images', '-q', 'ctxevil'])).out).toBe('');
  });

  it('the build context: a path through its symlinks lands where they point in it', async () => {
    const context = await tarOf([f('Dockerfile', 'FROM busybox\nCOPY . /ctx/\n'), sym('l', '/'), f('l/via'), sym('back', '../..'), f('back/y'), f('a/../b')]);
    const r = await inProcessClient(d).request('POST', '/build', { query: { t: ['ctxlinks'] }, body: context, headers: { 'Content-Type': 'application/x-tar' } });
    expect(new TextDecoder().decode(await r.bytes())).not.toContain('errorDetail');
    expect(await found('ctxlinks', '/ctx')).toBe('.\n./Dockerfile\n./b\n./back\n./l\n./via\n./y\noutside: ls: /etc/planted: No such file or directory\noutside: ls: /escaped: No such file or directory\n');
  });

  it.each([
    [f('../escaped'), 'insecure file path "../escaped": it leaves the archive\'s root'],
    [f('/etc/planted'), 'insecure file path "/etc/planted": an absolute name (archives hold names relative to their root)'],
    [hard('h', '../../etc/passwd'), 'insecure hard link "h" -> "../../etc/passwd": its target leaves the archive\'s root'],
    [hard('h', '/etc/passwd'), 'insecure hard link "h" -> "/etc/passwd": an absolute target (hard links name their target relative to the archive\'s root)'],
  ])('ADD of a tar holding %j: the step fails naming the archive and the entry', async (evil, why) => {
    const context = await tarOf([f('Dockerfile', 'FROM busybox\nRUN echo before\nADD sub/evil.tar /app/\nRUN echo never\n'), f('sub/evil.tar', await tarOf([f('etc/passwd'), f('ok'), evil]))]);
    const r = await cli(['build', '-t', 'addevil', '-'], context);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Step 3/4 : ADD sub/evil.tar /app/\n');
    expect(r.out).not.toContain('Step 4/4');
    expect(r.err).toBe(`ADD failed: sub/evil.tar: archive/tar: ${why}; nothing was extracted (make the archive with names relative to its root: tar -C dir -cf archive.tar .)\n`);
    expect((await cli(['images', '-q', 'addevil'])).out).toBe('');
  });

  it('ADD of a tar: its symlinks stay as they are and entries written through them land in the destination directory (dockerd unpacks it in a chroot there)', async () => {
    const links = await tarOf([sym('l', '/'), f('l/etc/planted'), sym('up', '../..'), f('up/y'), f('z/../ok')]);
    const context = await tarOf([f('Dockerfile', 'FROM busybox\nADD links.tar /app/\n'), f('links.tar', links)]);
    const r = await inProcessClient(d).request('POST', '/build', { query: { t: ['addlinks'] }, body: context, headers: { 'Content-Type': 'application/x-tar' } });
    expect(new TextDecoder().decode(await r.bytes())).not.toContain('errorDetail');
    expect(await found('addlinks', '/app')).toBe('.\n./etc\n./etc/planted\n./l\n./ok\n./up\n./y\noutside: ls: /etc/planted: No such file or directory\noutside: ls: /escaped: No such file or directory\n');
    expect((await cli(['run', '--rm', 'addlinks', 'sh', '-c', 'readlink /app/l; readlink /app/up'])).out).toBe('/\n../..\n');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
