// Recognising a WebAssembly module (its magic bytes) and the program that
// runs one, loaded on first use: the WASI runtime stays out of the engine's
// start-up code until a module is run.
import type { Process, Program } from '../../kernel/process.ts';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export function isWasm(head: Uint8Array): boolean {
  return WASM_MAGIC.every((b, i) => head[i] === b);
}

/** The program that runs the module at `path` (the runtime loads when it first runs). */
export function wasiProgram(path: string): Program {
  return async (p: Process) => (await import('./main.ts')).wasiProgram(path)(p);
}
