// The learner's progress (progress.ts) kept in IndexedDB by the engine's
// worker, in a database of its own: a Reset of the machine wipes the
// machine's database, never the course record. One record, written whole
// in one transaction soon after each change (the Saver's quiet moment),
// with what another tab saved meanwhile folded in (mergeProgress); a
// record from a newer page is left untouched (nothing is saved over it in
// this session), an unreadable one is read as far as it can be.
import { storageErrorOf, StorageError } from '../engine/persist.ts';
import { Saver } from '../engine/saver.ts';
import { emptyProgress, mergeProgress, readProgress, scoreOf, type CourseProgress } from './progress.ts';

export const PROGRESS_DB = 'docker-playground-lessons';
const DB_VERSION = 1;
const STORE = 'progress';
const KEY = 'course';

export interface ProgressStore {
  /** The progress as last saved (or read at open). */
  readonly progress: CourseProgress;
  /** Why the stored record was not read whole: 'newer' (nothing will be saved over it) or 'invalid'. */
  readonly problem: null | 'newer' | 'invalid';
  /** Replaces the progress and saves it soon. */
  set(next: CourseProgress): void;
  /** Saves now what is unsaved. */
  flush(): Promise<void>;
  /** Never saves again in this session (the machine is being replaced). */
  stop(): Promise<void>;
}

const value = <T>(req: IDBRequest<T>): Promise<T> => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(storageErrorOf(req.error));
});

const committed = (tx: IDBTransaction): Promise<void> => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(storageErrorOf(tx.error ?? new DOMException('the transaction was aborted', 'AbortError')));
  tx.onerror = () => reject(storageErrorOf(tx.error));
});

/** A store that keeps the progress in memory only (no IndexedDB here, or it failed to open). */
export function memoryProgressStore(initial: CourseProgress = emptyProgress()): ProgressStore {
  let progress = initial;
  return { get progress() { return progress; }, problem: null, set(next) { progress = next; }, flush: async () => {}, stop: async () => {} };
}

/**
 * Opens the progress database and reads the record; `onError` hears a save
 * that failed (once per streak of failures).
 * @example const store = await openProgressStore(indexedDB, (e) => report(e)); store.set(next);
 */
export async function openProgressStore(factory: IDBFactory, onError: (e: StorageError) => void, opts: { name?: string; delayMs?: number } = {}): Promise<ProgressStore> {
  let db: IDBDatabase;
  try {
    const req = factory.open(opts.name ?? PROGRESS_DB, DB_VERSION);
    req.onupgradeneeded = () => { if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE); };
    db = await value(req);
  } catch (e) {
    throw storageErrorOf(e);
  }
  const raw = await value(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY));
  const { progress: read, problem } = readProgress(raw);
  let progress = read;
  /** Lessons started over in this tab: another tab's points for them are not folded back in. */
  const forgotten = new Set<string>();
  const saver = new Saver({
    delayMs: opts.delayMs ?? 250,
    maxDelayMs: 2000,
    save: async () => {
      const tx = db.transaction(STORE, 'readwrite');
      const done = committed(tx);
      // The read below may fail first (the transaction cut short): the commit's rejection is then not left unheard.
      done.catch(() => {});
      const store = tx.objectStore(STORE);
      // Another tab may have saved since: its points are folded in, in the same transaction (no save loses another's).
      const stored = readProgress(await value(store.get(KEY)));
      if (stored.problem === null) progress = mergeProgress(progress, stored.progress, forgotten);
      store.put(progress, KEY);
      await done;
    },
    onError: (e) => onError(storageErrorOf(e)),
  });
  // A record a newer page wrote is not ours to overwrite.
  if (problem === 'newer') await saver.stop();
  // A newer page upgrading the database (in another tab) is not held up by this one, which then saves no more.
  db.onversionchange = () => { db.close(); void saver.stop(); };
  return {
    get progress() { return progress; },
    problem,
    set(next) {
      for (const l of progress.lessons) {
        const after = next.lessons.find((n) => n.lesson === l.lesson);
        if (scoreOf(l) > 0 && scoreOf(after) === 0) forgotten.add(l.lesson);
      }
      progress = next;
      saver.changed();
    },
    flush: async () => { await saver.flush(); },
    stop: () => saver.stop(),
  };
}
