// docker build's client side, ours against the stock CLI's (DOCKER_BUILDKIT=0)
// on the same engine and the same directory: .dockerignore (the "Sending
// build context" size, what COPY . gets), a Dockerfile from outside the
// context or from stdin, a context from stdin, and the errors; and the other
// verb that reads a tar from stdin, `docker cp - CONTAINER:DIR`. Skipped,
// loudly, where no docker client is installed (CI has one).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWorkspace } from './cli/testing/node-workspace.ts';
import { runCli } from './cli/testing/run-cli.ts';
import type { Daemon } from './daemon/daemon.ts';
import { inProcessClient } from './index.ts';
import { DOCKER, TcpEngine, type Out } from './server/testing/stock-docker.ts';

if (!DOCKER) console.warn('\n*** cli-vs-docker-build.test.ts SKIPPED: no docker client installed ***\n');

const tcp = new TcpEngine();
let d: Daemon;
const DEPRECATED = /^DEPRECATED: The legacy builder is deprecated[\s\S]*?environment-variable\.\n\n/;
const hidingIds = (o: Out): Out => ({ ...o, out: o.out.replace(/[0-9a-f]{12,64}/g, '<id>'), err: o.err.replace(DEPRECATED, '').replace(/[0-9a-f]{12,64}/g, '<id>') });

/** A directory of `files` under a fresh temporary one. */
function dirOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'playground-build-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name.replace(/\/?[^/]*$/, '')), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

/** `docker build …` through both CLIs (theirs first), in `cwd`, with `stdin`; the same output but for IDs. */
async function sameBuild(cwd: string, stdin: string | Uint8Array | undefined, ...args: string[]): Promise<Out> {
  const a = hidingIds(await tcp.dockerWith({ cwd, ...(stdin !== undefined && { input: stdin }) }, ...args));
  const b = hidingIds(await runCli(inProcessClient(d), args, { files: nodeWorkspace, cwd, ...(stdin !== undefined && { stdin }) }));
  expect(b, `docker ${args.join(' ')}`).toEqual(a);
  return b;
}

/** The Dockerfile text padded with a comment to `n` bytes. */
const padTo = (text: string, n: number): string => `${text}#${'x'.repeat(n - text.length - 2)}\n`;

