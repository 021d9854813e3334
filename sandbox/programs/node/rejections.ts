// What V8 tells Node about promises (its PromiseRejectCallback), from
// QuickJS: the runtime's promise rejection tracker, called when a promise is
// rejected with no handler (is_handled 0) and when a handler is added to such
// a promise later (1) — async functions' promises included, which no
// JavaScript-level hook could see. quickjs-emscripten has no API for it, so
// the tracker is set in the runtime's structure itself: a function of ours
// in the instance's table (quickjs-wasm.ts), its index written where
// JS_SetHostPromiseRejectionTracker would write it.
//
// That field is found, not assumed: QuickJS's JSRuntime holds, in this
// order, interrupt_handler, interrupt_opaque, host_promise_rejection_tracker,
// its opaque, then job_list (an empty list's two pointers point at itself).
// Enabling quickjs-emscripten's interrupt handler writes the first; the word
// that changes locates the rest, and the empty list confirms it. Another
// build laid out otherwise is left alone (no tracker: rejections go
// unreported, as before).
//
// Events are kept (the promise and reason held) until the guest takes them
// between turns, where Node processes its rejections (lib/internal/promises.js).
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { addTrackerFunction } from './quickjs-wasm.ts';

/** A rejection with no handler (the promise, the reason), or a handler added to one. */
export type RejectionEvent = [handled: false, promise: QuickJSHandle, reason: QuickJSHandle] | [handled: true, promise: QuickJSHandle];

/** How much of the runtime's structure is looked at. */
const RUNTIME_SCAN = 1024;

/** The tracker's offset in JSRuntime, once found in this thread (null: not this layout). */
let trackerOffset: number | null | undefined;

interface ContextInternals {
  ctx: { value: number };
  ffi: { QTS_DupValuePointer(ctx: number, value: number): number };
  module: { _malloc(size: number): number; _free(ptr: number): void };
  memory: { heapValueHandle(ptr: number): QuickJSHandle };
}

export class RejectionTracker {
  private events: RejectionEvent[] = [];
  /** Where a JSValue passed to the tracker is put to be duplicated (8 bytes of the guest's heap). */
  private readonly scratch: number;
  private readonly internals: ContextInternals;

  /**
   * Sets a tracker on `rt` (whose interrupt handler `enableInterrupt` turns
   * on: the landmark that finds the field); null when this QuickJS is not
   * laid out as expected.
   */
  static attach(vm: { memory: WebAssembly.Memory; table: WebAssembly.Table; runtime: QuickJSRuntime; context: QuickJSContext }, enableInterrupt: () => void): RejectionTracker | null {
    const rt = (vm.runtime as unknown as { rt: { value: number } }).rt.value;
    const words = (): Uint32Array => new Uint32Array(vm.memory.buffer.slice(rt, rt + RUNTIME_SCAN));
    const before = trackerOffset === undefined ? words() : null;
    enableInterrupt();
    if (before) trackerOffset = findTracker(before, words(), rt, vm.table.length);
    if (trackerOffset === null || !fieldsFree(words(), rt, trackerOffset!)) return null;
    return new RejectionTracker(vm, rt + trackerOffset!);
  }

  private constructor(private readonly vm: { memory: WebAssembly.Memory; table: WebAssembly.Table; context: QuickJSContext }, private readonly field: number) {
    this.internals = vm.context as unknown as ContextInternals;
    this.scratch = this.internals.module._malloc(8);
    const index = addTrackerFunction(vm.table, (ctx, promise, reason, isHandled) => {
      if (ctx !== this.internals.ctx.value) return;
      this.events.push(isHandled ? [true, this.hold(promise)] : [false, this.hold(promise), this.hold(reason)]);
    });
    const view = new DataView(vm.memory.buffer);
    view.setUint32(field, index, true);
    view.setUint32(field + 4, 0, true);
  }

  /** Whether events wait for the guest. */
  get pending(): boolean {
    return this.events.length > 0;
  }

  /** The events since the last take, oldest first (the caller owns their handles). */
  take(): RejectionEvent[] {
    return this.events.splice(0);
  }

  /** Drops the rejections not yet taken whose reason `matches` (promises the engine itself settles the outcome of). */
  forget(matches: (reason: QuickJSHandle) => boolean): void {
    this.events = this.events.filter((event) => {
      if (event[0] || !matches(event[2])) return true;
      event[1].dispose();
      event[2].dispose();
      return false;
    });
  }

  /** Takes the tracker off the runtime and lets go of what it held. */
  dispose(): void {
    new DataView(this.vm.memory.buffer).setUint32(this.field, 0, true);
    for (const event of this.take()) for (const h of event.slice(1) as QuickJSHandle[]) if (h.alive) h.dispose();
    this.internals.module._free(this.scratch);
  }

  /** A handle of our own on a JSValue QuickJS passed (by value) to the tracker. */
  private hold(value: bigint): QuickJSHandle {
    new DataView(this.vm.memory.buffer).setBigUint64(this.scratch, value, true);
    return this.internals.memory.heapValueHandle(this.internals.ffi.QTS_DupValuePointer(this.internals.ctx.value, this.scratch));
  }
}

/**
 * The tracker's offset: 8 bytes past the one word that enabling the
 * interrupt handler set (to a function's index in a table of `tableSize`),
 * with the job list's empty head 16 bytes past it.
 */
function findTracker(before: Uint32Array, after: Uint32Array, rt: number, tableSize: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (found !== null || before[i] !== 0 || after[i]! >= tableSize) return null;
    found = i * 4;
  }
  if (found === null) return null;
  return fieldsFree(after, rt, found + 8) ? found + 8 : null;
}

/** The tracker and its opaque unset, the job list after them empty. */
function fieldsFree(words: Uint32Array, rt: number, offset: number): boolean {
  const at = offset / 4;
  if (at + 4 > words.length) return false;
  const list = rt + offset + 8;
  return words[at] === 0 && words[at + 1] === 0 && words[at + 2] === list && words[at + 3] === list;
}
