// The editor's file operations in the worker: a change is answered only
// once the machine holding it is stored (the next page finds it, however
// soon it comes), says when the store refused it, and a failing operation
// changes and saves nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { serveFileOp } from './file-ops.ts';
import { bootMachine, manualPersistence, nextPage, WS, wsText } from '../testing/machine.ts';

afterEach(() => { vi.restoreAllMocks(); });

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the editor\'s file operations', () => {
  it('answer a change once it is stored: the next page has it', async () => {
    const factory = new IDBFactory();
    const m = await bootMachine();
    // The worker's own schedule would save in an hour: only the answer's flush stores it.
    const { p } = await manualPersistence(factory, m);
    let heard = 0;
    const changed = (): void => { heard++; p.changed(); };
    expect(await serveFileOp(m.fs, WS, { op: 'mkdir', path: 'app' }, p, changed)).toEqual({ stored: true });
    expect(await serveFileOp(m.fs, WS, { op: 'write', path: 'app/Dockerfile', data: enc('FROM busybox\n') }, p, changed)).toEqual({ stored: true });
    let next = (await nextPage(factory)).machine;
    expect(wsText(next, 'app/Dockerfile')).toBe('FROM busybox\n');
    expect(next.fs.statSync(`${WS}/app/Dockerfile`).uid).toBe(1000);
    expect(await serveFileOp(m.fs, WS, { op: 'rename', from: 'app/Dockerfile', to: 'app/Containerfile' }, p, changed)).toEqual({ stored: true });
    next = (await nextPage(factory)).machine;
    expect([wsText(next, 'app/Dockerfile'), wsText(next, 'app/Containerfile')]).toEqual([null, 'FROM busybox\n']);
    expect(await serveFileOp(m.fs, WS, { op: 'delete', path: 'app' }, p, changed)).toEqual({ stored: true });
    expect(wsText((await nextPage(factory)).machine, 'app/Containerfile')).toBeNull();
    expect(heard).toBe(4);
    const read = await serveFileOp(m.fs, WS, { op: 'read', path: '/.bashrc' }, p, changed).catch((e: Error) => e.message);
    expect(read).toMatch(/ENOENT/);
    expect(heard).toBe(4);
  });

  it('say when the browser did not store a change (the file is written all the same)', async () => {
    const factory = new IDBFactory();
    const m = await bootMachine();
    const { p, reports } = await manualPersistence(factory, m);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => { throw new DOMException('', 'QuotaExceededError'); });
    expect(await serveFileOp(m.fs, WS, { op: 'write', path: 'a.txt', data: enc('a') }, p, () => p.changed())).toEqual({ stored: false });
    expect(wsText(m, 'a.txt')).toBe('a');
    expect(reports).toEqual(['quota']);
  });

  it('a failing operation changes nothing and saves nothing', async () => {
    const m = await bootMachine();
    const flush = vi.fn(async () => true);
    const changed = vi.fn();
    await expect(serveFileOp(m.fs, WS, { op: 'rename', from: 'nope', to: 'x' }, { flush }, changed)).rejects.toThrow(/ENOENT/);
    await expect(serveFileOp(m.fs, WS, { op: 'write', path: 'no/such/dir/f', data: enc('x') }, { flush }, changed)).rejects.toThrow(/ENOENT/);
    expect(flush).not.toHaveBeenCalled();
    expect(changed).not.toHaveBeenCalled();
  });
});
