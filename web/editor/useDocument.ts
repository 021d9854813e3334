// The editor pane's open file: loading Monaco (and the Dockerfile support)
// on first use, opening a file (after saving the one open before — if that
// save fails the old file stays open, so no typing is lost), following the
// tree's renames and deletes, passing workspace listings to the saver, and
// opening a Dockerfile when a build reports an error in it. Edits not yet
// stored are kept in the browser (unsaved-edits.ts): written down when the
// page is hidden or goes away, and put back into their files when the
// editor next starts on this machine (`recovered`); a reset forgets them.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { SaveNotice, SaveState } from './autosave.ts';
import { firstError, onBuildMarks } from './build-marks.ts';
import { engineImages } from './local-images.ts';
import { loadDockerfileSupport, loadMonaco, type MonacoApi } from './load-monaco.ts';
import { OpenDocument } from './open-document.ts';
import { isWithin, movedPath } from './paths.ts';
import { humanSize, NotEditableError, textIo } from './text-io.ts';
import { entryAt } from './tree.ts';
import { journalKey, recoverEdits, storageJournal, type EditJournal, type Recovered } from './unsaved-edits.ts';
import { onLeave } from '../state/leave.ts';
import type { Listing } from './useListing.ts';

export interface Notice {
  text: string;
  tone: 'info' | 'error';
  /** 'saved': the notice goes away once the open file is saved (it was about a failed save). */
  until?: 'saved';
}
export type Notify = Dispatch<SetStateAction<Notice | null>>;
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface DocumentControl {
  monaco: MonacoApi | null;
  doc: OpenDocument | null;
  saveState: SaveState;
  /** The file being read, before it shows. */
  opening: string | null;
  /** Opens `path` (resolves false when it could not: a notice says why). */
  open(path: string, options?: { focus?: boolean }): Promise<boolean>;
  /** Saves the open file first if it lies in `path` (before a rename or delete); false if that failed. */
  flushWithin(path: string): Promise<boolean>;
  /** The tree renamed `from` (the open file, or a folder holding it) to `to`. */
  renamed(from: string, to: string): void;
  /** The tree deleted `path`: the open file closes if it was in it. */
  deleted(path: string): void;
  retry(): void;
  /** Edits a closed or crashed page left unstored, put back (null until done; before the first file opens). */
  recovered: Recovered[] | null;
}

/** What the editor says about edits put back (null: nothing to say). */
export function recoveryNotice(out: readonly Recovered[], t: T): Notice | null {
  const said = out.flatMap((r) => (r.outcome === 'restored' ? [t('editor.recovered', { path: r.path })]
    : r.outcome === 'copied' ? [t('editor.recoveredCopy', { path: r.path, copy: r.copy })]
      : r.outcome === 'failed' ? [t('editor.recoveryFailed', { path: r.path, message: r.message })] : []));
  return said.length === 0 ? null : { tone: out.some((r) => r.outcome === 'copied' || r.outcome === 'failed') ? 'error' : 'info', text: said.join(' ') };
}

