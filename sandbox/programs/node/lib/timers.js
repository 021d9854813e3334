// setTimeout, setInterval, setImmediate and their handles (guest code).
// The timer list lives here; after every turn the host learns the next due
// time and whether any timer keeps the process alive (ref), and calls
// back with dispatch('timers', now) when it is time.
'use strict';

const host = require('internal/binding');
const asyncContext = require('internal/async-context');

const TIMEOUT_MAX = 2 ** 31 - 1;
let nextId = 1;
/** Pending timeouts, sorted by due time then creation order. */
let list = [];
let immediates = [];
let synced = '';

function now() { return host('now'); }

function insert(timer) {
  let i = list.length;
  while (i > 0 && list[i - 1]._due > timer._due) i--;
  list.splice(i, 0, timer);
}

function remove(timer) {
  const i = list.indexOf(timer);
  if (i !== -1) list.splice(i, 1);
}

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this._ref = true;
    this._id = nextId++;
    this._due = now() + after;
    Object.defineProperty(this, '_asyncContext', { value: asyncContext.scheduled(this), writable: true });
    insert(this);
  }
  ref() { this._ref = true; return this; }
  unref() { this._ref = false; return this; }
  hasRef() { return this._ref; }
  refresh() {
    if (!this._destroyed) {
      remove(this);
      this._due = now() + this._idleTimeout;
      insert(this);
    }
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() { return this._id; }
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._ref = true;
    Object.defineProperty(this, '_asyncContext', { value: asyncContext.scheduled(this), writable: true });
    immediates.push(this);
  }
  ref() { this._ref = true; return this; }
  unref() { this._ref = false; return this; }
  hasRef() { return this._ref; }
}

function checkCallback(callback) {
  if (typeof callback !== 'function') throw require('internal/errors').invalidArgType('callback', 'function', callback);
}

function setTimeout(callback, after, ...args) {
  checkCallback(callback);
  return new Timeout(callback, after, args, false);
}

function setInterval(callback, repeat, ...args) {
  checkCallback(callback);
  return new Timeout(callback, repeat, args, true);
}

const byId = (timer) => (typeof timer === 'number' || typeof timer === 'string' ? list.find((t) => t._id === Number(timer)) : timer);

function clearTimeout(timer) {
  const t = byId(timer);
  if (t && t instanceof Timeout) {
    t._destroyed = true;
    remove(t);
  }
}

function setImmediate(callback, ...args) {
  checkCallback(callback);
  return new Immediate(callback, args);
}

function clearImmediate(immediate) {
  if (immediate && immediate instanceof Immediate) {
    immediate._destroyed = true;
    const i = immediates.indexOf(immediate);
    if (i !== -1) immediates.splice(i, 1);
  }
}

/** libuv's timers phase (`phase` 'timers': the timers due at `time`) or its check phase ('check': the immediates queued before it). */
function _run(time, phase) {
  if (phase === 'check') {
    runImmediates();
    return;
  }
  while (list.length > 0 && list[0]._due <= time) {
    const timer = list.shift();
    if (timer._repeat !== null) {
      // As Node reschedules: from when the callback runs.
      timer._due = time + timer._repeat;
      insert(timer);
    } else {
      timer._destroyed = true;
    }
    try {
      asyncContext.runIn(timer._asyncContext, timer._onTimeout, timer, timer._timerArgs);
    } finally {
      process._runNextTicks();
    }
  }
}

function runImmediates() {
  const batch = immediates;
  immediates = [];
  for (let i = 0; i < batch.length; i++) {
    const imm = batch[i];
    if (imm._destroyed) continue;
    imm._destroyed = true;
    try {
      asyncContext.runIn(imm._asyncContext, imm._onImmediate, imm, imm._argv);
    } catch (err) {
      immediates = batch.slice(i + 1).concat(immediates);
      throw err;
    } finally {
      process._runNextTicks();
    }
  }
}

/** Tells the host when the next timer is due (-1: none), whether anything keeps the loop alive, whether immediates wait. */
function _sync() {
  const due = list.length > 0 ? list[0]._due : -1;
  const ref = immediates.some((i) => i._ref) || list.some((t) => t._ref);
  const state = `${due}/${ref}/${immediates.length > 0}`;
  if (state !== synced) {
    synced = state;
    host('wake', due, ref, immediates.length > 0);
  }
}

const promises = {
  setTimeout: (after, value) => new Promise((resolve) => setTimeout(resolve, after, value)),
  setImmediate: (value) => new Promise((resolve) => setImmediate(resolve, value)),
};

module.exports = { setTimeout, clearTimeout, setInterval, clearInterval: clearTimeout, setImmediate, clearImmediate, promises, _run, _sync, Timeout, Immediate };
