// net (guest code): TCP sockets and servers over the container's network
// namespace. A Socket is a Duplex stream whose bytes the host moves; a
// Server hands each accepted connection to a new Socket. Errors read as
// Node's: `connect ECONNREFUSED 172.17.0.2:80`, `listen EADDRINUSE: address
// already in use :::3000`, `getaddrinfo ENOTFOUND db`.
'use strict';

const EventEmitter = require('events');
const { Duplex } = require('stream');
const host = require('internal/binding');
const handles = require('internal/handles');
const errors = require('internal/errors');

const net = (op, ...args) => host('net', op, ...args);

function isIPv4(s) {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(String(s));
}
function isIPv6(s) {
  return /^[0-9a-fA-F:]+(%.+)?$/.test(String(s)) && String(s).includes(':');
}
function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

function netError(e) {
  if (e.syscall === 'getaddrinfo') {
    const err = new Error(`getaddrinfo ${e.code} ${e.hostname}`);
    return Object.assign(err, { errno: -3008, code: e.code, syscall: 'getaddrinfo', hostname: e.hostname });
  }
  if (e.address !== undefined) return errors.exceptionWithHostPort(e.code, e.syscall, e.address, e.port);
  const err = errors.uvException(e.code, e.syscall);
  err.message = `${e.syscall} ${e.code}`;
  return err;
}

function normalizeConnectArgs(args) {
  let options = {};
  let cb;
  if (args.length > 0 && typeof args[args.length - 1] === 'function') cb = args[args.length - 1];
  if (args[0] !== null && typeof args[0] === 'object') options = { ...args[0] };
  else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) options.path = args[0];
  else {
    options.port = args[0];
    if (typeof args[1] === 'string') options.host = args[1];
  }
  return [options, cb];
}

class Socket extends Duplex {
  constructor(options = {}) {
    super({ allowHalfOpen: Boolean(options.allowHalfOpen), emitClose: true, autoDestroy: true, decodeStrings: true });
    this._hostId = null;
    this._id = handles.register(this);
    this._pendingWrite = null;
    this._readPaused = false;
    this.connecting = false;
    this.bytesRead = 0;
    this._bytesWritten = 0;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.remoteFamily = undefined;
    this.localAddress = undefined;
    this.localPort = undefined;
    this._timeoutMs = 0;
    this._timer = null;
    this._refed = true;
    this.server = null;
    this._server = null;
    if (options.handle) {
      this._attach(options.handle);
    }
  }

  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
  get pending() { return this._hostId === null || this.connecting; }
  get bytesWritten() { return this._bytesWritten; }
  get _handle() { return this._hostId === null ? null : { fd: -1 }; }

  _attach(info) {
    this._hostId = info.id;
    this._setEndpoints(info);
    net('attach', info.id, this._id);
  }

  _setEndpoints(info) {
    this.remoteAddress = info.remoteAddress;
    this.remotePort = info.remotePort;
    this.remoteFamily = info.remoteFamily;
    this.localAddress = info.localAddress;
    this.localPort = info.localPort;
  }

  connect(...args) {
    const [options, cb] = normalizeConnectArgs(args);
    if (options.path) throw errors.notAvailable('Unix domain sockets');
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw errors.nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', `Port should be >= 0 and < 65536. Received ${typeof options.port === 'string' ? `type string ('${options.port}')` : `type number (${options.port})`}.`);
    if (cb) this.once('connect', cb);
    this.connecting = true;
    this._hostId = net('connect', this._id, options.host || 'localhost', port);
    return this;
  }

  _onHost(type, payload) {
    switch (type) {
      case 'connect':
        this.connecting = false;
        this._setEndpoints(payload);
        this._touch();
        this.emit('connect');
        this.emit('ready');
        if (this._pendingConnectWrites) {
          const writes = this._pendingConnectWrites;
          this._pendingConnectWrites = null;
          for (const [chunk, cb] of writes) this._write(chunk, null, cb);
        }
        if (this._pendingFinal) {
          const cb = this._pendingFinal;
          this._pendingFinal = null;
          this._final(cb);
        }
        break;
      case 'data': {
        const buf = Buffer.from(payload);
        this.bytesRead += buf.length;
        this._touch();
        if (!this.push(buf)) {
          this._readPaused = true;
          net('pause', this._hostId);
        }
        break;
      }
      case 'end':
        this.push(null);
        break;
      case 'drain':
        if (this._pendingWrite) {
          const cb = this._pendingWrite;
          this._pendingWrite = null;
          cb();
        }
        break;
      case 'error':
        this.connecting = false;
        this.destroy(netError(payload));
        break;
      default:
        break;
    }
  }

  _read() {
    if (this._readPaused && this._hostId !== null) {
      this._readPaused = false;
      net('resume', this._hostId);
    }
  }

