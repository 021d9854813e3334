// QuickJS's WASM as the node runtime needs it: the release build exported
// with its function table, so the engine can register a function of its
// own there — QuickJS's promise rejection tracker (rejections.ts), which
// quickjs-emscripten has no API for. The build does not export the table
// (nothing of emscripten's needs it), so the module's export section gets
// one more entry before the module is compiled; nothing else changes.
//
// The tracker is called as `void (*)(JSContext *, JSValue promise, JSValue
// reason, int is_handled, void *opaque)`, JSValue a NaN-boxed 64-bit word
// in this 32-bit build: (i32, i64, i64, i32, i32) → (). A JavaScript
// function gets into a WASM table only as an exported WASM function of the
// right type: the trampoline below is a module that imports one (e.t) and
// exports it again (t), as emscripten's own addFunction does.

/** The name the table is exported under. */
export const TABLE_EXPORT = 'qjs_function_table';

/** The WASM binary's header: magic and version 1. */
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const EXPORT_SECTION = 7;
const EXTERNAL_TABLE = 1;

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    value += (bytes[i]! & 0x7f) * 2 ** shift;
    shift += 7;
    if ((bytes[i]! & 0x80) === 0) return [value, i + 1];
  }
  throw new Error('QuickJS WASM: malformed LEB128');
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/**
 * `bytes` (a WASM module) with its table 0 exported as TABLE_EXPORT; the same
 * bytes when it is exported already.
 */
export function withTableExport(bytes: Uint8Array): Uint8Array {
  if (!HEADER.every((b, i) => bytes[i] === b)) throw new Error('QuickJS WASM: not a WebAssembly module');
  const name = new TextEncoder().encode(TABLE_EXPORT);
  const entry = [...leb(name.length), ...name, EXTERNAL_TABLE, 0];
  for (let at = HEADER.length; at < bytes.length;) {
    const id = bytes[at]!;
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id === EXPORT_SECTION) {
      const [count, first] = readLeb(bytes, start);
      for (let i = 0, p = first; i < count; i++) {
        const [length, at2] = readLeb(bytes, p);
        const exported = new TextDecoder().decode(bytes.subarray(at2, at2 + length));
        if (exported === TABLE_EXPORT) return bytes;
        p = readLeb(bytes, at2 + length + 1)[1];
      }
      const payload = [...leb(count + 1), ...bytes.subarray(first, end), ...entry];
      const section = [EXPORT_SECTION, ...leb(payload.length), ...payload];
      const out = new Uint8Array(at + section.length + (bytes.length - end));
      out.set(bytes.subarray(0, at));
      out.set(section, at);
      out.set(bytes.subarray(end), at + section.length);
      return out;
    }
    at = end;
  }
  throw new Error('QuickJS WASM: no export section');
}

/** Compiles QuickJS's WASM (its bytes as published) as the node runtime uses it. */
export function compileQuickJSWasm(bytes: ArrayBuffer | Uint8Array): Promise<WebAssembly.Module> {
  return WebAssembly.compile(withTableExport(toBytes(bytes)) as Uint8Array<ArrayBuffer>);
}

/** The same, synchronously (a host thread that may block: Node's). */
export function compileQuickJSWasmSync(bytes: ArrayBuffer | Uint8Array): WebAssembly.Module {
  return new WebAssembly.Module(withTableExport(toBytes(bytes)) as Uint8Array<ArrayBuffer>);
}

function toBytes(source: ArrayBuffer | Uint8Array): Uint8Array {
  return source instanceof Uint8Array ? source : new Uint8Array(source);
}

/** The rejection tracker's signature as a WASM function: (i32 ctx, i64 promise, i64 reason, i32 is_handled, i32 opaque) → (). */
export type TrackerFunction = (ctx: number, promise: bigint, reason: bigint, isHandled: number, opaque: number) => void;

/** (module (type (func (param i32 i64 i64 i32 i32))) (import "e" "t" (func (type 0))) (export "t" (func 0))) */
const TRAMPOLINE = new Uint8Array([
  ...HEADER,
  0x01, 0x09, 0x01, 0x60, 0x05, 0x7f, 0x7e, 0x7e, 0x7f, 0x7f, 0x00,
  0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x74, 0x00, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x74, 0x00, 0x00,
]);
let trampoline: WebAssembly.Module | null = null;

/**
 * Puts `fn` in `table` as a WASM function of the tracker's type; returns its
 * index (what a C function pointer to it is).
 */
export function addTrackerFunction(table: WebAssembly.Table, fn: TrackerFunction): number {
  trampoline ??= new WebAssembly.Module(TRAMPOLINE);
  const instance = new WebAssembly.Instance(trampoline, { e: { t: fn } });
  const index = table.grow(1);
  table.set(index, instance.exports.t as never);
  return index;
}
