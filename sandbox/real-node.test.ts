// The real-Node hook: with a runner installed, `node` in a container runs
// in it (here the host's own Node.js through child_process, standing in for
// the page's WebContainer): the container's working directory is copied in,
// argv/env/cwd pass through, output reaches docker logs, exit codes and
// docker kill work — and removing the runner brings QuickJS back.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEngine, docker, inProcessClient, MemoryFs, setRealNode, type RealNodeRunner } from './index.ts';

const hostNode: RealNodeRunner = async (spec) => {
  const root = mkdtempSync(join(tmpdir(), 'real-node-'));
  for (const f of spec.files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.data);
  }
  const args = spec.argv.slice(1).map((a) => (a.startsWith('/') ? join(root, a) : a));
  const child = spawn(process.execPath, args, { cwd: join(root, spec.cwd), env: Object.fromEntries(spec.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let output: (stream: 1 | 2, data: Uint8Array) => void = () => {};
  child.stdout.on('data', (d: Buffer) => output(1, new Uint8Array(d)));
  child.stderr.on('data', (d: Buffer) => output(2, new Uint8Array(d)));
  const exit = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15))));
  return {
    onOutput: (fn) => { output = fn; },
    write: (d) => child.stdin.write(d),
    closeStdin: () => child.stdin.end(),
    kill: (sig) => child.kill(sig === 9 ? 'SIGKILL' : sig === 2 ? 'SIGINT' : 'SIGTERM'),
    exit,
  };
};

afterEach(() => setRealNode(null));

async function engineWithApp(): Promise<{ run: (...argv: string[]) => Promise<{ out: string; code: number }> }> {
  const engine = await createEngine();
  const client = inProcessClient(engine);
  const ctx = new MemoryFs({ now: () => 0 });
  ctx.writeFileSync('/Dockerfile', 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "main.js"]\n');
  ctx.writeFileSync('/main.js', 'const { greet } = require("./lib/greet");\nconsole.log(greet(process.env.WHO), process.versions.quickjs ? "quickjs" : "v8", process.cwd());\nprocess.exitCode = Number(process.argv[2] ?? 0);\n');
  ctx.mkdirSync('/lib');
  ctx.writeFileSync('/lib/greet.js', 'exports.greet = (w) => `hola ${w}`;\n');
  await engine.build({ context: ctx.root, tags: ['app'] });
  const run = async (...argv: string[]): Promise<{ out: string; code: number }> => {
    let out = '';
    const code = await docker(argv, client, { isTTY: false, stdout: (s) => { out += typeof s === 'string' ? s : new TextDecoder().decode(s); }, stderr: (s) => { out += typeof s === 'string' ? s : new TextDecoder().decode(s); } });
    return { out, code };
  };
  return { run };
}

describe('node with a real Node.js runner installed', () => {
  it('runs the container\'s app in it: files, env, argv, cwd, exit status; QuickJS again once removed', async () => {
    const { run } = await engineWithApp();
    setRealNode(hostNode);
    const real = await run('run', '--rm', '-e', 'WHO=mundo', 'app', 'node', 'main.js', '3');
    expect(real.code).toBe(3);
    expect(real.out).toMatch(/^hola mundo v8 \/tmp\/real-node-\w+\/app\n$/);
    setRealNode(null);
    const quick = await run('run', '--rm', '-e', 'WHO=mundo', 'app');
    expect(quick).toEqual({ out: 'hola mundo quickjs /app\n', code: 0 });
  });

  it('docker kill ends it; docker logs has its output', async () => {
    const { run } = await engineWithApp();
    setRealNode(hostNode);
    expect((await run('run', '-d', '--name', 'spin', 'app', 'node', '-e', 'console.log("up"); setInterval(() => {}, 1000)')).code).toBe(0);
    for (let i = 0; i < 100 && !(await run('logs', 'spin')).out.includes('up'); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await run('logs', 'spin')).out).toBe('up\n');
    expect((await run('kill', 'spin')).code).toBe(0);
    expect((await run('wait', 'spin')).out).toBe('137\n');
  });
});
