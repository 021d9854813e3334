// The last build as the CLI saw it: `docker build` typed at the host's
// shell, its POST /build stream read on the way through — steps, cache
// hits, the image or the error — and the commands the shell ran, kept by a
// LessonRecorder whose state survives a save and restore.
import { describe, expect, it } from 'vitest';
import { createEngine, EngineClient, engineTransport, MemoryFs } from '../../sandbox/index.ts';
import { BuildStreamReader, cacheSummary, recordBuilds, type BuildRecord } from './builds.ts';
import { PracticeMachine } from './runner.ts';
import { parseScript } from './script.ts';
import { defineChecks } from './checks.ts';
import { LessonRecorder } from './session.ts';

const DOCKERFILE = 'FROM alpine\nRUN echo built > /built\nCOPY app.txt /app.txt\nCMD ["cat", "/app.txt"]\n';
const none = defineChecks([]);

async function typed(m: PracticeMachine, lines: string): Promise<void> {
  await m.play(parseScript(lines, 'test').actions, none, () => '');
}

describe('recordBuilds through the host terminal', () => {
  it('records each build: steps, cache hits, the image; a later build replaces it', async () => {
    const m = await PracticeMachine.boot();
    try {
      m.writeFiles(new Map([['Dockerfile', DOCKERFILE], ['app.txt', 'v1\n']]));
      await typed(m, 'docker build -t app .');
      const first = m.context().lastBuild!;
      expect(first).toMatchObject({ tags: ['app'], dockerfile: 'Dockerfile', noCache: false, error: null, complete: true });
      expect(first.steps.map((s) => [s.index, s.instruction, s.cached])).toEqual([
        [1, 'FROM alpine', false], [2, 'RUN echo built > /built', false], [3, 'COPY app.txt /app.txt', false], [4, 'CMD ["cat", "/app.txt"]', false],
      ]);
      const image = await m.client.json<{ Id: string }>('GET', '/images/app/json');
      expect(first.imageId).toBe(image.Id);

      await typed(m, 'docker build -t app .');
      expect(cacheSummary(m.context().lastBuild!).misses).toEqual([]);

      m.writeFiles(new Map([['app.txt', 'v2\n']]));
      await typed(m, 'docker build -t app .');
      const third = m.context().lastBuild!;
      expect(third.steps.map((s) => s.cached)).toEqual([false, true, false, false]);
      expect(cacheSummary(third).hits.map((s) => s.instruction)).toEqual(['RUN echo built > /built']);
      expect(m.context().commands).toEqual(['docker build -t app .', 'docker build -t app .', 'docker build -t app .']);
    } finally {
      await m.dispose();
    }
  });

  it('a quiet build has no steps to show, a failed one its error, --no-cache and -f are noted', async () => {
    const m = await PracticeMachine.boot();
    try {
      m.writeFiles(new Map([['Dockerfile', DOCKERFILE], ['app.txt', 'v1\n'], ['Broken.Dockerfile', 'FROM alpine\nRUN exit 3\n']]));
      await typed(m, 'docker build -q -t app .');
      expect(m.context().lastBuild).toMatchObject({ steps: [], error: null, complete: true });
      expect(m.context().lastBuild!.imageId).toMatch(/^sha256:/);
      await typed(m, 'docker build --no-cache -f Broken.Dockerfile -t broken .');
      const failed = m.context().lastBuild!;
      expect(failed).toMatchObject({ tags: ['broken'], dockerfile: 'Broken.Dockerfile', noCache: true, imageId: null });
      expect(failed.error).toContain('returned a non-zero code: 3');
      expect(failed.steps.map((s) => s.instruction)).toEqual(['FROM alpine', 'RUN exit 3']);
    } finally {
      await m.dispose();
    }
  });
});

describe('BuildStreamReader and the recorder', () => {
  it('reads JSON lines split anywhere, even inside a character', () => {
    const reader = new BuildStreamReader({ query: new Map([['t', 'x']]) }, () => 1);
    const text = '{"stream":"Step 1/2 : FROM alpine\\n"}\r\n{"stream":" ---\\u003e a1b2\\nStep 2/2 : RUN echo ñ\\n"}\r\n{"stream":" ---\\u003e Using cache\\n"}\r\n{"aux":{"ID":"sha256:abc"}}\r\n';
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.subarray(i, i + 7));
    expect(reader.finish(true)).toEqual({ tags: ['x'], dockerfile: 'Dockerfile', noCache: false, imageId: 'sha256:abc', error: null, complete: true, at: 1, steps: [
      { index: 1, instruction: 'FROM alpine', cached: false }, { index: 2, instruction: 'RUN echo ñ', cached: true },
    ] });
  });

  it('a request the engine refuses is a build with its error; the state round-trips through JSON', async () => {
    const engine = await createEngine({ hostFs: new MemoryFs() });
    let seen: BuildRecord | null = null;
    const client = new EngineClient(recordBuilds(engineTransport(engine), (b) => { seen = b; }));
    await expect(client.request('POST', '/build', { query: { t: 'x' }, body: new Uint8Array(0) })).rejects.toThrow('the build context is empty');
    expect(seen).toMatchObject({ tags: ['x'], error: 'the build context is empty: send a tar of the context directory', imageId: null });

    const rec = new LessonRecorder();
    let changes = 0;
    rec.onChange(() => changes++);
    const fake = { listener: null as ((l: string) => void) | null, onCommand(fn: (l: string) => void) { this.listener = fn; return () => { this.listener = null; }; } };
    rec.follow(fake);
    fake.listener!('docker ps');
    const restored = new LessonRecorder(JSON.parse(JSON.stringify(rec.state())));
    expect(restored.context(client).commands).toEqual(['docker ps']);
    expect(changes).toBe(1);
  });
});
