// The stock docker CLI against our engine: the Engine API served over TCP
// (as `npm run dockerd` does) and the real `docker` binary's output checked.
// Skipped, loudly, only where no docker client is installed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../daemon/daemon.ts';
import { DOCKER, TcpEngine } from './testing/stock-docker.ts';

if (!DOCKER) console.warn('\n*** docker-cli.test.ts SKIPPED: no docker client installed (apt-get install docker.io or docker-ce-cli) ***\n');

const tcp = new TcpEngine();
let d: Daemon;
let host = '';
const engine = { close: () => tcp.close() };
const startEngine = async (): Promise<void> => { d = await tcp.start(); host = tcp.host; };
const docker = (...args: string[]): ReturnType<TcpEngine['docker']> => tcp.docker(...args);

describe.skipIf(!DOCKER)('the docker CLI drives the engine over TCP', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('version: client and server, API 1.50', async () => {
    const r = await docker('version', '--format', '{{.Server.Version}} {{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Os}}/{{.Server.Arch}}');
    expect(r).toEqual({ out: '28.2.2 1.50 1.24 linux/amd64\n', err: '', code: 0 });
  });

  it('run: output, exit codes, --rm, names; ps, logs, inspect -f, rm', async () => {
    expect(await docker('run', '--rm', 'busybox', 'echo', 'hola')).toEqual({ out: 'hola\n', err: '', code: 0 });
    expect(await docker('run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3')).toEqual({ out: 'out\n', err: 'err\n', code: 3 });
    expect(await docker('run', '--name', 'web1', 'node', 'node', '-e', "console.log('node', process.version)")).toMatchObject({ out: 'node v22.14.0\n', code: 0 });
    const ps = await docker('ps', '-a', '--format', '{{.Names}} {{.Image}} {{.Status}}');
    expect(ps.out).toMatch(/^web1 node Exited \(0\) .* ago\n$/);
    expect(await docker('logs', 'web1')).toEqual({ out: 'node v22.14.0\n', err: '', code: 0 });
    expect(await docker('inspect', '-f', '{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{.Config.Image}}', 'web1')).toMatchObject({ out: '/web1 exited 0 node\n', code: 0 });
    expect(await docker('rm', 'web1')).toMatchObject({ out: 'web1\n', code: 0 });
    expect(await docker('rm', 'web1')).toMatchObject({ err: 'Error response from daemon: No such container: web1\n', code: 1 });
  });

  it('errors read as Docker\'s: unknown image, exec not found (127)', async () => {
    const pull = await docker('run', '--rm', 'nosuchimage');
    expect(pull.err).toMatch(/pull access denied for nosuchimage, repository does not exist/);
    expect(pull.code).toBe(125);
    const notFound = await docker('run', '--rm', 'busybox', 'nosuchcmd');
    expect(notFound.err).toContain('exec: "nosuchcmd": executable file not found in $PATH');
    expect(notFound.code).toBe(127);
  });

  it('images and image inspect', async () => {
    const images = await docker('images', '--format', '{{.Repository}}:{{.Tag}}');
    expect(images.out.split('\n')).toContain('busybox:latest');
    const inspect = await docker('image', 'inspect', '-f', '{{.Os}}/{{.Architecture}} {{json .Config.Cmd}}', 'busybox');
    expect(inspect).toMatchObject({ out: 'linux/amd64 ["sh"]\n', code: 0 });
  });

  it('detached runs, stop with a grace period, kill', async () => {
    const run = await docker('run', '-d', '--name', 'sleeper', 'busybox', 'sh', '-c', 'trap "exit 0" TERM; while :; do sleep 0.1; done');
    expect(run.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect((await docker('ps', '--format', '{{.Names}}')).out).toBe('sleeper\n');
    expect(await docker('stop', 'sleeper')).toMatchObject({ out: 'sleeper\n', code: 0 });
    expect((await docker('inspect', '-f', '{{.State.ExitCode}}', 'sleeper')).out).toBe('0\n');
    await docker('rm', 'sleeper');
  });
});

