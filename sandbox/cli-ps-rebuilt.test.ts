// docker ps after a rebuild, as dockerd's refreshImage and docker/cli show
// it: a container keeps the image it was created from (pinned to its ID),
// so once its tag has moved to a new build, IMAGE shows the old image's ID
// (12 characters; whole with --no-trunc) instead of the name.
import { describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import { createEngine, inProcessClient, MemoryFs } from './index.ts';

describe('docker ps after the image was rebuilt', () => {
  it('names the image while the tag still points at it, then shows its ID', async () => {
    const files = new MemoryFs();
    files.mkdirSync('/w/app', { recursive: true });
    const client = inProcessClient(await createEngine());
    const build = async (text: string): Promise<string> => {
      files.writeFileSync('/w/app/Dockerfile', `FROM busybox\nCMD ["sleep", "1000"]\nLABEL v="${text}"\n`);
      return (await runCli(client, ['build', '-q', '-t', 'app', 'app'], { files, cwd: '/w' })).out.trim();
    };
    const first = await build('1');
    expect(await runCli(client, ['run', '-d', '--name', 'viejo', 'app'])).toMatchObject({ code: 0 });
    const ps = async (...flags: string[]) => (await runCli(client, ['ps', ...flags, '--format', '{{.Names}} {{.Image}}'])).out;
    expect(await ps()).toBe('viejo app\n');
    await build('2');
    expect(await ps()).toBe(`viejo ${first.replace(/^sha256:/, '').slice(0, 12)}\n`);
    expect(await ps('--no-trunc')).toBe(`viejo ${first}\n`);
    expect(await runCli(client, ['run', '-d', '--name', 'nuevo', 'app'])).toMatchObject({ code: 0 });
    expect((await ps()).split('\n')[0]).toBe('nuevo app');
    await runCli(client, ['rm', '-f', 'viejo', 'nuevo']);
  });
});
