import { describe, expect, it } from 'vitest';
import { dockerfileCompletions, dockerfileFormatEdits, dockerfileHover, dockerfileMarkers, type EditorRange } from './dockerfile-language.ts';
import { withBuffer } from './buffer-shim.ts';
import type { ImageSource } from './local-images.ts';

const images: ImageSource = {
  getTags: async (image) => (image === 'nginx' ? ['1.27', 'alpine', 'latest'] : []),
  repositories: async () => ['alpine', 'busybox', 'nginx', 'node'],
};
const at = (lineNumber: number, column: number): EditorRange => ({ startLineNumber: lineNumber, startColumn: column, endLineNumber: lineNumber, endColumn: column });

describe('dockerfileMarkers (dockerfile-utils)', () => {
  it('reports an unknown instruction as an error on its range, 1-based', () => {
    const markers = dockerfileMarkers('FROM alpine\nEXPOS 80\n');
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ severity: 'Error', message: 'Unknown instruction: EXPOS', startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 6, source: 'dockerfile-utils' });
  });
  it('reports a missing FROM and a deprecated MAINTAINER (as a warning tagged Deprecated)', () => {
    const markers = dockerfileMarkers('RUN echo hi\n');
    expect(markers.some((m) => m.severity === 'Error' && /FROM/.test(m.message))).toBe(true);
    const deprecated = dockerfileMarkers('FROM alpine\nMAINTAINER me\n').find((m) => m.tags.includes('Deprecated'));
    expect(deprecated).toMatchObject({ severity: 'Warning', startLineNumber: 2 });
  });
  it('has nothing to say about a good Dockerfile', () => {
    expect(dockerfileMarkers('FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n')).toEqual([]);
  });
});

describe('dockerfileCompletions (dockerfile-language-service)', () => {
  it('completes instructions as snippets with their documentation', async () => {
    const items = await dockerfileCompletions('FROM alpine\nRU', { lineNumber: 2, column: 3 }, images, at(2, 1));
    const run = items.find((i) => i.label.startsWith('RUN'));
    expect(run).toMatchObject({ kind: 'Keyword', snippet: true, range: { startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 3 } });
    expect(run!.insertText).toContain('RUN ');
    expect(run!.documentation).toMatch(/Execute any commands/);
  });
  it('completes the tags the engine has after FROM name:, without asking Docker Hub', async () => {
    const items = await dockerfileCompletions('FROM nginx:al', { lineNumber: 1, column: 14 }, images, at(1, 14));
    expect(items.map((i) => i.label)).toEqual(['alpine']);
    expect(items[0]!.range).toEqual({ startLineNumber: 1, startColumn: 12, endLineNumber: 1, endColumn: 14 });
  });
  it('offers the engine\'s image names after FROM', async () => {
    const items = await dockerfileCompletions('FROM n', { lineNumber: 1, column: 7 }, images, at(1, 7));
    expect(items.filter((i) => i.kind === 'Module').map((i) => [i.label, i.range.startColumn])).toEqual([['nginx', 6], ['node', 6]]);
  });
  it('completes flags', async () => {
    const items = await dockerfileCompletions('FROM alpine\nCOPY --', { lineNumber: 2, column: 8 }, images, at(2, 8));
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['--chown=user:group', '--from=stage']));
  });
});

describe('dockerfileHover', () => {
  it('documents the instruction under the cursor', () => {
    const hover = dockerfileHover('FROM alpine\nCOPY a /b\n', { lineNumber: 2, column: 2 });
    expect(hover?.contents.join('\n')).toMatch(/Copy files or folders/);
  });
  it('is null away from keywords', () => {
    expect(dockerfileHover('FROM alpine\n', { lineNumber: 1, column: 9 })).toBeNull();
  });
});

it('dockerfileFormatEdits indents continuation lines', () => {
  const edits = dockerfileFormatEdits('FROM alpine\nRUN echo a \\\necho b\n', { tabSize: 4, insertSpaces: true });
  expect(edits).toEqual([{ range: at(3, 1), text: '    ' }]);
});

describe('withBuffer (the browser shim dockerfile-ast needs)', () => {
  it('lends Buffer.from for the call only, when there is no Buffer', () => {
    const g = globalThis as { Buffer?: unknown };
    const real = g.Buffer;
    delete g.Buffer;
    try {
      const inside = withBuffer(() => (g.Buffer as { from(s: string): Uint8Array }).from('\ufeff'));
      expect([...inside]).toEqual([0xef, 0xbb, 0xbf]);
      expect(g.Buffer).toBeUndefined();
      // The libraries parse through it: a BOM-led Dockerfile still validates.
      expect(dockerfileMarkers('\ufeffFROM alpine\n')).toEqual([]);
      expect(g.Buffer).toBeUndefined();
    } finally {
      g.Buffer = real;
    }
  });
});
