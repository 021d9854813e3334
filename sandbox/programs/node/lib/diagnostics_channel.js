// diagnostics_channel (guest code): named channels that libraries publish
// to and tools subscribe to; a channel is kept while it has subscribers.
// TracingChannel groups the start/end/asyncStart/asyncEnd/error channels
// and traces sync, callback and promise functions through them.
'use strict';

const errors = require('internal/errors');

const channels = new Map();

class Channel {
  constructor(name) {
    this.name = name;
    this._subscribers = [];
    this._stores = new Map();
  }
  get hasSubscribers() { return this._subscribers.length > 0 || this._stores.size > 0; }
  subscribe(fn) {
    if (typeof fn !== 'function') throw errors.invalidArgType('subscription', 'function', fn);
    this._subscribers = [...this._subscribers, fn];
    channels.set(this.name, this);
  }
  unsubscribe(fn) {
    const at = this._subscribers.indexOf(fn);
    if (at === -1) return false;
    this._subscribers = this._subscribers.filter((_, i) => i !== at);
    return true;
  }
  publish(data) {
    for (const fn of this._subscribers) {
      try {
        fn(data, this.name);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
    }
  }
  bindStore(store, transform) { this._stores.set(store, transform); channels.set(this.name, this); }
  unbindStore(store) { return this._stores.delete(store); }
  runStores(data, fn, thisArg, ...args) {
    let run = () => Reflect.apply(fn, thisArg, args);
    for (const [store, transform] of this._stores) {
      const inner = run;
      run = () => store.run(transform ? transform(data) : data, inner);
    }
    this.publish(data);
    return run();
  }
}

function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') throw errors.invalidArgType('channel', 'string or symbol', name);
  let ch = channels.get(name);
  if (!ch) {
    ch = new Channel(name);
    channels.set(name, ch);
  }
  return ch;
}

const hasSubscribers = (name) => { const ch = channels.get(name); return ch ? ch.hasSubscribers : false; };
const subscribe = (name, fn) => channel(name).subscribe(fn);
const unsubscribe = (name, fn) => channel(name).unsubscribe(fn);

const EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of EVENTS) {
      this[event] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${event}`) : nameOrChannels[event];
    }
  }
  get hasSubscribers() { return EVENTS.some((e) => this[e].hasSubscribers); }
  subscribe(handlers) { for (const e of EVENTS) if (handlers[e]) this[e].subscribe(handlers[e]); }
  unsubscribe(handlers) {
    let all = true;
    for (const e of EVENTS) if (handlers[e] && !this[e].unsubscribe(handlers[e])) all = false;
    return all;
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.start.runStores(context, () => {
      try {
        context.result = Reflect.apply(fn, thisArg, args);
        return context.result;
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.start.runStores(context, () => {
      try {
        const promise = Promise.resolve(Reflect.apply(fn, thisArg, args));
        return promise.then((result) => {
          context.result = result;
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          return result;
        }, (err) => {
          context.error = err;
          this.error.publish(context);
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          throw err;
        });
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const at = position < 0 ? args.length + position : position;
    const callback = args[at];
    if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'function', callback);
    const tracing = this;
    args[at] = function (err, result) {
      if (err) { context.error = err; tracing.error.publish(context); } else { context.result = result; }
      tracing.asyncStart.publish(context);
      try {
        return Reflect.apply(callback, this, arguments);
      } finally {
        tracing.asyncEnd.publish(context);
      }
    };
    return this.traceSync(fn, context, thisArg, ...args);
  }
}

const tracingChannel = (nameOrChannels) => new TracingChannel(nameOrChannels);

module.exports = { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel };
