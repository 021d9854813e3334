// Deep equality as assert.deepStrictEqual, assert.deepEqual and
// util.isDeepStrictEqual decide it (guest code). Strict: Object.is for
// primitives (so 0 and -0 differ, NaN equals NaN), the same prototype and
// [[Class]], own enumerable string and symbol keys, Maps and Sets by
// content in any order, Dates by time, RegExps by source, flags and
// lastIndex, errors also by name and message, boxed primitives by value,
// typed arrays and ArrayBuffers by bytes. Loose: == for primitives,
// prototypes ignored. Cycles are followed once.
'use strict';

const STRICT = true;
const LOOSE = false;

const tagOf = (v) => Object.prototype.toString.call(v);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const isObjectLike = (v) => v !== null && typeof v === 'object';

function isBoxed(v) {
  return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt || v instanceof Symbol;
}

function boxedEqual(a, b) {
  for (const C of [Number, String, Boolean, BigInt, Symbol]) {
    const inA = a instanceof C;
    if (inA !== b instanceof C) return false;
    if (inA) return Object.is(C.prototype.valueOf.call(a), C.prototype.valueOf.call(b));
  }
  return false;
}

function bytesOf(v) {
  return v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function sameBytes(a, b) {
  const x = bytesOf(a);
  const y = bytesOf(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isError(v) {
  return v instanceof Error || tagOf(v) === '[object Error]';
}

/** Own keys compared besides a container's entries: enumerable strings (not indices for arrays), and in strict mode enumerable symbols. */
function keysOf(v, mode, skipIndices) {
  let keys = Object.keys(v);
  if (skipIndices) keys = keys.filter((k) => !(/^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1));
  if (mode === STRICT) for (const s of Object.getOwnPropertySymbols(v)) if (isEnumerable(v, s)) keys.push(s);
  return keys;
}

function innerDeepEqual(a, b, mode, memo) {
  if (a === b) return a !== 0 || Object.is(a, b) || mode === LOOSE;
  if (mode === STRICT) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (!isObjectLike(a)) {
      if (!isObjectLike(b)) return a == b || (Number.isNaN(a) && Number.isNaN(b)); // eslint-disable-line eqeqeq
      return false;
    }
    if (!isObjectLike(b)) return false;
  }
  const tag = tagOf(a);
  if (tag !== tagOf(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return compareEntries(a, b, mode, memo, 'array', keysOf(a, mode, true), keysOf(b, mode, true));
  }
  if (tag === '[object Object]' && !isBoxed(a) && !(a instanceof Map) && !(a instanceof Set)) {
    return compareEntries(a, b, mode, memo, 'none');
  }
  if (a instanceof Date) {
    if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (isError(a)) {
    if (!isError(b) || a.message !== b.message || a.name !== b.name) return false;
    if (hasOwn(a, 'cause') !== hasOwn(b, 'cause') || (hasOwn(a, 'cause') && !innerDeepEqual(a.cause, b.cause, mode, memo))) return false;
    if (hasOwn(a, 'errors') !== hasOwn(b, 'errors') || (hasOwn(a, 'errors') && !innerDeepEqual(a.errors, b.errors, mode, memo))) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false;
    if (mode === LOOSE && (a instanceof Float32Array || a instanceof Float64Array)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    } else if (!sameBytes(a, b)) {
      return false;
    }
    const ka = keysOf(a, mode, true);
    const kb = keysOf(b, mode, true);
    if (ka.length !== kb.length) return false;
    return compareEntries(a, b, mode, memo, 'none', ka, kb);
  } else if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    return compareEntries(a, b, mode, memo, 'set');
  } else if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    return compareEntries(a, b, mode, memo, 'map');
  } else if (a instanceof ArrayBuffer || tag === '[object SharedArrayBuffer]') {
    if (!sameBytes(a, b)) return false;
  } else if (isBoxed(a)) {
    if (!boxedEqual(a, b)) return false;
  } else if (Array.isArray(b) || ArrayBuffer.isView(b) || b instanceof Set || b instanceof Map || b instanceof Date || b instanceof RegExp ||
    b instanceof ArrayBuffer || isBoxed(b) || isError(b)) {
    return false;
  } else if (a instanceof WeakMap || a instanceof WeakSet || a instanceof Promise) {
    return false;
  }
  return compareEntries(a, b, mode, memo, 'none');
}

function compareEntries(a, b, mode, memo, kind, ka = keysOf(a, mode, false), kb = keysOf(b, mode, false)) {
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!isEnumerable(b, k)) return false;
  if (ka.length === 0 && (kind === 'none' || (kind === 'array' && a.length === 0) || ((kind === 'set' || kind === 'map') && a.size === 0))) return true;

  // A pair met again while comparing it is taken as equal (cycles).
  let seen = memo.get(a);
  if (seen && seen.has(b)) return true;
  if (!seen) { seen = new Set(); memo.set(a, seen); }
  seen.add(b);
  const result = entriesEqual(a, b, mode, memo, kind, ka);
  seen.delete(b);
  return result;
}

function entriesEqual(a, b, mode, memo, kind, keys) {
  if (kind === 'array') {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], mode, memo)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      } else if (mode === LOOSE && b[i] !== undefined) {
        return false;
      }
    }
  } else if (kind === 'set' && !setEqual(a, b, mode, memo)) {
    return false;
  } else if (kind === 'map' && !mapEqual(a, b, mode, memo)) {
    return false;
  }
  for (const k of keys) if (!innerDeepEqual(a[k], b[k], mode, memo)) return false;
  return true;
}

