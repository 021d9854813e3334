// Errors as Node makes them (guest code): V8-shaped stacks (`Name: message`
// then frames, formatted lazily so a name set after super() shows, cut at
// Error.stackTraceLimit), Error.captureStackTrace and prepareStackTrace with
// call sites (depd and others rely on them), libuv errors for system calls
// (`ENOENT: no such file or directory, open '/x'`) and the ERR_* codes.
'use strict';

const UV = {
  EPERM: [-1, 'operation not permitted'], ENOENT: [-2, 'no such file or directory'], ESRCH: [-3, 'no such process'],
  EINTR: [-4, 'interrupted system call'], EIO: [-5, 'i/o error'], EBADF: [-9, 'bad file descriptor'],
  EAGAIN: [-11, 'resource temporarily unavailable'], ENOMEM: [-12, 'not enough memory'], EACCES: [-13, 'permission denied'],
  EBUSY: [-16, 'resource busy or locked'], EEXIST: [-17, 'file already exists'], EXDEV: [-18, 'cross-device link not permitted'],
  ENOTDIR: [-20, 'not a directory'], EISDIR: [-21, 'illegal operation on a directory'], EINVAL: [-22, 'invalid argument'],
  EMFILE: [-24, 'too many open files'], EFBIG: [-27, 'file too large'], ENOSPC: [-28, 'no space left on device'],
  ESPIPE: [-29, 'invalid seek'], EROFS: [-30, 'read-only file system'], EPIPE: [-32, 'broken pipe'],
  ENAMETOOLONG: [-36, 'name too long'], ENOSYS: [-38, 'function not implemented'], ENOTEMPTY: [-39, 'directory not empty'],
  ELOOP: [-40, 'too many symbolic links encountered'], ENOTSOCK: [-88, 'socket operation on non-socket'],
  EADDRINUSE: [-98, 'address already in use'], EADDRNOTAVAIL: [-99, 'address not available'],
  ENETUNREACH: [-101, 'network is unreachable'], ECONNABORTED: [-103, 'software caused connection abort'],
  ECONNRESET: [-104, 'connection reset by peer'], ENOTCONN: [-107, 'socket is not connected'],
  ETIMEDOUT: [-110, 'connection timed out'], ECONNREFUSED: [-111, 'connection refused'], EHOSTUNREACH: [-113, 'host is unreachable'],
};

/** An error from a system call, shaped like libuv's through Node. */
function uvException(code, syscall, path, dest) {
  const [errno, desc] = UV[code] || [-5, 'i/o error'];
  let message = `${code}: ${desc}, ${syscall}`;
  if (path !== undefined && path !== null) message += ` '${path}'`;
  if (dest !== undefined && dest !== null) message += ` -> '${dest}'`;
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined && path !== null) err.path = path;
  if (dest !== undefined && dest !== null) err.dest = dest;
  return err;
}

/** A network error as net/dns report it: `connect ECONNREFUSED 172.17.0.2:80`. */
function exceptionWithHostPort(code, syscall, address, port) {
  const [errno] = UV[code] || [-5];
  const err = new Error(`${syscall} ${code} ${address}${port ? `:${port}` : ''}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  return err;
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${require('internal/inspect').inspect(value, { depth: -1 })}`;
  }
  let inspected = require('internal/inspect').inspect(value, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${inspected})`;
}

/** Per error class, the prototype Node gives its coded errors: String(err) reads `TypeError [ERR_X]: message`. */
const codedPrototypes = new Map();
function codedPrototype(Base) {
  let proto = codedPrototypes.get(Base);
  if (!proto) {
    proto = Object.create(Base.prototype, {
      constructor: { value: Base, writable: true, enumerable: false, configurable: true },
      toString: { value: function toString() { return `${this.name} [${this.code}]: ${this.message}`; }, writable: true, enumerable: false, configurable: true },
    });
    codedPrototypes.set(Base, proto);
  }
  return proto;
}

function nodeError(Base, code, message) {
  const err = new Base(message);
  Object.setPrototypeOf(err, codedPrototype(Base));
  err.code = code;
  // Node's name line reads `TypeError [ERR_X]: message`.
  Object.defineProperty(err, 'stack', { value: String(err.stack).replace(/^([A-Za-z]*Error)(:|\n)/, `$1 [${code}]$2`), writable: true, configurable: true, enumerable: false });
  return err;
}

function invalidArgType(name, expected, actual) {
  return invalidArgMust(name, `of type ${expected}`, actual);
}

/** ERR_INVALID_ARG_TYPE worded freely: `must be an instance of Array`, `must be ('string|boolean')`. */
function invalidArgMust(name, must, actual) {
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${kind} must be ${must}.${describeReceived(actual)}`);
}

