// process.stdout, process.stderr and process.stdin (guest code). Writes go
// to the host, which queues them on the descriptor and reports 'drain' when
// the queue empties; stdin reads start only when the program listens.
'use strict';

const EventEmitter = require('events');
const host = require('internal/binding');
const handles = require('internal/handles');

const HIGH_WATER_MARK = 16 * 1024;

class WriteStream extends EventEmitter {
  constructor(fd, info) {
    super();
    this.fd = fd;
    this.isTTY = info.tty || undefined;
    this._type = info.tty ? 'tty' : info.kind;
    this.writable = true;
    this.writableHighWaterMark = HIGH_WATER_MARK;
    this.writableLength = 0;
    this.writableEnded = false;
    this.writableFinished = false;
    this.writableNeedDrain = false;
    this.destroyed = false;
    this._id = handles.register(this);
    if (info.tty) {
      this.columns = info.columns;
      this.rows = info.rows;
    }
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (typeof chunk === 'string') {
      if (encoding && encoding !== 'utf8' && encoding !== 'utf-8') chunk = Buffer.from(chunk, encoding);
    } else if (!(chunk instanceof Uint8Array)) {
      throw require('internal/errors').invalidArgType('chunk', 'string or an instance of Buffer, TypedArray, or DataView', chunk);
    }
    const data = typeof chunk === 'string' ? chunk : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
    const below = host('write', this.fd, data, this._id);
    if (!below) this.writableNeedDrain = true;
    if (typeof cb === 'function') process.nextTick(cb, null);
    return below;
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    // Node never closes the standard streams; end() just finishes writing.
    this.writableEnded = true;
    process.nextTick(() => {
      this.writableFinished = true;
      this.emit('finish');
      if (typeof cb === 'function') cb();
    });
    return this;
  }

  cork() {}
  uncork() {}
  setDefaultEncoding() { return this; }
  destroy() { this.destroyed = true; return this; }
  getWindowSize() { return [this.columns, this.rows]; }

  _onHost(type, payload) {
    if (type === 'drain') {
      this.writableNeedDrain = false;
      this.emit('drain');
    } else if (type === 'resize') {
      this.columns = payload[0];
      this.rows = payload[1];
      this.emit('resize');
    }
  }
}

/** stdin: a Readable fed by the host once someone reads. */
function createStdin(info) {
  const { Readable } = require('stream');
  let started = false;
  const stdin = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      if (!started) {
        started = true;
        host('stdin', 'start', stdin._id);
      } else host('stdin', 'resume', stdin._id);
    },
  });
  stdin.fd = 0;
  stdin.isTTY = info.tty || undefined;
  stdin.isRaw = false;
  stdin.setRawMode = function setRawMode(flag) {
    if (!this.isTTY) throw require('internal/errors').notAvailable('setRawMode on a non-TTY stdin');
    host('stdin', flag ? 'raw' : 'cooked', this._id);
    this.isRaw = Boolean(flag);
    return this;
  };
  stdin._id = handles.register(stdin);
  stdin._onHost = (type, payload) => {
    if (type === 'data') {
      if (!stdin.push(Buffer.from(payload))) host('stdin', 'pause', stdin._id);
    } else if (type === 'end') {
      stdin.push(null);
    }
  };
  const pause = stdin.pause;
  stdin.pause = function () {
    const r = pause.call(this);
    if (started) host('stdin', 'pause', stdin._id);
    return r;
  };
  // Like Node, a stdin nobody reads does not keep the process alive.
  stdin.on('end', () => host('stdin', 'stop', stdin._id));
  stdin.unref = () => { host('stdin', 'unref', stdin._id); return stdin; };
  stdin.ref = () => { host('stdin', 'ref', stdin._id); return stdin; };
  return stdin;
}

module.exports = { WriteStream, createStdin };
