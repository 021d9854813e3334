// The save schedule: a quiet moment after a change, never later than the
// cap under a stream of changes, one save at a time (a change during a save
// brings one more), failures reported once per streak.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Saver } from './saver.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

function saverWith(save: () => Promise<void> = async () => {}) {
  const calls: number[] = [];
  const errors: unknown[] = [];
  let recovered = 0;
  const saver = new Saver({
    delayMs: 100, maxDelayMs: 500,
    save: async () => { calls.push(Date.now()); await save(); },
    onError: (e) => errors.push(e),
    onRecovered: () => { recovered++; },
  });
  return { saver, calls, errors, recovered: () => recovered };
}

describe('the machine saver', () => {
  it('saves once after a quiet moment', async () => {
    const { saver, calls } = saverWith();
    saver.changed(); saver.changed();
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
  });

  it('does not let a stream of changes hold the save back past the cap', async () => {
    const { saver, calls } = saverWith();
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) { saver.changed(); await vi.advanceTimersByTimeAsync(50); }
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]! - t0).toBeLessThanOrEqual(500);
  });

  it('is not starved by changes that come faster than its timer can fire', async () => {
    // A busy browser worker: timers wait at least 4 ms; terminal output brings a change every 1 ms.
    const fake = globalThis.setTimeout;
    vi.stubGlobal('setTimeout', ((fn: () => void, ms?: number) => fake(fn, Math.max(4, ms ?? 0))) as typeof setTimeout);
    const { saver, calls } = saverWith();
    for (let i = 0; i < 700 && calls.length === 0; i++) { saver.changed(); await vi.advanceTimersByTimeAsync(1); }
    vi.unstubAllGlobals();
    expect(calls).toHaveLength(1);
  });

  it('runs one save at a time; a change during a save brings one more after it', async () => {
    let release: () => void = () => {};
    let active = 0;
    let most = 0;
    const { saver, calls } = saverWith(() => new Promise<void>((r) => { active++; most = Math.max(most, active); release = () => { active--; r(); }; }));
    saver.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    saver.changed(); saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    expect(most).toBe(1);
  });

  it('reports a failure once per streak, and when saving works again', async () => {
    let fail = true;
    const { saver, errors, recovered } = saverWith(async () => { if (fail) throw new Error('full'); });
    for (let i = 0; i < 3; i++) { saver.changed(); await vi.advanceTimersByTimeAsync(100); }
    expect(errors).toHaveLength(1);
    fail = false;
    saver.changed(); await vi.advanceTimersByTimeAsync(100);
    expect(recovered()).toBe(1);
    fail = true;
    saver.changed(); await vi.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(2);
  });

  it('flush saves now and says whether it is all stored; stop waits for the save in progress and saves no more', async () => {
    let fail = false;
    const { saver, calls } = saverWith(async () => { if (fail) throw new Error('full'); });
    saver.changed();
    expect(await saver.flush()).toBe(true);
    expect(calls).toHaveLength(1);
    fail = true;
    saver.changed();
    expect(await saver.flush()).toBe(false);
    fail = false;
    // Nothing changed since the failure, yet it is not stored: still false until a save works.
    expect(await saver.flush()).toBe(false);
    saver.changed();
    expect(await saver.flush()).toBe(true);
    expect(calls).toHaveLength(3);
    await saver.stop();
    expect(await saver.flush()).toBe(false);
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(3);
  });
});
