// QuickJS's WASM with its function table exported: the patch adds one export
// and changes nothing else, and a JavaScript function put in the table is
// called by the module's call_indirect with the tracker's signature — the
// 64-bit JSValues arriving as BigInts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initWabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { addTrackerFunction, TABLE_EXPORT, withTableExport } from './quickjs-wasm.ts';

const wabt = await initWabt();

function wasm(wat: string): Uint8Array {
  const parsed = wabt.parseWat('t.wat', wat);
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** A module like QuickJS's: an unexported table, a function that calls through it as QuickJS calls its rejection tracker. */
const CALLER = wasm(`(module
  (type $tracker (func (param i32 i64 i64 i32 i32)))
  (table 2 funcref)
  (func (export "track") (param $fn i32) (param $promise i64) (param $handled i32)
    (call_indirect (type $tracker) (i32.const 7) (local.get $promise) (i64.const -1) (local.get $handled) (i32.const 0) (local.get $fn)))
  (func (export "answer") (result i32) (i32.const 42)))`);

describe('QuickJS WASM with its table exported', () => {
  it('gains the export and keeps its other exports', () => {
    const before = WebAssembly.Module.exports(new WebAssembly.Module(CALLER as Uint8Array<ArrayBuffer>));
    const patched = new WebAssembly.Module(withTableExport(CALLER) as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.exports(patched)).toEqual([...before, { name: TABLE_EXPORT, kind: 'table' }]);
    expect(withTableExport(withTableExport(CALLER))).toEqual(withTableExport(CALLER));
  });

  it('calls a function added to the table with the tracker\'s arguments', () => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(withTableExport(CALLER) as Uint8Array<ArrayBuffer>));
    const calls: unknown[][] = [];
    const index = addTrackerFunction(exports[TABLE_EXPORT] as WebAssembly.Table, (...args) => { calls.push(args); });
    expect(index).toBe(2);
    (exports.track as (fn: number, promise: bigint, handled: number) => void)(index, 0x7ff9000012345678n, 1);
    expect(calls).toEqual([[7, 0x7ff9000012345678n, -1n, 1, 0]]);
    expect((exports.answer as () => number)()).toBe(42);
  });

  it('patches the QuickJS build the node runtime uses into a valid module', () => {
    const bytes = readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(withTableExport(bytes) as Uint8Array<ArrayBuffer>));
    expect(exports.filter((e) => e.kind === 'table')).toEqual([{ name: TABLE_EXPORT, kind: 'table' }]);
    expect(exports.length).toBe(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).length + 1);
  });
});
