// The POST /build stream as the legacy builder sends it, cut anywhere,
// read into steps (cached, built, unfinished), the image ID and the error.
import { describe, expect, it } from 'vitest';
import { BuildStreamParser } from './build-stream.ts';

const enc = new TextEncoder();
const json = (...messages: unknown[]): string => messages.map((m) => `${JSON.stringify(m)}\r\n`).join('');

/** Feeds `text` in pieces of `size` bytes (JSON lines, text lines and UTF-8 sequences split). */
function parse(text: string, size = 7) {
  const p = new BuildStreamParser();
  const bytes = enc.encode(text);
  for (let i = 0; i < bytes.length; i += size) p.push(bytes.slice(i, i + size));
  return p.end();
}

const SUCCESS = json(
  { stream: 'Step 1/4 : FROM nginx:alpine\n' }, { stream: ' ---> 2431072e989c\n' },
  { stream: 'Step 2/4 : COPY site/ /usr/share/nginx/html/\n' }, { stream: ' ---> Using cache\n' }, { stream: ' ---> f63b3d3efdf9\n' },
  { stream: 'Step 3/4 : RUN echo “hola”\n' }, { stream: ' ---> Running in ea3ab3b8cde7\n' }, { stream: '“hola”\n' },
  { stream: ' ---> Removed intermediate container ea3ab3b8cde7\n' }, { stream: ' ---> 91ce4d65dda2\n' },
  { stream: 'Step 4/4 : EXPOSE 80\n' }, { stream: ' ---> Using cache\n ---> 0a1b2c3d4e5f\n' },
  { stream: 'Successfully built 0a1b2c3d4e5f\n' }, { stream: 'Successfully tagged site:latest\n' },
  { aux: { ID: 'sha256:0a1b2c3d4e5f' } },
);

describe('BuildStreamParser', () => {
  it('steps with their images, cache hits and the built image, whatever the chunking', () => {
    for (const size of [1, 3, 7, 64, 100_000]) {
      expect(parse(SUCCESS, size)).toEqual({
        steps: [
          { n: 1, total: 4, original: 'FROM nginx:alpine', cached: false, imageId: '2431072e989c' },
          { n: 2, total: 4, original: 'COPY site/ /usr/share/nginx/html/', cached: true, imageId: 'f63b3d3efdf9' },
          { n: 3, total: 4, original: 'RUN echo “hola”', cached: false, imageId: '91ce4d65dda2' },
          { n: 4, total: 4, original: 'EXPOSE 80', cached: true, imageId: '0a1b2c3d4e5f' },
        ],
        imageId: 'sha256:0a1b2c3d4e5f',
        error: null,
      });
    }
  });

  it('a failed step stays unfinished and the error is kept', () => {
    const out = parse(json(
      { stream: 'Step 1/3 : FROM alpine:3.21\n' }, { stream: ' ---> 3b3adf52f2d0\n' },
      { stream: 'Step 2/3 : RUN ls /nope\n' }, { stream: ' ---> Running in c0ffee400000\n' }, { stream: 'ls: /nope: No such file or directory' },
      { errorDetail: { message: "The command '/bin/sh -c ls /nope' returned a non-zero code: 1" }, error: "The command '/bin/sh -c ls /nope' returned a non-zero code: 1" },
    ));
    expect(out.steps.map((s) => [s.n, s.imageId])).toEqual([[1, '3b3adf52f2d0'], [2, null]]);
    expect(out.error).toBe("The command '/bin/sh -c ls /nope' returned a non-zero code: 1");
    expect(out.imageId).toBeNull();
  });

  it('FROM scratch prints an empty ID; output without a newline does not hide the next lines', () => {
    const out = parse(json(
      { stream: 'Step 1/2 : FROM scratch\n' }, { stream: ' ---> \n' },
      { stream: 'Step 2/2 : COPY a /a\n' }, { stream: 'no newline' }, { stream: ' ---> Removed intermediate container c0ffee\n' }, { stream: ' ---> 00aa11bb22cc\n' },
    ));
    expect(out.steps.map((s) => s.imageId)).toEqual(['', '00aa11bb22cc']);
  });

  it('a quiet build has no steps; garbage and over-long lines are skipped', () => {
    const flood = 'x'.repeat(5 * 1024 * 1024);
    const out = parse(`not json\r\n${json({ stream: flood }, { aux: { ID: 'sha256:ab' } }, { stream: 'sha256:ab\n' })}`, 1 << 20);
    expect(out).toEqual({ steps: [], imageId: 'sha256:ab', error: null });
  });
});