describe.skipIf(!DOCKER)('docker build with the classic builder', () => {
  let dir = '';
  beforeAll(async () => {
    await startEngine();
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    dir = mkdtempSync('/tmp/playground-build-');
    writeFileSync(`${dir}/Dockerfile`, 'FROM busybox\nARG WHO=world\nRUN echo "hello $WHO" > /msg\nCMD ["cat", "/msg"]\n');
  });
  afterAll(() => engine.close());

  it('builds, tags, caches and runs; history shows the steps; a failing RUN fails the build', async () => {
    const first = await docker('build', '-t', 'app', '--build-arg', 'WHO=docker', dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Sending build context to Docker daemon {2}\d+(\.\d+)?kB\r?\r?\n/);
    expect(first.out).toMatch(/\nStep 1\/4 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/4 : ARG WHO=world\n/);
    expect(first.out).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged app:latest\n$/);
    expect(await docker('run', '--rm', 'app')).toMatchObject({ out: 'hello docker\n', code: 0 });
    const again = await docker('build', '-t', 'app', '--build-arg', 'WHO=docker', dir);
    expect(again.out.match(/ ---> Using cache/g)?.length).toBe(3);
    const history = await docker('history', '--no-trunc', '--format', '{{.ID}}|{{.CreatedBy}}|{{.Size}}', 'app');
    const rows = history.out.trim().split('\n');
    expect(rows[0]).toMatch(/^sha256:[0-9a-f]{64}\|\/bin\/sh -c #\(nop\) {2}CMD \["cat" "\/msg"\]\|0B$/);
    expect(rows[1]).toMatch(/^sha256:[0-9a-f]{64}\|\|1 WHO=docker \/bin\/sh -c echo "hello \$WHO" > \/msg\|13B$/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/Dockerfile`, 'FROM busybox\nRUN exit 3\n');
    const failed = await docker('build', dir);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
  });
});

describe.skipIf(!DOCKER)('exec, volumes and networks through the CLI', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('docker exec: output, exit codes, stdin with -i, a missing command (127)', async () => {
    await docker('run', '-d', '--name', 'box', 'busybox', 'sleep', '100');
    expect(await docker('exec', 'box', 'sh', '-c', 'echo in exec; echo err >&2; exit 4')).toEqual({ out: 'in exec\n', err: 'err\n', code: 4 });
    const missing = await docker('exec', 'box', 'nosuch');
    expect(missing.out + missing.err).toContain('OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown');
    expect(missing.code).toBe(127);
    const r = await new Promise<{ out: string; code: number }>((resolve) => {
      const child = execFile(DOCKER!, ['exec', '-i', 'box', 'tr', 'a-z', 'A-Z'], { env: { ...process.env, DOCKER_HOST: host } }, (error, stdout) => resolve({ out: stdout, code: error ? 1 : 0 }));
      child.stdin!.end('hola\n');
    });
    expect(r).toEqual({ out: 'HOLA\n', code: 0 });
    expect(await docker('rm', '-f', 'box')).toMatchObject({ out: 'box\n', code: 0 });
  });

  it('named volumes outlive containers; networks give DNS by name', async () => {
    expect(await docker('volume', 'create', 'data')).toMatchObject({ out: 'data\n', code: 0 });
    await docker('run', '--rm', '-v', 'data:/d', 'busybox', 'sh', '-c', 'echo kept > /d/f');
    expect(await docker('run', '--rm', '-v', 'data:/d', 'busybox', 'cat', '/d/f')).toMatchObject({ out: 'kept\n', code: 0 });
    expect((await docker('volume', 'ls', '--format', '{{.Driver}} {{.Name}}')).out).toBe('local data\n');
    expect(await docker('volume', 'rm', 'data')).toMatchObject({ out: 'data\n', code: 0 });
    expect((await docker('network', 'create', 'app')).out).toMatch(/^[0-9a-f]{64}\n$/);
    await docker('run', '-d', '--name', 'api', '--network', 'app', 'busybox', 'sh', '-c', 'mkdir /w && echo pong > /w/index.html && httpd -f -p 80 -h /w');
    await new Promise((r) => setTimeout(r, 100));
    expect(await docker('run', '--rm', '--network', 'app', 'busybox', 'wget', '-qO-', 'http://api/')).toMatchObject({ out: 'pong\n', code: 0 });
    expect((await docker('network', 'inspect', '-f', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', 'app')).out).toBe('api 172.18.0.2/16\n');
    await docker('rm', '-f', 'api');
    expect(await docker('network', 'rm', 'app')).toMatchObject({ out: 'app\n', code: 0 });
  });
});

describe.skipIf(!DOCKER)('published ports are real TCP ports of the machine running the engine', () => {
  let stopPorts = (): void => {};
  beforeAll(async () => {
    await startEngine();
    const { exposePublishedPorts } = await import('./host-ports.node.ts');
    stopPorts = exposePublishedPorts(d, '127.0.0.1', () => {});
  });
  afterAll(async () => { stopPorts(); await engine.close(); });

  it('docker run -p 18080:3000 serves a node app to a real HTTP client', async () => {
    const run = await docker('run', '-d', '--name', 'web', '-p', '18080:3000', 'node', 'node', '-e', "require('http').createServer((q, s) => s.end('hola desde el contenedor\\n')).listen(3000)");
    expect(run.code).toBe(0);
    expect((await docker('port', 'web')).out).toBe('3000/tcp -> 0.0.0.0:18080\n');
    // node:http rather than fetch: Node 20's fetch never settles when a connection is reset before any reply.
    const { get } = await import('node:http');
    const once = (): Promise<string> => new Promise((resolve) => {
      get({ host: '127.0.0.1', port: 18080, path: '/', agent: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c; });
        res.on('end', () => resolve(text));
      }).on('error', () => resolve(''));
    });
    let body = '';
    for (let i = 0; i < 100 && body === ''; i++) {
      body = await once();
      if (body === '') await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toBe('hola desde el contenedor\n');
    await docker('rm', '-f', 'web');
  });
});

describe.skipIf(!DOCKER)('container verbs through the CLI', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('top, diff, cp both ways, stats, pause/unpause, rename, update, export, prune', async () => {
    await docker('run', '-d', '--name', 'box', 'busybox', 'sh', '-c', 'echo hi > /hello.txt; sleep 100');
    await new Promise((r) => setTimeout(r, 100));
    const top = await docker('top', 'box');
    expect(top.out.split('\n')[0]).toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME +CMD$/);
    expect(top.out).toContain('sh -c echo hi > /hello.txt; sleep 100');
    expect((await docker('diff', 'box')).out).toBe('A /hello.txt\n');
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/playground-cp-');
    expect((await docker('cp', 'box:/hello.txt', `${dir}/got.txt`)).code).toBe(0);
    expect(readFileSync(`${dir}/got.txt`, 'utf8')).toBe('hi\n');
    writeFileSync(`${dir}/up.txt`, 'from the host\n');
    expect((await docker('cp', `${dir}/up.txt`, 'box:/tmp/')).code).toBe(0);
    expect((await docker('exec', 'box', 'cat', '/tmp/up.txt')).out).toBe('from the host\n');
    const stats = await docker('stats', '--no-stream', '--format', '{{.Name}} {{.PIDs}}', 'box');
    expect(stats.out).toBe('box 2\n');
    expect((await docker('pause', 'box')).code).toBe(0);
    expect((await docker('ps', '--format', '{{.Status}}')).out).toMatch(/\(Paused\)\n$/);
    expect((await docker('unpause', 'box')).code).toBe(0);
    expect((await docker('rename', 'box', 'box2')).code).toBe(0);
    expect((await docker('update', '--memory', '64m', 'box2')).out).toBe('box2\n');
    expect((await docker('inspect', '-f', '{{.HostConfig.Memory}}', 'box2')).out).toBe('67108864\n');
    const exported = await new Promise<Buffer>((resolve) => {
      execFile(DOCKER!, ['export', 'box2'], { env: { ...process.env, DOCKER_HOST: host }, encoding: 'buffer', maxBuffer: 64 << 20 }, (_e, stdout) => resolve(stdout));
    });
    expect(exported.subarray(0, 512).toString('latin1')).toMatch(/^\.?\/?bin\//);
    await docker('kill', 'box2');
    expect((await docker('container', 'prune', '-f')).out).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nTotal reclaimed space: 0B\n$/);
  });
});

describe.skipIf(!DOCKER)('events, system df, save/load and prune through the CLI', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('docker events lists what happened, filtered', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    await docker('run', '--rm', '--name', 'ev', 'busybox', 'sh', '-c', 'exit 2');
    await docker('volume', 'create', 'vol');
    const until = Math.floor(Date.now() / 1000) + 1;
    const all = await docker('events', '--since', String(since), '--until', String(until), '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}');
    expect(all.out).toBe('container create ev\ncontainer attach ev\ncontainer start ev\ncontainer die ev\ncontainer destroy ev\nvolume create <no value>\n');
    const dies = await docker('events', '--since', String(since), '--until', String(until), '--filter', 'event=die', '--format', '{{.Actor.Attributes.exitCode}}');
    expect(dies.out).toBe('2\n');
  });

  it('system df, save then load, image prune', async () => {
    const df = await docker('system', 'df', '--format', '{{.Type}} {{.TotalCount}}');
    expect(df.out).toMatch(/^Images \d+\nContainers 0\nLocal Volumes 1\nBuild Cache 0\n$/);
    const { mkdtempSync, statSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/playground-save-');
    expect((await docker('save', '-o', `${dir}/bb.tar`, 'busybox')).code).toBe(0);
    expect(statSync(`${dir}/bb.tar`).size).toBeGreaterThan(1_000_000);
    // busybox has other tags (1.37, glibc…): removing one name only untags it, as Docker does.
    expect((await docker('rmi', 'busybox')).out).toBe('Untagged: busybox:latest\n');
    expect((await docker('run', '--rm', 'busybox', 'true')).err).toContain("Unable to find image 'busybox:latest' locally");
    expect(await docker('load', '-i', `${dir}/bb.tar`)).toMatchObject({ out: 'Loaded image: busybox:latest\n', code: 0 });
    expect(await docker('run', '--rm', 'busybox', 'echo', 'back')).toMatchObject({ out: 'back\n', code: 0 });
    await docker('tag', 'busybox', 'mine:1');
    expect((await docker('images', '--format', '{{.Repository}}:{{.Tag}}', 'mine')).out).toBe('mine:1\n');
    const pruned = await docker('image', 'prune', '-a', '-f');
    expect(pruned.out).toContain('untagged: mine:1');
    expect(pruned.out).toMatch(/Total reclaimed space: [\d.]+[kM]?B\n$/);
  });
});

const SCRIPT = existsSync('/usr/bin/script') ? '/usr/bin/script' : null;

describe.skipIf(!DOCKER || !SCRIPT)('docker run -it under a pseudo-terminal', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('an interactive shell: prompt, echo, line editing by the tty, exit status', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(SCRIPT!, ['-qec', 'docker run -it --rm busybox sh', '/dev/null'], { env: { ...process.env, DOCKER_HOST: host } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    const waitFor = async (text: string): Promise<void> => {
      for (let i = 0; i < 200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor('/ # ');
    child.stdin.write('echo hola $((40+2))\r');
    await waitFor('hola 42');
    child.stdin.write('exit 3\r');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('/ # echo hola $((40+2))\r\nhola 42\r\n/ # exit 3\r\n');
    expect(code).toBe(3);
  });
});

describe.skipIf(!DOCKER)('dockerd on a Unix socket', () => {
  it('serves the API on a socket path (npm run dockerd -- --unix PATH)', async () => {
    const { Daemon } = await import('../daemon/daemon.ts');
    const { serveEngine } = await import('./http.node.ts');
    const { engineRouter } = await import('./index.ts');
    const { mkdtempSync } = await import('node:fs');
    const path = `${mkdtempSync('/tmp/playground-sock-')}/docker.sock`;
    const server = await serveEngine(engineRouter(await Daemon.create()), { path });
    const r = await new Promise<{ out: string; code: number }>((resolve) => {
      execFile(DOCKER!, ['-H', `unix://${path}`, 'run', '--rm', 'busybox', 'echo', 'por el socket'], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONFIG: '/nonexistent-playground-docker-config' } }, (error, stdout) => resolve({ out: stdout, code: error ? 1 : 0 }));
    });
    await server.close();
    expect(r).toEqual({ out: 'por el socket\n', code: 0 });
  });
});
