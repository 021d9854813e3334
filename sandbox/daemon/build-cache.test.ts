// The build cache, rule by rule (Docker's legacy builder): a step's key is
// the parent image + the instruction after substitution + build args in
// scope for RUN + the checksum of COPY/ADD sources (names, modes, bytes).
import { describe, expect, it } from 'vitest';
import { buildWith, cacheTrace, testDaemon } from './testing/harness.ts';

const DOCKERFILE = `FROM busybox
ARG V=1
RUN echo one > /one
COPY app/ /app/
RUN echo version $V > /v
ENV MODE=prod
CMD ["sh"]
`;
const files = (extra: Record<string, string> = {}) => ({ Dockerfile: DOCKERFILE, 'app/a.txt': 'A', 'app/b.txt': 'B', ...extra });

describe('build cache', () => {
  it('an unchanged rebuild hits the cache at every step and gives the same image', async () => {
    const d = await testDaemon();
    const first = await buildWith(d, files());
    const second = await buildWith(d, files());
    expect(first.error).toBeUndefined();
    expect(cacheTrace(second.output)).toEqual([
      'FROM busybox', 'ARG V=1  [cached]', 'RUN echo one > /one  [cached]', 'COPY app/ /app/  [cached]',
      'RUN echo version $V > /v  [cached]', 'ENV MODE=prod  [cached]', 'CMD ["sh"]  [cached]',
    ]);
    expect(second.image!.id).toBe(first.image!.id);
    expect(second.output).not.toContain('Running in');
  });

  it('a changed source file busts its COPY and every later step, not the earlier ones', async () => {
    const d = await testDaemon();
    await buildWith(d, files());
    const r = await buildWith(d, files({ 'app/b.txt': 'B2' }));
    expect(cacheTrace(r.output)).toEqual([
      'FROM busybox', 'ARG V=1  [cached]', 'RUN echo one > /one  [cached]', 'COPY app/ /app/',
      'RUN echo version $V > /v', 'ENV MODE=prod', 'CMD ["sh"]',
    ]);
  });

  it('a new file, a renamed file or a mode change busts COPY; an mtime change does not', async () => {
    const d = await testDaemon();
    await buildWith(d, files());
    expect(cacheTrace((await buildWith(d, files({ 'app/c.txt': 'C' }))).output)[3]).toBe('COPY app/ /app/');
    await buildWith(d, files());
    const renamed = { Dockerfile: DOCKERFILE, 'app/a.txt': 'A', 'app/B.txt': 'B' };
    expect(cacheTrace((await buildWith(d, renamed)).output)[3]).toBe('COPY app/ /app/');
    await buildWith(d, files());
    const chmod = { ...files(), 'app/a.txt': { content: 'A', mode: 0o755 } };
    expect(cacheTrace((await buildWith(d, chmod)).output)[3]).toBe('COPY app/ /app/');
    await buildWith(d, files());
    const touched = { ...files(), 'app/a.txt': { content: 'A', mtimeMs: Date.UTC(2030, 0, 1) } };
    expect(cacheTrace((await buildWith(d, touched)).output)[3]).toBe('COPY app/ /app/  [cached]');
  });

  it('a changed RUN command busts that step and the later ones', async () => {
    const d = await testDaemon();
    await buildWith(d, files());
    const r = await buildWith(d, { ...files(), Dockerfile: DOCKERFILE.replace('echo one', 'echo uno') });
    expect(cacheTrace(r.output).map((l) => l.endsWith('[cached]'))).toEqual([false, true, false, false, false, false, false]);
  });

  it('a different build arg busts the RUN steps that have it in scope', async () => {
    const d = await testDaemon();
    await buildWith(d, files());
    const r = await buildWith(d, files(), { buildArgs: new Map([['V', '2']]) });
    // ARG V=1 itself hits (its line is the same), but every RUN after it carries |1 V=2 in its key.
    expect(cacheTrace(r.output)).toEqual([
      'FROM busybox', 'ARG V=1  [cached]', 'RUN echo one > /one', 'COPY app/ /app/',
      'RUN echo version $V > /v', 'ENV MODE=prod', 'CMD ["sh"]',
    ]);
    expect(r.image!.config.history.find((h) => h.created_by?.includes('echo version'))!.created_by).toBe('|1 V=2 /bin/sh -c echo version $V > /v');
  });

  it('a build arg not in scope changes nothing', async () => {
    const d = await testDaemon();
    const df = 'FROM busybox\nRUN echo hi\n';
    await buildWith(d, { Dockerfile: df });
    const r = await buildWith(d, { Dockerfile: df }, { buildArgs: new Map([['UNUSED', 'x']]) });
    expect(cacheTrace(r.output)).toEqual(['FROM busybox', 'RUN echo hi  [cached]']);
    expect(r.output).toContain('[Warning] One or more build-args [UNUSED] were not consumed');
  });

  it('--no-cache runs every step', async () => {
    const d = await testDaemon();
    await buildWith(d, files());
    const r = await buildWith(d, files(), { noCache: true });
    expect(r.output).not.toContain('Using cache');
    expect(r.output.match(/Running in/g)).toHaveLength(5);
  });

  it('stops probing after the first miss', async () => {
    const d = await testDaemon();
    const df1 = 'FROM busybox\nRUN echo a\nRUN echo b\n';
    await buildWith(d, { Dockerfile: df1 });
    // Build 2: step 2 differs, step 3 is the same text as before — but its parent changed, and probing has stopped.
    const r = await buildWith(d, { Dockerfile: 'FROM busybox\nRUN echo A\nRUN echo b\n' });
    expect(cacheTrace(r.output)).toEqual(['FROM busybox', 'RUN echo A', 'RUN echo b']);
    // Build 3 returns to the first Dockerfile: everything is still cached.
    expect(cacheTrace((await buildWith(d, { Dockerfile: df1 })).output)).toEqual(['FROM busybox', 'RUN echo a  [cached]', 'RUN echo b  [cached]']);
  });

  it('an ignored file never busts the cache', async () => {
    const d = await testDaemon();
    const df = 'FROM busybox\nCOPY . /src/\n';
    await buildWith(d, { Dockerfile: df, '.dockerignore': 'notes.md\n', 'main.c': 'int main;', 'notes.md': 'v1' });
    const r = await buildWith(d, { Dockerfile: df, '.dockerignore': 'notes.md\n', 'main.c': 'int main;', 'notes.md': 'v2' });
    expect(cacheTrace(r.output)[1]).toBe('COPY . /src/  [cached]');
  });

  it('caches each stage separately: a miss in one stage does not stop another from hitting', async () => {
    const d = await testDaemon();
    const df = (msg: string) => `FROM busybox AS a\nRUN echo ${msg}\nFROM busybox AS b\nRUN echo same\nCOPY --from=a /etc/passwd /x\n`;
    await buildWith(d, { Dockerfile: df('one') });
    const r = await buildWith(d, { Dockerfile: df('two') });
    expect(cacheTrace(r.output)).toEqual(['FROM busybox AS a', 'RUN echo two', 'FROM busybox AS b', 'RUN echo same  [cached]', 'COPY --from=a /etc/passwd /x  [cached]']);
  });
});
