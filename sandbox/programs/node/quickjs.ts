// Loads QuickJS (quickjs-emscripten's synchronous release build) on first
// use — it is large, so the page only fetches it when a container runs
// `node` — and gives every node process a WASM instance of its own, so no
// guest can reach another's heap. A host that can hand over the compiled
// WebAssembly.Module (useQuickJSWasm) saves each instance the compile and
// lets them all share the engine's optimized code: a node process then
// starts in about a millisecond instead of tens, and parses warm.
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';

let core: Promise<{ make: () => Promise<QuickJSWASMModule> }> | null = null;
let compiled: (() => Promise<WebAssembly.Module>) | null = null;

/** Instances from now on come from this compiled module (the same WASM as the variant's). */
export function useQuickJSWasm(load: () => Promise<WebAssembly.Module>): void {
  compiled = load;
  core = null;
}

/** A fresh QuickJS WASM instance. */
export async function newQuickJS(): Promise<QuickJSWASMModule> {
  core ??= (async () => {
    const [{ newQuickJSWASMModuleFromVariant, newVariant }, variant] = await Promise.all([
      import('quickjs-emscripten-core'),
      import('@jitl/quickjs-wasmfile-release-sync'),
    ]);
    if (compiled) {
      const wasmModule = await compiled();
      const shared = newVariant(variant.default, { wasmModule: wasmModule as never });
      return { make: () => newQuickJSWASMModuleFromVariant(shared) };
    }
    return { make: () => newQuickJSWASMModuleFromVariant(variant.default) };
  })();
  return (await core).make();
}
