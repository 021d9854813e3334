import { afterEach, describe, expect, it } from 'vitest';
import { buildMarksFor, clearBuildMarks, firstError, keepBuildMarks, moveBuildMarks, onBuildMarks, showBuildMarks, MAX_MARK_TEXT, type BuildMarkSet } from './build-marks.ts';
import { buildMarkDecorations, escapeMarkdown, type DecorationEnums } from './build-mark-decorations.ts';

afterEach(() => clearBuildMarks(null));

describe('build marks store', () => {
  it('keeps the marks per file and tells subscribers', () => {
    const seen: BuildMarkSet[] = [];
    const off = onBuildMarks((s) => seen.push(s));
    showBuildMarks([{ line: 1, text: 'nginx:alpine', kind: 'cached' }, { line: 2, text: '1.2 kB · 0.1 s', kind: 'built' }]);
    showBuildMarks([{ line: 3, text: 'boom', kind: 'error' }], { path: './api/Dockerfile' });
    off();
    showBuildMarks([]);
    expect(seen.map((s) => [s.path, s.marks.length])).toEqual([['Dockerfile', 2], ['api/Dockerfile', 1]]);
    expect(seen[1]!.revision).toBeGreaterThan(seen[0]!.revision);
    expect(buildMarksFor('Dockerfile')).toBeUndefined();
    expect(buildMarksFor('/home/student/api/Dockerfile')?.marks).toEqual([{ line: 3, text: 'boom', kind: 'error' }]);
    expect(firstError(buildMarksFor('api/Dockerfile')!)).toEqual({ line: 3, text: 'boom', kind: 'error' });
  });

  it('refuses lines that are not positive integers and unknown kinds; cuts long texts', () => {
    expect(() => showBuildMarks([{ line: 0, text: 'x', kind: 'built' }])).toThrow(RangeError);
    expect(() => showBuildMarks([{ line: 1.5, text: 'x', kind: 'built' }])).toThrow(RangeError);
    expect(() => showBuildMarks([{ line: 1, text: 'x', kind: 'bogus' as 'built' }])).toThrow(RangeError);
    showBuildMarks([{ line: 1, text: 'e'.repeat(1000), kind: 'error' }]);
    const text = buildMarksFor('Dockerfile')!.marks[0]!.text;
    expect(text.length).toBe(MAX_MARK_TEXT);
    expect(text.endsWith('…')).toBe(true);
  });

  it('follows the editor\'s edits quietly (no new revision, no listener call)', () => {
    showBuildMarks([{ line: 1, text: 'a', kind: 'cached' }, { line: 2, text: 'b', kind: 'built' }]);
    const before = buildMarksFor('Dockerfile')!.revision;
    const seen: BuildMarkSet[] = [];
    const off = onBuildMarks((s) => seen.push(s));
    keepBuildMarks('Dockerfile', [{ line: 3, text: 'b', kind: 'built' }]);
    off();
    expect(seen).toEqual([]);
    expect(buildMarksFor('Dockerfile')).toEqual({ path: 'Dockerfile', marks: [{ line: 3, text: 'b', kind: 'built' }], revision: before });
    keepBuildMarks('Dockerfile', []);
    expect(buildMarksFor('Dockerfile')).toBeUndefined();
  });

  it('moves marks with a renamed file or folder, and drops them with a deleted one', () => {
    showBuildMarks([{ line: 1, text: 'a', kind: 'built' }], { path: 'api/Dockerfile' });
    moveBuildMarks('api', 'backend');
    expect(buildMarksFor('api/Dockerfile')).toBeUndefined();
    expect(buildMarksFor('backend/Dockerfile')?.marks).toHaveLength(1);
    moveBuildMarks('backend/Dockerfile', null);
    expect(buildMarksFor('backend/Dockerfile')).toBeUndefined();
  });
});

describe('buildMarkDecorations', () => {
  // monaco.editor's enum values, as the editor passes them.
  const enums = { TrackedRangeStickiness: { GrowsOnlyWhenTypingAfter: 3 }, OverviewRulerLane: { Right: 4 }, InjectedTextCursorStops: { None: 3 } } as unknown as DecorationEnums;
  const lines = ['FROM nginx:alpine', 'COPY site/ /usr/share/nginx/html/', 'RUN false'];
  const model = { getLineCount: () => lines.length, getLineMaxColumn: (n: number) => lines[n - 1]!.length + 1 };

  it('puts the text after the line and a gutter bar on it; an error also tints the line', () => {
    const d = buildMarkDecorations([
      { line: 1, text: 'cached', kind: 'cached' },
      { line: 2, text: '12.3 kB · 0.2 s', kind: 'built' },
      { line: 3, text: 'exit code 1', kind: 'error' },
    ], model, enums);
    expect(d).toHaveLength(3);
    expect(d[1]!.range).toEqual({ startLineNumber: 2, startColumn: 34, endLineNumber: 2, endColumn: 34 });
    expect(d[1]!.options).toMatchObject({
      isWholeLine: true, showIfCollapsed: true, stickiness: 3,
      after: { content: '  12.3 kB · 0.2 s', inlineClassName: 'build-mark build-mark-built', cursorStops: 3 },
      linesDecorationsClassName: 'build-mark-gutter build-mark-gutter-built',
    });
    expect(d[1]!.options.className).toBeUndefined();
    expect(d[2]!.options).toMatchObject({ className: 'build-mark-error-line', overviewRuler: { position: 4 } });
    expect(d[2]!.options.hoverMessage).toEqual({ value: 'exit code 1' });
  });

  it('drops marks past the end of the file (it was shortened since the build)', () => {
    expect(buildMarkDecorations([{ line: 9, text: 'x', kind: 'built' }], model, enums)).toEqual([]);
  });

  it('shows hover text literally', () => {
    expect(escapeMarkdown('a*b_c [x](y)')).toBe('a\\*b\\_c \\[x\\]\\(y\\)');
  });
});
