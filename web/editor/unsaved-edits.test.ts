// The editor's journal of edits not yet stored: what the AutoSaver keeps
// and drops as writes go out and are stored, what it stashes when the page
// goes away, and how the next page puts each kept text back — onto the text
// it was typed over, or beside a file that changed since, never over it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoSaver, type TextIo } from './autosave.ts';
import { journalKey, recoverEdits, storageJournal, type RecoveryIo } from './unsaved-edits.ts';

/** localStorage as a Map (and one that refuses writes, as a full one does). */
function memoryStorage(opts: { full?: boolean } = {}) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => { if (opts.full) throw new DOMException('full', 'QuotaExceededError'); items.set(k, v); },
    removeItem: (k: string) => { items.delete(k); },
  };
}

/** A workspace of text files; writes can be held (the worker still saving) or say the browser did not store them. */
function disk(files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  const state = { hold: null as Promise<void> | null, stored: true, fail: null as string | null };
  const io: RecoveryIo & TextIo = {
    read: async (p) => map.get(p) ?? null as unknown as string,
    write: async (p, t) => {
      if (state.hold) await state.hold;
      if (state.fail) throw new Error(state.fail);
      map.set(p, t);
      return { stored: state.stored };
    },
  };
  return { map, state, io };
}

const KEY = journalKey('docker-playground');

describe('the journal of unsaved edits', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('keeps a text from the moment its write goes out until the worker says it is stored', async () => {
    const storage = memoryStorage();
    const journal = storageJournal(storage, KEY);
    const d = disk({ Dockerfile: 'FROM alpine\n' });
    let release = (): void => {};
    d.state.hold = new Promise((r) => { release = r; });
    const saver = new AutoSaver({ path: 'Dockerfile', text: 'FROM alpine\n', io: d.io, journal, onState: () => {}, onReload: () => {} });
    saver.edited('FROM alpine\nRUN apk add curl\n');
    expect(journal.entries()).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    // Written, not yet stored: a reload now would find it in the journal.
    expect(journal.entries().map((e) => e.text)).toEqual(['FROM alpine\nRUN apk add curl\n']);
    expect(saver.state.kind).toBe('saving');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.kind).toBe('saved');
    expect(journal.entries()).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it('stash keeps the buffer as typed (before its write), and a later stored write does not drop it', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    const d = disk({ 'app.js': 'a' });
    const saver = new AutoSaver({ path: 'app.js', text: 'a', io: d.io, journal, onState: () => {}, onReload: () => {} });
    saver.edited('ab');
    await vi.advanceTimersByTimeAsync(300);
    expect(journal.entries()).toEqual([]);
    saver.edited('abc');
    // The page is hidden before the pause is over.
    saver.stash();
    expect(journal.entries().map((e) => e.text)).toEqual(['abc']);
    await saver.flush();
    expect(d.map.get('app.js')).toBe('abc');
    expect(journal.entries()).toEqual([]);
    // Nothing unsaved: stash keeps nothing.
    saver.stash();
    expect(journal.entries()).toEqual([]);
  });

  it('keeps the text when the browser could not store it (a full disk), or the write failed', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    const d = disk({ f: '1' });
    d.state.stored = false;
    const saver = new AutoSaver({ path: 'f', text: '1', io: d.io, journal, onState: () => {}, onReload: () => {} });
    saver.edited('12');
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state.kind).toBe('saved');
    expect(journal.entries().map((e) => e.text)).toEqual(['12']);
    d.state.stored = true;
    d.state.fail = 'EIO';
    saver.edited('123');
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state.kind).toBe('error');
    expect(journal.entries().map((e) => e.text)).toEqual(['123']);
  });

  it('a full or missing localStorage keeps nothing and breaks nothing', async () => {
    for (const storage of [memoryStorage({ full: true }), null]) {
      const journal = storageJournal(storage, KEY);
      const d = disk({ f: '1' });
      const saver = new AutoSaver({ path: 'f', text: '1', io: d.io, journal, onState: () => {}, onReload: () => {} });
      saver.edited('12');
      saver.stash();
      await vi.advanceTimersByTimeAsync(300);
      expect(d.map.get('f')).toBe('12');
      expect(journal.entries()).toEqual([]);
    }
  });

  it('ignores what it cannot read: another version, damaged JSON, week-old entries', () => {
    const storage = memoryStorage();
    let now = 1_000_000_000;
    const journal = storageJournal(storage, KEY, () => now);
    storage.setItem(KEY, '{"v":2,"entries":[]}');
    expect(journal.entries()).toEqual([]);
    storage.setItem(KEY, '{not json');
    expect(journal.entries()).toEqual([]);
    journal.keep('a', ['x'], 'y');
    expect(journal.entries()).toHaveLength(1);
    now += 8 * 24 * 3600_000;
    expect(journal.entries()).toEqual([]);
  });
});

