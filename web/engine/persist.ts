// The playground's machine kept in IndexedDB, from the engine's worker: the
// only browser-specific part of persistence (the snapshot itself is the
// engine's, sandbox/daemon/snapshot*.ts). Two object stores:
//   meta   'machine' → { format, takenAt, manifest } (a format-1 record whole)
//   blobs  key → bytes (layers, image configs, trees, logs; see BlobKey)
// Each save is one readwrite transaction over both: it writes the blobs the
// store lacks and the new manifest, and deletes the blobs nothing names any
// more. A save that fails or is cut short (a crash, a closed tab, a full
// disk) is rolled back by IndexedDB, leaving the previous machine intact.
// A newer page that upgrades the database (DB_VERSION) finds this one out
// of its way: it closes its connection when asked (versionchange).
import { blobKeysOf, type AnySnapshot, type BlobKey, type EngineSnapshot } from '../../sandbox/index.ts';

export const DB_NAME = 'docker-playground';
/** The database's schema version (object stores), not the snapshot format. */
const DB_VERSION = 1;
const META = 'meta';
const BLOBS = 'blobs';
const MACHINE = 'machine';

/** Why storage failed: the disk quota, no IndexedDB here, or anything else. */
export type StorageFailure = 'quota' | 'unavailable' | 'failed';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(readonly kind: StorageFailure, message: string) { super(message); }
}

/** A save whose manifest names blobs the store does not have (another tab deleted them): save a full snapshot. */
export class MissingBlobsError extends Error {
  override name = 'MissingBlobsError';
  constructor(readonly keys: BlobKey[]) { super(`the stored machine lacks ${keys.length} blob(s) the new snapshot names`); }
}

export interface MachineStore {
  /** The stored machine (any format the engine reads), or null when none is stored. */
  load(): Promise<AnySnapshot | null>;
  /** Whether the store holds a blob (for EngineSnapshot's `have`). */
  has(key: BlobKey): boolean;
  /** Writes a snapshot in one transaction; rejects with StorageError or MissingBlobsError, the stored machine unchanged. */
  save(s: EngineSnapshot): Promise<void>;
  /** Forgets the stored machine. */
  clear(): Promise<void>;
  close(): void;
}

export interface StoreOptions {
  name?: string;
  /**
   * A newer version of the page (in another tab) upgrades the database: this
   * store closes at once so as not to hold it up, and saves nothing more.
   */
  onVersionChange?: () => void;
  /** Tests: sees each save's transaction once its writes are queued (to abort it, as a crash would). */
  onSaveTransaction?: (tx: IDBTransaction) => void;
}

/** What went wrong, said for the user (QuotaExceededError is the disk being full). */
export function storageErrorOf(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const detail = (e as { message?: string } | null)?.message ?? String(e);
  if (name === 'QuotaExceededError') return new StorageError('quota', `the browser's storage for this page is full${detail ? ` (${detail})` : ''}`);
  if (name === 'SecurityError' || name === 'InvalidStateError') return new StorageError('unavailable', `this browser does not let the page store data here (${detail})`);
  return new StorageError('failed', `saving to the browser's storage failed (${name ? `${name}: ` : ''}${detail})`);
}

/** Settles when a transaction commits (or rejects when it fails or is aborted). */
const committed = (tx: IDBTransaction): Promise<void> => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(storageErrorOf(tx.error ?? new DOMException('the transaction was aborted before it was saved', 'AbortError')));
});

const value = <T>(req: IDBRequest<T>): Promise<T> => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(storageErrorOf(req.error));
});

/** The bytes alone (a view of a bigger buffer would store the whole buffer). */
const own = (b: Uint8Array): Uint8Array => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice());

/**
 * Opens (creating if needed) the machine store.
 * @example const store = await openMachineStore(indexedDB); const saved = await store.load();
 */
export async function openMachineStore(factory: IDBFactory, opts: StoreOptions = {}): Promise<MachineStore> {
  let db: IDBDatabase;
  try {
    const req = factory.open(opts.name ?? DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
      if (!d.objectStoreNames.contains(BLOBS)) d.createObjectStore(BLOBS);
    };
    db = await value(req);
  } catch (e) {
    const err = storageErrorOf(e);
    throw err.kind === 'failed' ? new StorageError('unavailable', `the browser's storage cannot be opened (${err.message})`) : err;
  }
  const known = new Set<BlobKey>();
  db.onversionchange = () => { db.close(); opts.onVersionChange?.(); };

  return {
    async load() {
      const tx = db.transaction([META, BLOBS], 'readonly');
      const record = await value(tx.objectStore(META).get(MACHINE)) as (Omit<EngineSnapshot, 'blobs'> | AnySnapshot | undefined);
      const keys = await value(tx.objectStore(BLOBS).getAllKeys()) as BlobKey[];
      known.clear();
      for (const k of keys) known.add(k);
      if (!record) return null;
      if (record.format !== 2) return record as AnySnapshot;
      const blobs = new Map<BlobKey, Uint8Array>();
      const wanted = [...blobKeysOf(record.manifest)].filter((k) => known.has(k));
      const values = await Promise.all(wanted.map((k) => value(tx.objectStore(BLOBS).get(k)) as Promise<Uint8Array>));
      wanted.forEach((k, i) => blobs.set(k, values[i]!));
      return { ...record, blobs } as EngineSnapshot;
    },

    has: (key) => known.has(key),

    save(s) {
      const referenced = blobKeysOf(s.manifest);
      const tx = db.transaction([META, BLOBS], 'readwrite');
      const finished = committed(tx);
      const blobStore = tx.objectStore(BLOBS);
      const failed = new Promise<never>((_, reject) => {
        const keysReq = blobStore.getAllKeys();
        keysReq.onerror = () => reject(storageErrorOf(keysReq.error));
        keysReq.onsuccess = () => {
          try {
            const stored = new Set(keysReq.result as BlobKey[]);
            const missing = [...referenced].filter((k) => !stored.has(k) && !s.blobs.has(k));
            if (missing.length > 0) { tx.abort(); reject(new MissingBlobsError(missing)); return; }
            for (const [key, bytes] of s.blobs) if (referenced.has(key) && !stored.has(key)) blobStore.put(own(bytes), key);
            tx.objectStore(META).put({ format: s.format, takenAt: s.takenAt, manifest: s.manifest }, MACHINE);
            for (const key of stored) if (!referenced.has(key)) blobStore.delete(key);
            opts.onSaveTransaction?.(tx);
          } catch (e) {
            try { tx.abort(); } catch { /* already finished */ }
            reject(storageErrorOf(e));
          }
        };
      });
      // The first of: a sure failure found while queuing writes, or the transaction's own outcome.
      return Promise.race([failed, finished]).then(() => {
        known.clear();
        for (const k of referenced) known.add(k);
      });
    },

    async clear() {
      const tx = db.transaction([META, BLOBS], 'readwrite');
      tx.objectStore(META).clear();
      tx.objectStore(BLOBS).clear();
      await committed(tx);
      known.clear();
    },

    close: () => db.close(),
  };
}
