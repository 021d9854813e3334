// A QuickJS runtime that starts warm: the built-in modules compiled once
// into a runtime, whose linear memory is then copied (a snapshot), and every
// later node process's runtime made by writing that copy over a fresh
// instance's memory — so no process compiles the built-ins again (what V8's
// startup snapshots do for Node). quickjs-emscripten has no way to write or
// read bytecode (its binary JSON leaves functions out), but its instances
// are deterministic: the same module, given the same calls, allocates the
// same addresses. A fresh instance makes its runtime and context exactly as
// the snapshot's instance did (checked: the addresses must match, or the
// snapshot is not used), so the copied heap is consistent with everything
// the instance's JavaScript side holds.
//
// One value differs per process: the context's Math.random state, which
// QuickJS seeds from the clock when the context is made. It is found once,
// while the snapshot is taken (the 64-bit word in the context holding the
// creation time in µs), and every restored context gets fresh random bits
// there — two processes never share a random sequence.
import type { QuickJSContext, QuickJSRuntime } from 'quickjs-emscripten-core';
import { newQuickJS, WASM_PAGE, type QuickJSInstance } from './quickjs.ts';

/** Copied in blocks of this size (only the blocks that hold something). */
const BLOCK = 4096;
/** How far into the context structure its random state is looked for. */
const CONTEXT_SCAN = 4096;

export interface QuickJSSnapshot {
  /** The memory's size when taken, in pages (a restored instance starts this big). */
  readonly pages: number;
  /** Indexes of the BLOCK-sized blocks to copy, ascending. */
  readonly blocks: Uint32Array;
  /** Those blocks back to back (on a SharedArrayBuffer where there is one: shared by all workers, never written). */
  readonly data: Uint8Array;
  /** The runtime's and the context's addresses, which a restored instance must reproduce. */
  readonly rt: number;
  readonly ctx: number;
  /** Where the context's Math.random state is, from the context's address. */
  readonly randomOffset: number;
  /** What its taker compiled into it, by name, with a version of each (to tell a file is the one compiled). */
  readonly versions?: ReadonlyArray<readonly [string, number]>;
}

/** A runtime and context ready for a guest, in memory of their own. */
export interface GuestVM {
  readonly memory: WebAssembly.Memory;
  /** The instance's function table (where the engine registers functions QuickJS calls: rejections.ts). */
  readonly table: WebAssembly.Table;
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /** Whether the snapshot's heap was restored (else the runtime is empty). */
  readonly restored: boolean;
  /** The snapshot restored, if one was. */
  readonly snapshot: QuickJSSnapshot | null;
}

const rtPointer = (rt: QuickJSRuntime): number => (rt as unknown as { rt: { value: number } }).rt.value;
const ctxPointer = (ctx: QuickJSContext): number => (ctx as unknown as { ctx: { value: number } }).ctx.value;

/**
 * Takes a snapshot of a fresh runtime after `prepare` ran in its context
 * (which must leave no handle alive: what it keeps, it keeps in the guest's
 * globals). Null when the random state cannot be found (another QuickJS
 * build): processes then start cold, as before.
 */
export async function takeSnapshot(prepare: (ctx: QuickJSContext) => Promise<void> | void): Promise<QuickJSSnapshot | null> {
  const inst = await newQuickJS();
  const before = Date.now();
  const runtime = inst.module.newRuntime();
  const context = runtime.newContext();
  const after = Date.now();
  const fresh = new Uint8Array(inst.memory.buffer).slice();
  const ctx = ctxPointer(context);
  const randomOffset = findRandomState(fresh, ctx, before, after);
  if (randomOffset === null) return null;
  await prepare(context);
  const image = new Uint8Array(inst.memory.buffer);
  const blocks: number[] = [];
  for (let b = 0; b * BLOCK < image.length; b++) {
    if (touched(image, b) || (b * BLOCK < fresh.length && touched(fresh, b))) blocks.push(b);
  }
  const data = new Uint8Array(typeof SharedArrayBuffer === 'undefined' ? new ArrayBuffer(blocks.length * BLOCK) : new SharedArrayBuffer(blocks.length * BLOCK));
  blocks.forEach((b, i) => data.set(image.subarray(b * BLOCK, (b + 1) * BLOCK), i * BLOCK));
  return { pages: image.length / WASM_PAGE, blocks: Uint32Array.from(blocks), data, rt: rtPointer(runtime), ctx, randomOffset };
}

/**
 * A runtime for one guest, its memory bounded by `maxBytes`: restored from
 * `snapshot` when there is one and the fresh instance matches it, else empty.
 */
export async function startVM(maxBytes: number, snapshot: QuickJSSnapshot | null): Promise<GuestVM> {
  const inst: QuickJSInstance = await newQuickJS(maxBytes, snapshot?.pages);
  const runtime = inst.module.newRuntime();
  const context = runtime.newContext();
  if (!snapshot || rtPointer(runtime) !== snapshot.rt || ctxPointer(context) !== snapshot.ctx || inst.memory.buffer.byteLength !== snapshot.pages * WASM_PAGE) {
    return { memory: inst.memory, table: inst.table, runtime, context, restored: false, snapshot: null };
  }
  const heap = new Uint8Array(inst.memory.buffer);
  const { blocks, data } = snapshot;
  for (let i = 0; i < blocks.length;) {
    // Runs of consecutive blocks in one copy.
    let j = i + 1;
    while (j < blocks.length && blocks[j] === blocks[j - 1]! + 1) j++;
    heap.set(data.subarray(i * BLOCK, j * BLOCK), blocks[i]! * BLOCK);
    i = j;
  }
  const seed = new Uint8Array(8);
  do crypto.getRandomValues(seed); while (seed.every((x) => x === 0));
  heap.set(seed, snapshot.ctx + snapshot.randomOffset);
  return { memory: inst.memory, table: inst.table, runtime, context, restored: true, snapshot };
}

function touched(bytes: Uint8Array, block: number): boolean {
  const end = Math.min(bytes.length, (block + 1) * BLOCK);
  for (let i = block * BLOCK; i < end; i++) if (bytes[i] !== 0) return true;
  return false;
}

/** The offset, in the context made between `before` and `after` (ms), of the one 64-bit word holding that time in µs. */
function findRandomState(heap: Uint8Array, ctx: number, before: number, after: number): number | null {
  const view = new DataView(heap.buffer, heap.byteOffset, heap.byteLength);
  const low = BigInt(before) * 1000n;
  const high = (BigInt(after) + 1n) * 1000n;
  let found: number | null = null;
  for (let off = 0; off + 8 <= CONTEXT_SCAN && ctx + off + 8 <= heap.length; off += 4) {
    const v = view.getBigUint64(ctx + off, true);
    if (v < low || v > high) continue;
    if (found !== null) return null;
    found = off;
  }
  return found;
}
