// EngineConnection.reset(): the worker wipes the stored machine, then the
// connection replaces it with a new worker — open terminals end as on a
// hangup, calls in flight fail, the old worker is no longer heard — and
// resolves when the new engine is ready. Storage problems reach listeners
// and are kept for late ones.
import { describe, expect, it } from 'vitest';
import { EngineConnection } from './connection.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

class FakeWorker {
  readonly sent: ToWorker[] = [];
  terminated = false;
  private readonly listeners: Array<(e: MessageEvent<FromWorker>) => void> = [];
  postMessage(m: unknown): void { this.sent.push(m as ToWorker); }
  addEventListener(_type: 'message', fn: (e: MessageEvent<FromWorker>) => void): void { this.listeners.push(fn); }
  terminate(): void { this.terminated = true; }
  emit(m: FromWorker): void { for (const fn of this.listeners) fn({ data: m } as MessageEvent<FromWorker>); }
}

const READY: FromWorker = { type: 'ready', images: 4, bootMs: 1, guestWorkers: false };

describe('EngineConnection.reset', () => {
  it('wipes, then boots a new engine worker; what waited on the old one ends', async () => {
    const workers: FakeWorker[] = [];
    const spawn = (): FakeWorker => { const w = new FakeWorker(); workers.push(w); return w; };
    const conn = new EngineConnection(spawn(), spawn);
    workers[0]!.emit(READY);
    await conn.ready;
    const exits: number[] = [];
    conn.openTerminal(80, 24, () => {}, (code) => exits.push(code));
    const pendingRead = conn.readFile('a.txt');
    const reset = conn.reset();
    const msg = workers[0]!.sent.at(-1)!;
    expect(msg).toMatchObject({ type: 'reset' });
    expect(workers).toHaveLength(1);
    workers[0]!.emit({ type: 'reset-done', id: (msg as { id: number }).id });
    await Promise.resolve();
    expect(workers[0]!.terminated).toBe(true);
    expect(exits).toEqual([129]);
    await expect(pendingRead).rejects.toThrow('the engine was reset');
    expect(workers).toHaveLength(2);
    // The old worker is not heard any more.
    workers[0]!.emit({ type: 'storage-error', kind: 'failed', message: 'old' });
    workers[1]!.emit({ ...READY, images: 5 } as FromWorker);
    expect(await reset).toMatchObject({ images: 5 });
    expect(conn.storageProblems).toEqual([]);
  });

  it('fails with the worker\'s reason when the wipe fails, and keeps the engine', async () => {
    const w = new FakeWorker();
    const conn = new EngineConnection(w, () => new FakeWorker());
    w.emit(READY);
    const reset = conn.reset();
    w.emit({ type: 'reset-done', id: (w.sent.at(-1) as { id: number }).id, error: 'storage is locked' });
    await expect(reset).rejects.toThrow('reset failed: storage is locked');
    expect(w.terminated).toBe(false);
  });

  it('passes storage problems on, and keeps them for listeners that come later', () => {
    const w = new FakeWorker();
    const conn = new EngineConnection(w);
    const heard: string[] = [];
    conn.onStorageError((p) => heard.push(p.kind));
    w.emit({ type: 'storage-error', kind: 'quota', message: 'full' });
    expect(heard).toEqual(['quota']);
    expect(conn.storageProblems).toEqual([{ kind: 'quota', message: 'full' }]);
  });
});
