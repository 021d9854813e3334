// The Monaco editor itself: one editor instance, created once Monaco has
// loaded, showing the open document's model, in the page's light or dark
// theme, with the build marks of the open file (build-marks.ts) drawn on
// its lines — an error mark scrolls its line into view once per build, and
// a line edited since the build loses its mark.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { MonacoApi } from './load-monaco.ts';
import type { OpenDocument } from './open-document.ts';
import { buildMarksFor, firstError, keepBuildMarks, onBuildMarks, type BuildMark, type BuildMarkSet } from './build-marks.ts';
import { buildMarkDecorations } from './build-mark-decorations.ts';

export interface EditorHandle { focus(): void }

export interface EditorPaneProps {
  ref?: Ref<EditorHandle>;
  monaco: MonacoApi | null;
  doc: OpenDocument | null;
  theme: 'light' | 'dark';
  ariaLabel: string;
  /** Shown where the editor is when no file is open (or Monaco is still loading). */
  placeholder: string;
}

const monacoTheme = (theme: 'light' | 'dark'): string => (theme === 'dark' ? 'vs-dark' : 'vs');
/** The last build revision whose error was scrolled to, per file: a build's error is revealed once. */
const revealed = new Map<string, number>();

export function EditorPane({ ref, monaco, doc, theme, ariaLabel, placeholder }: EditorPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null);
  useImperativeHandle(ref, () => ({ focus: () => editor?.focus() }), [editor]);

  useEffect(() => {
    if (!monaco || !host.current) return;
    const created = monaco.editor.create(host.current, {
      model: null,
      theme: monacoTheme(theme),
      automaticLayout: true,
      fixedOverflowWidgets: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      lineDecorationsWidth: 14,
      renderWhitespace: 'selection',
      ariaLabel,
    });
    setEditor(created);
    return () => { created.dispose(); setEditor(null); };
    // Made once per Monaco: theme and label follow in their own effects.
  }, [monaco]);

  useEffect(() => { monaco?.editor.setTheme(monacoTheme(theme)); }, [monaco, theme]);
  useEffect(() => { editor?.updateOptions({ ariaLabel }); }, [editor, ariaLabel]);

  useEffect(() => {
    if (!editor || !monaco) return;
    editor.setModel(doc?.model ?? null);
    if (!doc) return;
    const model = doc.model;
    /** The decorations shown, each with the mark it draws. */
    let shown: Array<{ id: string; mark: BuildMark }> = [];
    const apply = (set: BuildMarkSet | undefined): void => {
      if (model.isDisposed()) return;
      const marks = (set?.marks ?? []).filter((m) => m.line <= model.getLineCount());
      const ids = model.deltaDecorations(shown.map((s) => s.id), buildMarkDecorations(marks, model, monaco.editor));
      shown = ids.map((id, i) => ({ id, mark: marks[i]! }));
      const error = set && firstError(set);
      if (!set || !error || error.line > model.getLineCount() || (revealed.get(set.path) ?? 0) >= set.revision) return;
      revealed.set(set.path, set.revision);
      editor.revealLineInCenter(error.line);
      editor.setPosition({ lineNumber: error.line, column: model.getLineFirstNonWhitespaceColumn(error.line) || 1 });
    };
    apply(buildMarksFor(doc.path));
    const off = onBuildMarks((set) => { if (set.path === doc.path) apply(set); });
    // An edited line loses its mark; the other marks follow their lines.
    const edits = model.onDidChangeContent((e) => {
      if (shown.length === 0) return;
      const touched = new Set<number>();
      for (const c of e.changes) {
        const added = c.text.split('\n').length - 1;
        for (let line = c.range.startLineNumber; line <= c.range.startLineNumber + added; line++) touched.add(line);
      }
      const kept: typeof shown = [];
      const dropped: string[] = [];
      for (const s of shown) {
        const range = model.getDecorationRange(s.id);
        if (range && !touched.has(range.startLineNumber)) kept.push({ id: s.id, mark: { ...s.mark, line: range.startLineNumber } });
        else dropped.push(s.id);
      }
      if (dropped.length === 0) return;
      model.deltaDecorations(dropped, []);
      shown = kept;
      keepBuildMarks(doc.path, kept.map((s) => s.mark));
    });
    return () => { off(); edits.dispose(); if (!model.isDisposed()) model.deltaDecorations(shown.map((s) => s.id), []); };
  }, [editor, monaco, doc]);

  return (
    <div className="editor-frame">
      <div className="editor-host" ref={host} data-testid="editor" />
      {(!doc || !editor) && <p className="editor-placeholder">{placeholder}</p>}
    </div>
  );
}