/** In loose mode, a primitive may match another by ==: the candidates for `v`. */
function looseAlternatives(v) {
  switch (typeof v) {
    case 'undefined': return [null];
    case 'object': return [undefined];
    case 'string': return Number.isNaN(Number(v)) || v.trim() === '' ? [] : [Number(v)];
    case 'number': return Number.isNaN(v) ? [] : [String(v)];
    default: return [];
  }
}

function setEqual(a, b, mode, memo) {
  let pending = null;
  for (const v of a) {
    if (isObjectLike(v) || typeof v === 'function') {
      (pending ??= []).push(v);
    } else if (!b.has(v)) {
      if (mode === STRICT && !(typeof v === 'number' && Number.isNaN(v))) return false;
      if (!looseAlternatives(v).some((alt) => b.has(alt)) && !(typeof v === 'number' && Number.isNaN(v) && [...b].some((x) => Number.isNaN(x)))) return false;
      (pending ??= []).push(v);
    }
  }
  if (pending === null) return true;
  const left = pending.slice();
  for (const v of b) {
    if (!isObjectLike(v) && typeof v !== 'function' && a.has(v)) continue;
    const at = left.findIndex((x) => innerDeepEqual(x, v, mode, memo));
    if (at === -1) {
      if (isObjectLike(v) || mode === LOOSE) return false;
      continue;
    }
    left.splice(at, 1);
  }
  return left.length === 0;
}

function mapEqual(a, b, mode, memo) {
  let pending = null;
  for (const [k, v] of a) {
    if (isObjectLike(k)) {
      (pending ??= []).push([k, v]);
    } else if (b.has(k) && innerDeepEqual(v, b.get(k), mode, memo)) {
      continue;
    } else if (mode === STRICT && !b.has(k)) {
      return false;
    } else {
      (pending ??= []).push([k, v]);
    }
  }
  if (pending === null) return true;
  const left = pending.slice();
  for (const [k, v] of b) {
    if (!isObjectLike(k) && a.has(k) && innerDeepEqual(a.get(k), v, mode, memo)) continue;
    const at = left.findIndex(([k2, v2]) => innerDeepEqual(k2, k, mode, memo) && innerDeepEqual(v2, v, mode, memo));
    if (at === -1) return false;
    left.splice(at, 1);
  }
  return left.length === 0;
}

module.exports = {
  isDeepStrictEqual: (a, b) => innerDeepEqual(a, b, STRICT, new Map()),
  isDeepEqual: (a, b) => innerDeepEqual(a, b, LOOSE, new Map()),
};
