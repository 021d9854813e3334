// querystring (guest code), as Node's behaves: parse() gives an object with
// a null prototype, reads '+' as a space, keeps a malformed escape as it is
// ('a=%' is { a: '%' }) and stops after maxKeys (1000) pairs; stringify()
// repeats a key for each item of an array and writes only primitives;
// escape() is encodeURIComponent that throws ERR_INVALID_URI for a lone
// surrogate. (querystring-es3, the browser port, is Node 0.10's: it throws
// on a malformed escape and lacks escape/unescape.)
'use strict';

const errors = require('internal/errors');

const hexValue = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** %XX decoded to bytes where XX is hex (others kept), '+' as space if asked. */
function unescapeBuffer(s, decodeSpaces) {
  const str = String(s);
  const out = Buffer.allocUnsafe(Buffer.byteLength(str));
  const src = Buffer.from(str);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    if (b === 0x25 && i + 2 < src.length && hexValue(src[i + 1]) >= 0 && hexValue(src[i + 2]) >= 0) {
      out[n++] = hexValue(src[i + 1]) * 16 + hexValue(src[i + 2]);
      i += 2;
    } else {
      out[n++] = b === 0x2b && decodeSpaces ? 0x20 : b;
    }
  }
  return out.subarray(0, n);
}

function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

function escape(str) {
  if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : `${str}`;
  try {
    return encodeURIComponent(str);
  } catch {
    throw errors.nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed');
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : '';
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const ks = `${encode(stringifyPrimitive(key))}${eq}`;
    if (Array.isArray(value)) {
      for (const item of value) fields.push(`${ks}${encode(stringifyPrimitive(item))}`);
    } else {
      fields.push(`${ks}${encode(stringifyPrimitive(value))}`);
    }
  }
  return fields.join(sep);
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  const custom = options && typeof options.decodeURIComponent === 'function' && options.decodeURIComponent !== unescape;
  const decoder = custom ? options.decodeURIComponent : unescape;
  const decode = (s) => {
    if (!custom && !s.includes('%')) return s;
    try {
      return decoder(s);
    } catch {
      return unescape(s, true);
    }
  };
  const pairs = qs.split(sep);
  const count = maxKeys > 0 ? Math.min(maxKeys, pairs.length) : pairs.length;
  for (let i = 0; i < count; i++) {
    const pair = pairs[i];
    if (pair.length === 0) continue;
    const at = pair.indexOf(eq);
    const key = decode((at === -1 ? pair : pair.slice(0, at)).replaceAll('+', ' '));
    const value = decode((at === -1 ? '' : pair.slice(at + eq.length)).replaceAll('+', ' '));
    const current = obj[key];
    if (current === undefined) obj[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else obj[key] = [current, value];
  }
  return obj;
}

module.exports = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };
