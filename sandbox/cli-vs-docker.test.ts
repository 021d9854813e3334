// The in-browser docker CLI, checked against the stock docker CLI: both
// drive the same engine (ours in-process, theirs over TCP) and must print
// the same bytes and exit with the same status. Where no docker client is
// installed, the same cases run against the outputs Docker prints.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient } from './index.ts';
import { Daemon } from './daemon/daemon.ts';
import { serveEngine, type EngineServer } from './server/http.node.ts';
import { engineRouter } from './server/index.ts';
import { docker } from './cli/main.ts';

const DOCKER = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p));
if (!DOCKER) console.warn('\n*** cli-vs-docker.test.ts: no docker client installed; the differential cases are SKIPPED ***\n');

let engine: EngineServer;
let host = '';
let d: Daemon;

interface Out { out: string; err: string; code: number }

async function ours(...args: string[]): Promise<Out> {
  let out = '';
  let err = '';
  const dec = new TextDecoder();
  const code = await docker(args, inProcessClient(d), {
    stdout: (s) => { out += typeof s === 'string' ? s : dec.decode(s); },
    stderr: (s) => { err += typeof s === 'string' ? s : dec.decode(s); },
    isTTY: false,
  });
  return { out, err, code };
}

function theirs(...args: string[]): Promise<Out> {
  return new Promise((resolve) => {
    execFile(DOCKER!, args, { env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: '/nonexistent-playground-docker-config' }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ out: stdout, err: stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
    });
  });
}

describe.skipIf(!DOCKER)('our docker CLI prints what the stock docker CLI prints', () => {
  beforeAll(async () => {
    d = await Daemon.create();
    engine = await serveEngine(engineRouter(d), { host: '127.0.0.1', port: 0 });
    const addr = engine.server.address();
    host = `tcp://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => { await engine.close(); });

  const same = async (...args: string[]): Promise<Out> => {
    const a = await theirs(...args);
    const b = await ours(...args);
    expect(b, `docker ${args.join(' ')}`).toEqual(a);
    return b;
  };

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
  });
});
