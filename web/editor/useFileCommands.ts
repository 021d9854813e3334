// The file tree's commands as the pane runs them: which dialog is open,
// what submitting it does (workspace-ops.ts against the engine, then the
// listing, the open document, the build marks and the tree's expanded
// folders brought in line), uploads, and where keyboard focus goes after.
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { moveBuildMarks } from './build-marks.ts';
import { isWithin, movedPath, parentPath, shownDir } from './paths.ts';
import { humanSize } from './text-io.ts';
import { ancestors, entryAt } from './tree.ts';
import type { DocumentControl, Notify } from './useDocument.ts';
import type { Listing } from './useListing.ts';
import { createEntry, deleteEntry, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, renameEntry, uploadFiles, type OpResult, type PickedFile } from './workspace-ops.ts';

export type Dialog =
  | { kind: 'new-file' | 'new-folder'; target: string; initial: string }
  | { kind: 'rename'; target: string; initial: string }
  | { kind: 'delete'; target: string; isDir: boolean };

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface FileCommandsOptions {
  engine: EngineConnection;
  listing: Listing;
  docs: DocumentControl;
  notify: Notify;
  t: T;
  selected: string | null;
  setSelected(path: string | null): void;
  setExpanded: Dispatch<SetStateAction<ReadonlySet<string>>>;
  focusTree(path: string): void;
}

export function useFileCommands({ engine, listing, docs, notify, t, selected, setSelected, setExpanded, focusTree }: FileCommandsOptions) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  useEffect(() => {
    if (focusTarget === null) return;
    focusTree(focusTarget);
    setFocusTarget(null);
  }, [focusTarget, focusTree]);

  /** The folder new files go to: the selected folder, or the selected file's folder. */
  const targetDir = useCallback((): string => {
    if (!selected) return '';
    return entryAt(listing.latest(), selected)?.type === 'dir' ? selected : parentPath(selected);
  }, [selected, listing]);

  const expandTo = useCallback((path: string, self: boolean) => {
    setExpanded((prev) => new Set([...prev, ...ancestors(path), ...(self && path !== '' ? [path] : [])]));
  }, [setExpanded]);

  const errorText = (r: Extract<OpResult, { ok: false }>): string => t(`files.error.${r.error}`, { path: r.path ?? '', message: r.message ?? '' });

  const start = useCallback((kind: Dialog['kind'], path?: string) => {
    setDialogError(null);
    if (kind === 'new-file' || kind === 'new-folder') {
      const dir = targetDir();
      setDialog({ kind, target: dir, initial: dir === '' ? '' : `${dir}/` });
    } else if (path !== undefined) {
      if (kind === 'rename') setDialog({ kind, target: path, initial: path });
      else setDialog({ kind, target: path, isDir: entryAt(listing.latest(), path)?.type === 'dir' });
    }
  }, [targetDir, listing]);

  const close = (focus: string | null): void => {
    setDialog(null);
    setDialogError(null);
    if (focus) setFocusTarget(focus);
  };

  const cancel = useCallback(() => close(selected), [selected]);

  const submit = async (typed: string): Promise<void> => {
    if (!dialog || busy) return;
    setBusy(true);
    try {
      const entries = listing.latest();
      if (dialog.kind === 'new-file' || dialog.kind === 'new-folder') {
        const r = await createEntry(engine, entries, dialog.kind === 'new-file' ? 'file' : 'dir', typed);
        if (!r.ok) { setDialogError(errorText(r)); return; }
        await listing.refresh();
        expandTo(r.path, dialog.kind === 'new-folder');
        setSelected(r.path);
        if (dialog.kind === 'new-file') { close(null); void docs.open(r.path, { focus: true }); } else close(r.path);
      } else if (dialog.kind === 'rename') {
        const from = dialog.target;
        if (!(await docs.flushWithin(from))) return;
        const r = await renameEntry(engine, entries, from, typed);
        if (!r.ok) { setDialogError(errorText(r)); return; }
        docs.renamed(from, r.path);
        moveBuildMarks(from, r.path);
        setExpanded((prev) => new Set([...prev].map((p) => movedPath(p, from, r.path) ?? p)));
        await listing.refresh();
        expandTo(r.path, false);
        setSelected(r.path);
        close(r.path);
      } else {
        const path = dialog.target;
        // What is unsaved is written first, so no save can land after the delete and bring the file back.
        if (!(await docs.flushWithin(path))) return;
        const r = await deleteEntry(engine, path);
        if (!r.ok) { setDialogError(errorText(r)); return; }
        docs.deleted(path);
        moveBuildMarks(path, null);
        setExpanded((prev) => new Set([...prev].filter((p) => !isWithin(p, path))));
        const list = await listing.refresh();
        const parent = parentPath(path);
        const next = parent !== '' ? parent : list.find((e) => parentPath(e.path) === '')?.path ?? null;
        setSelected(next);
        close(next);
      }
    } finally {
      setBusy(false);
    }
  };

  const upload = async (files: PickedFile[]): Promise<void> => {
    const dir = targetDir();
    const r = await uploadFiles(engine, dir, files);
    await listing.refresh();
    if (r.written.length > 0) expandTo(dir, true);
    const reasons = r.refused.map((x) => (x.reason === 'too-large'
      ? t('files.uploadTooLarge', { name: x.name, limit: humanSize(MAX_UPLOAD_BYTES) })
      : x.reason === 'too-many'
        ? t('files.uploadTooMany', { name: x.name, count: MAX_UPLOAD_FILES })
        : `${x.name} (${t(`files.error.${x.reason}`, { path: x.name, message: x.message ?? '' })})`));
    const parts: string[] = [];
    if (r.written.length > 0) parts.push(t('files.uploaded', { dir: shownDir(dir), names: r.written.map((p) => p.slice(p.lastIndexOf('/') + 1)).join(', ') }));
    if (reasons.length > 0) parts.push(t('files.notUploaded', { reasons: reasons.join('; ') }));
    notify({ tone: reasons.length > 0 ? 'error' : 'info', text: parts.join(' ') });
  };

  return { dialog, dialogError, busy, targetDir, start, cancel, submit, upload };
}
