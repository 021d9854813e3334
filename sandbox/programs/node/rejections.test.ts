// QuickJS's promise rejection tracker, set from the engine: it finds the
// field in this build's runtime, and reports what V8 reports to Node — a
// promise rejected with no handler (async functions' included) and a handler
// added to one afterwards — with the promise and the reason held for the guest.
import { describe, expect, it } from 'vitest';
import { RejectionTracker, type RejectionEvent } from './rejections.ts';
import { startVM, takeSnapshot, type GuestVM } from './snapshot.ts';

function run(vm: GuestVM, code: string): void {
  vm.context.unwrapResult(vm.context.evalCode(code)).dispose();
  vm.runtime.executePendingJobs();
}

/** Events as [handled, the promise's tag, the reason] (each promise gets a tag when it is first seen). */
function describeEvents(vm: GuestVM, events: RejectionEvent[]): unknown[] {
  return events.map((event) => {
    vm.context.setProp(vm.context.global, '__p', event[1]);
    const tag = vm.context.dump(vm.context.unwrapResult(vm.context.evalCode('__p.tag ??= "p" + (globalThis.__n = (globalThis.__n ?? 0) + 1)')));
    const described = [event[0], tag, event[0] ? null : vm.context.dump(event[2])];
    for (const h of event.slice(1) as Array<{ dispose(): void }>) h.dispose();
    return described;
  });
}

async function tracked(snapshot: Awaited<ReturnType<typeof takeSnapshot>> = null): Promise<{ vm: GuestVM; tracker: RejectionTracker }> {
  const vm = await startVM(64 * 1024 * 1024, snapshot);
  const tracker = RejectionTracker.attach(vm, () => vm.runtime.setInterruptHandler(() => false));
  if (!tracker) throw new Error('no tracker on this build');
  return { vm, tracker };
}

describe('the promise rejection tracker', () => {
  it('reports a rejection with no handler, and a handler added later', async () => {
    const { vm, tracker } = await tracked();
    run(vm, "globalThis.p = Promise.reject(new Error('boom')); 0");
    expect(tracker.pending).toBe(true);
    const first = tracker.take();
    expect(first.length).toBe(1);
    expect(first[0]![0]).toBe(false);
    expect(vm.context.dump(first[0]![2]!)).toMatchObject({ message: 'boom' });
    run(vm, 'p.catch(() => {}); 0');
    const later = tracker.take();
    expect(later.length).toBe(1);
    expect(later[0]![0]).toBe(true);
    expect(vm.context.eq(first[0]![1], later[0]![1])).toBe(true);
    for (const e of [...first, ...later]) for (const h of e.slice(1) as Array<{ dispose(): void }>) h.dispose();
    tracker.dispose();
  });

  it('sees an async function\'s rejected promise, and nothing for promises handled in time', async () => {
    const { vm, tracker } = await tracked();
    run(vm, "(async () => { throw 'from async'; })(); Promise.reject(1).catch(() => {}); Promise.resolve(2).then(() => {}); 0");
    expect(describeEvents(vm, tracker.take())).toEqual([[false, 'p1', 'from async'], [false, 'p2', 1], [true, 'p2', null]]);
    tracker.dispose();
  });

  it('works on a runtime restored from the built-ins\' snapshot, and forgets what the engine settles itself', async () => {
    const snapshot = await takeSnapshot(() => {});
    const { vm, tracker } = await tracked(snapshot);
    expect(vm.restored).toBe(true);
    run(vm, "globalThis.e = new Error('x'); Promise.reject(e); Promise.reject(new Error('y')); 0");
    const error = vm.context.unwrapResult(vm.context.evalCode('e'));
    tracker.forget((reason) => vm.context.eq(reason, error));
    error.dispose();
    expect(describeEvents(vm, tracker.take()).map((e) => [(e as unknown[])[0], ((e as unknown[])[2] as { message: string }).message])).toEqual([[false, 'y']]);
    tracker.dispose();
    run(vm, 'Promise.reject(3); 0');
    expect(tracker.pending).toBe(false);
  });
});