describe.skipIf(!DOCKER)('docker build prepares its context as the stock CLI does', () => {
  beforeAll(async () => { d = await tcp.start(); });
  afterAll(() => tcp.close());

  it('.dockerignore: the same context size, the same files copied, the same cache', async () => {
    const dir = dirOf({
      'Dockerfile': 'FROM busybox\nCOPY . /ctx\nRUN find /ctx | sort\n',
      '.dockerignore': '# build output\n*.log\n/dist\nsecrets/\n!secrets/public.pem\nDockerfile\n.dockerignore\nskip\n!**/keep\n',
      'app.js': 'console.log(1)\n', 'debug.log': 'x', 'dist/bundle.js': 'b', 'src/a.log': 'nested logs stay\n',
      'secrets/key.pem': 'k', 'secrets/public.pem': 'p', 'skip/keep/f': 'never reached', 'skip/g': 'g',
    });
    const first = await sameBuild(dir, undefined, 'build', '--no-cache', '.');
    expect(first.out).toMatch(/^Sending build context to Docker daemon {2}\d/);
    expect(first.out).toContain('/ctx/app.js\n');
    expect(first.out).toContain('/ctx/src/a.log\n');
    expect(first.out).not.toMatch(/Dockerfile|dockerignore|debug\.log|dist|key\.pem|skip/);
    expect((await sameBuild(dir, undefined, 'build', '.')).out).toContain('Using cache');
  });

  it('an exception under an excluded directory: the walk goes in for it', async () => {
    const dir = dirOf({ 'Dockerfile': 'FROM busybox\nCOPY . /ctx\n', '.dockerignore': 'a\n!a/keep\n', 'a/keep/f': 'x', 'a/g': 'y', 'b/h': 'z' });
    await sameBuild(dir, undefined, 'build', '--no-cache', '-q', '.');
    await sameBuild(dir, undefined, 'build', '.');
  });

  it('-f naming a Dockerfile outside the context, and -f - (stdin): added under a random name nobody sees', async () => {
    const dir = dirOf({ 'app.txt': 'hola\n', 'sub/b.txt': 'b\n' });
    // With no .dockerignore docker adds one (47 bytes) and the Dockerfile in random order: equal sizes keep its total fixed.
    const dockerfile = padTo('FROM busybox\nCOPY . /ctx\nRUN ls -A /ctx\n', 47);
    const outside = dirOf({ 'Dockerfile.dev': dockerfile });
    const first = await sameBuild(dir, undefined, 'build', '--no-cache', '-f', `${outside}/Dockerfile.dev`, '.');
    expect(first.out).toContain('\napp.txt\nsub\n');
    expect(first.out).not.toContain('.dockerfile.');
    expect((await sameBuild(dir, undefined, 'build', '-f', `${outside}/Dockerfile.dev`, '.')).out).toContain('Using cache\n');
    expect((await sameBuild(dir, dockerfile, 'build', '-f', '-', '.')).out).toContain('Using cache\n');
    // A .dockerignore of the context's own gets the random name appended in place.
    const withIgnore = dirOf({ 'app.txt': 'hola\n', '.dockerignore': '.dockerignore\n*.md\n', 'README.md': 'r' });
    expect((await sameBuild(withIgnore, 'FROM busybox\nCOPY . /ctx\nRUN ls -A /ctx\n', 'build', '--no-cache', '-f', '-', '.')).out).toContain('\napp.txt\n');
  });

  it('a context from stdin: a Dockerfile alone, or a tar', async () => {
    const dir = dirOf({});
    await sameBuild(dir, 'FROM busybox\nRUN echo from stdin\n', 'build', '--no-cache', '-');
    await sameBuild(dir, '', 'build', '-');
    const ctx = dirOf({ 'Dockerfile': 'FROM busybox\nCOPY hi.txt /\nRUN cat /hi.txt\n', 'hi.txt': 'hi\n' });
    const tar = new Uint8Array((await import('node:child_process')).execFileSync('tar', ['-cf', '-', '-C', ctx, '.']));
    await sameBuild(dir, tar, 'build', '--no-cache', '-');
    await sameBuild(dir, tar, 'build', '-f', 'nope', '-');
  });

  it('the errors', async () => {
    const dir = dirOf({ 'Dockerfile': 'FROM busybox\n', 'x.txt': '' });
    await sameBuild(dir, undefined, 'build', '-f', 'nope', '.');
    await sameBuild(dir, undefined, 'build', '-f', '/nodir/Dockerfile', '.');
    await sameBuild(dir, undefined, 'build', `${dir}/x.txt`);
    await sameBuild(dir, undefined, 'build', 'nowhere');
    await sameBuild(dir, 'FROM busybox\n', 'build', '-f', '-', '-');
    await sameBuild(dir, 'FROM busybox\n', 'build', '-f', 'x', '-');
    await sameBuild(dirOf({ 'Dockerfile': 'FROM busybox\n', '.dockerignore': 'a[\n' }), undefined, 'build', '.');
  });

  it('docker cp - CONTAINER:DIR extracts a tar from stdin', async () => {
    await tcp.docker('run', '-d', '--name', 'cpin', 'busybox', 'sleep', '100');
    const tarOf = async (name: string): Promise<Uint8Array> => new Uint8Array((await import('node:child_process')).execFileSync('tar', ['-cf', '-', '-C', dirOf({ [name]: `${name}\n` }), name]));
    const dir = dirOf({});
    expect(await tcp.dockerWith({ input: await tarOf('theirs.txt') }, 'cp', '-', 'cpin:/tmp')).toEqual({ out: '', err: '', code: 0 });
    expect(await runCli(inProcessClient(d), ['cp', '-', 'cpin:/tmp'], { files: nodeWorkspace, cwd: dir, stdin: await tarOf('ours.txt') })).toEqual({ out: '', err: '', code: 0 });
    expect((await tcp.docker('exec', 'cpin', 'cat', '/tmp/theirs.txt', '/tmp/ours.txt')).out).toBe('theirs.txt\nours.txt\n');
    await tcp.docker('rm', '-f', 'cpin');
  });
});
