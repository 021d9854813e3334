// structuredClone (guest code): the structured clone algorithm for the
// values programs pass around — primitives, plain objects and arrays, Date,
// RegExp, Map, Set, ArrayBuffer and typed arrays, errors — keeping shared
// and circular references; functions and symbols throw DataCloneError.
'use strict';

function dataCloneError(value) {
  const err = new Error(`${typeof value === 'function' ? String(value).slice(0, 60) : String(value)} could not be cloned.`);
  err.name = 'DataCloneError';
  err.code = 25;
  return err;
}

function structuredClone(value) {
  const seen = new Map();
  const clone = (v) => {
    if (typeof v === 'function' || typeof v === 'symbol') throw dataCloneError(v);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    let out;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
      const buffer = clone(v.buffer);
      const Ctor = typeof Buffer === 'function' && v instanceof Buffer ? Uint8Array : v.constructor;
      out = v instanceof DataView ? new DataView(buffer, v.byteOffset, v.byteLength) : new Ctor(buffer, v.byteOffset, v.length);
    } else if (v instanceof Map) {
      out = new Map();
      seen.set(v, out);
      for (const [k, val] of v) out.set(clone(k), clone(val));
      return out;
    } else if (v instanceof Set) {
      out = new Set();
      seen.set(v, out);
      for (const k of v) out.add(clone(k));
      return out;
    } else if (v instanceof Error) {
      const Ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] || Error;
      out = new Ctor(v.message);
      if (v.stack !== undefined) out.stack = v.stack;
    } else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) {
      throw dataCloneError(Object.prototype.toString.call(v));
    } else {
      out = Array.isArray(v) ? new Array(v.length) : {};
      seen.set(v, out);
      for (const key of Object.keys(v)) out[key] = clone(v[key]);
      return out;
    }
    seen.set(v, out);
    return out;
  };
  return clone(value);
}

module.exports = { structuredClone };
