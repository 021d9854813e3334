// The file open in the editor: its Monaco model (language from its name)
// tied to an AutoSaver — every edit goes to the saver, every reload from
// the saver goes into the model as one undoable edit that touches only the
// changed span. Created by the pane with the lazily loaded Monaco.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { WorkspaceEntry } from '../engine/protocol.ts';
import { AutoSaver, type SaveNotice, type SaveState, type TextIo } from './autosave.ts';
import type { EditJournal } from './unsaved-edits.ts';
import { languageFor } from './paths.ts';
import { minimalEdit } from './text-io.ts';

export interface DocumentEvents {
  onState(state: SaveState): void;
  onNotice(notice: SaveNotice): void;
  /** Where the saver keeps texts not yet stored in the browser. */
  journal?: Pick<EditJournal, 'keep' | 'drop'>;
}

export class OpenDocument {
  readonly saver: AutoSaver;
  private readonly subscription: Monaco.IDisposable;

  private constructor(private readonly monaco: typeof Monaco, readonly model: Monaco.editor.ITextModel, path: string, text: string, stat: WorkspaceEntry | undefined, io: TextIo, events: DocumentEvents) {
    this.saver = new AutoSaver({
      path, text, stat, io,
      onState: events.onState,
      onNotice: events.onNotice,
      onReload: (next) => this.replaceText(next),
      ...(events.journal && { journal: events.journal }),
    });
    this.subscription = model.onDidChangeContent(() => this.saver.edited(model.getValue()));
  }

  /**
   * Opens `path` with the `text` read from it; `stat` is its listing entry
   * from before the read, so a change made since is noticed at the next listing.
   */
  static create(monaco: typeof Monaco, io: TextIo, path: string, text: string, stat: WorkspaceEntry | undefined, events: DocumentEvents): OpenDocument {
    const model = monaco.editor.createModel(text, languageFor(path));
    return new OpenDocument(monaco, model, path, text, stat, io, events);
  }

  get path(): string { return this.saver.path; }

  /** The file was renamed (the caller flushed first): saves go to `to`, and its language follows the name. */
  renamed(to: string): void {
    this.saver.renamed(to);
    this.monaco.editor.setModelLanguage(this.model, languageFor(to));
  }

  dispose(): void {
    this.saver.dispose();
    this.subscription.dispose();
    this.model.dispose();
  }

  private replaceText(next: string): void {
    const edit = minimalEdit(this.model.getValue(), next);
    const start = this.model.getPositionAt(edit.start);
    const end = this.model.getPositionAt(edit.end);
    this.model.pushEditOperations([], [{
      range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column },
      text: edit.text,
    }], () => null);
  }
}
