// The IndexedDB machine store, on fake-indexeddb (Node has no IndexedDB; it
// implements the spec's transactions, aborts included): a machine saved and
// loaded boots again; later saves write only what changed and drop what
// nothing names; a save that fails or is cut short leaves the previous
// machine as it was; a format-1 record is handed to the engine to migrate.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { createEngine, MemoryFs, type Engine } from '../../sandbox/index.ts';
import { openMachineStore, MissingBlobsError, StorageError, storageErrorOf } from './persist.ts';

const WS = '/home/student';

async function machine(): Promise<Engine> {
  const fs = new MemoryFs();
  fs.mkdirSync(WS, { recursive: true });
  fs.writeFileSync(`${WS}/notes.txt`, 'first\n');
  const engine = await createEngine({ hostFs: fs });
  const vol = engine.volumes.create('data');
  vol.fs.writeFileSync('/v.txt', 'volume\n');
  const c = engine.containers.create({ image: engine.images.mustResolve('busybox'), name: 'hello', cmd: ['echo', 'hola'] });
  engine.containers.start(c);
  await c.wait();
  return engine;
}

const text = (fs: { readFileSync(p: string): Uint8Array }, path: string): string => new TextDecoder().decode(fs.readFileSync(path));

afterEach(() => { vi.restoreAllMocks(); });

describe('the IndexedDB machine store', () => {
  it('saves a machine and loads it back for the engine to boot into', async () => {
    const store = await openMachineStore(new IDBFactory());
    expect(await store.load()).toBeNull();
    const engine = await machine();
    await store.save(await engine.snapshot({ hostPath: WS }));
    const again = await openMachineStore(new IDBFactory(), {});
    expect(await again.load()).toBeNull();
    const loaded = await store.load();
    const r = await createEngine({ hostFs: new MemoryFs(), restore: loaded! });
    expect(r.restoreWarnings).toEqual([]);
    expect(text(r.hostFs as MemoryFs, `${WS}/notes.txt`)).toBe('first\n');
    expect(text(r.volumes.get('data').fs, '/v.txt')).toBe('volume\n');
    expect(r.containers.get('hello').state.Status).toBe('exited');
  });

  it('writes only what changed, and deletes blobs nothing names any more', async () => {
    const store = await openMachineStore(new IDBFactory());
    const engine = await machine();
    const first = await engine.snapshot({ hostPath: WS, have: store.has });
    await store.save(first);
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');
    (engine.hostFs as MemoryFs).writeFileSync(`${WS}/notes.txt`, 'second\n');
    const second = await engine.snapshot({ hostPath: WS, have: store.has });
    await store.save(second);
    // The new workspace tree and the manifest: nothing else was written.
    expect(puts).toHaveBeenCalledTimes(2);
    expect(store.has(first.manifest.workspace!.tree)).toBe(false);
    expect(store.has(second.manifest.workspace!.tree)).toBe(true);
    engine.volumes.remove('data', null);
    await store.save(await engine.snapshot({ hostPath: WS, have: store.has }));
    const loaded = await store.load();
    expect(loaded && 'blobs' in loaded && [...loaded.blobs.keys()].includes(first.manifest.volumes[0]!.tree)).toBe(false);
  });

  it('a save that fails part-way (a full disk) leaves the previous machine intact and says why', async () => {
    const factory = new IDBFactory();
    const store = await openMachineStore(factory);
    const engine = await machine();
    await store.save(await engine.snapshot({ hostPath: WS, have: store.has }));
    (engine.hostFs as MemoryFs).writeFileSync(`${WS}/notes.txt`, 'lost\n');
    engine.volumes.create('more').fs.writeFileSync('/m', 'm');
    const real = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    });
    const err = await store.save(await engine.snapshot({ hostPath: WS, have: store.has })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: 'quota', message: expect.stringContaining("the browser's storage for this page is full") });
    vi.restoreAllMocks();
    const reopened = await openMachineStore(factory);
    const r = await createEngine({ hostFs: new MemoryFs(), restore: (await reopened.load())! });
    expect(r.restoreWarnings).toEqual([]);
    expect(text(r.hostFs as MemoryFs, `${WS}/notes.txt`)).toBe('first\n');
    expect(r.volumes.list().map((v) => v.name)).toEqual(['data']);
  });

  it('a save cut short (the tab crashed before it committed) leaves the previous machine intact', async () => {
    const factory = new IDBFactory();
    let crash = false;
    const store = await openMachineStore(factory, { onSaveTransaction: (tx) => { if (crash) tx.abort(); } });
    const engine = await machine();
    await store.save(await engine.snapshot({ hostPath: WS, have: store.has }));
    (engine.hostFs as MemoryFs).writeFileSync(`${WS}/notes.txt`, 'never saved\n');
    crash = true;
    await expect(store.save(await engine.snapshot({ hostPath: WS, have: store.has }))).rejects.toBeInstanceOf(StorageError);
    const r = await createEngine({ hostFs: new MemoryFs(), restore: (await (await openMachineStore(factory)).load())! });
    expect(text(r.hostFs as MemoryFs, `${WS}/notes.txt`)).toBe('first\n');
  });

  it('refuses a snapshot that counts on blobs the store no longer has', async () => {
    const factory = new IDBFactory();
    const store = await openMachineStore(factory);
    const engine = await machine();
    const first = await engine.snapshot({ hostPath: WS });
    await store.save(first);
    // Another tab replaced the machine meanwhile: the blobs this one counts on are gone.
    const other = await openMachineStore(factory);
    await other.clear();
    (engine.hostFs as MemoryFs).writeFileSync(`${WS}/notes.txt`, 'second\n');
    const err = await store.save(await engine.snapshot({ hostPath: WS, have: store.has })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingBlobsError);
    expect(await other.load()).toBeNull();
    await store.save(await engine.snapshot({ hostPath: WS }));
    expect(await other.load()).not.toBeNull();
  });

  it('hands a stored format-1 record to the engine, which migrates it', async () => {
    const factory = new IDBFactory();
    const v1 = JSON.parse(readFileSync(new URL('../../sandbox/daemon/testing/snapshot-v1.json', import.meta.url), 'utf8')) as { format: 1 };
    const open = factory.open('docker-playground', 1);
    open.onupgradeneeded = () => { open.result.createObjectStore('meta'); open.result.createObjectStore('blobs'); };
    const db = await new Promise<IDBDatabase>((resolve) => { open.onsuccess = () => resolve(open.result); });
    await new Promise((resolve) => { const tx = db.transaction('meta', 'readwrite'); tx.objectStore('meta').put(v1, 'machine'); tx.oncomplete = resolve; });
    db.close();
    const loaded = await (await openMachineStore(factory)).load();
    expect(loaded?.format).toBe(1);
    const r = await createEngine({ hostFs: new MemoryFs(), restore: loaded! });
    expect(r.images.resolve('legacy:v1')).toBeDefined();
  });

  it('clears the stored machine, and names storage failures for the user', async () => {
    const store = await openMachineStore(new IDBFactory());
    await store.save(await (await machine()).snapshot({ hostPath: WS }));
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(storageErrorOf(new DOMException('x', 'QuotaExceededError')).kind).toBe('quota');
    expect(storageErrorOf(new DOMException('denied', 'SecurityError')).kind).toBe('unavailable');
    expect(storageErrorOf(new Error('boom'))).toMatchObject({ kind: 'failed', message: "saving to the browser's storage failed (Error: boom)" });
  });
});
