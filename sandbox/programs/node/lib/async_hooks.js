// async_hooks (guest code): AsyncLocalStorage and AsyncResource over the
// runtime's asynchronous context (internal/async-context), and the ids of
// the running callback. Stores follow timers, immediates, process.nextTick,
// queueMicrotask and AsyncResource scopes; a promise continuation (then,
// await) does not carry them, as QuickJS gives its job queue no hook.
// createHook() needs those hooks: it says so.
'use strict';

const errors = require('internal/errors');
const ctx = require('internal/async-context');

class AsyncLocalStorage {
  #enabled = false;

  static bind(fn) { return AsyncResource.bind(fn); }
  static snapshot() {
    const captured = ctx.context();
    return (fn, ...args) => ctx.runIn(captured, fn, undefined, args);
  }

  get name() { return ''; }
  disable() {
    this.#enabled = false;
    ctx.enter(this, undefined);
  }
  getStore() {
    return this.#enabled ? ctx.context().stores.get(this) : undefined;
  }
  enterWith(store) {
    this.#enabled = true;
    ctx.enter(this, store);
  }
  run(store, callback, ...args) {
    this.#enabled = true;
    return ctx.withStore(this, store, callback, args);
  }
  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, undefined, args);
    return ctx.withStore(this, undefined, callback, args);
  }
}

class AsyncResource {
  #context;
  #type;
  constructor(type, options = {}) {
    if (typeof type !== 'string') throw errors.invalidArgType('type', 'string', type);
    this.#type = type;
    this.#context = ctx.scheduled(this);
    const trigger = typeof options === 'number' ? options : options && options.triggerAsyncId;
    if (typeof trigger === 'number') this.#context.trigger = trigger;
  }
  runInAsyncScope(fn, thisArg, ...args) { return ctx.runIn(this.#context, fn, thisArg, args); }
  emitDestroy() { return this; }
  asyncId() { return this.#context.id; }
  triggerAsyncId() { return this.#context.trigger; }
  bind(fn, thisArg) {
    if (typeof fn !== 'function') throw errors.invalidArgType('fn', 'function', fn);
    const bound = thisArg === undefined
      ? (resource => function (...args) { return resource.runInAsyncScope(fn, this, ...args); })(this)
      : (...args) => this.runInAsyncScope(fn, thisArg, ...args);
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: { configurable: true, enumerable: true, value: this, writable: true },
    });
    return bound;
  }
  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
  get [Symbol.toStringTag]() { return this.#type; }
}

function createHook() {
  throw errors.notAvailable('async_hooks.createHook (QuickJS has no hooks into its promise jobs)');
}

module.exports = {
  AsyncLocalStorage, AsyncResource, createHook,
  executionAsyncId: () => ctx.context().id,
  triggerAsyncId: () => ctx.context().trigger,
  executionAsyncResource: () => ctx.context().resource,
  asyncWrapProviders: Object.freeze({ __proto__: null, NONE: 0, TIMERWRAP: 29, TICKOBJECT: 30, PROMISE: 28, Timeout: 32, Immediate: 33 }),
};
