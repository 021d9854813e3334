// The editor pane (lazy-loaded by App): the workspace's file tree beside a
// Monaco editor. The tree lists /home/student as the engine's worker
// reports it and runs the file commands (new file/folder, rename, delete
// with confirmation, upload or drop files from the computer); the editor
// saves as you type and follows changes made from the terminal. Monaco and
// the Dockerfile language service load after this pane shows (load-monaco.ts).
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { EditorPane, type EditorHandle } from './EditorPane.tsx';
import { FileTree, type FileTreeHandle } from './FileTree.tsx';
import { ConfirmDelete, NamePrompt } from './FileDialogs.tsx';
import { useListing } from './useListing.ts';
import { recoveryNotice, useDocument, type Notice } from './useDocument.ts';
import { useFileCommands } from './useFileCommands.ts';
import { buildTree, visibleRows } from './tree.ts';
import { shownDir } from './paths.ts';
import './editor.css';

export default function Workspace({ engine, theme }: { engine: EngineConnection; theme: 'light' | 'dark' }) {
  const { t, lang } = useI18n();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const tree = useRef<FileTreeHandle>(null);
  const editor = useRef<EditorHandle>(null);
  const upload = useRef<HTMLInputElement>(null);
  const focusEditor = useCallback(() => editor.current?.focus(), []);

  const listing = useListing(engine);
  const docs = useDocument(engine, listing, setNotice, t, lang, focusEditor);
  const commands = useFileCommands({ engine, listing, docs, notify: setNotice, t, selected, setSelected, setExpanded, focusTree: (p) => tree.current?.focus(p) });

  const roots = useMemo(() => buildTree(listing.entries ?? []), [listing.entries]);
  const rows = useMemo(() => visibleRows(roots, expanded), [roots, expanded]);

  // A new visitor sees the Dockerfile they will build; one whose last edits were just put back sees that file.
  const autoOpened = useRef(false);
  useEffect(() => {
    if (autoOpened.current || !listing.entries || !docs.recovered) return;
    autoOpened.current = true;
    const back = docs.recovered.find((r) => r.outcome === 'restored' || r.outcome === 'copied');
    const path = back ? (back.outcome === 'copied' ? back.copy : back.path) : 'Dockerfile';
    if (back || listing.entries.some((e) => e.path === path && e.type === 'file')) {
      const parts = path.split('/');
      if (parts.length > 1) setExpanded((prev) => new Set([...prev, ...parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))]));
      setSelected(path);
      // (Opening clears the notices: what was put back is said once the file shows.)
      const said = recoveryNotice(docs.recovered, t);
      void docs.open(path).then(() => { if (said) setNotice(said); });
    } else {
      const said = recoveryNotice(docs.recovered, t);
      if (said) setNotice(said);
    }
  }, [listing.entries, docs, t]);

  // A lesson wrote a file (a starter file, a copied block): show it, its folders open in the tree.
  const openDoc = useRef(docs.open);
  openDoc.current = docs.open;
  useEffect(() => engine.onShowFile((path) => {
    const parts = path.split('/');
    setExpanded((prev) => new Set([...prev, ...parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))]));
    setSelected(path);
    autoOpened.current = true;
    void openDoc.current(path);
  }), [engine]);

  const toggle = useCallback((path: string, open: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(path); else next.delete(path);
      return next;
    });
  }, []);

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) void commands.upload([...e.dataTransfer.files]);
  };

  const { doc, saveState } = docs;
  const shownPath = doc?.path ?? docs.opening;
  const status = !doc ? '' : saveState.kind === 'saved' ? t('editor.saved') : saveState.kind === 'saving' ? t('editor.saving') : t('editor.saveFailed', { message: saveState.message });
  const dialog = commands.dialog;

  return (
    <div className="workspace-root">
      <div className="workspace">
        <section
          className={`file-pane${dragging ? ' dragging' : ''}`} aria-label={t('files.label')}
          onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
          onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
          onDrop={onDrop}
        >
          <div className="file-toolbar" role="group" aria-label={t('files.actions')}>
            <button type="button" onClick={() => commands.start('new-file')} data-testid="file-new">{t('files.new')}</button>
            <button type="button" onClick={() => commands.start('new-folder')} data-testid="file-new-folder">{t('files.newFolder')}</button>
            <button type="button" onClick={() => upload.current?.click()} data-testid="file-upload">{t('files.upload')}</button>
            <button type="button" disabled={!selected} onClick={() => selected && commands.start('rename', selected)} data-testid="file-rename">{t('files.rename')}</button>
            <button type="button" disabled={!selected} onClick={() => selected && commands.start('delete', selected)} data-testid="file-delete">{t('files.delete')}</button>
            <input
              ref={upload} type="file" multiple hidden tabIndex={-1} data-testid="file-upload-input"
              onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; if (files.length > 0) void commands.upload(files); }}
            />
          </div>
          {dialog && dialog.kind !== 'delete' && (
            <NamePrompt
              key={`${dialog.kind}:${dialog.target}`}
              title={t(dialog.kind === 'rename' ? 'files.rename' : dialog.kind === 'new-file' ? 'files.new' : 'files.newFolder')}
              initial={dialog.initial} selectBaseName={dialog.kind === 'rename'}
              error={commands.dialogError} busy={commands.busy}
              onSubmit={(typed) => void commands.submit(typed)} onCancel={commands.cancel}
            />
          )}
          {dialog?.kind === 'delete' && (
            <ConfirmDelete
              message={t(dialog.isDir ? 'files.confirmDeleteDir' : 'files.confirmDelete', { path: dialog.target })}
              error={commands.dialogError} busy={commands.busy}
              onConfirm={() => void commands.submit('')} onCancel={commands.cancel}
            />
          )}
          {listing.error && <p className="file-message error" role="alert">{t('files.listFailed', { message: listing.error })}</p>}
          {!listing.error && !listing.entries && <p className="file-message">{t('files.loading')}</p>}
          {listing.entries?.length === 0 && <p className="file-message">{t('files.empty')}</p>}
          <FileTree
            ref={tree} label={t('files.label')} rows={rows} expanded={expanded} active={selected} openPath={doc?.path ?? null}
            onSelect={setSelected} onToggle={toggle}
            onOpen={(path, via) => void docs.open(path, { focus: via === 'pointer' })}
            onRename={(path) => commands.start('rename', path)} onDelete={(path) => commands.start('delete', path)}
          />
          {dragging && <p className="drop-hint">{t('files.dropHere', { dir: shownDir(commands.targetDir()) })}</p>}
        </section>
        <section className="editor-pane" aria-label={t('editor.label')}>
          <div className="editor-bar">
            <span className="editor-path" title={shownPath ?? undefined}>{shownPath ?? ''}</span>
            <span
              className={`editor-status ${doc ? saveState.kind : ''}`} data-testid="editor-status" data-state={doc ? saveState.kind : 'none'}
              aria-live={saveState.kind === 'error' ? 'assertive' : 'off'}
            >{status}</span>
            {doc && saveState.kind === 'error' && <button type="button" onClick={docs.retry}>{t('editor.retry')}</button>}
            <span className="editor-hint">{t('editor.tabHint')}</span>
          </div>
          {notice && (
            <p className={`editor-notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="editor-notice">
              <span>{notice.text}</span>
              <button type="button" className="close" aria-label={t('editor.dismiss')} onClick={() => setNotice(null)}>×</button>
            </p>
          )}
          <EditorPane
            ref={editor} monaco={docs.monaco} doc={doc} theme={theme}
            ariaLabel={doc ? t('editor.ariaLabel', { path: doc.path }) : t('editor.label')}
            placeholder={docs.monaco ? t('editor.noFile') : t('editor.loading')}
          />
        </section>
      </div>
    </div>
  );
}