function invalidArgValue(name, value, reason = 'is invalid') {
  let inspected = require('internal/inspect').inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
}

/** 4294967296 → '4_294_967_296', as Node writes large numbers in ERR_OUT_OF_RANGE. */
function withSeparators(digits) {
  let out = '';
  let i = digits.length;
  const start = digits[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${digits.slice(i - 3, i)}${out}`;
  return `${digits.slice(0, i)}${out}`;
}

function outOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = withSeparators(String(value));
  else if (typeof value === 'bigint') received = `${value > 2n ** 32n || value < -(2n ** 32n) ? withSeparators(String(value)) : String(value)}n`;
  else received = require('internal/inspect').inspect(value);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

function notAvailable(what) {
  return nodeError(Error, 'ERR_NOT_AVAILABLE', `${what} is not available in the playground's node (QuickJS): run it with a real Node.js`);
}

// ---- stacks ----------------------------------------------------------------------

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

class CallSite {
  constructor(line) {
    const m = FRAME.exec(line);
    this._fn = m && m[1] && !m[1].startsWith('<') ? m[1] : null;
    this._file = m ? m[2] : null;
    this._line = m ? Number(m[3]) : null;
    this._column = m ? Number(m[4]) : null;
    this._text = line.trim().replace(/^at /, '');
  }
  getThis() { return undefined; }
  getTypeName() { return null; }
  getFunction() { return undefined; }
  getFunctionName() { return this._fn; }
  getMethodName() { return null; }
  getFileName() { return this._file; }
  getLineNumber() { return this._line; }
  getColumnNumber() { return this._column; }
  getEvalOrigin() { return undefined; }
  getScriptNameOrSourceURL() { return this._file; }
  isToplevel() { return this._fn === null; }
  isEval() { return false; }
  isNative() { return false; }
  isConstructor() { return false; }
  isAsync() { return false; }
  isPromiseAll() { return false; }
  getPromiseIndex() { return null; }
  toString() { return this._text; }
}

/**
 * Frames V8 would not show: QuickJS's native functions (`at call (native)`,
 * as Function.prototype.call) and this runtime's own plumbing, which Node
 * has no counterpart for (how the host enters the guest, the async context switch).
 */
const HIDDEN_FRAME = /\(native\)$|^ {4}at (run|runMain|dispatch|startProgram|deliverEvent) \(node:internal\/bootstrap\.js:\d+:\d+\)$|\((node:internal\/async-context\.js|node:internal\/esm\.js|node:internal\/esm-bridge-\w+|node:internal\/require-[\w-]+|node:internal\/commonjs-facade:[^()]*):\d+:\d+\)$|^ {4}at node:internal\/(esm-bridge-|commonjs-facade:)/;

let wrapperLength;
let esmPreludeLength;
/**
 * A frame on a module's first line, whose columns count what QuickJS
 * compiled in front of it: the CommonJS wrapper, or an ES module's
 * import.meta prelude (esm-host.ts). A module's top level shows as Node
 * shows it (`at file:///app/main.mjs:3:7`).
 */
function unwrapColumn(line) {
  return line
    .replace(/^( {4}at )<anonymous> \((file:\/\/[^()]*)\)$/, '$1$2')
    .replace(/((?:\(|^ {4}at )(?:\/|node:)[^()]*):1:(\d+)(\)?)$/, (all, at, col, close) => {
      wrapperLength ??= require('internal/binding')('proc').wrapperLength;
      return `${at}:1:${Math.max(1, Number(col) - wrapperLength)}${close}`;
    })
    .replace(/((?:\(|^ {4}at )file:\/\/[^()]*):1:(\d+)(\)?)$/, (all, at, col, close) => {
      esmPreludeLength ??= require('internal/binding')('proc').esmPreludeLength;
      return `${at}:1:${Math.max(1, Number(col) - esmPreludeLength)}${close}`;
    });
}

/** What V8 prints above an uncaught error thrown where Node's source is shown instead of the program's (module loader errors). */
const fatalHeaders = new WeakMap();
function setFatalHeader(err, text) { if (text) fatalHeaders.set(err, text); }
function fatalHeaderOf(err) { return (err !== null && typeof err === 'object' && fatalHeaders.get(err)) || null; }

/** The frames of a QuickJS stack, the first `skip` dropped, cut at Error.stackTraceLimit. */
function framesOf(stack, skip) {
  const lines = String(stack || '').split('\n').filter((l) => l.startsWith('    at ') && !HIDDEN_FRAME.test(l)).map(unwrapColumn);
  const limit = typeof Error.stackTraceLimit === 'number' ? Math.max(0, Error.stackTraceLimit) : 10;
  return lines.slice(skip, skip + limit);
}

/** Gives `target` a V8-style `stack`, formatted on first read. */
function defineLazyStack(target, frames) {
  let value;
  let formatted = false;
  Object.defineProperty(target, 'stack', {
    configurable: true, enumerable: false,
    get() {
      if (!formatted) {
        formatted = true;
        const prepare = NativeError.prepareStackTrace ?? globalThis.Error.prepareStackTrace;
        if (typeof prepare === 'function') value = prepare(target, frames.map((f) => new CallSite(f)));
        else {
          let head;
          try { head = NativeError.prototype.toString.call(target); } catch { head = 'Error'; }
          value = frames.length > 0 ? `${head}\n${frames.join('\n')}` : head;
        }
      }
      return value;
    },
    set(v) {
      formatted = true;
      value = v;
    },
  });
}

const NativeError = Error;

function installErrorShims() {
  const natives = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError'];
  let WrappedError = null;
  for (const name of natives) {
    const Native = globalThis[name];
    const Wrapped = {
      [name]: function (...args) {
        const err = Reflect.construct(Native, args, new.target || Wrapped);
        // Skip this wrapper's frame (Reflect.construct's is native, so never shown).
        defineLazyStack(err, framesOf(err.stack, 1));
        return err;
      },
    }[name];
    Wrapped.prototype = Native.prototype;
    Object.defineProperty(Native.prototype, 'constructor', { value: Wrapped, writable: true, configurable: true, enumerable: false });
    if (WrappedError) Object.setPrototypeOf(Wrapped, WrappedError);
    Object.defineProperty(globalThis, name, { value: Wrapped, writable: true, configurable: true, enumerable: false });
    if (name === 'Error') WrappedError = Wrapped;
  }
  WrappedError.stackTraceLimit = 10;
  WrappedError.captureStackTrace = function captureStackTrace(target, fn) {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
      throw invalidArgType('targetObject', 'object', target);
    }
    let frames = framesOf(new NativeError().stack, 1);
    if (typeof fn === 'function' && fn.name) {
      const at = frames.findIndex((f) => FRAME.exec(f)?.[1] === fn.name);
      if (at !== -1) frames = frames.slice(at + 1);
    }
    defineLazyStack(target, frames);
  };
}

module.exports = {
  UV, uvException, exceptionWithHostPort, nodeError, invalidArgType, invalidArgMust, invalidArgValue, outOfRange, notAvailable,
  installErrorShims, CallSite, setFatalHeader, fatalHeaderOf, framesOf,
};