  _write(chunk, encoding, cb) {
    if (this.connecting) {
      (this._pendingConnectWrites ??= []).push([chunk, cb]);
      return;
    }
    if (this._hostId === null) return void cb(errors.nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    this._bytesWritten += chunk.length;
    this._touch();
    let below;
    try {
      below = net('write', this._hostId, chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    } catch (err) {
      return void cb(err);
    }
    if (below) cb();
    else this._pendingWrite = cb;
  }

  _final(cb) {
    if (this.connecting) {
      this._pendingFinal = cb;
      return;
    }
    if (this._hostId !== null) net('end', this._hostId);
    cb();
  }

  _destroy(err, cb) {
    this._clearTimer();
    if (this._hostId !== null) net('destroy', this._hostId);
    handles.unregister(this._id);
    if (this._server) this._server._connectionClosed(this);
    cb(err);
  }

  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  address() {
    return this.localAddress === undefined ? {} : { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  setTimeout(ms, cb) {
    this._timeoutMs = ms;
    if (cb) {
      if (ms === 0) this.removeListener('timeout', cb);
      else this.once('timeout', cb);
    }
    this._touch();
    return this;
  }

  _touch() {
    this._clearTimer();
    if (this._timeoutMs > 0 && !this.destroyed) {
      this._timer = setTimeout(() => this.emit('timeout'), this._timeoutMs);
      this._timer.unref();
    }
  }

  _clearTimer() {
    if (this._timer) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { this._refed = true; if (this._hostId !== null) net('ref', this._hostId, true); return this; }
  unref() { this._refed = false; if (this._hostId !== null) net('ref', this._hostId, false); return this; }
  resetAndDestroy() { return this.destroy(); }
}

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') { connectionListener = options; options = {}; }
    this._options = options || {};
    if (connectionListener) this.on('connection', connectionListener);
    this._id = handles.register(this);
    this._hostId = null;
    this._address = null;
    this._connections = new Set();
    this.listening = false;
    this.maxConnections = undefined;
    this._refed = true;
  }

  listen(...args) {
    let port = 0;
    let hostname = '';
    let cb;
    if (typeof args[args.length - 1] === 'function') cb = args.pop();
    if (args[0] !== null && typeof args[0] === 'object') {
      if (args[0].path !== undefined) throw errors.notAvailable('listening on a Unix domain socket');
      port = args[0].port ?? 0;
      hostname = args[0].host ?? '';
    } else {
      if (args[0] !== undefined && args[0] !== null) port = args[0];
      if (typeof args[1] === 'string') hostname = args[1];
    }
    if (typeof port === 'string' && /^\d+$/.test(port)) port = Number(port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw errors.nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${typeof port === 'string' ? `type string ('${port}')` : `type number (${port})`}.`);
    }
    if (this.listening) throw errors.nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
    if (cb) this.once('listening', cb);
    let info;
    try {
      info = net('listen', this._id, hostname, port);
    } catch (e) {
      const address = hostname || '::';
      const [, desc] = errors.UV[e.code] || [0, e.code];
      const err = new Error(`listen ${e.code}: ${desc} ${address}:${port}`);
      Object.assign(err, { code: e.code, errno: (errors.UV[e.code] || [-1])[0], syscall: 'listen', address, port });
      process.nextTick(() => this.emit('error', err));
      return this;
    }
    this._hostId = info.id;
    this._address = { address: info.address, family: info.family, port: info.port };
    this.listening = true;
    if (!this._refed) net('serverRef', this._hostId, false);
    process.nextTick(() => this.emit('listening'));
    return this;
  }

  address() { return this._address; }

  close(cb) {
    if (typeof cb === 'function') {
      if (!this.listening) this.once('close', () => cb(errors.nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.')));
      else this.once('close', cb);
    }
    if (this._hostId !== null) {
      net('serverClose', this._hostId);
      this._hostId = null;
    }
    this.listening = false;
    this._maybeClosed();
    return this;
  }

  _maybeClosed() {
    if (!this.listening && this._connections.size === 0 && this._hostClosed) {
      this._hostClosed = false;
      handles.unregister(this._id);
      this.emit('close');
    }
  }

  _connectionClosed(socket) {
    this._connections.delete(socket);
    this._maybeClosed();
  }

  _onHost(type, payload) {
    if (type === 'connection') {
      const socket = new Socket({ handle: payload, allowHalfOpen: Boolean(this._options.allowHalfOpen) });
      if (this.maxConnections !== undefined && this._connections.size >= this.maxConnections) {
        socket.destroy();
        return;
      }
      socket.server = this;
      socket._server = this;
      this._connections.add(socket);
      this.emit('connection', socket);
    } else if (type === 'close') {
      this._hostClosed = true;
      this._maybeClosed();
    } else if (type === 'error') {
      this.emit('error', netError(payload));
    }
  }

  getConnections(cb) {
    const n = this._connections.size;
    if (typeof cb === 'function') process.nextTick(cb, null, n);
    return this;
  }
  ref() { this._refed = true; if (this._hostId !== null) net('serverRef', this._hostId, true); return this; }
  unref() { this._refed = false; if (this._hostId !== null) net('serverRef', this._hostId, false); return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(resolve)); }
}

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const [options, cb] = normalizeConnectArgs(args);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(options, cb);
}

module.exports = {
  Socket, Stream: Socket, Server, createServer, connect, createConnection: connect, isIP, isIPv4, isIPv6,
  getDefaultAutoSelectFamily: () => true, setDefaultAutoSelectFamily() {},
};
