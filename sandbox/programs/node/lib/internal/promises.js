// Unhandled promise rejections (guest code), as Node's
// lib/internal/process/promises.js handles them: the host hands over what
// QuickJS's rejection tracker saw (rejections.ts) once the promise jobs and
// nextTick callbacks have run out, and this decides, per
// --unhandled-rejections (throw by default since Node 15): 'unhandledRejection'
// listeners, an uncaught exception (printed, exit 1; 'uncaughtException'
// listeners get origin 'unhandledRejection'), warnings, or exit code 1; a
// handler added after the report emits 'rejectionHandled'.
'use strict';

const errors = require('internal/errors');

/** Rejections reported already (promise → info), for a handler added later. */
const maybeUnhandledPromises = new WeakMap();
/** Rejections seen since the last processing, not handled yet. */
let pendingUnhandledRejections = new Map();
const asyncHandledRejections = [];
let lastPromiseId = 0;

/** Where Node's own source throws the error for a non-Error reason, by release: [header line, code line, caret column, frames]. */
const SITES = {
  throw: {
    20: ['node:internal/process/promises:389', '      new UnhandledPromiseRejection(reason);', 6, ['throwUnhandledRejectionsMode (node:internal/process/promises:389:7)', 'processPromiseRejections (node:internal/process/promises:470:17)', 'process.processTicksAndRejections (node:internal/process/task_queues:96:32)']],
    22: ['node:internal/process/promises:392', '      new UnhandledPromiseRejection(reason);', 6, ['throwUnhandledRejectionsMode (node:internal/process/promises:392:7)', 'processPromiseRejections (node:internal/process/promises:475:17)', 'process.processTicksAndRejections (node:internal/process/task_queues:106:32)']],
  },
  strict: {
    20: ['node:internal/process/promises:340', '    reason : new UnhandledPromiseRejection(reason);', 13, ['strictUnhandledRejectionsMode (node:internal/process/promises:340:14)', 'processPromiseRejections (node:internal/process/promises:470:17)', 'process.processTicksAndRejections (node:internal/process/task_queues:96:32)']],
    22: ['node:internal/process/promises:343', '    reason : new UnhandledPromiseRejection(reason);', 13, ['strictUnhandledRejectionsMode (node:internal/process/promises:343:14)', 'processPromiseRejections (node:internal/process/promises:475:17)', 'process.processTicksAndRejections (node:internal/process/task_queues:106:32)']],
  },
};

class UnhandledPromiseRejection extends Error {
  code = 'ERR_UNHANDLED_REJECTION';
  name = 'UnhandledPromiseRejection';
  constructor(reason, mode) {
    super('This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "' +
      noSideEffectsToString(reason) + '".');
    const [file, line, column, frames] = SITES[mode][process.version.startsWith('v20.') ? 20 : 22];
    Object.defineProperty(this, 'stack', { value: `${this.name}: ${this.message}\n${frames.map((f) => `    at ${f}`).join('\n')}`, writable: true, configurable: true, enumerable: false });
    errors.setFatalHeader(this, `${file}\n${line}\n${' '.repeat(column)}^\n\n`);
  }
}

class UnhandledPromiseRejectionWarning extends Error {
  name = 'UnhandledPromiseRejectionWarning';
  constructor(uid) {
    super('Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). To terminate the node process on unhandled promise rejection, ' +
      `use the CLI flag \`--unhandled-rejections=strict\` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). (rejection id: ${uid})`);
  }
}

class PromiseRejectionHandledWarning extends Error {
  name = 'PromiseRejectionHandledWarning';
  constructor(uid) {
    super(`Promise rejection was handled asynchronously (rejection id: ${uid})`);
    this.id = uid;
  }
}

