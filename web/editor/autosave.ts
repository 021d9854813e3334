// Keeping one open file and the workspace in step. Every edit schedules a
// save (debounced); a save that fails keeps the buffer and says why; a
// change made underneath (the shell, a container writing to a bind mount)
// reloads the buffer when it holds no unsaved edits, and otherwise the
// visitor's version wins and is saved over it. "Saved" means stored in the
// browser (the worker answers a write once the machine holding it is in
// IndexedDB); until then the text is kept in an EditJournal
// (unsaved-edits.ts), and so is the buffer when the page is hidden or goes
// away (stash), so that a reload or a crash right after typing loses
// nothing. No DOM, no Monaco: the editor feeds it text and gets back
// reloads and states, so the rules are tested with fake timers.
import type { WorkspaceEntry } from '../engine/protocol.ts';
import type { EditJournal } from './unsaved-edits.ts';

/** What the status line shows for the open file. */
export type SaveState =
  | { kind: 'saved' }
  /** Edits are waiting for the debounce or being written. */
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

/** Something the visitor should be told besides the state. */
export type SaveNotice =
  /** The file changed on disk and the buffer (which had no edits) now shows it. */
  | 'reloaded'
  /** The file changed on disk while the buffer had edits: the buffer was kept and will be saved over it. */
  | 'kept-yours'
  /** The file is gone from the workspace and the buffer had no edits. */
  | 'deleted'
  /** The file is gone while the buffer had edits: they are kept, and saving creates the file again. */
  | 'deleted-kept';

/** The workspace as the saver needs it (EngineConnection's file operations, text only). */
export interface TextIo {
  read(path: string): Promise<string>;
  /** Resolves once written (`stored: false`: the workspace has it, the browser's storage does not). */
  write(path: string, text: string): Promise<{ stored: boolean } | void>;
  /** Writes a file that was deleted underneath, making its folder again if that went too. */
  create?(path: string, text: string): Promise<{ stored: boolean } | void>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutoSaverOptions {
  path: string;
  /** The text as read from the workspace. */
  text: string;
  /** The listing's entry for the file when it was read (its size and mtime tell later changes apart). */
  stat?: Pick<WorkspaceEntry, 'size' | 'mtimeMs'> | undefined;
  io: TextIo;
  /** Debounce after the last edit, in ms. */
  delayMs?: number;
  timers?: Timers;
  onState(state: SaveState): void;
  /** Replace the buffer with `text` (the file changed underneath). */
  onReload(text: string): void;
  onNotice?(notice: SaveNotice): void;
  /** Where texts not yet stored are kept (see the header). */
  journal?: Pick<EditJournal, 'keep' | 'drop'>;
}

export const SAVE_DELAY_MS = 300;

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * Debounced saving of one file with conflict handling.
 * ```ts
 * const saver = new AutoSaver({ path: 'Dockerfile', text, io, onState, onReload: (t) => model.setValue(t) });
 * model.onDidChangeContent(() => saver.edited(model.getValue()));
 * engine.onWorkspace((entries) => saver.observe(entries));
 * ```
 */
export class AutoSaver {
  private _path: string;
  /** What the workspace holds, as far as this saver knows (null: the file is gone). */
  private onDisk: string | null;
  /** The buffer's latest text. */
  private buffer: string;
  private stat: Pick<WorkspaceEntry, 'size' | 'mtimeMs'> | undefined;
  private timer: unknown = null;
  private writing: Promise<void> | null = null;
  private checking = false;
  private recheck = false;
  private _state: SaveState = { kind: 'saved' };
  private disposed = false;
  private readonly o: Required<Omit<AutoSaverOptions, 'stat' | 'onNotice' | 'journal'>> & Pick<AutoSaverOptions, 'onNotice' | 'journal'>;
  /** The text a write in flight is storing (a possible base for what is typed meanwhile). */
  private inFlight: string | null = null;
  /** The text last known to be stored in the browser (the file as read, then each stored write). */
  private lastStored: string | null;

  constructor(options: AutoSaverOptions) {
    this.o = { delayMs: SAVE_DELAY_MS, timers: realTimers, ...options };
    this._path = options.path;
    this.onDisk = options.text;
    this.lastStored = options.text;
    this.buffer = options.text;
    this.stat = options.stat;
  }

  get path(): string { return this._path; }
  get state(): SaveState { return this._state; }
  /** True while the buffer holds text the workspace does not. */
  get dirty(): boolean { return this.buffer !== this.onDisk; }

  /** The buffer changed (every keystroke): schedules a save. */
  edited(text: string): void {
    if (this.disposed) return;
    this.buffer = text;
    this.cancelTimer();
    if (!this.dirty && !this.writing) { this.setState({ kind: 'saved' }); return; }
    this.setState({ kind: 'saving' });
    this.timer = this.o.timers.set(() => { this.timer = null; void this.save(); }, this.o.delayMs);
  }

