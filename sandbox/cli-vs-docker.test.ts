// The in-browser docker CLI, checked against the stock docker CLI: both
// drive the same engine (ours in-process, theirs over TCP) and must print
// the same bytes and exit with the same status. Skipped, loudly, where no
// docker client is installed (CI has one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { runCli } from './cli/testing/run-cli.ts';
import { inProcessClient } from './index.ts';
import type { CliIO } from './cli/io.ts';
import { MemoryFs } from './fs/memory.ts';
import { DOCKER, TcpEngine, type Out } from './server/testing/stock-docker.ts';

if (!DOCKER) console.warn('\n*** cli-vs-docker.test.ts SKIPPED: no docker client installed ***\n');

const tcp = new TcpEngine();
let d: Daemon;
const engine = { close: () => tcp.close() };
const startEngine = async (): Promise<void> => { d = await tcp.start(); };
const theirs = (...args: string[]): Promise<Out> => tcp.docker(...args);

/** Runs our CLI in-process, optionally over a workspace (`files`, `cwd`), collecting what it prints. */
const oursIn = (io: Pick<CliIO, 'files' | 'cwd'>, args: string[]): Promise<Out> => runCli(inProcessClient(d), args, io);
const ours = (...args: string[]): Promise<Out> => oursIn({}, args);

/** Runs `docker …` through both CLIs (theirs first) and requires the same output and status. */
async function same(...args: string[]): Promise<Out> {
  const a = await theirs(...args);
  const b = await ours(...args);
  expect(b, `docker ${args.join(' ')}`).toEqual(a);
  return b;
}

describe.skipIf(!DOCKER)('our docker CLI prints what the stock docker CLI prints', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('run: output, stderr, exit codes, errors', async () => {
    await same('run', '--rm', 'busybox', 'echo', 'hola');
    await same('run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3');
    await same('run', '--rm', 'busybox', 'nosuchcmd');
    await same('run', '--rm', '--frobnicate', 'busybox');
    await same('run');
    await same('run', '--rm', '-m', '1k', 'busybox', 'true');
    await same('run', '--rm', '-m', 'lots', 'busybox', 'true');
    await same('run', '--rm', '-e', 'A=1', '-e', 'B=two words', '-w', '/tmp', 'busybox', 'sh', '-c', 'echo $A $B; pwd');
  });

  it('ps, images, logs, rm with --format and tables', async () => {
    await theirs('run', '--name', 'one', 'busybox', 'echo', 'first');
    await ours('run', '--name', 'two', 'busybox', 'sh', '-c', 'echo second; echo warn >&2');
    await same('ps', '-a', '--format', '{{.Names}} {{.Image}} {{.Command}} {{.State}}');
    await same('ps', '-a', '--format', 'table {{.Names}}\\t{{.Image}}');
    await same('ps', '-aq');
    await same('logs', 'two');
    await same('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}');
    await same('images', 'busybox');
    // rm changes what it acts on: each CLI gets the same two containers to remove.
    const rmBoth = async (run: (...a: string[]) => Promise<Out>): Promise<Out> => {
      await run('run', '--name', 'gone1', 'busybox', 'true');
      await run('run', '--name', 'gone2', 'busybox', 'true');
      return run('rm', 'gone1', 'nosuch', 'gone2');
    };
    expect(await rmBoth(ours)).toEqual(await rmBoth(theirs));
  });

  it('version --format, pull, unknown commands and flags', async () => {
    await same('version', '--format', '{{.Server.Version}} {{.Server.APIVersion}} {{json .Server.Os}}');
    await same('pull', 'alpine');
    await same('pull', 'nosuchimage');
    await same('frobnicate');
    await same('ps', '--nope');
    await same('ps', '-z');
    await same('logs');
    await same('stop', '--time', '1', 'nosuch');
  });
});

