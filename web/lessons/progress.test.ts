// The progress format: grading results become points that stay earned, a
// lesson completes once (with its date), checks a lesson no longer has stop
// counting; stored records are read back whole, salvaged when partly
// unreadable, and left untouched when a newer page wrote them; a save cut
// short leaves the record before it, and a newer page upgrading the
// database is not held up.
import { describe, expect, it, vi } from 'vitest';
import { IDBDatabase, IDBFactory } from 'fake-indexeddb';
import type { CheckResult } from '../../lessons/index.ts';
import { emptyProgress, forget, hashText, noteWritten, PROGRESS_FORMAT, readProgress, recordResults, scoreOf, started } from './progress.ts';
import { openProgressStore } from './progress-store.ts';

const SPECS = [{ id: 'a', step: 'one', points: 10 }, { id: 'b', step: 'two', points: 5 }];
const result = (id: string, passed: boolean, hint: string | null = passed ? null : 'missing'): CheckResult => {
  const spec = SPECS.find((s) => s.id === id)!;
  return { id, step: spec.step, points: spec.points, earned: passed ? spec.points : 0, passed, title: { es: id, en: id }, message: { es: '…', en: '…' }, hint, error: null };
};

describe('progress', () => {
  it('keeps points once earned, counts tries and completes the lesson once', () => {
    let p = started(emptyProgress(), 'l', '2026-01-01T10:00:00.000Z');
    let r = recordResults(p, 'l', [result('a', false)], SPECS, '2026-01-01T10:01:00.000Z');
    expect(r.lesson.checks).toEqual([{ id: 'a', step: 'one', points: 10, earned: 0, passedAt: null, attempts: 1, last: { at: '2026-01-01T10:01:00.000Z', passed: false, hint: 'missing', error: null } }]);
    r = recordResults(r.progress, 'l', [result('a', true)], SPECS, '2026-01-01T10:02:00.000Z');
    expect([scoreOf(r.lesson), r.lesson.total, r.completedNow]).toEqual([10, 15, false]);
    // A later failure (a later step undid it) keeps the points; the latest result says it failed.
    r = recordResults(r.progress, 'l', [result('a', false), result('b', true)], SPECS, '2026-01-01T10:03:00.000Z');
    expect(r.lesson.checks[0]).toMatchObject({ earned: 10, passedAt: '2026-01-01T10:02:00.000Z', attempts: 3, last: { passed: false } });
    expect([scoreOf(r.lesson), r.completedNow, r.lesson.completedAt]).toEqual([15, true, '2026-01-01T10:03:00.000Z']);
    r = recordResults(r.progress, 'l', [result('b', true)], SPECS, '2026-01-01T10:04:00.000Z');
    expect([r.completedNow, r.lesson.completedAt, r.lesson.startedAt]).toEqual([false, '2026-01-01T10:03:00.000Z', '2026-01-01T10:00:00.000Z']);
    // A check the lesson no longer has stops counting.
    r = recordResults(r.progress, 'l', [], [SPECS[1]!], '2026-01-01T10:05:00.000Z');
    expect([scoreOf(r.lesson), r.lesson.total, r.lesson.checks.map((c) => c.id)]).toEqual([5, 5, ['b']]);
    p = forget(r.progress, 'l');
    expect(p.lessons).toEqual([]);
  });

  it('reads its own format back, salvages what it can of a damaged record and leaves a newer one alone', () => {
    const r = recordResults(started(emptyProgress(), 'l', '2026-01-01T10:00:00.000Z'), 'l', [result('a', true)], SPECS, '2026-01-01T10:01:00.000Z');
    const p = noteWritten({ ...r.progress, recorded: { commands: ['docker ps'], lastBuild: null } }, [['Dockerfile', hashText('FROM x\n')]]);
    expect(readProgress(JSON.parse(JSON.stringify(p)))).toEqual({ progress: p, problem: null });
    expect(readProgress(undefined)).toEqual({ progress: emptyProgress(), problem: null });
    expect(readProgress('garbage').problem).toBe('invalid');
    expect(readProgress({ format: PROGRESS_FORMAT + 1, lessons: [] }).problem).toBe('newer');
    const damaged = readProgress({ ...p, lessons: [...p.lessons, { lesson: 42 }, { ...p.lessons[0], checks: [{ id: 'x' }, ...p.lessons[0]!.checks] }], written: [['ok', 'h'], 7] });
    expect(damaged.problem).toBe('invalid');
    expect(damaged.progress.lessons).toEqual(p.lessons);
    expect(damaged.progress.written).toEqual([['ok', 'h']]);
    expect(hashText('a')).not.toBe(hashText('b'));
    expect(hashText('FROM x\n')).toMatch(/^[0-9a-f]{14}$/);
  });

  it('is saved in IndexedDB, and a record from a newer page is never written over', async () => {
    const factory = new IDBFactory();
    const errors: unknown[] = [];
    const store = await openProgressStore(factory, (e) => errors.push(e), { delayMs: 0 });
    const next = started(emptyProgress(), 'l', '2026-01-01T10:00:00.000Z');
    store.set(next);
    await store.flush();
    expect((await openProgressStore(factory, () => {})).progress).toEqual(next);
    // A newer page's record: read as nothing, kept as it is.
    const db = await new Promise<IDBDatabase>((resolve) => { const o = factory.open('docker-playground-lessons', 1); o.onsuccess = () => resolve(o.result); });
    const newer = { format: PROGRESS_FORMAT + 1, something: 'else' };
    await new Promise((resolve) => { const tx = db.transaction('progress', 'readwrite'); tx.objectStore('progress').put(newer, 'course'); tx.oncomplete = resolve; });
    const held = await openProgressStore(factory, () => {}, { delayMs: 0 });
    expect(held.problem).toBe('newer');
    held.set(next);
    await held.flush();
    const stored = await new Promise((resolve) => { const g = db.transaction('progress').objectStore('progress').get('course'); g.onsuccess = () => resolve(g.result); });
    expect(stored).toEqual(newer);
    expect(errors).toEqual([]);
  });

  it('a save cut short leaves the record before it; a newer page upgrading the database is not held up', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore(factory, () => {}, { delayMs: 0 });
    const first = started(emptyProgress(), 'l', '2026-01-01T10:00:00.000Z');
    store.set(first);
    await store.flush();
    // The tab dies while the next record is being written (the transaction never commits).
    const real = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = real.apply(this, args);
      if (args[1] === 'readwrite') queueMicrotask(() => tx.abort());
      return tx;
    });
    store.set(started(first, 'm', '2026-01-02T10:00:00.000Z'));
    await store.flush();
    spy.mockRestore();
    expect((await openProgressStore(factory, () => {})).progress).toEqual(first);
    // A newer page opens the database at a later version: this one closes its connection and saves no more.
    const newer = factory.open('docker-playground-lessons', 2);
    const db = await new Promise<IDBDatabase>((resolve) => { newer.onsuccess = () => resolve(newer.result); });
    store.set(started(first, 'n', '2026-01-03T10:00:00.000Z'));
    await store.flush();
    const g = db.transaction('progress').objectStore('progress').get('course');
    expect(await new Promise((resolve) => { g.onsuccess = () => resolve(g.result); })).toEqual(first);
    db.close();
  });

  it('two tabs: neither save loses the points the other earned; a lesson started over in one tab stays started over', async () => {
    const factory = new IDBFactory();
    const a = await openProgressStore(factory, () => {}, { delayMs: 0 });
    const b = await openProgressStore(factory, () => {}, { delayMs: 0 });
    a.set(recordResults(a.progress, 'l', [result('a', true)], SPECS, '2026-01-01T10:00:00.000Z').progress);
    await a.flush();
    // Tab b never saw a's record: it earns the other check and saves.
    b.set(recordResults(b.progress, 'l', [result('a', false), result('b', true)], SPECS, '2026-01-01T10:01:00.000Z').progress);
    await b.flush();
    let next = (await openProgressStore(factory, () => {})).progress.lessons[0]!;
    expect(next.checks.map((c) => [c.id, c.earned, c.attempts, c.last.passed])).toEqual([['a', 10, 1, false], ['b', 5, 1, true]]);
    expect(scoreOf(next)).toBe(15);
    // Started over in tab a: its save does not take b's points back.
    a.set(forget(a.progress, 'l'));
    await a.flush();
    expect((await openProgressStore(factory, () => {})).progress.lessons).toEqual([]);
    // A lesson only the other tab has is kept.
    b.set(recordResults(forget(b.progress, 'l'), 'other', [result('a', true)], SPECS, '2026-01-01T10:02:00.000Z').progress);
    await b.flush();
    a.set(started(a.progress, 'third', '2026-01-01T10:03:00.000Z'));
    await a.flush();
    next = (await openProgressStore(factory, () => {})).progress.lessons.find((l) => l.lesson === 'other')!;
    expect(scoreOf(next)).toBe(10);
  });
});