  /**
   * Saves now if anything is unsaved (before switching files, on unmount).
   * Resolves true when the workspace holds the buffer, false when a save failed.
   */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.writing) await this.writing;
    if (this.dirty) await this.save();
    return !this.dirty;
  }

  /**
   * The page is hidden or going away: the buffer, if the workspace does not
   * hold it yet, is kept in the journal now (synchronously), whatever
   * becomes of the write that flush() then sends.
   */
  stash(): void {
    if (this.disposed || (!this.dirty && this.inFlight === null)) return;
    this.keep(this.buffer);
  }

  /** Tries a failed save again. */
  retry(): void { void this.flush(); }

  /** The file was renamed (by the tree): later saves go to `to`. Flush first. */
  renamed(to: string): void { this._path = to; }

  /**
   * A new workspace listing: if this file's size or mtime changed (and it is
   * not this saver's own write), re-read it; if it is gone, say so.
   */
  observe(entries: readonly WorkspaceEntry[]): void {
    if (this.disposed) return;
    const entry = entries.find((e) => e.path === this._path);
    if (!entry) {
      // Not listed yet (a file just created), or being written: nothing to say.
      if (this.stat === undefined || this.writing) return;
      this.stat = undefined;
      const hadEdits = this.dirty;
      this.onDisk = null;
      if (!hadEdits) { this.notice('deleted'); return; }
      // The visitor's typing is kept: the next save creates the file again.
      this.notice('deleted-kept');
      if (!this.timer) this.edited(this.buffer);
      return;
    }
    if (this.stat && entry.size === this.stat.size && entry.mtimeMs === this.stat.mtimeMs) return;
    this.stat = { size: entry.size, mtimeMs: entry.mtimeMs };
    void this.diskChanged();
  }

  /** Stops saving (the file was closed or deleted by the visitor). */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private async diskChanged(): Promise<void> {
    if (this.writing || this.checking) { this.recheck = true; return; }
    this.checking = true;
    try {
      const text = await this.o.io.read(this._path);
      if (this.disposed || text === this.onDisk) return;
      if (this.writing) { this.recheck = true; return; }
      const hadEdits = this.dirty;
      this.onDisk = text;
      if (text === this.buffer) {
        // The change underneath is exactly what the buffer holds: nothing left to save.
        this.cancelTimer();
        this.setState({ kind: 'saved' });
        return;
      }
      if (hadEdits) {
        // The visitor's typing wins: it is saved over the change.
        this.notice('kept-yours');
        if (!this.timer) this.edited(this.buffer);
        return;
      }
      this.buffer = text;
      this.o.onReload(text);
      this.notice('reloaded');
      this.setState({ kind: 'saved' });
    } catch {
      // Unreadable now (deleted between the listing and the read): the next listing says what happened.
    } finally {
      this.checking = false;
      this.afterCheck();
    }
  }

  private async save(): Promise<void> {
    if (this.disposed) return;
    if (this.writing) { await this.writing; if (this.dirty && !this.timer) await this.save(); return; }
    const text = this.buffer;
    this.setState({ kind: 'saving' });
    const io = this.o.io;
    const write = this.onDisk === null && io.create ? io.create.bind(io) : io.write.bind(io);
    const path = this._path;
    this.keep(text);
    this.inFlight = text;
    this.writing = write(path, text).then(
      (r) => {
        this.onDisk = text;
        // Stored: the journal's copy is no longer needed (kept when the browser could not store it).
        if (!r || r.stored) { this.lastStored = text; this.o.journal?.drop(path, text); }
      },
      (e: unknown) => { this.setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }); },
    ).finally(() => { this.writing = null; this.inFlight = null; });
    await this.writing;
    if (this.disposed) return;
    if (this._state.kind === 'error' && this.buffer === text) { this.afterCheck(); return; }
    if (this.dirty) {
      // Typed during the write: the scheduled save (or this one, if none is scheduled) takes it.
      if (!this.timer) await this.save();
    } else {
      this.setState({ kind: 'saved' });
    }
    this.afterCheck();
  }

  private afterCheck(): void {
    if (!this.recheck || this.writing || this.checking || this.disposed) return;
    this.recheck = false;
    void this.diskChanged();
  }

  /** Keeps `text` in the journal, typed over what the file holds or a write in flight is storing. */
  private keep(text: string): void {
    const bases = [...new Set([this.lastStored, this.onDisk, ...(this.inFlight !== null ? [this.inFlight] : [])])];
    this.o.journal?.keep(this._path, bases, text);
  }

  private cancelTimer(): void {
    if (this.timer !== null) { this.o.timers.clear(this.timer); this.timer = null; }
  }

  private setState(s: SaveState): void {
    if (s.kind === this._state.kind && (s.kind !== 'error' || (this._state.kind === 'error' && this._state.message === s.message))) return;
    this._state = s;
    this.o.onState(s);
  }

  private notice(n: SaveNotice): void { this.o.onNotice?.(n); }
}
