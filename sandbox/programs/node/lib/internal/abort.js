// AbortController and AbortSignal (guest code): an EventTarget that fires
// 'abort' once, with a reason (an AbortError DOMException unless given);
// AbortSignal.abort(), .timeout(ms) (a TimeoutError, on a timer that does
// not keep the process alive) and .any(signals); util.aborted and
// util.transferableAbortSignal/Controller.
'use strict';

const errors = require('internal/errors');
const { Event, EventTarget } = require('internal/event-target');
const { DOMException } = require('internal/dom-exception');

let create;
let fire;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
/** `AbortSignal { aborted: false }`, as Node's customInspect writes these objects. */
function customInspect(self, fields, depth, options) {
  if (depth < 0) {
    const text = `[${self.constructor.name}]`;
    return typeof options.stylize === 'function' ? options.stylize(text, 'special') : text;
  }
  const opts = { ...options, depth: options.depth === null ? null : options.depth - 1 };
  return `${self.constructor.name} ${require('internal/inspect').inspect(fields, opts)}`;
}

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #onabort = null;

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
  get onabort() { return this.#onabort ?? null; }
  set onabort(handler) { this.#onabort = handler; }
  [customInspectSymbol](depth, options) { return customInspect(this, { aborted: this.#aborted }, depth, options); }

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
    if (!Array.isArray(signals)) throw errors.invalidArgMust('signals', 'an instance of Array', signals);
    for (let i = 0; i < signals.length; i++) {
      if (!(signals[i] instanceof AbortSignal)) throw errors.invalidArgMust(`signals[${i}]`, 'an instance of AbortSignal', signals[i]);
    }
    const signal = new AbortSignal(create);
    for (const s of signals) {
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
  [customInspectSymbol](depth, options) { return customInspect(this, { signal: this.#signal }, depth, options); }
  get [Symbol.toStringTag]() { return 'AbortController'; }
}

/** A signal for util.aborted: anything with an `aborted` property passes, as Node's validateAbortSignal lets it. */
function mustBeSignal(signal) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw errors.invalidArgMust('signal', 'an instance of AbortSignal', signal);
}

/**
 * util.aborted(signal, resource): a promise that settles when `signal`
 * aborts (with the 'abort' event; at once when it has aborted already).
 * Bad arguments reject it, as in Node.
 */
async function aborted(signal, resource) {
  mustBeSignal(signal);
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw errors.invalidArgType('resource', 'object', resource);
  // A resolved promise, as Node returns: it settles two turns later than a value would.
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
}

/**
 * util.transferableAbortSignal: Node 22 marks the signal itself (for
 * postMessage, which the playground's node has no workers for) and returns
 * it; Node 20 returns a copy of it whose listeners hear the signal's abort
 * (its own `aborted` stays as it was when copied; here it follows too).
 */
function transferableAbortSignal(signal) {
  if (!(signal instanceof AbortSignal)) throw errors.invalidArgMust('signal', 'an instance of AbortSignal', signal);
  return process.version.startsWith('v20.') ? AbortSignal.any([signal]) : signal;
}

/** util.transferableAbortController: a new AbortController. */
const transferableAbortController = () => new AbortController();

module.exports = { AbortController, AbortSignal, aborted, transferableAbortSignal, transferableAbortController };