/** A data property along the prototype chain, read without running a getter (as V8's GetDataProperty). */
function dataProperty(obj, key) {
  for (let o = obj, depth = 0; o !== null && depth < 1000; o = Object.getPrototypeOf(o), depth++) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

/** V8's Object::NoSideEffectsToString: what Node quotes as the reason. */
function noSideEffectsToString(value) {
  if (typeof value === 'function') return Function.prototype.toString.call(value);
  if (typeof value === 'symbol') return value.toString();
  if (value === null || typeof value !== 'object') return String(value);
  const toString = dataProperty(value, 'toString');
  if (value instanceof Error || toString === Error.prototype.toString) {
    const name = dataProperty(value, 'name');
    const message = dataProperty(value, 'message');
    const n = typeof name === 'string' ? name : 'Error';
    const m = typeof message === 'string' ? message : '';
    return n === '' ? m : m === '' ? n : `${n}: ${m}`;
  }
  if (toString === Object.prototype.toString) {
    const ctor = dataProperty(value, 'constructor');
    const name = typeof ctor === 'function' ? dataProperty(ctor, 'name') : undefined;
    if (typeof name === 'string' && name !== '') return `#<${name}>`;
  }
  const tag = dataProperty(value, Symbol.toStringTag);
  if (typeof tag === 'string') return `[object ${tag}]`;
  return Array.isArray(value) ? '[object Array]' : Object.prototype.toString.call(value);
}

function isErrorLike(obj) {
  return typeof obj === 'object' && obj !== null && Object.prototype.hasOwnProperty.call(obj, 'stack');
}

/** --unhandled-rejections, from NODE_OPTIONS then the command line (the last one given wins, as Node's options do). */
function modeOf() {
  let mode = 'throw';
  const given = [...(require('internal/binding')('proc').nodeOptions || []), ...process.execArgv];
  for (const arg of given) if (arg.startsWith('--unhandled-rejections=')) mode = arg.slice('--unhandled-rejections='.length);
  return ['none', 'warn', 'strict', 'throw', 'warn-with-error-code'].includes(mode) ? mode : 'throw';
}
let mode;

function emitWarningFor(info) {
  const warning = new UnhandledPromiseRejectionWarning(info.uid);
  const reason = info.reason;
  try {
    if (isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, 'UnhandledPromiseRejectionWarning');
    } else {
      process.emitWarning(noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning');
    }
  } catch {
    try { process.emitWarning(noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning'); } catch { /* as Node: ignored */ }
  }
  process.emitWarning(warning);
}

const emitUnhandled = (promise, info) => process.emit('unhandledRejection', info.reason, promise);

function uncaught(info, kind) {
  process._fatal(isErrorLike(info.reason) ? info.reason : new UnhandledPromiseRejection(info.reason, kind), 'unhandledRejection');
}

const MODES = {
  strict(promise, info) {
    uncaught(info, 'strict');
    if (!emitUnhandled(promise, info)) emitWarningFor(info);
  },
  none(promise, info) { emitUnhandled(promise, info); },
  warn(promise, info) {
    emitUnhandled(promise, info);
    emitWarningFor(info);
  },
  throw(promise, info) {
    if (!emitUnhandled(promise, info)) uncaught(info, 'throw');
  },
  'warn-with-error-code'(promise, info) {
    if (!emitUnhandled(promise, info)) {
      emitWarningFor(info);
      process.exitCode = 1;
    }
  },
};

/** QuickJS's reports since the last call ([false, promise, reason] | [true, promise]), then Node's processPromiseRejections. */
function processRejections(events) {
  mode ??= modeOf();
  for (const [handled, promise, reason] of events) {
    if (!handled) {
      pendingUnhandledRejections.set(promise, { reason, uid: ++lastPromiseId, warned: false });
      continue;
    }
    if (pendingUnhandledRejections.delete(promise)) continue;
    const info = maybeUnhandledPromises.get(promise);
    if (info === undefined) continue;
    maybeUnhandledPromises.delete(promise);
    if (info.warned) asyncHandledRejections.push({ promise, warning: new PromiseRejectionHandledWarning(info.uid) });
  }
  while (asyncHandledRejections.length !== 0) {
    const { promise, warning } = asyncHandledRejections.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  const pending = pendingUnhandledRejections;
  pendingUnhandledRejections = new Map();
  for (const [promise, info] of pending) {
    maybeUnhandledPromises.set(promise, info);
    info.warned = true;
    MODES[mode](promise, info);
  }
}

module.exports = { processRejections, noSideEffectsToString, UnhandledPromiseRejection };
