// ReadableStream (guest code), the part of WHATWG streams a fetch body is:
// a default stream fed by an underlying source (start, pull, cancel; a
// count high-water mark), read with a default reader or async iteration,
// cancelled, or teed (Response.clone). Byte streams (BYOB readers),
// pipeTo/pipeThrough and the writable and transform streams are not here:
// ReadableStream is the one global of them, as fetch bodies need.
'use strict';

const { inspect } = require('internal/inspect');

const kState = Symbol('kState');

class ReadableStreamDefaultController {
  constructor(stream) { this[kState] = stream; }
  get desiredSize() {
    const s = this[kState][kState];
    return s.state === 'errored' ? null : s.state === 'closed' ? 0 : s.highWaterMark - s.queue.length;
  }
  enqueue(chunk) {
    const s = this[kState][kState];
    if (s.closeRequested || s.state !== 'readable') throw new TypeError('Invalid state: Controller is already closed');
    if (s.reads.length > 0) s.reads.shift().resolve({ value: chunk, done: false });
    else s.queue.push(chunk);
    pullIfNeeded(this[kState]);
  }
  close() {
    const s = this[kState][kState];
    if (s.closeRequested || s.state !== 'readable') throw new TypeError('Invalid state: Controller is already closed');
    s.closeRequested = true;
    if (s.queue.length === 0) finishClose(this[kState]);
  }
  error(e) { fail(this[kState], e); }
}

function finishClose(stream) {
  const s = stream[kState];
  s.state = 'closed';
  for (const r of s.reads.splice(0)) r.resolve({ value: undefined, done: true });
  s.closed.resolve();
}

function fail(stream, e) {
  const s = stream[kState];
  if (s.state !== 'readable') return;
  s.state = 'errored';
  s.error = e;
  s.queue = [];
  for (const r of s.reads.splice(0)) r.reject(e);
  s.closed.reject(e);
}

function pullIfNeeded(stream) {
  const s = stream[kState];
  if (!s.started || s.state !== 'readable' || s.closeRequested || !s.source.pull) return;
  if (s.reads.length === 0 && s.queue.length >= s.highWaterMark) return;
  if (s.pulling) { s.pullAgain = true; return; }
  s.pulling = true;
  Promise.resolve().then(() => s.source.pull.call(s.source, s.controller)).then(() => {
    s.pulling = false;
    if (s.pullAgain) { s.pullAgain = false; pullIfNeeded(stream); }
  }, (e) => fail(stream, e));
}

function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

class ReadableStream {
  constructor(source = {}, strategy = {}) {
    if (source !== null && source.type === 'bytes') throw new RangeError('byte streams are not available in the playground\'s node (QuickJS)');
    const closed = deferred();
    closed.promise.catch(() => {});
    this[kState] = {
      source: source ?? {}, state: 'readable', queue: [], reads: [], reader: null, error: undefined, closed,
      highWaterMark: strategy.highWaterMark ?? 1, started: false, pulling: false, pullAgain: false, closeRequested: false, disturbed: false,
    };
    const s = this[kState];
    s.controller = new ReadableStreamDefaultController(this);
    Promise.resolve(s.source.start ? s.source.start.call(s.source, s.controller) : undefined).then(() => {
      s.started = true;
      pullIfNeeded(this);
    }, (e) => fail(this, e));
  }

  get locked() { return this[kState].reader !== null; }

  getReader(options = {}) {
    if (options && options.mode === 'byob') throw new TypeError('ReadableStreamBYOBReader is not available in the playground\'s node (QuickJS)');
    return new ReadableStreamDefaultReader(this);
  }

  cancel(reason) {
    if (this.locked) return Promise.reject(new TypeError('Invalid state: ReadableStream is locked'));
    return cancel(this, reason);
  }

  tee() {
    const reader = this.getReader();
    const branches = [];
    let left = 2;
    const pull = () => reader.read().then(({ value, done }) => {
      for (const b of branches) {
        if (b[kState].state !== 'readable' || b[kState].closeRequested) continue;
        if (done) b[kState].controller.close(); else b[kState].controller.enqueue(value);
      }
    }, (e) => { for (const b of branches) fail(b, e); });
    const source = () => ({ pull, cancel: (reason) => (--left === 0 ? reader.cancel(reason) : undefined) });
    branches.push(new ReadableStream(source(), { highWaterMark: 0 }), new ReadableStream(source(), { highWaterMark: 0 }));
    return branches;
  }

  values(options = {}) {
    const reader = this.getReader();
    const preventCancel = Boolean(options && options.preventCancel);
    let finished = false;
    return {
      next: () => (finished ? Promise.resolve({ value: undefined, done: true }) : reader.read().then((r) => {
        if (r.done) { finished = true; reader.releaseLock(); }
        return r;
      })),
      return: async (value) => {
        if (finished) return { value, done: true };
        finished = true;
        if (!preventCancel) await reader.cancel(value);
        reader.releaseLock();
        return { value, done: true };
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }

  [Symbol.asyncIterator](options) { return this.values(options); }

  [inspect.custom](depth, options) {
    return `ReadableStream ${inspect({ locked: this.locked, state: this[kState].state, supportsBYOB: false }, options)}`;
  }
}

function cancel(stream, reason) {
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === 'closed') return Promise.resolve();
  if (s.state === 'errored') return Promise.reject(s.error);
  s.queue = [];
  finishClose(stream);
  return Promise.resolve(s.source.cancel ? s.source.cancel.call(s.source, reason) : undefined).then(() => undefined);
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!(stream instanceof ReadableStream)) throw new TypeError('The "stream" argument must be an instance of ReadableStream.');
    if (stream.locked) throw new TypeError('Invalid state: ReadableStream is locked');
    stream[kState].reader = this;
    this[kState] = stream;
  }

  get closed() { return this[kState] ? this[kState][kState].closed.promise : Promise.reject(new TypeError('Invalid state: The reader is not attached to a stream')); }

  read() {
    const stream = this[kState];
    if (!stream) return Promise.reject(new TypeError('Invalid state: The reader is not attached to a stream'));
    const s = stream[kState];
    s.disturbed = true;
    if (s.queue.length > 0) {
      const value = s.queue.shift();
      if (s.closeRequested && s.queue.length === 0) finishClose(stream);
      else pullIfNeeded(stream);
      return Promise.resolve({ value, done: false });
    }
    if (s.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    if (s.state === 'errored') return Promise.reject(s.error);
    const d = deferred();
    s.reads.push(d);
    pullIfNeeded(stream);
    return d.promise;
  }

  cancel(reason) {
    return this[kState] ? cancel(this[kState], reason) : Promise.reject(new TypeError('Invalid state: The reader is not attached to a stream'));
  }

  releaseLock() {
    const stream = this[kState];
    if (!stream) return;
    const s = stream[kState];
    for (const r of s.reads.splice(0)) r.reject(new TypeError('Invalid state: Releasing reader'));
    s.reader = null;
    this[kState] = null;
  }
}

/** Whether `stream` was read from or cancelled (a body used). */
function isDisturbed(stream) { return stream[kState].disturbed; }

/** A stream of `chunks` (Uint8Arrays), closed after them. */
function fromChunks(chunks) {
  return new ReadableStream({ start(c) { for (const chunk of chunks) c.enqueue(chunk); c.close(); } });
}

module.exports = { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController, isDisturbed, fromChunks };
