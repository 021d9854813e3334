// POST /build takes the context as the client sent it: the docker CLI has
// already applied .dockerignore, so the engine (as dockerd) filters nothing
// more — it only drops .dockerignore and the Dockerfile when .dockerignore
// lists them. A tree handed to the engine directly still gets .dockerignore.
import { describe, expect, it } from 'vitest';
import { createEngine, docker, engineTransport, EngineClient, MemoryFs } from './index.ts';
import { writeTar } from './cli/tar.ts';

const enc = new TextEncoder();
const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
const file = (path: string, text: string) => ({ path, type: 'file' as const, mode: 0o644, data: enc.encode(text) });

async function buildOverApi(entries: ReturnType<typeof file>[]): Promise<string> {
  const engine = await createEngine();
  const client = new EngineClient(engineTransport(engine));
  const r = await client.request('POST', '/build', { query: { t: ['ctx'] }, body: writeTar(entries), headers: { 'Content-Type': 'application/x-tar' } });
  const log = new TextDecoder().decode(await r.bytes());
  if (log.includes('errorDetail')) throw new Error(log);
  let out = '';
  await docker(['run', '--rm', 'ctx', 'sh', '-c', 'cd /ctx && find . -type f | sort'], client, { isTTY: false, stdout: (s) => { out += text(s); }, stderr: (s) => { out += text(s); } });
  return out;
}

describe('the build context over the Engine API', () => {
  it('is used as sent: .dockerignore is not applied again, only .dockerignore and the Dockerfile are dropped when it lists them', async () => {
    const out = await buildOverApi([
      file('Dockerfile', 'FROM busybox\nCOPY . /ctx/\n'),
      file('.dockerignore', 'a\n!a/keep\n.dockerignore\nDockerfile\n'),
      file('a/keep/f', 'kept\n'),
      file('a/other', 'the client would not have sent this; dockerd copies what it gets\n'),
    ]);
    expect(out).toBe('./a/keep/f\n./a/other\n');
  });

  it('a tree given to the engine directly gets .dockerignore, as the CLI would apply it', async () => {
    const engine = await createEngine();
    const ctx = new MemoryFs({ now: () => 0 });
    ctx.writeFileSync('/Dockerfile', 'FROM busybox\nCOPY . /ctx/\n');
    ctx.writeFileSync('/.dockerignore', 'secret.txt\n');
    ctx.writeFileSync('/secret.txt', 'x');
    ctx.writeFileSync('/app.txt', 'y');
    await engine.build({ context: ctx.root, tags: ['direct'] });
    let out = '';
    await docker(['run', '--rm', 'direct', 'sh', '-c', 'cd /ctx && find . -type f | sort'], new EngineClient(engineTransport(engine)), { isTTY: false, stdout: (s) => { out += text(s); }, stderr: () => {} });
    expect(out).toBe('./.dockerignore\n./Dockerfile\n./app.txt\n');
  });
});
