// The worker's persistence end to end in Node (fake-indexeddb for the
// browser's storage): a change is saved soon without being asked, the next
// boot gets the machine back, reset wipes it, and problems are reported —
// no storage, a full disk (and saving working again), a stored machine
// that cannot be read.
import { describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { createEngine, MemoryFs } from '../../sandbox/index.ts';
import { startPersistence, type StorageProblem } from './persistence.ts';

const WS = '/home/student';

async function until(pred: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) { if (await pred()) return; await new Promise((r) => setTimeout(r, 10)); }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the engine worker\'s persistence', () => {
  it('saves soon after a change, boots back into it, and reset wipes it', async () => {
    const factory = new IDBFactory();
    const reports: Array<[StorageProblem, string]> = [];
    const report = (k: StorageProblem, m: string): void => { reports.push([k, m]); };
    const p = await startPersistence(factory, report, { delayMs: 5, maxDelayMs: 20 });
    expect(p.saved).toBeNull();
    const fs = new MemoryFs();
    fs.mkdirSync(WS, { recursive: true });
    const engine = await createEngine({ hostFs: fs });
    p.attach(engine, WS);
    fs.writeFileSync(`${WS}/a.txt`, 'kept');
    p.changed();
    // An engine event alone (a container created through no API call the worker saw) is saved too.
    engine.containers.create({ image: engine.images.mustResolve('busybox'), name: 'quiet', cmd: ['true'] });
    await until(async () => {
      const again = await startPersistence(factory, report);
      return again.saved !== null && 'manifest' in again.saved && again.saved.manifest.containers.length === 1;
    }, 'the save');
    const next = await startPersistence(factory, report);
    const r = await createEngine({ hostFs: new MemoryFs(), restore: next.saved! });
    expect(new TextDecoder().decode((r.hostFs as MemoryFs).readFileSync(`${WS}/a.txt`))).toBe('kept');
    expect(r.containers.get('quiet').state.Status).toBe('created');
    await p.reset();
    expect((await startPersistence(factory, report)).saved).toBeNull();
    // After a reset the old engine saves no more.
    fs.writeFileSync(`${WS}/b.txt`, 'gone');
    p.changed();
    await new Promise((r) => setTimeout(r, 50));
    expect((await startPersistence(factory, report)).saved).toBeNull();
    expect(reports).toEqual([]);
  });

  it('a full disk is reported (and flush says nothing was stored); so is saving working again', async () => {
    const factory = new IDBFactory();
    const reports: Array<[StorageProblem, string]> = [];
    const p = await startPersistence(factory, (k, m) => { reports.push([k, m]); }, { delayMs: 3_600_000, maxDelayMs: 3_600_000 });
    const fs = new MemoryFs();
    fs.mkdirSync(WS, { recursive: true });
    p.attach(await createEngine({ hostFs: fs }), WS);
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => { throw new DOMException('', 'QuotaExceededError'); });
    fs.writeFileSync(`${WS}/a.txt`, 'a');
    p.changed();
    expect(await p.flush()).toBe(false);
    expect(reports).toEqual([['quota', "the browser's storage for this page is full"]]);
    full.mockRestore();
    fs.writeFileSync(`${WS}/b.txt`, 'b');
    p.changed();
    expect(await p.flush()).toBe(true);
    expect(reports.map(([k]) => k)).toEqual(['quota', 'recovered']);
    expect((await startPersistence(factory, () => {})).saved).not.toBeNull();
  });

  it('steps aside for a newer version of the page that upgrades the database, and says so', async () => {
    const factory = new IDBFactory();
    const reports: StorageProblem[] = [];
    const p = await startPersistence(factory, (k) => { reports.push(k); }, { delayMs: 3_600_000, maxDelayMs: 3_600_000 });
    const fs = new MemoryFs();
    fs.mkdirSync(WS, { recursive: true });
    p.attach(await createEngine({ hostFs: fs }), WS);
    fs.writeFileSync(`${WS}/a.txt`, 'a');
    p.changed();
    expect(await p.flush()).toBe(true);
    // A newer page opens the database at a later version (a new object store, say): not blocked by this one.
    const newer = factory.open('docker-playground', 2);
    newer.onupgradeneeded = () => { newer.result.createObjectStore('journal'); };
    const blocked: string[] = [];
    newer.onblocked = () => blocked.push('blocked');
    const db = await new Promise<IDBDatabase>((resolve) => { newer.onsuccess = () => resolve(newer.result); });
    expect(blocked).toEqual([]);
    expect(reports).toEqual(['superseded']);
    // This page saves nothing more (and reports no failure for it).
    fs.writeFileSync(`${WS}/b.txt`, 'b');
    p.changed();
    expect(await p.flush()).toBe(false);
    expect(reports).toEqual(['superseded']);
    // What it had stored is there for the newer page.
    const meta = db.transaction('meta').objectStore('meta').get('machine');
    expect(await new Promise((r) => { meta.onsuccess = () => r((meta.result as { format: number }).format); })).toBe(2);
    db.close();
  });

  it('says so when the browser gives no storage, and keeps working without it', async () => {
    const reports: StorageProblem[] = [];
    const p = await startPersistence(undefined, (k) => reports.push(k));
    expect(reports).toEqual(['unavailable']);
    expect(p.saved).toBeNull();
    p.attach(await createEngine(), WS);
    p.changed();
    await p.reset();
  });

  it('keeps a stored machine it cannot read untouched, and does not save over it', async () => {
    const factory = new IDBFactory();
    const open = factory.open('docker-playground', 1);
    open.onupgradeneeded = () => { open.result.createObjectStore('meta'); open.result.createObjectStore('blobs'); };
    const db = await new Promise<IDBDatabase>((resolve) => { open.onsuccess = () => resolve(open.result); });
    await new Promise((resolve) => { const tx = db.transaction('meta', 'readwrite'); tx.objectStore('meta').put({ format: 99, future: true }, 'machine'); tx.oncomplete = resolve; });
    db.close();
    const p = await startPersistence(factory, () => {}, { delayMs: 1, maxDelayMs: 5 });
    await expect(createEngine({ hostFs: new MemoryFs(), restore: p.saved! })).rejects.toThrow('written by a newer version of the playground (format 99');
    // The worker then boots a clean engine and holds persistence.
    await p.hold();
    const engine = await createEngine({ hostFs: new MemoryFs() });
    p.attach(engine, WS);
    p.changed();
    await new Promise((r) => setTimeout(r, 30));
    expect((await startPersistence(factory, () => {})).saved).toMatchObject({ format: 99, future: true });
  });
});
