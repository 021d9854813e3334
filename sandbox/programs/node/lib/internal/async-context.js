// The asynchronous context (guest code): which callback is running
// (executionAsyncId, its triggerAsyncId and resource) and the
// AsyncLocalStorage stores it sees. Scheduling a callback — a timer, an
// immediate, process.nextTick, queueMicrotask, an AsyncResource — takes a
// new context holding the scheduler's stores; running it restores that
// context. Promise continuations (then/await) run inside QuickJS's own job
// queue, which offers no hook: they see the context of whatever ran last.
'use strict';

let nextId = 2;
/** The running context: ids, the resource, and the stores (Map: storage → value). */
let current = { id: 1, trigger: 0, resource: {}, stores: new Map() };

function context() { return current; }

/** A context for a callback scheduled now (resource: the timer, the tick, the AsyncResource). */
function scheduled(resource) {
  return { id: nextId++, trigger: current.id, resource, stores: current.stores };
}

function runIn(ctx, fn, thisArg, args) {
  const previous = current;
  current = ctx;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    current = previous;
  }
}

/** Runs fn with `storage` holding `value` in a copy of the current stores. */
function withStore(storage, value, fn, args) {
  const stores = new Map(current.stores);
  if (value === undefined) stores.delete(storage);
  else stores.set(storage, value);
  return runIn({ ...current, stores }, fn, undefined, args);
}

/** enterWith: the rest of the current context sees `value`. */
function enter(storage, value) {
  current = { ...current, stores: new Map(current.stores).set(storage, value) };
}

module.exports = { context, scheduled, runIn, withStore, enter };
