// fs.createReadStream and fs.createWriteStream (guest code): streams over
// file descriptors, reading and writing 64 KiB at a time on later turns.
'use strict';

const { Readable, Writable } = require('stream');
const fs = require('fs');

class ReadStream extends Readable {
  constructor(path, options = {}) {
    if (typeof options === 'string') options = { encoding: options };
    super({ highWaterMark: options.highWaterMark || 64 * 1024, encoding: options.encoding, emitClose: options.emitClose !== false, autoDestroy: options.autoClose !== false });
    this.path = path;
    this.fd = options.fd ?? null;
    this.flags = options.flags || 'r';
    this.mode = options.mode || 0o666;
    this.start = options.start;
    this.end = options.end ?? Infinity;
    this.pos = this.start;
    this.bytesRead = 0;
    this.pending = this.fd === null;
    if (this.fd === null) {
      setImmediate(() => {
        try {
          this.fd = fs.openSync(this.path, this.flags, this.mode);
        } catch (err) {
          return this.destroy(err);
        }
        this.pending = false;
        this.emit('open', this.fd);
        this.emit('ready');
      });
    }
  }
  _read(size) {
    if (this.fd === null) return void this.once('open', () => this._read(size));
    setImmediate(() => {
      const toRead = Math.min(size, this.end === Infinity ? size : this.end - (this.pos ?? this.bytesRead) + 1);
      if (toRead <= 0) return void this.push(null);
      const buf = Buffer.allocUnsafe(toRead);
      let n;
      try {
        n = fs.readSync(this.fd, buf, 0, toRead, this.pos ?? null);
      } catch (err) {
        return void this.destroy(err);
      }
      if (this.pos !== undefined) this.pos += n;
      this.bytesRead += n;
      this.push(n > 0 ? buf.subarray(0, n) : null);
    });
  }
  _destroy(err, cb) {
    if (this.fd !== null && typeof this.fd === 'number') {
      try { fs.closeSync(this.fd); } catch { /* already closed */ }
      this.fd = null;
    }
    cb(err);
  }
  close(cb) { this.destroy(null); if (cb) this.once('close', cb); }
}

class WriteStream extends Writable {
  constructor(path, options = {}) {
    if (typeof options === 'string') options = { encoding: options };
    super({ highWaterMark: options.highWaterMark, decodeStrings: true, emitClose: options.emitClose !== false, autoDestroy: options.autoClose !== false });
    this.path = path;
    this.fd = options.fd ?? null;
    this.flags = options.flags || 'w';
    this.mode = options.mode || 0o666;
    this.start = options.start;
    this.pos = this.start;
    this.bytesWritten = 0;
    this.pending = this.fd === null;
    if (this.fd === null) {
      try {
        this.fd = fs.openSync(this.path, this.flags, this.mode);
        this.pending = false;
        process.nextTick(() => { this.emit('open', this.fd); this.emit('ready'); });
      } catch (err) {
        process.nextTick(() => this.destroy(err));
      }
    }
  }
  _write(chunk, encoding, cb) {
    try {
      const n = fs.writeSync(this.fd, chunk, 0, chunk.length, this.pos ?? null);
      if (this.pos !== undefined) this.pos += n;
      this.bytesWritten += n;
    } catch (err) {
      return void cb(err);
    }
    setImmediate(cb);
  }
  _destroy(err, cb) {
    if (this.fd !== null && typeof this.fd === 'number') {
      try { fs.closeSync(this.fd); } catch { /* already closed */ }
      this.fd = null;
    }
    cb(err);
  }
  close(cb) { this.end(); if (cb) this.once('close', cb); }
}

module.exports = { ReadStream, WriteStream };
