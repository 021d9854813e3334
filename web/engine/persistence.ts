// The engine worker's persistence: at boot it opens the IndexedDB machine
// store and hands over the machine an earlier visit left (the worker boots
// the engine into it); then it saves the engine — and the workspace — soon
// after each change the worker notices (API calls that change something,
// file edits, the shell's commands, engine events, and the logs of running
// containers every few seconds), never blocking the engine — or now, when
// flushed (the editor's saves wait for it) — and it wipes the stored
// machine on reset. Problems are reported, never swallowed: no storage
// here, a full disk, a machine that could not be restored; and when saving
// works again after a failure.
import { createEngine, MemoryFs, type AnySnapshot, type Engine } from '../../sandbox/index.ts';
import { MissingBlobsError, openMachineStore, storageErrorOf, type MachineStore, type StoreOptions } from './persist.ts';
import type { StorageProblem } from './protocol.ts';
import { Saver } from './saver.ts';

export type { StorageProblem };

/** How often a running container's new logs are saved (ms). */
const RUNNING_SAVE_INTERVAL = 5000;

export interface Persistence {
  /** The machine an earlier visit stored, if any. */
  readonly saved: AnySnapshot | null;
  /** Starts saving `engine` (with the host's files under `hostPath`) after each change. */
  attach(engine: Engine, hostPath: string): void;
  /** Something changed: save soon. */
  changed(): void;
  /** Saves now what is unsaved; true when all of it is stored (false: a save failed, or nothing is kept here). */
  flush(): Promise<boolean>;
  /** Never saves again in this session: the stored machine stays as it is (it could not be restored). */
  hold(): Promise<void>;
  /** Wipes the stored machine; nothing is saved afterwards. */
  reset(): Promise<void>;
}

export interface PersistenceOptions extends StoreOptions {
  /** A quiet moment before saving, and the longest a busy engine may hold a save back (ms). */
  delayMs?: number;
  maxDelayMs?: number;
}

/** A persistence that keeps nothing (no storage in this browser). */
const none = (): Persistence => ({ saved: null, attach() {}, changed() {}, flush: async () => false, hold: async () => {}, reset: async () => {} });

/**
 * Opens the store and reads the stored machine; reports (and keeps
 * nothing) when the browser gives no storage.
 * @example const p = await startPersistence(indexedDB, report); const engine = await createEngine({ restore: p.saved ?? undefined });
 */
export async function startPersistence(factory: IDBFactory | undefined, report: (kind: StorageProblem, message: string) => void, opts: PersistenceOptions = {}): Promise<Persistence> {
  if (!factory) {
    report('unavailable', 'this browser gives the page no IndexedDB: your work will not be kept after a reload');
    return none();
  }
  let store: MachineStore;
  let stop: () => Promise<void> = async () => {};
  try {
    store = await openMachineStore(factory, {
      ...opts,
      onVersionChange: () => { void stop(); report('superseded', 'a newer version of the playground opened in another tab'); },
    });
  } catch (e) {
    const err = storageErrorOf(e);
    report(err.kind, `${err.message}: your work will not be kept after a reload`);
    return none();
  }
  let saved: AnySnapshot | null = null;
  let held = false;
  try {
    saved = await store.load();
  } catch (e) {
    // Unreadable: keep it as it is rather than write over it.
    // (The page says the rest: kept untouched, nothing saved this session, reset to start over.)
    report('restore', `it could not be read: ${storageErrorOf(e).message}`);
    held = true;
  }
  let saver: Saver | null = null;
  let interval: ReturnType<typeof setInterval> | null = null;
  stop = async (): Promise<void> => {
    held = true;
    if (interval !== null) clearInterval(interval);
    await saver?.stop();
  };

  return {
    saved,
    attach(engine, hostPath) {
      if (held) return;
      const pause = (): Promise<void> => new Promise((resolve) => { setTimeout(resolve, 0); });
      let last = '';
      saver = new Saver({
        delayMs: opts.delayMs, maxDelayMs: opts.maxDelayMs,
        save: async () => {
          const s = await engine.snapshot({ hostPath, have: store.has, pause });
          // Nothing new (a command that changed nothing): nothing to write.
          const manifest = JSON.stringify(s.manifest);
          if (s.blobs.size === 0 && manifest === last) return;
          try {
            await store.save(s);
          } catch (e) {
            if (!(e instanceof MissingBlobsError)) throw e;
            // Another tab changed the store under this one: write everything.
            await store.save(await engine.snapshot({ hostPath, pause }));
          }
          last = manifest;
        },
        onError: (e) => {
          const err = storageErrorOf(e);
          report(err.kind, err.message);
        },
        onRecovered: () => report('recovered', 'the playground is saved again'),
      });
      const s = saver;
      engine.events.subscribe((e) => { if (!e.Action.startsWith('exec_')) s.changed(); });
      interval = setInterval(() => { if (engine.containers.list().some((c) => c.state.Running)) s.changed(); }, RUNNING_SAVE_INTERVAL);
    },
    changed: () => saver?.changed(),
    flush: async () => (saver ? saver.flush() : false),
    hold: stop,
    async reset() {
      await stop();
      try {
        await store.clear();
      } catch (e) {
        throw new Error(`the saved playground could not be wiped: ${storageErrorOf(e).message}`);
      }
    },
  };
}

/**
 * Boots the engine on a new host filesystem, into the stored machine if
 * there is one. A stored machine that cannot be restored is reported and
 * kept untouched (persistence holds), and a clean engine boots instead;
 * parts left out of a restore are reported.
 */
export async function bootMachine(p: Persistence, report: (kind: StorageProblem, message: string) => void): Promise<{ engine: Engine; fs: MemoryFs; restored: boolean }> {
  if (p.saved) {
    const fs = new MemoryFs();
    try {
      const engine = await createEngine({ hostFs: fs, restore: p.saved });
      if (engine.restoreWarnings.length > 0) report('restore-partial', `some of the saved playground could not be restored: ${engine.restoreWarnings.join('; ')}`);
      return { engine, fs, restored: true };
    } catch (e) {
      await p.hold();
      report('restore', (e as Error).message);
    }
  }
  const fs = new MemoryFs();
  return { engine: await createEngine({ hostFs: fs }), fs, restored: false };
}
