// Build marks (build-marks.ts) → Monaco decorations: the mark's text after
// its line ("12.3 kB · cached"), a coloured bar in the gutter, and for an
// error a tinted line with a red overview-ruler tick. Pure: the model's
// line lengths and Monaco's enums come in as arguments, so the shapes are
// tested without a browser. The classes are styled in editor.css.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { BuildMark } from './build-marks.ts';

/** The enums this needs (monaco.editor's). */
export type DecorationEnums = Pick<typeof Monaco.editor, 'TrackedRangeStickiness' | 'OverviewRulerLane' | 'InjectedTextCursorStops'>;

/** What is needed of the model: how many lines it has, and where each ends. */
export interface LinesOf { getLineCount(): number; getLineMaxColumn(line: number): number }

/**
 * One decoration per mark whose line the model has (marks past its end are
 * dropped: the file was shortened since the build); filter those out first
 * to get one decoration per mark.
 * `buildMarkDecorations([{ line: 2, text: '1 kB · cached', kind: 'cached' }], model, monaco.editor)`.
 */
export function buildMarkDecorations(marks: readonly BuildMark[], model: LinesOf, enums: DecorationEnums): Monaco.editor.IModelDeltaDecoration[] {
  const lines = model.getLineCount();
  const out: Monaco.editor.IModelDeltaDecoration[] = [];
  for (const mark of marks) {
    if (mark.line > lines) continue;
    const end = model.getLineMaxColumn(mark.line);
    const error = mark.kind === 'error';
    out.push({
      range: { startLineNumber: mark.line, startColumn: end, endLineNumber: mark.line, endColumn: end },
      options: {
        isWholeLine: true,
        // The range is empty (the line's end): Monaco drops empty ranges' injected text without this.
        showIfCollapsed: true,
        // Typing at the end of the line keeps the text after what is typed.
        stickiness: enums.TrackedRangeStickiness.GrowsOnlyWhenTypingAfter,
        after: { content: `  ${mark.text}`, inlineClassName: `build-mark build-mark-${mark.kind}`, cursorStops: enums.InjectedTextCursorStops.None },
        linesDecorationsClassName: `build-mark-gutter build-mark-gutter-${mark.kind}`,
        linesDecorationsTooltip: mark.text,
        hoverMessage: { value: escapeMarkdown(mark.text) },
        ...(error && {
          className: 'build-mark-error-line',
          overviewRuler: { color: '#e5534b', position: enums.OverviewRulerLane.Right },
        }),
      },
    });
  }
  return out;
}

/** The text shown literally in a Markdown hover (a build error's `*` or `_` stays itself). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
