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
//
// The WASM is always compiled with its function table exported
// (quickjs-wasm.ts: a host hands over a module compiled that way; without
// one, its bytes are read here), and each instance's table comes with it.
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { compileQuickJSWasm, TABLE_EXPORT } from './quickjs-wasm.ts';

export const WASM_PAGE = 64 * 1024;
/** The linear memory this build of QuickJS starts with (its import's minimum: static data, stack, a first heap). */
export const INITIAL_PAGES = 256;
/** The most a 32-bit emscripten build addresses (its import's maximum). */
export const MAX_PAGES = 32768;

let core: Promise<(memory: WebAssembly.Memory) => Promise<QuickJSInstance>> | null = null;
let compiled: (() => Promise<WebAssembly.Module>) | null = null;

/** Instances from now on come from this compiled module (the variant's WASM, compiled by compileQuickJSWasm). */
export function useQuickJSWasm(load: () => Promise<WebAssembly.Module>): void {
  compiled = load;
  core = null;
}

/** A QuickJS WASM instance, the linear memory it runs in and its function table. */
export interface QuickJSInstance {
  readonly module: QuickJSWASMModule;
  readonly memory: WebAssembly.Memory;
  readonly table: WebAssembly.Table;
}

/** Where the variant's WASM is (a bundler rewrites this to the asset it emits). */
const WASM_URL = new URL('../../../node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm', import.meta.url);

/** The variant's WASM read here: from the file on Node, fetched in a browser. */
async function ownWasm(): Promise<WebAssembly.Module> {
  const host = globalThis as unknown as {
    process?: { getBuiltinModule?: (name: string) => { readFileSync(url: URL): Uint8Array } | undefined };
    fetch?: (url: URL) => Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
  };
  const fs = WASM_URL.protocol === 'file:' ? host.process?.getBuiltinModule?.('node:fs') : undefined;
  if (fs) return compileQuickJSWasm(fs.readFileSync(WASM_URL));
  if (!host.fetch) throw new Error('QuickJS: no way to load its WASM here (useQuickJSWasm was not called)');
  return compileQuickJSWasm(await (await host.fetch(WASM_URL)).arrayBuffer());
}

/**
 * A fresh QuickJS WASM instance whose memory starts at `initialPages` and can
 * never grow past `maxBytes` (rounded up to whole pages, at least what it
 * starts with, at most what the build addresses).
 */
export async function newQuickJS(maxBytes: number = MAX_PAGES * WASM_PAGE, initialPages = INITIAL_PAGES): Promise<QuickJSInstance> {
  core ??= (async () => {
    const [{ newQuickJSWASMModuleFromVariant, newVariant }, variant, wasmModule] = await Promise.all([
      import('quickjs-emscripten-core'),
      import('@jitl/quickjs-wasmfile-release-sync'),
      compiled ? compiled() : ownWasm(),
    ]);
    if (!WebAssembly.Module.exports(wasmModule).some((e) => e.name === TABLE_EXPORT)) {
      throw new Error('QuickJS: its WASM was compiled without compileQuickJSWasm (the function table is not exported)');
    }
    return async (memory: WebAssembly.Memory) => {
      let table: WebAssembly.Table | null = null;
      const module = await newQuickJSWASMModuleFromVariant(newVariant(variant.default, {
        wasmMemory: memory,
        emscriptenModule: {
          instantiateWasm(imports, onSuccess) {
            return WebAssembly.instantiate(wasmModule, imports).then((instance) => {
              table = instance.exports[TABLE_EXPORT] as WebAssembly.Table;
              onSuccess(instance);
              return instance.exports;
            });
          },
        },
      }));
      return { module, memory, table: table! };
    };
  })();
  const make = await core;
  const initial = Math.max(INITIAL_PAGES, Math.min(MAX_PAGES, initialPages));
  const maximum = Math.max(initial, Math.min(MAX_PAGES, Math.ceil(maxBytes / WASM_PAGE)));
  return make(new WebAssembly.Memory({ initial, maximum }));
}
