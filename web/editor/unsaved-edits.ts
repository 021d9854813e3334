// The editor's edits that may not be stored yet, kept in the browser's
// localStorage until the engine's worker says they are: the text being
// written (from the moment the write is sent until the machine holding it
// is in IndexedDB) and, when the page is hidden or going away, the buffer
// as typed. A reload, a closed tab or a crashed one loses none of it: the
// next page puts each kept text back into its file before the editor opens
// it. localStorage is written synchronously, so it is still written in
// `pagehide`, when the worker may be ended before its own save commits.
//
// A kept text goes back only onto what it was typed over (its bases: the
// file as last stored, or the text a write in flight was storing): a file
// that changed otherwise in between (another tab saved it) is left as it
// is, and the kept text is written beside it as `<name>.unsaved`, so
// nothing is lost either way.
import { hashText } from '../lessons/progress.ts';

/** One file's text that may not be stored. */
export interface UnsavedEdit {
  path: string;
  /** hashText of each text the file may hold under the edits (null: no file). */
  bases: Array<string | null>;
  text: string;
  /** When it was kept (ms since the epoch). */
  at: number;
}

/** The edits one machine's editor keeps (EditJournal.keep/drop, as AutoSaver uses them). */
export interface EditJournal {
  /** `text` of `path`, typed over one of `bases` (the file's text, or null when there was none), may not be stored yet. */
  keep(path: string, bases: ReadonlyArray<string | null>, text: string): void;
  /** `path`'s text `text` is stored (a later keep of another text stays). */
  drop(path: string, text: string): void;
  entries(): UnsavedEdit[];
  /** Forgets every kept edit (the machine was reset). */
  clear(): void;
}

const VERSION = 1;
/** Kept texts older than this are dropped unread (a tab left open for a week is no base for them). */
const MAX_AGE_MS = 7 * 24 * 3600_000;

/** The localStorage key of a machine's journal (EngineConnection.machineStore names the machine). */
export const journalKey = (machineStore: string): string => `${machineStore}.unsaved-edits`;

/**
 * A journal in `storage` (localStorage) under `key`. Storage that refuses
 * a write (full, or not there in a sandboxed frame) leaves the journal
 * as it was: the worker's own save is then the only copy, as without it.
 * @example const j = storageJournal(localStorage, journalKey('docker-playground'));
 */
export function storageJournal(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null, key: string, now: () => number = Date.now): EditJournal {
  const read = (): UnsavedEdit[] => {
    try {
      const raw = storage?.getItem(key);
      if (!raw) return [];
      const parsed = JSON.parse(raw) as { v?: unknown; entries?: unknown };
      if (parsed.v !== VERSION || !Array.isArray(parsed.entries)) return [];
      return (parsed.entries as UnsavedEdit[]).filter((e) => typeof e?.path === 'string' && typeof e.text === 'string' && Array.isArray(e.bases) && typeof e.at === 'number' && now() - e.at < MAX_AGE_MS);
    } catch {
      return [];
    }
  };
  const write = (entries: UnsavedEdit[]): void => {
    try {
      if (entries.length === 0) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify({ v: VERSION, entries }));
    } catch {
      // Full or refused: nothing more can be kept here.
    }
  };
  return {
    keep(path, bases, text) {
      write([...read().filter((e) => e.path !== path), { path, bases: bases.map((b) => (b === null ? null : hashText(b))), text, at: now() }]);
    },
    drop(path, text) {
      const all = read();
      const rest = all.filter((e) => !(e.path === path && e.text === text));
      if (rest.length !== all.length) write(rest);
    },
    entries: read,
    clear: () => write([]),
  };
}

/** What recovering one kept edit did. */
export type Recovered =
  | { path: string; outcome: 'restored' }
  /** The file changed since the edit was typed: the kept text went to `copy`. */
  | { path: string; outcome: 'copied'; copy: string }
  /** The file already holds it. */
  | { path: string; outcome: 'stored' }
  | { path: string; outcome: 'failed'; message: string };

export interface RecoveryIo {
  /** The file's text, or null when there is no such file. */
  read(path: string): Promise<string | null>;
  /** Writes the file (making its folders); `stored: false`: the browser's storage did not take it. */
  write(path: string, text: string): Promise<{ stored: boolean } | void>;
}

/**
 * Puts each kept edit back into its file (see the header), then forgets it.
 * A write that fails, or that the browser could not store, keeps the edit
 * for the next page.
 */
export async function recoverEdits(journal: EditJournal, io: RecoveryIo): Promise<Recovered[]> {
  const out: Recovered[] = [];
  for (const e of journal.entries()) {
    try {
      const now = await io.read(e.path);
      let stored = true;
      if (now === e.text) {
        out.push({ path: e.path, outcome: 'stored' });
      } else if (e.bases.includes(now === null ? null : hashText(now))) {
        stored = (await io.write(e.path, e.text))?.stored !== false;
        out.push({ path: e.path, outcome: 'restored' });
      } else {
        const copy = await freeName(io, `${e.path}.unsaved`, e.text);
        stored = (await io.write(copy, e.text))?.stored !== false;
        out.push({ path: e.path, outcome: 'copied', copy });
      }
      if (stored) journal.drop(e.path, e.text);
    } catch (err) {
      out.push({ path: e.path, outcome: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** `name`, or `name-2`… when `name` holds another text already (never overwritten). */
async function freeName(io: RecoveryIo, name: string, text: string): Promise<string> {
  for (let i = 1; i < 100; i++) {
    const candidate = i === 1 ? name : `${name}-${i}`;
    const there = await io.read(candidate);
    if (there === null || there === text) return candidate;
  }
  throw new Error(`no free name for ${name}`);
}
