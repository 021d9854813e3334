// Event and EventTarget (guest code), the Web platform's, as Node's globals
// have them: listeners as functions or { handleEvent }, once/signal
// options, stopImmediatePropagation, preventDefault on cancelable events;
// a listener that throws is reported as an uncaught exception on a later
// turn, and the other listeners still run.
'use strict';

const errors = require('internal/errors');

let stoppedOf;

class Event {
  #type;
  #bubbles;
  #cancelable;
  #composed;
  #defaultPrevented = false;
  #stopped = false;
  #timeStamp;
  target = null;
  currentTarget = null;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw errors.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    if (options !== undefined && options !== null && typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
    this.#type = `${type}`;
    this.#bubbles = Boolean(options && options.bubbles);
    this.#cancelable = Boolean(options && options.cancelable);
    this.#composed = Boolean(options && options.composed);
    this.#timeStamp = typeof performance === 'object' ? performance.now() : 0;
    Object.defineProperty(this, 'isTrusted', { get: () => false, enumerable: true, configurable: false });
  }

  get type() { return this.#type; }
  get bubbles() { return this.#bubbles; }
  get cancelable() { return this.#cancelable; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get returnValue() { return !this.defaultPrevented; }
  get timeStamp() { return this.#timeStamp; }
  get eventPhase() { return this.currentTarget ? 2 : 0; }
  get srcElement() { return this.target; }
  get cancelBubble() { return this.#stopped; }
  set cancelBubble(v) { if (v) this.#stopped = true; }
  static { stoppedOf = (event) => event.#stopped; }
  composedPath() { return this.currentTarget ? [this.currentTarget] : []; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this.#stopped = true; }
  get [Symbol.toStringTag]() { return 'Event'; }
}
Object.defineProperties(Event, { NONE: { value: 0, enumerable: true }, CAPTURING_PHASE: { value: 1, enumerable: true }, AT_TARGET: { value: 2, enumerable: true }, BUBBLING_PHASE: { value: 3, enumerable: true } });

class EventTarget {
  #listeners = new Map();

  addEventListener(type, listener, options = undefined) {
    if (arguments.length < 2) throw errors.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
    if (listener === null || listener === undefined) return;
    const once = Boolean(options && typeof options === 'object' && options.once);
    const capture = typeof options === 'boolean' ? options : Boolean(options && options.capture);
    const signal = options && typeof options === 'object' ? options.signal : undefined;
    if (signal && signal.aborted) return;
    type = `${type}`;
    let list = this.#listeners.get(type);
    if (!list) this.#listeners.set(type, list = []);
    if (list.some((l) => l.listener === listener && l.capture === capture)) return;
    const entry = { listener, once, capture, removed: false };
    list.push(entry);
    if (signal) signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
  }

  removeEventListener(type, listener, options = undefined) {
    const capture = typeof options === 'boolean' ? options : Boolean(options && options.capture);
    const list = this.#listeners.get(`${type}`);
    if (!list) return;
    const at = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (at === -1) return;
    list[at].removed = true;
    list.splice(at, 1);
  }

  dispatchEvent(event) {
    if (!(event instanceof Event)) throw errors.invalidArgType('event', 'an instance of Event', event);
    const list = this.#listeners.get(event.type);
    event.target = this;
    event.currentTarget = this;
    for (const entry of list ? list.slice() : []) {
      if (entry.removed) continue;
      if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
      try {
        const { listener } = entry;
        if (typeof listener === 'function') listener.call(this, event);
        else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
      if (stoppedOf(event)) break;
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }

  get [Symbol.toStringTag]() { return 'EventTarget'; }
}

module.exports = { Event, EventTarget };
