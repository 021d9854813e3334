import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoSaver, SAVE_DELAY_MS, type SaveNotice, type SaveState, type TextIo } from './autosave.ts';
import type { WorkspaceEntry } from '../engine/protocol.ts';

/** A workspace of one file whose writes can be made to fail or to wait. */
function fakeDisk(initial: string) {
  const disk = { text: initial as string | null, mtime: 1, writes: [] as string[], fail: null as string | null, hold: null as Promise<void> | null };
  const io: TextIo = {
    read: async () => { if (disk.text === null) throw new Error('ENOENT'); return disk.text; },
    write: async (_path, text) => {
      if (disk.hold) await disk.hold;
      if (disk.fail) throw new Error(disk.fail);
      disk.text = text; disk.mtime++; disk.writes.push(text);
    },
  };
  const listing = (path = 'Dockerfile'): WorkspaceEntry[] => (disk.text === null ? [] : [{ path, type: 'file', size: disk.text.length, mtimeMs: disk.mtime }]);
  /** Someone else (the shell) writes the file. */
  const external = (text: string): void => { disk.text = text; disk.mtime++; };
  return { disk, io, listing, external };
}

function setup(initial = 'FROM alpine\n') {
  const f = fakeDisk(initial);
  const states: SaveState['kind'][] = [];
  const notices: SaveNotice[] = [];
  const reloads: string[] = [];
  const saver = new AutoSaver({
    path: 'Dockerfile', text: initial, stat: f.listing()[0], io: f.io,
    onState: (s) => states.push(s.kind), onReload: (t) => reloads.push(t), onNotice: (n) => notices.push(n),
  });
  return { ...f, saver, states, notices, reloads };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('AutoSaver: debounced saving', () => {
  it('writes once, ~300 ms after the last keystroke, and reports saving → saved', async () => {
    const s = setup();
    s.saver.edited('FROM alpine\nR');
    await vi.advanceTimersByTimeAsync(200);
    s.saver.edited('FROM alpine\nRU');
    await vi.advanceTimersByTimeAsync(200);
    s.saver.edited('FROM alpine\nRUN');
    expect(s.disk.writes).toEqual([]);
    expect(s.saver.state.kind).toBe('saving');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.disk.writes).toEqual(['FROM alpine\nRUN']);
    expect(s.saver.state.kind).toBe('saved');
    expect(s.states).toEqual(['saving', 'saved']);
  });

  it('writes nothing when the text goes back to what is on disk', async () => {
    const s = setup('a');
    s.saver.edited('ab');
    s.saver.edited('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.disk.writes).toEqual([]);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('saves what was typed during a write right after it', async () => {
    const s = setup('a');
    let release!: () => void;
    s.disk.hold = new Promise((r) => { release = r; });
    s.saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    s.saver.edited('abc');
    s.disk.hold = null;
    release();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.disk.writes).toEqual(['ab', 'abc']);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('flush() saves at once and says whether the workspace holds the buffer', async () => {
    const s = setup('a');
    s.saver.edited('ab');
    expect(await s.saver.flush()).toBe(true);
    expect(s.disk.writes).toEqual(['ab']);
    s.disk.fail = 'disk full';
    s.saver.edited('abc');
    expect(await s.saver.flush()).toBe(false);
  });
});

describe('AutoSaver: a failed save never loses the buffer', () => {
  it('reports the error, keeps the text, and saves it on retry', async () => {
    const s = setup('a');
    s.disk.fail = 'EROFS: read-only file system';
    s.saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.saver.state).toEqual({ kind: 'error', message: 'EROFS: read-only file system' });
    expect(s.saver.dirty).toBe(true);
    // No retry loop on its own.
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.disk.writes).toEqual([]);
    s.disk.fail = null;
    s.saver.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.disk.writes).toEqual(['ab']);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('tries again with the next keystroke', async () => {
    const s = setup('a');
    s.disk.fail = 'ENOSPC';
    s.saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    s.disk.fail = null;
    s.saver.edited('abc');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.disk.writes).toEqual(['abc']);
    expect(s.saver.state.kind).toBe('saved');
  });
});

describe('AutoSaver: changes made underneath', () => {
  it('reloads a buffer without edits when the file changes on disk', async () => {
    const s = setup('FROM alpine\n');
    s.external('FROM nginx\n');
    s.saver.observe(s.listing());
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reloads).toEqual(['FROM nginx\n']);
    expect(s.notices).toEqual(['reloaded']);
    // The editor then reports the reloaded text as an edit: nothing to save.
    s.saver.edited('FROM nginx\n');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.disk.writes).toEqual([]);
  });

  it('ignores listings where the file is unchanged, and its own writes', async () => {
    const s = setup('a');
    s.saver.observe(s.listing());
    s.saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    s.saver.observe(s.listing()); // the listing after our own write: new mtime, same text
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reloads).toEqual([]);
    expect(s.notices).toEqual([]);
  });

  it('keeps unsaved typing over a change underneath, and saves it over the change', async () => {
    const s = setup('a');
    s.saver.edited('a-mine');
    s.external('theirs');
    s.saver.observe(s.listing());
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(s.reloads).toEqual([]);
    expect(s.notices).toEqual(['kept-yours']);
    expect(s.disk.text).toBe('a-mine');
  });

  it('checks again after a write when a change arrives during it', async () => {
    const s = setup('a');
    let release!: () => void;
    s.disk.hold = new Promise((r) => { release = r; });
    s.saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    s.saver.observe([{ path: 'Dockerfile', type: 'file', size: 99, mtimeMs: 99 }]);
    s.disk.hold = null;
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reloads).toEqual([]);
    expect(s.saver.state.kind).toBe('saved');
    expect(s.disk.text).toBe('ab');
  });

  it('recreates a deleted file through io.create (which makes its folder again)', async () => {
    const s = setup('a');
    const created: string[] = [];
    const saver = new AutoSaver({
      path: 'site/index.html', text: 'a', stat: { size: 1, mtimeMs: 1 }, onState: () => {}, onReload: () => {},
      io: { ...s.io, create: async (p, t) => { created.push(`${p}:${t}`); } },
    });
    saver.edited('ab');
    saver.observe([]);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(created).toEqual(['site/index.html:ab']);
  });

  it('says the file was deleted; with edits, keeps them and creates the file again', async () => {
    const clean = setup('a');
    clean.disk.text = null;
    clean.saver.observe(clean.listing());
    expect(clean.notices).toEqual(['deleted']);

    const edited = setup('a');
    edited.saver.edited('ab');
    edited.disk.text = null;
    edited.saver.observe(edited.listing());
    expect(edited.notices).toEqual(['deleted-kept']);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(edited.disk.text).toBe('ab');
  });

  it('saves under the new name after a rename, and stops after dispose', async () => {
    const s = setup('a');
    const paths: string[] = [];
    const io = s.io;
    const saver = new AutoSaver({ path: 'a.txt', text: 'a', io: { read: io.read, write: async (p, t) => { paths.push(p); await io.write(p, t); } }, onState: () => {}, onReload: () => {} });
    saver.renamed('b.txt');
    saver.edited('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saver.edited('abc');
    saver.dispose();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(paths).toEqual(['b.txt']);
  });
});
