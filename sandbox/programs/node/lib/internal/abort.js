// AbortController and AbortSignal (guest code): an EventTarget that fires
// 'abort' once, with a reason (an AbortError DOMException unless given);
// AbortSignal.abort(), .timeout(ms) (a TimeoutError, on a timer that does
// not keep the process alive) and .any(signals).
'use strict';

const errors = require('internal/errors');
const { Event, EventTarget } = require('internal/event-target');
const { DOMException } = require('internal/dom-exception');

let create;
let fire;

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  onabort = null;

  constructor(key) {
    if (key !== create) throw errors.nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
  }

  static {
    create = {};
    fire = (signal, reason) => {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason;
      const event = new Event('abort');
      if (typeof signal.onabort === 'function') {
        try { signal.onabort(event); } catch (err) { process.nextTick(() => { throw err; }); }
      }
      signal.dispatchEvent(event);
    };
  }

  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }

  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const signal = new AbortSignal(create);
    fire(signal, reason);
    return signal;
  }

  static timeout(delay) {
    if (!Number.isInteger(delay) || delay < 0) throw errors.outOfRange('delay', '>= 0 && <= 4294967295', delay);
    const signal = new AbortSignal(create);
    const timer = setTimeout(() => fire(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delay);
    if (timer && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  static any(signals) {
    const signal = new AbortSignal(create);
    for (const s of signals) {
      if (!(s instanceof AbortSignal)) throw errors.invalidArgType('signals[0]', 'an instance of AbortSignal', s);
      if (s.aborted) {
        fire(signal, s.reason);
        return signal;
      }
    }
    for (const s of signals) s.addEventListener('abort', () => fire(signal, s.reason), { once: true });
    return signal;
  }

  get [Symbol.toStringTag]() { return 'AbortSignal'; }
}

class AbortController {
  #signal = new AbortSignal(create);
  get signal() { return this.#signal; }
  abort(reason = new DOMException('This operation was aborted', 'AbortError')) { fire(this.#signal, reason); }
  get [Symbol.toStringTag]() { return 'AbortController'; }
}

module.exports = { AbortController, AbortSignal };
