// docker run's mounts as Docker makes them: --mount (type=volume|bind|tmpfs,
// src/source, dst/target, ro) reaches HostConfig.Mounts and the container,
// a relative bind source is made absolute against the current directory,
// a missing bind source is an error with --mount but is created by -v, and
// -v /path alone is an anonymous volume (Config.Volumes), a new one each run.
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import { parseMount } from './cli/mount-opt.ts';
import { createEngine, inProcessClient, MemoryFs, type EngineClient } from './index.ts';

describe('parseMount (the CLI side of --mount)', () => {
  it('reads the long and short keys, and ro with or without a value', () => {
    expect(parseMount('type=bind,src=./site,dst=/usr/share/nginx/html,ro', '/home/student'))
      .toEqual({ Type: 'bind', Source: '/home/student/site', Target: '/usr/share/nginx/html', ReadOnly: true });
    expect(parseMount('source=datos,target=/data,readonly=false', '/')).toEqual({ Type: 'volume', Source: 'datos', Target: '/data' });
    expect(parseMount('type=tmpfs,destination=/cache', '/')).toEqual({ Type: 'tmpfs', Target: '/cache' });
    expect(parseMount('type=bind,src=.,dst=/app', '/home/student')).toEqual({ Type: 'bind', Source: '/home/student', Target: '/app' });
  });

  it('turns down what the CLI turns down', () => {
    expect(() => parseMount('type=volume,src=datos', '/')).toThrow('target is required');
    expect(() => parseMount('type=volume,dst=/x,color=red', '/')).toThrow("unexpected key 'color' in 'color=red'");
    expect(() => parseMount('type=volume,dst=/x,datos', '/')).toThrow("invalid field 'datos' must be a key=value pair");
  });
});

describe('docker run --mount and -v', () => {
  let fs: MemoryFs;
  let client: EngineClient;
  const cwd = '/home/student';

  beforeEach(async () => {
    fs = new MemoryFs();
    fs.mkdirSync('/home/student/site', { recursive: true });
    fs.writeFileSync('/home/student/site/index.html', '<h1>hola</h1>\n');
    client = inProcessClient(await createEngine({ hostFs: fs }));
  });

  it('a named volume by --mount keeps what one container wrote for the next', async () => {
    expect(await runCli(client, ['run', '--name', 'w1', '--mount', 'type=volume,source=datos,target=/data', 'busybox', 'sh', '-c', 'echo hola > /data/x'])).toMatchObject({ code: 0 });
    expect(await runCli(client, ['rm', 'w1'])).toMatchObject({ code: 0 });
    expect(await runCli(client, ['run', '--rm', '--mount', 'src=datos,dst=/data', 'busybox', 'cat', '/data/x'])).toEqual({ out: 'hola\n', err: '', code: 0 });
  });

  it('a bind by --mount shows the host directory, read-only with ro, and inspect lists it', async () => {
    const r = await runCli(client, ['run', '--name', 'b1', '--mount', 'type=bind,src=./site,dst=/site,ro', 'busybox', 'sh', '-c', 'cat /site/index.html; touch /site/new'], { cwd });
    expect(r.out).toBe('<h1>hola</h1>\n');
    expect(r.err).toContain('Read-only file system');
    const [mount] = (await client.json<{ Mounts: unknown[] }>('GET', '/containers/b1/json')).Mounts;
    expect(mount).toMatchObject({ Type: 'bind', Source: '/home/student/site', Destination: '/site', RW: false });
    expect(fs.existsSync('/home/student/site/new')).toBe(false);
  });

  it('--mount refuses a bind source that does not exist; -v creates it as a directory', async () => {
    const refused = await runCli(client, ['run', '--rm', '--mount', 'type=bind,src=/home/student/nuevo,dst=/x', 'busybox', 'true']);
    expect(refused.code).toBe(125);
    expect(refused.err).toContain('invalid mount config for type "bind": bind source path does not exist: /home/student/nuevo');
    expect(fs.existsSync('/home/student/nuevo')).toBe(false);
    const made = await runCli(client, ['run', '--rm', '-v', '/home/student/nuevo:/x', 'busybox', 'sh', '-c', 'echo dentro > /x/f']);
    expect(made.code).toBe(0);
    expect(new TextDecoder().decode(fs.readFileSync('/home/student/nuevo/f'))).toBe('dentro\n');
  });

  it('-v /datos alone: a new anonymous volume for each container, listed in Config.Volumes; rm -v removes it', async () => {
    const script = 'hostname >> /datos/v.txt; cat /datos/v.txt';
    expect((await runCli(client, ['run', '--name', 'a1', '-v', '/datos', 'busybox', 'sh', '-c', script])).out.trim()).toMatch(/^[0-9a-f]{12}$/);
    expect((await runCli(client, ['run', '--name', 'a2', '-v', '/datos', 'busybox', 'sh', '-c', script])).out.trim()).toMatch(/^[0-9a-f]{12}$/);
    const inspect = async (name: string) => client.json<{ Config: { Volumes: unknown }; Mounts: Array<{ Type: string; Name: string; Destination: string }> }>('GET', `/containers/${name}/json`);
    const [a1, a2] = [await inspect('a1'), await inspect('a2')];
    expect(a1.Config.Volumes).toEqual({ '/datos': {} });
    expect(a1.Mounts).toMatchObject([{ Type: 'volume', Destination: '/datos' }]);
    expect(a1.Mounts[0]!.Name).toMatch(/^[0-9a-f]{64}$/);
    expect(a2.Mounts[0]!.Name).not.toBe(a1.Mounts[0]!.Name);
    expect(await runCli(client, ['rm', '-v', 'a1'])).toMatchObject({ code: 0 });
    const names = (await client.json<{ Volumes: Array<{ Name: string }> }>('GET', '/volumes')).Volumes.map((v) => v.Name);
    expect(names).toEqual([a2.Mounts[0]!.Name]);
    // --rm takes its anonymous volumes with it too; a named one stays.
    expect(await runCli(client, ['run', '--rm', '-v', '/tmpdata', '-v', 'keep:/keep', 'busybox', 'true'])).toMatchObject({ code: 0 });
    const volumes = async (): Promise<string[]> => (await client.json<{ Volumes: Array<{ Name: string }> }>('GET', '/volumes')).Volumes.map((v) => v.Name).sort();
    // The daemon removes an --rm container (and its volumes) once it has exited: give it a moment.
    for (let i = 0; i < 50 && (await volumes()).length > 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await volumes()).toEqual([a2.Mounts[0]!.Name, 'keep'].sort());
  });

  it('the CLI and the daemon say what is wrong with a --mount', async () => {
    const noTarget = await runCli(client, ['run', '--rm', '--mount', 'type=bind,src=/home/student/site', 'busybox', 'true']);
    expect(noTarget.code).toBe(125);
    expect(noTarget.err).toContain('invalid argument "type=bind,src=/home/student/site" for "--mount" flag: target is required');
    const relative = await runCli(client, ['run', '--rm', '--mount', 'type=bind,src=site,dst=/x', 'busybox', 'true']);
    expect(relative.err).toContain(`invalid mount config for type "bind": invalid mount path: 'site' mount path must be absolute`);
    const unknown = await runCli(client, ['run', '--rm', '--mount', 'type=nfs,dst=/x', 'busybox', 'true']);
    expect(unknown.err).toContain('invalid mount config for type "nfs": mount type unknown');
  });
});