describe.skipIf(!DOCKER)('build, exec, inspect and image verbs print what the stock CLI prints', () => {
  const files: Record<string, string> = {
    'Dockerfile': 'FROM busybox\nARG WHO=world\nCOPY greeting.txt /g.txt\nRUN echo "hello $WHO" > /msg\nCMD ["cat", "/msg", "/g.txt"]\n',
    'greeting.txt': 'hola\n',
    'sub/nested.txt': 'deep\n',
  };
  let dir = '';
  const workspace = new MemoryFs({ now: () => 0 });

  beforeAll(async () => {
    await startEngine();
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    dir = mkdtempSync('/tmp/playground-cli-');
    workspace.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const parent = `${dir}/${name}`.replace(/\/[^/]*$/, '');
      mkdirSync(parent, { recursive: true });
      writeFileSync(`${dir}/${name}`, content);
      workspace.mkdirSync(parent, { recursive: true });
      workspace.writeFileSync(`${dir}/${name}`, content, { mode: 0o644 });
    }
  });
  afterAll(() => engine.close());

  const withFiles = (...args: string[]): Promise<Out> => oursIn({ files: workspace, cwd: '/' }, args);
  const DEPRECATED = /^DEPRECATED: The legacy builder is deprecated[\s\S]*?environment-variable\.\n\n/;
  const hidingIds = (o: Out): Out => ({ ...o, out: o.out.replace(/[0-9a-f]{12}/g, '<id>'), err: o.err.replace(DEPRECATED, '').replace(/[0-9a-f]{12}/g, '<id>') });

  it('docker build: the same steps, cache lines and errors', async () => {
    // Both CLIs drive the same engine: --no-cache makes both run every step; then both hit the same cache
    // (our context tar gives the same content hashes as the stock CLI's).
    const a = await theirs('build', '--no-cache', '-t', 'app', '--build-arg', 'WHO=docker', dir);
    const b = await withFiles('build', '--no-cache', '-t', 'app', '--build-arg', 'WHO=docker', dir);
    expect(hidingIds(b)).toEqual(hidingIds(a));
    expect(hidingIds(await withFiles('build', '-t', 'app', '--build-arg', 'WHO=docker', dir))).toEqual(hidingIds(await theirs('build', '-t', 'app', '--build-arg', 'WHO=docker', dir)));
    expect(hidingIds(await withFiles('build', `${dir}/nope`))).toEqual(hidingIds(await theirs('build', `${dir}/nope`)));
    expect(await ours('run', '--rm', 'app')).toEqual(await theirs('run', '--rm', 'app'));
  });

  it('exec, inspect -f, tag, history, rmi', async () => {
    await theirs('run', '-d', '--name', 'box', 'busybox', 'sleep', '100');
    await same('exec', 'box', 'sh', '-c', 'echo in; echo err >&2; exit 5');
    await same('exec', 'box', 'ls', '-d', '/etc');
    await same('exec', '-w', '/tmp', '-e', 'X=1', 'box', 'sh', '-c', 'pwd; echo $X');
    await same('exec', 'nosuch', 'true');
    await same('inspect', '-f', '{{.Name}} {{.State.Running}} {{.Config.Image}} {{json .Config.Cmd}}', 'box');
    await same('inspect', '-f', '{{.Os}} {{.Architecture}}', 'busybox');
    await same('inspect', 'nosuch');
    await same('tag', 'app', 'app:v2');
    await same('history', '--format', '{{.CreatedBy}}|{{.Size}}', 'app');
    await same('history', '-q', 'app');
    expect(await ours('rmi', 'app:v2')).toEqual({ out: 'Untagged: app:v2\n', err: '', code: 0 });
    await same('rmi', 'nosuch');
    await theirs('rm', '-f', 'box');
  });
});

