// QuickJS runtimes restored from a snapshot: what the snapshot's runtime
// held is there (compiled functions included), each restored runtime is
// its own (memory, Math.random), a snapshot that does not match a fresh
// instance is not used, and the memory's maximum bounds what QuickJS gets.
import { describe, expect, it } from 'vitest';
import { startVM, takeSnapshot, type GuestVM } from './snapshot.ts';

const evalIn = (vm: GuestVM, code: string): unknown => {
  const r = vm.context.evalCode(code);
  if (r.error) {
    const e = vm.context.dump(r.error);
    r.error.dispose();
    return { error: e };
  }
  const v = vm.context.dump(r.value);
  r.value.dispose();
  return v;
};

describe('QuickJS snapshots', () => {
  it('a restored runtime has the compiled functions the snapshot was taken with, in memory of its own', async () => {
    const snapshot = await takeSnapshot((ctx) => {
      const fn = ctx.unwrapResult(ctx.evalCode('globalThis.kept = { add: (a, b) => a + b, list: [1, 2, 3] }; 0'));
      fn.dispose();
    });
    expect(snapshot).not.toBeNull();
    const a = await startVM(64 * 1024 * 1024, snapshot);
    const b = await startVM(64 * 1024 * 1024, snapshot);
    expect(a.restored && b.restored).toBe(true);
    expect(evalIn(a, 'kept.add(2, 3) + kept.list.length')).toBe(8);
    evalIn(a, 'kept.list.push(4); globalThis.mine = 1');
    expect(evalIn(b, 'kept.list.length + typeof globalThis.mine')).toBe('3undefined');
    expect(a.memory).not.toBe(b.memory);
  });

  it('every restored runtime draws its own Math.random sequence', async () => {
    const snapshot = await takeSnapshot(() => {});
    const draws = await Promise.all([0, 1, 2].map(async () => evalIn(await startVM(64 * 1024 * 1024, snapshot), '[Math.random(), Math.random()].join()')));
    expect(new Set(draws).size).toBe(3);
  });

  it('a snapshot that does not match a fresh instance is not used', async () => {
    const snapshot = await takeSnapshot((ctx) => ctx.unwrapResult(ctx.evalCode('globalThis.kept = 1')).dispose());
    const vm = await startVM(64 * 1024 * 1024, { ...snapshot!, ctx: snapshot!.ctx + 8 });
    expect(vm.restored).toBe(false);
    expect(evalIn(vm, 'typeof kept')).toBe('undefined');
  });

  it('the memory\'s maximum bounds what QuickJS can allocate, typed arrays and strings included', async () => {
    const vm = await startVM(32 * 1024 * 1024, await takeSnapshot(() => {}));
    expect(evalIn(vm, 'new Uint8Array(8 * 1024 * 1024).length')).toBe(8 * 1024 * 1024);
    expect(evalIn(vm, 'new Uint8Array(40 * 1024 * 1024).length')).toMatchObject({ error: { message: 'out of memory' } });
    expect(evalIn(vm, "'x'.repeat(40 * 1024 * 1024).length")).toMatchObject({ error: { message: 'out of memory' } });
    expect(vm.memory.buffer.byteLength).toBeLessThanOrEqual(32 * 1024 * 1024);
    // Still usable below its bound.
    expect(evalIn(vm, "'ok'")).toBe('ok');
  });
});
