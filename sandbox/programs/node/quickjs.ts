// Loads QuickJS (quickjs-emscripten's synchronous release build) on first
// use — it is large, so the page only fetches it when a container runs
// `node` — and gives every node process a WASM instance of its own, so no
// guest can reach another's heap. A host that can hand over the compiled
// WebAssembly.Module (useQuickJSWasm) saves each instance the compile and
// lets them all share the engine's optimized code: a node process then
// starts in about a millisecond instead of tens, and parses warm.
//
// Each instance gets a linear memory of our own making, whose maximum is the
// hard bound the process can never pass (its cgroup's memory limit plus the
// runtime's initial size): QuickJS's malloc limit does not bound large
// arrays, strings or typed arrays in this build, the memory's maximum does.
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';

export const WASM_PAGE = 64 * 1024;
/** The linear memory this build of QuickJS starts with (its import's minimum: static data, stack, a first heap). */
export const INITIAL_PAGES = 256;
/** The most a 32-bit emscripten build addresses (its import's maximum). */
export const MAX_PAGES = 32768;

let core: Promise<(memory: WebAssembly.Memory) => Promise<QuickJSWASMModule>> | null = null;
let compiled: (() => Promise<WebAssembly.Module>) | null = null;

/** Instances from now on come from this compiled module (the same WASM as the variant's). */
export function useQuickJSWasm(load: () => Promise<WebAssembly.Module>): void {
  compiled = load;
  core = null;
}

/** A QuickJS WASM instance and the linear memory it runs in. */
export interface QuickJSInstance {
  readonly module: QuickJSWASMModule;
  readonly memory: WebAssembly.Memory;
}

/**
 * A fresh QuickJS WASM instance whose memory starts at `initialPages` and can
 * never grow past `maxBytes` (rounded up to whole pages, at least what it
 * starts with, at most what the build addresses).
 */
export async function newQuickJS(maxBytes: number = MAX_PAGES * WASM_PAGE, initialPages = INITIAL_PAGES): Promise<QuickJSInstance> {
  core ??= (async () => {
    const [{ newQuickJSWASMModuleFromVariant, newVariant }, variant] = await Promise.all([
      import('quickjs-emscripten-core'),
      import('@jitl/quickjs-wasmfile-release-sync'),
    ]);
    const wasmModule = compiled ? await compiled() : null;
    return (memory: WebAssembly.Memory) => newQuickJSWASMModuleFromVariant(newVariant(variant.default, {
      wasmMemory: memory,
      ...(wasmModule && { wasmModule: wasmModule as never }),
    }));
  })();
  const make = await core;
  const initial = Math.max(INITIAL_PAGES, Math.min(MAX_PAGES, initialPages));
  const maximum = Math.max(initial, Math.min(MAX_PAGES, Math.ceil(maxBytes / WASM_PAGE)));
  const memory = new WebAssembly.Memory({ initial, maximum });
  return { module: await make(memory), memory };
}