describe.skipIf(!DOCKER)('volume, network and container verbs print what the stock CLI prints', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  /** For commands that change the engine: each CLI acts on its own copy of the setup. */
  const both = async (setup: (run: (...a: string[]) => Promise<Out>, tag: string) => Promise<void>, ...args: string[]): Promise<void> => {
    await setup(theirs, 'a');
    const a = await theirs(...args.map((x) => x.replaceAll('%', 'a')));
    await setup(ours, 'b');
    const b = await ours(...args.map((x) => x.replaceAll('%', 'b')));
    expect({ ...b, out: b.out.replaceAll('b', '%') }, `docker ${args.join(' ')}`).toEqual({ ...a, out: a.out.replaceAll('a', '%') });
  };

  it('volumes and networks', async () => {
    await both(async () => {}, 'volume', 'create', 'vol%');
    await same('volume', 'ls');
    await same('volume', 'ls', '-q');
    await both(async () => {}, 'volume', 'rm', 'vol%', 'nosuch');
    await theirs('network', 'create', 'netx');
    await same('network', 'ls');
    await same('network', 'ls', '--format', '{{.Name}} {{.Driver}}');
    await both(async (run, t) => { await run('network', 'create', `gone${t}`); }, 'network', 'rm', 'gone%', 'nosuch');
  });

  it('port, top, diff, wait, rename, pause, stats, prunes, system df', async () => {
    await theirs('run', '-d', '--name', 'web', '-p', '8091:80', '-p', '127.0.0.1:8092:81', 'busybox', 'sh', '-c', 'touch /new; sleep 100');
    await new Promise((r) => setTimeout(r, 100));
    await same('port', 'web');
    await same('port', 'web', '80');
    await same('port', 'web', '82');
    await same('diff', 'web');
    await same('stats', '--no-stream', '--format', '{{.Name}} {{.PIDs}} {{.NetIO}} {{.BlockIO}}', 'web');
    await same('wait', 'nosuch');
    await both(async (run, t) => { await run('run', '--name', `ren${t}`, 'busybox', 'true'); }, 'rename', 'ren%', 'renamed%');
    await both(async (run, t) => { await run('run', '-d', '--name', `pz${t}`, 'busybox', 'sleep', '100'); }, 'pause', 'pz%');
    await same('system', 'df', '--format', '{{.Type}} {{.TotalCount}} {{.Active}}');
    await same('system', 'df');
    await theirs('rm', '-f', 'web', 'pza', 'pzb');
    // Each CLI prunes two stopped containers of its own.
    const pruneA = await theirs('container', 'prune', '-f');
    await ours('run', '--name', 'p1', 'busybox', 'true');
    await ours('run', '--name', 'p2', 'busybox', 'true');
    const pruneB = await ours('container', 'prune', '-f');
    const ids = (o: Out): Out => ({ ...o, out: o.out.replace(/[0-9a-f]{64}/g, '<id>') });
    expect(ids(pruneB)).toEqual(ids(pruneA));
    await same('image', 'prune', '-f');
  });
});

describe.skipIf(!DOCKER)('commit, cp, save and load through the workspace', () => {
  const workspace = new MemoryFs({ now: () => 0 });
  let dir = '';
  beforeAll(async () => {
    await startEngine();
    const { mkdtempSync } = await import('node:fs');
    dir = mkdtempSync('/tmp/playground-ws-');
    workspace.mkdirSync(dir, { recursive: true });
  });
  afterAll(() => engine.close());

  const inWorkspace = (...args: string[]): Promise<Out> => oursIn({ files: workspace, cwd: dir }, args);

  it('cp out of and into a container, commit, save -o and load -i', async () => {
    await theirs('run', '-d', '--name', 'src', 'busybox', 'sh', '-c', 'mkdir -p /data/sub && echo uno > /data/a.txt && echo dos > /data/sub/b.txt && sleep 100');
    await new Promise((r) => setTimeout(r, 100));
    expect((await inWorkspace('cp', 'src:/data', 'copied')).code).toBe(0);
    expect(new TextDecoder().decode(workspace.readFileSync(`${dir}/copied/a.txt`))).toBe('uno\n');
    expect(new TextDecoder().decode(workspace.readFileSync(`${dir}/copied/sub/b.txt`))).toBe('dos\n');
    workspace.writeFileSync(`${dir}/up.txt`, 'subido\n');
    expect((await inWorkspace('cp', 'up.txt', 'src:/data/')).code).toBe(0);
    expect((await inWorkspace('cp', 'up.txt', 'src:/data/renamed.txt')).code).toBe(0);
    expect(await same('exec', 'src', 'cat', '/data/up.txt', '/data/renamed.txt')).toMatchObject({ out: 'subido\nsubido\n' });
    const committed = await inWorkspace('commit', '-m', 'snapshot', 'src', 'snap:1');
    expect(committed.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    await same('run', '--rm', 'snap:1', 'cat', '/data/sub/b.txt');
    expect(await inWorkspace('save', '-o', 'snap.tar', 'snap:1')).toEqual({ out: '', err: '', code: 0 });
    await theirs('rmi', '-f', 'snap:1');
    expect(await inWorkspace('load', '-i', 'snap.tar')).toEqual({ out: 'Loaded image: snap:1\n', err: '', code: 0 });
    await same('run', '--rm', 'snap:1', 'cat', '/data/a.txt');
    await same('volume');
    await theirs('rm', '-f', 'src');
  });
});

describe.skipIf(!DOCKER)('events, info, update, prunes and the offline registry verbs', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('prints what the stock CLI prints', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 1);
    await theirs('run', '--rm', '--name', 'evt', 'busybox', 'true');
    await theirs('volume', 'create', 'vv');
    const until = String(Math.floor(Date.now() / 1000) + 1);
    await same('events', '--since', since, '--until', until);
    await same('events', '--since', since, '--until', until, '--filter', 'type=volume', '--format', '{{.Type}} {{.Action}} {{.Actor.ID}}');
    await same('info', '--format', '{{.Containers}} {{.Images}} {{.ServerVersion}} {{.Driver}} {{.NCPU}}');
    await theirs('run', '-d', '--name', 'upd', 'busybox', 'sleep', '100');
    await same('update', '--memory', '64m', '--cpus', '0.5', 'upd', 'nosuch');
    await same('inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}', 'upd');
    await same('logs', '--since', '10m', 'upd');
    await theirs('rm', '-f', 'upd');
    const pruneVolumes = await theirs('volume', 'prune', '-af');
    await ours('volume', 'create', 'vv');
    expect(await ours('volume', 'prune', '-af')).toEqual(pruneVolumes);
    const pruneNets = await theirs('network', 'prune', '-f');
    expect(await ours('network', 'prune', '-f')).toEqual(pruneNets);
  });

  it('login, push and search say the playground is offline', async () => {
    expect(await ours('login', '-u', 'ana')).toEqual({ out: '', err: 'docker login: the playground runs offline, with no registry: images come from its built-in set, docker build, docker load and docker commit\n', code: 1 });
    expect((await ours('push', 'app')).code).toBe(1);
  });
});