describe('recovering kept edits', () => {
  it('puts a text back onto the file it was typed over, and forgets it', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    journal.keep('Dockerfile', ['FROM alpine\n'], 'FROM alpine\nRUN true\n');
    const d = disk({ Dockerfile: 'FROM alpine\n' });
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'Dockerfile', outcome: 'restored' }]);
    expect(d.map.get('Dockerfile')).toBe('FROM alpine\nRUN true\n');
    expect(journal.entries()).toEqual([]);
  });

  it('takes any of its bases: the file as stored, or the text a write in flight was storing', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    journal.keep('a', ['one', 'two'], 'three');
    journal.keep('new.txt', [null], 'created');
    const d = disk({ a: 'two' });
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'a', outcome: 'restored' }, { path: 'new.txt', outcome: 'restored' }]);
    expect([d.map.get('a'), d.map.get('new.txt')]).toEqual(['three', 'created']);
  });

  it('a file that already holds the text is left alone', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    journal.keep('a', ['old'], 'new');
    const d = disk({ a: 'new' });
    const write = vi.spyOn(d.io, 'write');
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'a', outcome: 'stored' }]);
    expect(write).not.toHaveBeenCalled();
    expect(journal.entries()).toEqual([]);
  });

  it('a file changed since (another tab saved it) is not overwritten: the text goes beside it', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    journal.keep('app/server.js', ['v1'], 'mine');
    journal.keep('gone.txt', ['was here'], 'still mine');
    const d = disk({ 'app/server.js': 'theirs', 'app/server.js.unsaved': 'an older copy' });
    expect(await recoverEdits(journal, d.io)).toEqual([
      { path: 'app/server.js', outcome: 'copied', copy: 'app/server.js.unsaved-2' },
      { path: 'gone.txt', outcome: 'copied', copy: 'gone.txt.unsaved' },
    ]);
    expect(Object.fromEntries(d.map)).toEqual({ 'app/server.js': 'theirs', 'app/server.js.unsaved': 'an older copy', 'app/server.js.unsaved-2': 'mine', 'gone.txt.unsaved': 'still mine' });
  });

  it('keeps an edit it could not put back, or that the browser did not store, for the next page', async () => {
    const journal = storageJournal(memoryStorage(), KEY);
    journal.keep('a', ['old'], 'new');
    const d = disk({ a: 'old' });
    d.state.fail = 'the engine is gone';
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'a', outcome: 'failed', message: 'the engine is gone' }]);
    d.state.fail = null;
    d.state.stored = false;
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'a', outcome: 'restored' }]);
    expect(journal.entries()).toHaveLength(1);
    d.state.stored = true;
    expect(await recoverEdits(journal, d.io)).toEqual([{ path: 'a', outcome: 'stored' }]);
    expect(journal.entries()).toEqual([]);
  });

  it('each machine has its own journal, and clear forgets one', () => {
    const storage = memoryStorage();
    const page = storageJournal(storage, journalKey('docker-playground'));
    const embed = storageJournal(storage, journalKey('docker-playground-embed-05-layers'));
    page.keep('a', [''], 'page');
    embed.keep('a', [''], 'embed');
    page.clear();
    expect(page.entries()).toEqual([]);
    expect(embed.entries().map((e) => e.text)).toEqual(['embed']);
  });
});
