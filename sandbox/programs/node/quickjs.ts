// Loads QuickJS (quickjs-emscripten's synchronous release build) on first
// use — it is large, so the page only fetches it when a container runs
// `node` — and gives every node process a WASM instance of its own, so no
// guest can reach another's heap.
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';

let core: Promise<{ make: () => Promise<QuickJSWASMModule> }> | null = null;

/** A fresh QuickJS WASM instance. */
export async function newQuickJS(): Promise<QuickJSWASMModule> {
  core ??= (async () => {
    const [{ newQuickJSWASMModuleFromVariant }, variant] = await Promise.all([
      import('quickjs-emscripten-core'),
      import('@jitl/quickjs-wasmfile-release-sync'),
    ]);
    return { make: () => newQuickJSWASMModuleFromVariant(variant.default) };
  })();
  return (await core).make();
}