describe.skipIf(!DOCKER)('ps --filter and system prune', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('prints what the stock CLI prints', async () => {
    await theirs('run', '--name', 'ok', '-l', 'tier=web', 'busybox', 'true');
    await theirs('run', '--name', 'bad', 'busybox', 'sh', '-c', 'exit 3');
    await theirs('run', '-d', '--name', 'up', 'alpine', 'sleep', '100');
    await same('ps', '-a', '--filter', 'status=exited', '--format', '{{.Names}}');
    await same('ps', '-a', '--filter', 'exited=3', '--format', '{{.Names}}');
    await same('ps', '--filter', 'ancestor=alpine', '--format', '{{.Names}}');
    await same('ps', '-a', '--filter', 'label=tier=web', '--format', '{{.Names}}');
    await same('ps', '-a', '--filter', 'name=o', '--format', '{{.Names}}');
    await theirs('rm', '-f', 'up');
    // Each CLI prunes two stopped containers and one unused network of its own.
    await theirs('network', 'create', 'spare');
    const a = await theirs('system', 'prune', '-f');
    await ours('run', '--name', 'ok2', 'busybox', 'true');
    await ours('run', '--name', 'bad2', 'busybox', 'true');
    await ours('network', 'create', 'spare');
    const b = await ours('system', 'prune', '-f');
    const ids = (o: Out): Out => ({ ...o, out: o.out.replace(/[0-9a-f]{64}/g, '<id>') });
    expect(ids(b)).toEqual(ids(a));
  });
});

describe.skipIf(!DOCKER)('inspect without a template', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('prints the engine\'s JSON, indented, as the stock CLI does', async () => {
    await theirs('run', '--name', 'raw', '-e', 'A=<b>&c', 'busybox', 'true');
    await same('inspect', 'raw');
    await same('inspect', 'busybox');
    await same('volume', 'inspect', 'nosuch');
  });
});

describe.skipIf(!DOCKER)('version and info without a template', () => {
  beforeAll(startEngine);
  afterAll(() => engine.close());

  it('docker version and docker info print the same text (the Client section is each CLI\'s own)', async () => {
    const server = (o: Out): string => o.out.slice(o.out.indexOf('Server:'));
    const a = await theirs('version');
    const b = await ours('version');
    expect(server(b)).toBe(server(a));
    expect(b.out).toMatch(/^Client:\n Version: {11}28\.2\.2\n API version: {7}1\.50\n Go version: {8}n\/a \(TypeScript\)\n Git commit: {8}playground\n/);
    expect(await ours('--version')).toEqual({ out: 'Docker version 28.2.2, build playground\n', err: '', code: 0 });
    await same('info');
  });
});
