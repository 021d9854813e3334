// assert (guest code): Node's assertion functions with its checks and
// messages — ok() quoting the expression from the caller's source line
// ('The expression evaluated to a falsy value:\n\n  assert.ok(x)\n'),
// the (not)equal/strictEqual/deepEqual families (internal/comparisons),
// throws/rejects and their opposites with a class, RegExp, validation
// object or function, match, ifError, fail, and assert.strict.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');
const { inspect } = require('internal/inspect');
const { AssertionError } = require('internal/assertion-error');
const { isDeepEqual, isDeepStrictEqual } = require('internal/comparisons');

const NO_EXCEPTION = {};

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function missingArgs(...names) {
  return errors.nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${names.map((n) => `"${n}"`).join(' and ')} arguments must be specified`);
}

const isRegExp = (v) => Object.prototype.toString.call(v) === '[object RegExp]';
const isError = (v) => v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';

// ---- ok() and the expression it quotes --------------------------------------------

/** The caller's source text of the call to `fn` (an assert function), re-indented as Node prints it; null if unreadable. */
function callSource(fn) {
  const holder = {};
  const prepare = Error.prepareStackTrace;
  let site;
  try {
    Error.prepareStackTrace = (_, sites) => sites;
    Error.captureStackTrace(holder, fn);
    site = holder.stack && holder.stack[0];
  } finally {
    Error.prepareStackTrace = prepare;
  }
  if (!site) return null;
  const file = site.getFileName();
  const lineNo = site.getLineNumber();
  if (!file || !file.startsWith('/') || !lineNo) return null;
  let line;
  try { line = host('sourceLine', file, lineNo); } catch { return null; }
  if (typeof line !== 'string') return null;
  const start = expressionStart(line, site.getColumnNumber() - 1, fn.name);
  if (start === -1) return null;
  const text = balancedCall(line.slice(start), (n) => {
    try { return host('sourceLine', file, lineNo + n); } catch { return null; }
  });
  if (text === null) return null;
  const indent = /^\s*/.exec(line)[0].length;
  return text.split('\n').map((l, i) => (i === 0 ? l : `  ${l.slice(Math.min(indent, /^\s*/.exec(l)[0].length))}`)).join('\n');
}

/** Where the call expression (`assert.ok(`, `assert(`) that the column falls in begins on the line. */
function expressionStart(line, column, name) {
  const callee = new RegExp(`[\\w$.]*\\b${name === 'ok' ? '(ok|assert)' : name}\\s*\\(`, 'g');
  let best = -1;
  for (const m of line.matchAll(callee)) {
    if (m.index <= Math.max(column, 0) || best === -1) best = m.index;
    if (m.index > column) break;
  }
  return best;
}

/** From the start of a call to its closing parenthesis, over lines if it must; strings and comments skipped. */
function balancedCall(first, nextLine) {
  let text = first;
  let depth = 0;
  let quote = null;
  let opened = false;
  for (let lineIndex = 0, i = 0; lineIndex < 50;) {
    if (i >= text.length) {
      const more = nextLine(++lineIndex);
      if (typeof more !== 'string') return null;
      text += `\n${more}`;
      continue;
    }
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(') {
      depth++;
      opened = true;
    } else if (c === ')') {
      depth--;
      if (opened && depth === 0) return text.slice(0, i + 1);
    }
    i++;
  }
  return null;
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    const source = callSource(fn);
    message = source === null ? undefined : `The expression evaluated to a falsy value:\n\n  ${source}\n`;
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function ok(...args) { innerOk(ok, args.length, ...args); }

// ---- equality ---------------------------------------------------------------------

function equal(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual != expected && !(Number.isNaN(actual) && Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
}

function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
}

function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
}

function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
}

function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
}

function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
}

function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
}

function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected');
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
}

// ---- throws and rejects ---------------------------------------------------------------

/** An object listing only `keys` of `obj`, for a readable diff (a RegExp that matched shows the matched text). */
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (!(key in obj)) continue;
      this[key] = actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) && obj[key].exec(actual[key]) !== null ? actual[key] : obj[key];
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const err = new AssertionError({ actual: new Comparison(actual, keys), expected: new Comparison(expected, keys, actual), operator: 'deepStrictEqual', stackStartFn: fn });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
}

function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) throw errors.invalidArgValue('error', expected, 'may not be an empty object');
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) continue;
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        message += expected.name === name ? 'an error with identical name but a different prototype.' : `"${name}"`;
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res === true) return;
    if (!message) {
      generatedMessage = true;
      message = `The ${expected.name ? `"${expected.name}" ` : ''}validation function is expected to return "true". Received ${inspect(res)}`;
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
    }
  }
  const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function checkErrorArgument(error) {
  if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw errors.invalidArgType('error', 'function or an instance of Error, RegExp, or Object', error);
  }
}

/** `argCount`: how many of (error, message) the caller gave. */
function expectsError(fn, actual, error, message, argCount) {
  if (typeof error === 'string') {
    if (argCount === 2) throw errors.invalidArgType('error', 'function or an instance of Error, RegExp, or Object', error);
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) throw errors.nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
    } else if (actual === error) {
      throw errors.nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else {
    checkErrorArgument(error);
  }
  if (actual === NO_EXCEPTION) {
    let details = error && error.name ? ` (${error.name})` : '';
    details += message ? `: ${message}` : '.';
    innerFail({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${fn === rejects ? 'rejection' : 'exception'}${details}`, stackStartFn: fn });
  }
  if (error) expectedException(actual, error, message, fn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw errors.invalidArgType('expected', 'function or an instance of RegExp', expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(fn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    innerFail({
      actual, expected: error, operator: fn.name, stackStartFn: fn,
      message: `Got unwanted ${fn === doesNotReject ? 'rejection' : 'exception'}${message ? `: ${message}` : '.'}\nActual message: "${actual && actual.message}"`,
    });
  }
  throw actual;
}

function getActual(fn) {
  if (typeof fn !== 'function') throw errors.invalidArgType('fn', 'function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

const isPromiseLike = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function' && typeof v.catch === 'function';

async function waitForActual(promiseFn) {
  let result;
  if (typeof promiseFn === 'function') {
    result = promiseFn();
    if (!isPromiseLike(result)) {
      throw errors.nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE', `Expected instance of Promise to be returned from the "promiseFn" function but got ${result === null ? 'null' : typeof result === 'object' ? `instance of ${result.constructor ? result.constructor.name : 'Object'}` : `type ${typeof result}`}.`);
    }
  } else if (isPromiseLike(promiseFn)) {
    result = promiseFn;
  } else {
    throw errors.invalidArgType('promiseFn', 'function or an instance of Promise', promiseFn);
  }
  try {
    await result;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function throws(fn, ...args) { expectsError(throws, getActual(fn), args[0], args[1], args.length); }
async function rejects(promiseFn, ...args) { expectsError(rejects, await waitForActual(promiseFn), args[0], args[1], args.length); }
function doesNotThrow(fn, ...args) { expectsNoError(doesNotThrow, getActual(fn), ...args); }
async function doesNotReject(fn, ...args) { expectsNoError(doesNotReject, await waitForActual(fn), ...args); }

// ---- the rest -------------------------------------------------------------------------

function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  throw new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
}

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw errors.invalidArgType('regexp', 'an instance of RegExp', regexp);
  const wanted = fn === match;
  if (typeof string === 'string' && (regexp.exec(string) !== null) === wanted) return;
  if (message instanceof Error) throw message;
  const generatedMessage = !message;
  message = message || (typeof string !== 'string'
    ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
    : `${wanted ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression '}${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
  const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function match(string, regexp, message) { internalMatch(string, regexp, message, match); }
function doesNotMatch(string, regexp, message) { internalMatch(string, regexp, message, doesNotMatch); }

let warnedFail = false;
function fail(actual, expected, message, operator, stackStartFn) {
  const argCount = arguments.length;
  let internalMessage = false;
  if (actual == null && argCount <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argCount === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail) {
      warnedFail = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (argCount === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

const assert = function assert(...args) { innerOk(assert, args.length, ...args); };
Object.assign(assert, {
  ok, fail, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, strictEqual, notStrictEqual,
  throws, rejects, doesNotThrow, doesNotReject, ifError, match, doesNotMatch, AssertionError,
});

function strict(...args) { innerOk(strict, args.length, ...args); }
Object.assign(strict, assert, { equal: strictEqual, deepEqual: deepStrictEqual, notEqual: notStrictEqual, notDeepEqual: notDeepStrictEqual });
assert.strict = strict;
strict.strict = strict;

module.exports = assert;
