// A Dockerfile's steps with their lines (steps.ts), checked against the
// builder's own numbering and texts, and the Dockerfile a context carries
// (context-dockerfile.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { treeTarBytes } from '../layer/tar-write.ts';
import { tarOf } from '../layer/testing/tar.ts';
import { readContextDockerfile } from './context-dockerfile.ts';
import { DockerfileParseError } from './parse.ts';
import { dockerfileSteps } from './steps.ts';

const testfile = (name: string): string => readFileSync(new URL(`./testfiles/${name}/Dockerfile`, import.meta.url), 'utf8');
const brief = (text: string) => dockerfileSteps(text).map((s) => [s.stage, s.keyword, s.line, s.endLine, s.writesLayer]);

describe('dockerfileSteps', () => {
  it('global ARGs, then each stage: FROM and its instructions, in the builder order', () => {
    const steps = dockerfileSteps(testfile('multistage'));
    expect(steps.map((s) => [s.stage, s.stageName ?? '', s.original, s.line])).toEqual([
      [-1, '', 'ARG BASE=alpine:3.21', 1],
      [-1, '', 'ARG VERSION', 2],
      [0, 'build', 'FROM ${BASE} AS build', 3],
      [0, 'build', 'RUN echo building $VERSION > /out', 4],
      [1, 'test', 'FROM busybox AS test', 5],
      [1, 'test', 'COPY --from=build /out /out', 6],
      [2, '', 'FROM scratch', 7],
      [2, '', 'COPY --from=0 /out /', 8],
    ]);
  });

  it('an instruction spans its continuation lines, the comments and blank lines inside them', () => {
    expect(brief(testfile('continuation-comments'))).toEqual([
      [0, 'FROM', 1, 1, false],
      [0, 'RUN', 3, 7, true],
      [0, 'RUN', 8, 9, true],
    ]);
  });

  it('a heredoc body belongs to its instruction; the original is the first line as printed', () => {
    const steps = dockerfileSteps(testfile('heredocs'));
    expect(steps.map((s) => [s.keyword, s.line, s.endLine, s.original])).toEqual([
      ['FROM', 1, 1, 'FROM busybox'],
      ['RUN', 2, 5, 'RUN <<EOT'],
      ['COPY', 6, 8, 'COPY <<-"END" /x'],
      ['RUN', 9, 11, 'RUN cat <<EOT > /f'],
    ]);
  });

  it('only RUN, COPY, ADD and WORKDIR may write a layer', () => {
    const text = 'FROM busybox\nENV A=1\nWORKDIR /app\nLABEL x=y\nADD a /a\nEXPOSE 80\nCMD ["sh"]\n';
    expect(dockerfileSteps(text).filter((s) => s.writesLayer).map((s) => s.keyword)).toEqual(['WORKDIR', 'ADD']);
  });

  it('a Dockerfile the builder refuses throws its parse error, with the line', () => {
    let caught: unknown;
    try { dockerfileSteps('FROM busybox\nRUN --bogus=1 true\n'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(DockerfileParseError);
    expect((caught as DockerfileParseError).line).toBe(2);
  });
});

describe('readContextDockerfile', () => {
  async function contextTar(files: Record<string, string>): Promise<Uint8Array> {
    const fs = new MemoryFs();
    for (const [path, text] of Object.entries(files)) {
      const dir = path.includes('/') ? `/${path.slice(0, path.lastIndexOf('/'))}` : '/';
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`/${path}`, text);
    }
    return treeTarBytes(fs.root);
  }

  it('reads the named Dockerfile and lists the context files', async () => {
    const tar = await contextTar({ 'docker/app.Dockerfile': 'FROM busybox\n', 'site/index.html': '<h1>hi</h1>' });
    const ctx = await readContextDockerfile(tar, './docker/app.Dockerfile');
    expect(ctx?.name).toBe('docker/app.Dockerfile');
    expect(ctx?.text).toBe('FROM busybox\n');
    expect(ctx?.files).toEqual([{ path: 'docker/app.Dockerfile', size: 13 }, { path: 'site/index.html', size: 11 }]);
  });

  it('null for a context without it, or bytes that are no tar', async () => {
    expect(await readContextDockerfile(await contextTar({ 'a.txt': 'x' }))).toBeNull();
    expect(await readContextDockerfile(new TextEncoder().encode('not a tar at all'))).toBeNull();
  });

  it('null for a context the daemon refuses (an entry that climbs out or is absolute), as that build fails', async () => {
    const withEntry = (name: string) => tarOf([{ name: 'Dockerfile', body: 'FROM busybox\n' }, { name, body: 'x' }]);
    expect(await readContextDockerfile(await withEntry('../escaped'))).toBeNull();
    expect(await readContextDockerfile(await withEntry('/abs'))).toBeNull();
    expect((await readContextDockerfile(await withEntry('a/../b')))?.files).toEqual([{ path: 'Dockerfile', size: 13 }, { path: 'b', size: 1 }]);
  });
});