/** The page's localStorage, or null where it is refused (a sandboxed frame). */
function localStore(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

export function useDocument(engine: EngineConnection, listing: Listing, notify: Notify, t: T, lang: 'en' | 'es', focusEditor: () => void): DocumentControl {
  const [monaco, setMonaco] = useState<MonacoApi | null>(null);
  const [doc, setDoc] = useState<OpenDocument | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [opening, setOpening] = useState<string | null>(null);
  /** Re-renders when the open document changes in place (a rename). */
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const docRef = useRef<OpenDocument | null>(null);
  const seq = useRef(0);
  const tRef = useRef(t);
  tRef.current = t;
  const langRef = useRef(lang);
  const io = useMemo(() => textIo(engine), [engine]);
  const journal = useMemo<EditJournal>(() => storageJournal(localStore(), journalKey(engine.machineStore)), [engine]);
  const [recovered, setRecovered] = useState<Recovered[] | null>(null);
  /** The machine was reset while this pane showed it: its edits belong to the old one. */
  const wasReset = useRef(false);

  const show = useCallback((d: OpenDocument | null) => { docRef.current = d; setDoc(d); setSaveState(d?.saver.state ?? { kind: 'saved' }); }, []);

  useEffect(() => {
    let live = true;
    loadMonaco(langRef.current).then((m) => { if (live) setMonaco(m); }, (e: Error) => { if (live) notify({ tone: 'error', text: tRef.current('editor.loadFailed', { message: e.message }) }); });
    return () => { live = false; };
  }, [notify]);

  useEffect(() => {
    if (!monaco) return;
    let live = true;
    let registered: { dispose(): void } | null = null;
    loadDockerfileSupport(monaco, engineImages(engine.client), lang).then(
      (d) => { if (live) registered = d; else d.dispose(); },
      (e: Error) => { if (live) notify({ tone: 'error', text: tRef.current('editor.loadFailed', { message: e.message }) }); },
    );
    return () => { live = false; registered?.dispose(); };
  }, [monaco, engine, notify, lang]);

  const onNotice = useCallback((d: OpenDocument, n: SaveNotice) => {
    if (docRef.current !== d) return;
    const path = d.path;
    const tt = tRef.current;
    if (n === 'deleted') { d.dispose(); show(null); notify({ tone: 'info', text: tt('editor.deleted', { path }) }); return; }
    const key = ({ reloaded: 'editor.reloaded', 'kept-yours': 'editor.keptYours', 'deleted-kept': 'editor.deletedKept' } as const)[n];
    notify({ tone: n === 'reloaded' ? 'info' : 'error', text: tt(key, { path }) });
  }, [notify, show]);

  const open = useCallback(async (path: string, options: { focus?: boolean } = {}): Promise<boolean> => {
    const mine = ++seq.current;
    const current = docRef.current;
    if (current?.path === path) { if (options.focus) focusEditor(); return true; }
    setOpening(path);
    try {
      // Read first: a file that cannot be shown (binary, too big) leaves the open one alone.
      const stat = entryAt(listing.latest(), path);
      const [m, text] = await Promise.all([loadMonaco(langRef.current), io.read(path)]);
      if (mine !== seq.current) return false;
      if (current) {
        if (!(await current.saver.flush())) {
          const message = current.saver.state.kind === 'error' ? current.saver.state.message : '';
          notify({ tone: 'error', until: 'saved', text: tRef.current('editor.notSwitched', { path: current.path, message }) });
          return false;
        }
        if (docRef.current === current) { current.dispose(); show(null); }
        if (mine !== seq.current) return false;
      }
      let made: OpenDocument | null = null;
      const d = OpenDocument.create(m, io, path, text, stat, {
        onState: (s) => {
          if (!made || docRef.current !== made) return;
          setSaveState(s);
          if (s.kind === 'saved') notify((n) => (n?.until === 'saved' ? null : n));
        },
        onNotice: (n) => { if (made) onNotice(made, n); },
        journal,
      });
      made = d;
      show(d);
      notify(null);
      if (options.focus) requestAnimationFrame(focusEditor);
      return true;
    } catch (e) {
      if (mine !== seq.current) return false;
      const tt = tRef.current;
      notify({
        tone: 'error',
        text: e instanceof NotEditableError
          ? tt(e.reason === 'binary' ? 'editor.binary' : 'editor.tooLarge', { path, size: humanSize(e.size) })
          : tt('editor.openFailed', { path, message: e instanceof Error ? e.message : String(e) }),
      });
      return false;
    } finally {
      if (mine === seq.current) setOpening(null);
    }
  }, [io, listing, notify, onNotice, show, focusEditor, journal]);

  // Edits a closed or crashed page had not stored go back into their files, once, before any file opens.
  useEffect(() => {
    let live = true;
    const readText = async (path: string): Promise<string | null> => {
      if (!entryAt(await engine.listWorkspace(), path)) return null;
      // A file that is no longer text is not what the edits were typed over (no text holds a NUL).
      try { return await io.read(path); } catch (e) { if (e instanceof NotEditableError) return '\0'; throw e; }
    };
    engine.ready
      .then(() => recoverEdits(journal, { read: readText, write: (path, text) => io.create!(path, text) }))
      .then((out) => { if (live) setRecovered(out); }, () => { if (live) setRecovered([]); });
    return () => { live = false; };
  }, [engine, io, journal]);

  // A reset: the kept edits were the old machine's.
  useEffect(() => engine.onReset(() => { wasReset.current = true; journal.clear(); }), [engine, journal]);

  // Each new listing goes to the saver: it reloads or keeps the buffer as needed.
  useEffect(() => { if (doc && listing.entries) doc.saver.observe(listing.entries); }, [doc, listing.entries]);

  // The page is going away or hidden: what is typed is kept at once, and written now rather than after the pause.
  useEffect(() => onLeave(() => {
    const d = docRef.current;
    if (!d) return;
    d.saver.stash();
    void d.saver.flush();
  }), []);

  // Leaving (the pane unmounts): what is unsaved is saved, then the model goes (not into a machine that replaced this one).
  useEffect(() => () => {
    const d = docRef.current;
    if (d && wasReset.current) d.dispose();
    else if (d) void d.saver.flush().finally(() => d.dispose());
  }, []);

  // A build error in a file that is not open opens it (EditorPane scrolls to the line).
  useEffect(() => onBuildMarks((set) => {
    const error = firstError(set);
    if (!error) return;
    const say = (): void => notify({ tone: 'error', text: tRef.current('editor.buildError', { line: error.line, path: set.path, text: error.text }) });
    say();
    // Opening a file clears the notices: say it again once the file is open.
    if (docRef.current?.path !== set.path && entryAt(listing.latest(), set.path)) void open(set.path).then((opened) => { if (opened) say(); });
  }), [listing, notify, open]);

  const flushWithin = useCallback(async (path: string) => {
    const d = docRef.current;
    if (!d || !isWithin(d.path, path)) return true;
    if (await d.saver.flush()) return true;
    const message = d.saver.state.kind === 'error' ? d.saver.state.message : '';
    notify({ tone: 'error', until: 'saved', text: tRef.current('editor.notSwitched', { path: d.path, message }) });
    return false;
  }, [notify]);

  const renamed = useCallback((from: string, to: string) => {
    const d = docRef.current;
    const moved = d && movedPath(d.path, from, to);
    if (d && moved !== undefined && moved !== null) { d.renamed(moved); changed(); }
  }, []);

  const deleted = useCallback((path: string) => {
    const d = docRef.current;
    if (d && isWithin(d.path, path)) { d.dispose(); show(null); }
  }, [show]);

  const retry = useCallback(() => docRef.current?.saver.retry(), []);

  return { monaco, doc, saveState, opening, open, flushWithin, renamed, deleted, retry, recovered };
}
