// util (guest code): format and inspect as Node prints them, inherits,
// promisify/callbackify, deprecate, types, isDeepStrictEqual, parseArgs,
// MIMEType, styleText (plain where the stream shows no colours), libuv's
// system errors by errno, aborted, TextEncoder and TextDecoder (UTF-8
// through the host; other labels through Buffer).
'use strict';

const { inspect, format, formatWithOptions } = require('internal/inspect');
const errors = require('internal/errors');
const host = require('internal/binding');
const { isDeepStrictEqual } = require('internal/comparisons');
const { parseArgs } = require('internal/util/parse_args');
const { MIMEType, MIMEParams } = require('internal/mime');
const { aborted, transferableAbortSignal, transferableAbortController } = require('internal/abort');
const uvErrors = require('internal/uv-errmap');

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw errors.invalidArgType('ctor', 'function', ctor);
  if (superCtor === undefined || superCtor === null) throw errors.invalidArgType('superCtor', 'function', superCtor);
  if (superCtor.prototype === undefined) throw errors.invalidArgType('superCtor.prototype', 'object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
function promisify(original) {
  if (typeof original !== 'function') throw errors.invalidArgType('original', 'function', original);
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        resolve(values[0]);
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

function callbackify(original) {
  if (typeof original !== 'function') throw errors.invalidArgType('original', 'function', original);
  return function (...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw errors.invalidArgType('last argument', 'function', cb);
    Reflect.apply(original, this, args).then((v) => process.nextTick(cb, null, v), (err) => process.nextTick(cb, err || Object.assign(new Error('Promise was rejected with a falsy value'), { reason: err })));
  };
}

const warned = new Set();
function deprecate(fn, msg, code) {
  function deprecated(...args) {
    if (!process.noDeprecation && !warned.has(code || msg)) {
      warned.add(code || msg);
      process.emitWarning(msg, 'DeprecationWarning', code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

const debugs = new Map();
function debuglog(section) {
  const enabled = new RegExp(`^(${(process.env.NODE_DEBUG || '').replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^')})$`, 'i').test(section) && process.env.NODE_DEBUG;
  const fn = (...args) => {
    if (enabled) process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  };
  fn.enabled = Boolean(enabled);
  debugs.set(section, fn);
  return fn;
}

const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
const types = {
  isDate: (v) => v instanceof Date, isRegExp: (v) => v instanceof RegExp, isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set, isWeakMap: (v) => v instanceof WeakMap, isWeakSet: (v) => v instanceof WeakSet,
  isPromise: (v) => v instanceof Promise, isNativeError: (v) => v instanceof Error,
  isArrayBuffer: (v) => v instanceof ArrayBuffer, isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || tag(v) === 'SharedArrayBuffer',
  isSharedArrayBuffer: (v) => tag(v) === 'SharedArrayBuffer', isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView), isDataView: (v) => v instanceof DataView,
  isUint8Array: (v) => v instanceof Uint8Array, isUint8ClampedArray: (v) => v instanceof Uint8ClampedArray,
  isUint16Array: (v) => v instanceof Uint16Array, isUint32Array: (v) => v instanceof Uint32Array,
  isInt8Array: (v) => v instanceof Int8Array, isInt16Array: (v) => v instanceof Int16Array, isInt32Array: (v) => v instanceof Int32Array,
  isFloat32Array: (v) => v instanceof Float32Array, isFloat64Array: (v) => v instanceof Float64Array,
  isBigInt64Array: (v) => v instanceof BigInt64Array, isBigUint64Array: (v) => v instanceof BigUint64Array,
  isAsyncFunction: (v) => typeof v === 'function' && tag(v) === 'AsyncFunction',
  isGeneratorFunction: (v) => typeof v === 'function' && /GeneratorFunction$/.test(tag(v)),
  isGeneratorObject: (v) => tag(v) === 'Generator', isMapIterator: (v) => tag(v) === 'Map Iterator', isSetIterator: (v) => tag(v) === 'Set Iterator',
  isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt || v instanceof Symbol,
  isNumberObject: (v) => v instanceof Number, isStringObject: (v) => v instanceof String, isBooleanObject: (v) => v instanceof Boolean,
  isBigIntObject: (v) => v instanceof BigInt, isSymbolObject: (v) => v instanceof Symbol, isProxy: () => false, isExternal: () => false,
  isModuleNamespaceObject: (v) => tag(v) === 'Module', isArgumentsObject: (v) => tag(v) === 'Arguments', isKeyObject: () => false, isCryptoKey: () => false,
};

class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return new Uint8Array(host('utf8encode', String(input))); }
  encodeInto(src, dest) {
    const bytes = this.encode(src);
    const n = Math.min(bytes.length, dest.length);
    dest.set(bytes.subarray(0, n));
    return { read: src.length, written: n };
  }
}

class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const label = String(encoding).trim().toLowerCase();
    this._encoding = label === 'utf8' || label === 'unicode-1-1-utf-8' ? 'utf-8' : label;
    if (!['utf-8', 'utf-16le', 'latin1', 'iso-8859-1', 'ascii', 'us-ascii', 'windows-1252'].includes(this._encoding)) {
      throw Object.assign(new RangeError(`The "${encoding}" encoding is not supported`), { code: 'ERR_ENCODING_NOT_SUPPORTED' });
    }
    this._fatal = Boolean(options.fatal);
    this._ignoreBOM = Boolean(options.ignoreBOM);
    this._pending = new Uint8Array(0);
  }
  get encoding() { return this._encoding; }
  get fatal() { return this._fatal; }
  get ignoreBOM() { return this._ignoreBOM; }
  decode(input, options = {}) {
    let bytes = input === undefined ? new Uint8Array(0) : input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (this._pending.length > 0) {
      const joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending);
      joined.set(bytes, this._pending.length);
      bytes = joined;
      this._pending = new Uint8Array(0);
    }
    if (this._encoding !== 'utf-8') {
      const enc = this._encoding === 'utf-16le' ? 'utf16le' : 'latin1';
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(enc);
    }
    if (options.stream) {
      // Keep an incomplete trailing sequence for the next call.
      let cut = bytes.length;
      for (let back = 1; back <= 3 && back <= bytes.length; back++) {
        const b = bytes[bytes.length - back];
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > back) cut = bytes.length - back;
        break;
      }
      this._pending = bytes.slice(cut);
      bytes = bytes.subarray(0, cut);
    }
    const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    const text = host('utf8decode', copy, this._fatal);
    return !this._ignoreBOM && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

function stripVTControlCharacters(str) {
  return String(str).replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
}

const isNodeStream = (obj) => Boolean(obj && (obj._readableState || obj._writableState
  || (typeof obj.write === 'function' && typeof obj.on === 'function') || (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
const isWebStream = (obj) => Boolean(obj && !isNodeStream(obj)
  && ((typeof obj.pipeThrough === 'function' && typeof obj.getReader === 'function' && typeof obj.cancel === 'function')
    || (typeof obj.getWriter === 'function' && typeof obj.abort === 'function')));

/**
 * Text in the given inspect.colors styles, for `stream` (stdout): plain
 * when that stream would not show colours (no terminal, NO_COLOR…;
 * FORCE_COLOR counts), unless validateStream is false. Node 20 styles a
 * list of formats all the same; Node 22.14 checks the stream for a list too.
 */
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  if (typeof text !== 'string') throw errors.invalidArgType('text', 'string', text);
  if (typeof validateStream !== 'boolean') throw errors.invalidArgType('options.validateStream', 'boolean', validateStream);
  let skipColorize = false;
  if (validateStream) {
    if (!isNodeStream(stream) && !isWebStream(stream)) throw errors.invalidArgMust('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
    skipColorize = !require('internal/color-depth').shouldColorize(stream);
  }
  const list = Array.isArray(format);
  if (list && process.version.startsWith('v20.')) skipColorize = false;
  let left = '';
  let right = '';
  for (const key of list ? format : [format]) {
    const code = inspect.colors[key];
    if (code == null) {
      const allowed = Object.keys(inspect.colors).map((name) => `'${name}'`).join(', ');
      throw errors.invalidArgValue('format', key, `must be one of: ${allowed}`);
    }
    left += `\u001b[${code[0]}m`;
    right = `\u001b[${code[1]}m${right}`;
  }
  return skipColorize ? text : `${left}${text}${right}`;
}

// ---- system errors -------------------------------------------------------------

function mustBeErrno(err) {
  if (typeof err !== 'number') throw errors.invalidArgType('err', 'number', err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw errors.outOfRange('err', 'a negative integer', err);
}
function getSystemErrorName(err) {
  mustBeErrno(err);
  return uvErrors.errorName(err);
}
function getSystemErrorMessage(err) {
  mustBeErrno(err);
  return uvErrors.errorMessage(err);
}

/** util._errnoException(errno, syscall, original): `open ENOENT /x`, with no frames (as Node's has none). */
function _errnoException(err, syscall, original) {
  const code = uvErrors.errorName(err);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const e = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  Error.stackTraceLimit = limit;
  return Object.assign(e, { errno: err, code, syscall });
}

/** util._exceptionWithHostPort(errno, syscall, address, port, additional): `connect ECONNREFUSED 127.0.0.1:80`. */
function _exceptionWithHostPort(err, syscall, address, port, additional) {
  const code = uvErrors.errorName(err);
  let details = port && port > 0 ? ` ${address}:${port}` : address ? ` ${address}` : '';
  if (additional) details += ` - Local (${additional})`;
  const e = Object.assign(new Error(`${syscall} ${code}${details}`), { errno: err, code, syscall, address });
  if (port) e.port = port;
  Error.captureStackTrace(e, _exceptionWithHostPort);
  return e;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** util.log: `26 Feb 16:19:34 - message` on stdout. */
function log(...args) {
  const d = new Date();
  const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  console.log('%s - %s', `${d.getDate()} ${MONTHS[d.getMonth()]} ${time}`, format(...args));
}

module.exports = {
  format, formatWithOptions, inspect, inherits, promisify, callbackify, deprecate, debuglog, debug: debuglog, types,
  isDeepStrictEqual, TextEncoder, TextDecoder, stripVTControlCharacters, styleText, parseArgs,
  isArray: Array.isArray, isBoolean: (v) => typeof v === 'boolean', isNull: (v) => v === null,
  isNullOrUndefined: (v) => v == null, isNumber: (v) => typeof v === 'number', isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol', isUndefined: (v) => v === undefined, isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object', isDate: types.isDate, isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function', isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  toUSVString: (s) => String(s).toWellFormed(), getSystemErrorName, getSystemErrorMap: uvErrors.errorMap,
  _extend: (target, source) => Object.assign(target, source), _errnoException, _exceptionWithHostPort,
  isBuffer: (v) => Buffer.isBuffer(v), log, MIMEType, MIMEParams, aborted, transferableAbortSignal, transferableAbortController,
};
// Node 22.12+ (util is loaded before the global `process` is defined).
if (!require('process').version.startsWith('v20.')) module.exports.getSystemErrorMessage = getSystemErrorMessage;
