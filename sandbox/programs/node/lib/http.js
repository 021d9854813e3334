// http (guest code): HTTP/1.1 servers and clients over `net`, writing the
// bytes Node writes — the status line, headers in the order set, then Date,
// Connection: keep-alive and Keep-Alive: timeout=5, and Content-Length when
// end() knows the whole body or Transfer-Encoding: chunked otherwise — and
// parsing requests and responses (Content-Length, chunked, keep-alive,
// pipelining one at a time, 400/431 for malformed or oversized heads).
'use strict';

const EventEmitter = require('events');
const Stream = require('stream');
const net = require('net');
const errors = require('internal/errors');

const { Readable } = Stream;

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
  202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
  207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
  425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT',
  'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

const MAX_HEADER_SIZE = 16 * 1024;
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Headers where a duplicate is dropped (Node's IncomingMessage._addHeaderLine). */
const SINGLE = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after',
  'etag', 'last-modified', 'server', 'age', 'expires']);

function validateHeaderName(name) {
  if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
    throw errors.nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
  }
}

function validateHeaderValue(name, value) {
  if (value === undefined) throw errors.nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
  if (INVALID_HEADER_VALUE.test(String(value))) throw errors.nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
}

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

// ---- parsing ----------------------------------------------------------------------

/**
 * An HTTP/1.x message parser for one connection: feed() bytes; it calls
 * onHead(info) once a head is complete, onBody(chunk) and onEnd() for its
 * body, and onError(code) for malformed input.
 */
class Parser {
  constructor(kind, hooks) {
    this.kind = kind;
    this.hooks = hooks;
    this.buffer = Buffer.alloc(0);
    this.state = 'head';
    this.remaining = 0;
    this.paused = false;
    this.noBodyFor = null;
  }

  feed(chunk) {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    this.run();
  }

  /** The connection ended: a close-delimited body ends with it. */
  finish() {
    if (this.state === 'body-eof') {
      this.state = 'head';
      this.hooks.onEnd();
    } else if (this.state !== 'head' || this.buffer.length > 0) {
      if (this.state !== 'head') this.hooks.onError('ECONNRESET');
    }
  }

  run() {
    while (!this.paused && this.state !== 'error') {
      if (this.state === 'head') {
        if (this.buffer.length === 0) return;
        let end = this.buffer.indexOf('\r\n\r\n');
        let sep = 4;
        if (end === -1) {
          end = this.buffer.indexOf('\n\n');
          sep = 2;
        }
        if (end === -1) {
          if (this.buffer.length > MAX_HEADER_SIZE) return this.fail('HPE_HEADER_OVERFLOW');
          return;
        }
        if (end > MAX_HEADER_SIZE) return this.fail('HPE_HEADER_OVERFLOW');
        const head = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + sep);
        if (head === '' && this.kind === 'request') continue;
        const info = this.parseHead(head);
        if (!info) return this.fail('HPE_INVALID_CONSTANT');
        this.startBody(info);
        this.hooks.onHead(info);
      } else if (this.state === 'fixed') {
        if (this.buffer.length === 0) return;
        const n = Math.min(this.remaining, this.buffer.length);
        const chunk = this.buffer.subarray(0, n);
        this.buffer = this.buffer.subarray(n);
        this.remaining -= n;
        this.hooks.onBody(Buffer.from(chunk));
        if (this.remaining === 0) this.endMessage();
      } else if (this.state === 'chunk-size') {
        const nl = this.buffer.indexOf('\r\n');
        if (nl === -1) {
          if (this.buffer.length > 1024) return this.fail('HPE_INVALID_CHUNK_SIZE');
          return;
        }
        const size = parseInt(this.buffer.subarray(0, nl).toString('latin1').split(';')[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) return this.fail('HPE_INVALID_CHUNK_SIZE');
        this.buffer = this.buffer.subarray(nl + 2);
        if (size === 0) {
          this.state = 'trailers';
        } else {
          this.remaining = size;
          this.state = 'chunk-data';
        }
      } else if (this.state === 'chunk-data') {
        if (this.buffer.length === 0) return;
        const n = Math.min(this.remaining, this.buffer.length);
        this.hooks.onBody(Buffer.from(this.buffer.subarray(0, n)));
        this.buffer = this.buffer.subarray(n);
        this.remaining -= n;
        if (this.remaining === 0) this.state = 'chunk-crlf';
      } else if (this.state === 'chunk-crlf') {
        if (this.buffer.length < 2) return;
        this.buffer = this.buffer.subarray(2);
        this.state = 'chunk-size';
      } else if (this.state === 'trailers') {
        const nl = this.buffer.indexOf('\r\n');
        if (nl === -1) return;
        const line = this.buffer.subarray(0, nl).toString('latin1');
        this.buffer = this.buffer.subarray(nl + 2);
        if (line === '') this.endMessage();
      } else if (this.state === 'body-eof') {
        if (this.buffer.length === 0) return;
        const chunk = this.buffer;
        this.buffer = Buffer.alloc(0);
        this.hooks.onBody(Buffer.from(chunk));
      } else {
        return;
      }
    }
  }

  fail(code) {
    this.state = 'error';
    this.hooks.onError(code);
  }

  endMessage() {
    this.state = 'head';
    this.hooks.onEnd();
  }

  parseHead(head) {
    const lines = head.split(/\r?\n/);
    const first = lines.shift();
    const info = { rawHeaders: [], headers: Object.create(null) };
    if (this.kind === 'request') {
      const m = /^([A-Z-]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(first);
      if (!m || !METHODS.includes(m[1])) return null;
      [, info.method, info.url] = m;
      info.versionMajor = Number(m[3]);
      info.versionMinor = Number(m[4]);
    } else {
      const m = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(first);
      if (!m) return null;
      info.versionMajor = Number(m[1]);
      info.versionMinor = Number(m[2]);
      info.statusCode = Number(m[3]);
      info.statusMessage = m[4] ?? '';
    }
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return null;
      const name = line.slice(0, colon);
      if (!TOKEN.test(name)) return null;
      const value = line.slice(colon + 1).trim();
      info.rawHeaders.push(name, value);
      addHeader(info.headers, name.toLowerCase(), value);
    }
    return info;
  }

  startBody(info) {
    const h = info.headers;
    const te = h['transfer-encoding'];
    const chunked = te !== undefined && /(^|,)\s*chunked\s*$/i.test(te);
    const noBody = this.kind === 'response' && (this.noBodyFor === 'HEAD' || info.statusCode === 204 || info.statusCode === 304 || (info.statusCode >= 100 && info.statusCode < 200));
    info.upgrade = false;
    if (noBody) {
      this.state = 'none';
    } else if (chunked) {
      this.state = 'chunk-size';
    } else if (h['content-length'] !== undefined) {
      const len = Number(h['content-length']);
      if (!/^\d+$/.test(h['content-length']) || !Number.isSafeInteger(len)) {
        this.state = 'error';
        return;
      }
      this.remaining = len;
      this.state = len > 0 ? 'fixed' : 'none';
    } else {
      this.state = this.kind === 'response' ? 'body-eof' : 'none';
    }
    if (this.state === 'none') {
      this.state = 'head';
      info.noBody = true;
    }
  }
}

function addHeader(headers, field, value) {
  const existing = headers[field];
  if (existing === undefined) {
    headers[field] = field === 'set-cookie' ? [value] : value;
  } else if (field === 'set-cookie') {
    existing.push(value);
  } else if (SINGLE.has(field)) {
    // The first one wins.
  } else if (field === 'cookie') {
    headers[field] = `${existing}; ${value}`;
  } else {
    headers[field] = `${existing}, ${value}`;
  }
}

// ---- IncomingMessage -----------------------------------------------------------------

class IncomingMessage extends Readable {
  constructor(socket) {
    super({ autoDestroy: false });
    this.socket = socket;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = '1.1';
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.headers = {};
    this.trailers = {};
    this.aborted = false;
    this.upgrade = false;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this._consuming = false;
    this._dumped = false;
  }
  get connection() { return this.socket; }
  get headersDistinct() {
    const out = Object.create(null);
    for (let i = 0; i < this.rawHeaders.length; i += 2) (out[this.rawHeaders[i].toLowerCase()] ??= []).push(this.rawHeaders[i + 1]);
    return out;
  }
  _read() {
    this._consuming = true;
    if (this.socket && this.socket.isPaused && this.socket.isPaused()) this.socket.resume();
  }
  _dump() {
    if (!this._dumped) {
      this._dumped = true;
      this.removeAllListeners('data');
      this.resume();
    }
  }
  setTimeout(ms, cb) {
    if (cb) this.on('timeout', cb);
    if (this.socket) this.socket.setTimeout(ms);
    return this;
  }
  _destroy(err, cb) {
    if (!this.readableEnded || !this.complete) this.aborted = true;
    if (err && this.socket && !this.complete) this.socket.destroy(err);
    cb(err);
  }
}

function fillIncoming(msg, info) {
  msg.httpVersionMajor = info.versionMajor;
  msg.httpVersionMinor = info.versionMinor;
  msg.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
  msg.rawHeaders = info.rawHeaders;
  msg.headers = { ...info.headers };
  if (info.method !== undefined) {
    msg.method = info.method;
    msg.url = info.url;
  } else {
    msg.statusCode = info.statusCode;
    msg.statusMessage = info.statusMessage;
  }
}

// ---- OutgoingMessage -------------------------------------------------------------------

const kHeaders = Symbol('kOutHeaders');

class OutgoingMessage extends Stream {
  constructor() {
    super();
    this[kHeaders] = new Map();
    this._header = null;
    this.headersSent = false;
    this.finished = false;
    this.writableEnded = false;
    this.writableFinished = false;
    this.destroyed = false;
    this.sendDate = false;
    this.chunkedEncoding = false;
    this.useChunkedEncodingByDefault = true;
    this.shouldKeepAlive = true;
    this._hasBody = true;
    this._contentLength = null;
    this._keepAliveTimeout = 0;
    this._defaultKeepAlive = true;
    this._pending = [];
    this.socket = null;
    this.writable = true;
    this.strictContentLength = false;
  }
  get connection() { return this.socket; }
  get writableLength() { return 0; }
  get writableHighWaterMark() { return 16 * 1024; }
  get writableCorked() { return 0; }
  get writableNeedDrain() { return false; }
  get writableObjectMode() { return false; }

  setHeader(name, value) {
    if (this._header) throw errors.nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kHeaders].set(name.toLowerCase(), [name, value]);
    return this;
  }
  setHeaders(headers) {
    for (const [k, v] of headers instanceof Map ? headers : Object.entries(headers)) this.setHeader(k, v);
    return this;
  }
  appendHeader(name, value) {
    if (this._header) throw errors.nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot append headers after they are sent to the client');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const key = name.toLowerCase();
    const existing = this[kHeaders].get(key);
    if (!existing) this[kHeaders].set(key, [name, value]);
    else existing[1] = [].concat(existing[1], value);
    return this;
  }
  getHeader(name) {
    if (typeof name !== 'string') throw errors.invalidArgType('name', 'string', name);
    const entry = this[kHeaders].get(name.toLowerCase());
    return entry && entry[1];
  }
  getHeaders() {
    const out = Object.create(null);
    for (const [key, [, value]] of this[kHeaders]) out[key] = value;
    return out;
  }
  getHeaderNames() { return [...this[kHeaders].keys()]; }
  getRawHeaderNames() { return [...this[kHeaders].values()].map(([name]) => name); }
  hasHeader(name) { return this[kHeaders].has(String(name).toLowerCase()); }
  removeHeader(name) {
    if (this._header) throw errors.nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
    this[kHeaders].delete(String(name).toLowerCase());
  }

  /** Builds the head as Node's _storeHeader does. */
  _storeHeader(firstLine, headerList) {
    const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false };
    let header = firstLine;
    for (const [name, value] of headerList) {
      for (const v of Array.isArray(value) ? value : [value]) {
        validateHeaderValue(name, v);
        header += `${name}: ${v}\r\n`;
      }
      const key = name.toLowerCase();
      if (key === 'connection') {
        state.connection = true;
        if (/(^|\W)close(\W|$)/i.test(String(value))) this._last = true;
        else this.shouldKeepAlive = true;
      } else if (key === 'transfer-encoding') {
        state.te = true;
        if (/(^|\W)chunked(\W|$)/i.test(String(value))) this.chunkedEncoding = true;
      } else if (key === 'content-length') {
        state.contLen = true;
      } else if (key === 'date') {
        state.date = true;
      } else if (key === 'expect') {
        state.expect = true;
      }
    }
    if (!state.date && this.sendDate) header += `Date: ${new Date().toUTCString()}\r\n`;
    if (!state.connection) {
      // As Node: keep-alive when the message can be delimited (or an agent pools the socket).
      const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || (this._isClient && this.agent));
      if (shouldSendKeepAlive) {
        header += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout && this._defaultKeepAlive) header += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
      } else {
        this._last = true;
        header += 'Connection: close\r\n';
      }
    }
    if (!state.contLen && !state.te) {
      if (!this._hasBody) {
        this.chunkedEncoding = false;
      } else if (!this.useChunkedEncodingByDefault) {
        // No length and no chunking (HTTP/1.0, a GET's request): the message ends with the connection.
        this._last = true;
      } else if (typeof this._contentLength === 'number') {
        header += `Content-Length: ${this._contentLength}\r\n`;
      } else if (!this._removedTE) {
        header += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      } else {
        this._last = true;
      }
    }
    this._header = `${header}\r\n`;
    this.headersSent = false;
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.writableEnded) {
      const err = errors.nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      process.nextTick(() => { if (cb) cb(err); this.emit('error', err); });
      return true;
    }
    if (chunk === null) throw errors.nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw errors.invalidArgType('chunk', 'string or an instance of Buffer, TypedArray, or DataView', chunk);
    if (!this._header) this._implicitHeader();
    if (!this._hasBody) {
      if (cb) process.nextTick(cb);
      return true;
    }
    if (byteLength(chunk, encoding) === 0) {
      if (cb) process.nextTick(cb);
      return true;
    }
    const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return this._send(this.chunkedEncoding ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data, cb);
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.writableEnded) {
      if (cb) process.nextTick(cb);
      return this;
    }
    if (chunk !== undefined && chunk !== null && !this._header) {
      this._contentLength = byteLength(chunk, encoding);
    } else if (!this._header) {
      this._contentLength = 0;
    }
    if (!this._header) this._implicitHeader();
    if (chunk !== undefined && chunk !== null && this._hasBody && byteLength(chunk, encoding) > 0) this.write(chunk, encoding);
    this.writableEnded = true;
    this.finished = true;
    const last = this.chunkedEncoding && this._hasBody ? Buffer.from('0\r\n\r\n') : Buffer.alloc(0);
    this._send(last, () => {
      this.writableFinished = true;
      this.emit('finish');
      if (cb) cb();
      this._finished();
    }, true);
    return this;
  }

  /** Sends bytes after the head (the head goes with the first of them). */
  _send(data, cb, final = false) {
    if (!this.headersSent) {
      data = Buffer.concat([Buffer.from(this._header, 'latin1'), data]);
      this.headersSent = true;
    }
    if (!this.socket) {
      this._pending.push([data, cb, final]);
      return false;
    }
    if (data.length === 0) {
      if (cb) process.nextTick(cb);
      return true;
    }
    if (this.socket.destroyed) {
      if (cb) process.nextTick(cb);
      return false;
    }
    return this.socket.write(data, cb);
  }

  _flushPending() {
    const pending = this._pending;
    this._pending = [];
    for (const [data, cb] of pending) {
      if (data.length === 0) { if (cb) process.nextTick(cb); continue; }
      this.socket.write(data, cb);
    }
  }

  flushHeaders() {
    if (!this._header) this._implicitHeader();
    this._send(Buffer.alloc(0));
  }
  cork() {}
  uncork() {}
  setTimeout(ms, cb) {
    if (this.socket) this.socket.setTimeout(ms, cb);
    else this.once('socket', (s) => s.setTimeout(ms, cb));
    return this;
  }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (this.socket) this.socket.destroy(err);
    else if (err) process.nextTick(() => this.emit('error', err));
    return this;
  }
  _finished() {}
}

// ---- server --------------------------------------------------------------------------

class ServerResponse extends OutgoingMessage {
  constructor(req, options = {}) {
    super();
    this.req = req;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
    this._isClient = false;
    if (req.method === 'HEAD') this._hasBody = false;
    if (req.httpVersionMajor < 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor === 0)) {
      this.useChunkedEncodingByDefault = /(^|\W)chunked(\W|$)/i.test(req.headers.te || '');
      if (!/(^|\W)keep-alive(\W|$)/i.test(req.headers.connection || '')) this.shouldKeepAlive = false;
    }
    if (/(^|\W)close(\W|$)/i.test(req.headers.connection || '')) this.shouldKeepAlive = false;
    void options;
  }

  assignSocket(socket) {
    this.socket = socket;
    this.emit('socket', socket);
    this._flushPending();
  }
  detachSocket() { this.socket = null; }

  writeContinue(cb) {
    this.socket.write('HTTP/1.1 100 Continue\r\n\r\n', cb);
  }
  writeProcessing(cb) {
    this.socket.write('HTTP/1.1 102 Processing\r\n\r\n', cb);
  }
  writeEarlyHints(hints, cb) {
    let head = 'HTTP/1.1 103 Early Hints\r\n';
    for (const [k, v] of Object.entries(hints)) head += `${k}: ${Array.isArray(v) ? v.join(', ') : v}\r\n`;
    this.socket.write(`${head}\r\n`, cb);
  }

  writeHead(statusCode, reason, obj) {
    if (this._header) throw errors.nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
    const originalStatusCode = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) throw errors.nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${originalStatusCode}`);
    if (typeof reason === 'string') {
      this.statusMessage = reason;
    } else {
      this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
      obj ??= reason;
    }
    this.statusCode = statusCode;
    if (obj) {
      if (Array.isArray(obj)) {
        if (obj.length && Array.isArray(obj[0])) for (const [k, v] of obj) this.appendHeader(k, v);
        else for (let i = 0; i < obj.length; i += 2) this.appendHeader(obj[i], obj[i + 1]);
      } else {
        for (const k of Object.keys(obj)) if (obj[k] !== undefined) this.setHeader(k, obj[k]);
      }
    }
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
    if (this.req.method === 'HEAD') this._hasBody = false;
    this._storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`, [...this[kHeaders].values()]);
    return this;
  }

  _implicitHeader() { this.writeHead(this.statusCode); }

  _finished() {
    this.emit('close');
  }
}

class Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    super({ allowHalfOpen: true });
    this._httpOptions = options || {};
    if (requestListener) this.on('request', requestListener);
    this.keepAliveTimeout = 5000;
    this.headersTimeout = 60000;
    this.requestTimeout = 300000;
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
    this.on('connection', (socket) => serveConnection(this, socket));
  }
  setTimeout(ms, cb) {
    this.timeout = ms;
    if (cb) this.on('timeout', cb);
    return this;
  }
  closeAllConnections() { for (const s of this._connections) s.destroy(); }
  closeIdleConnections() { for (const s of this._connections) if (s._httpIdle) s.destroy(); }
  close(cb) {
    this.closeIdleConnections();
    return super.close(cb);
  }
}

/** One connection's requests, answered one at a time. */
function serveConnection(server, socket) {
  let current = null;
  let idleTimer = null;
  socket._httpIdle = true;
  const clearIdle = () => {
    if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
  };
  const startIdle = () => {
    clearIdle();
    socket._httpIdle = true;
    if (server.keepAliveTimeout > 0) {
      idleTimer = setTimeout(() => socket.destroy(), server.keepAliveTimeout);
    }
  };
  const parser = new Parser('request', {
    onHead(info) {
      clearIdle();
      socket._httpIdle = false;
      const req = new IncomingMessage(socket);
      fillIncoming(req, info);
      const res = new ServerResponse(req);
      res._keepAliveTimeout = server.keepAliveTimeout;
      if (server.maxRequestsPerSocket > 0 && ++socket._httpRequests > server.maxRequestsPerSocket) res.shouldKeepAlive = false;
      current = { req, res };
      if (info.noBody) {
        req.complete = true;
        req.push(null);
      } else {
        parser.paused = false;
      }
      // One request at a time: what follows waits until this response is done.
      if (info.noBody) parser.paused = true;
      res.on('finish', () => {
        const keep = res.shouldKeepAlive && !res._last;
        current = null;
        if (!keep) {
          socket.end();
          return;
        }
        startIdle();
        parser.paused = false;
        parser.run();
      });
      res.assignSocket(socket);
      if (/100-continue/i.test(req.headers.expect || '')) {
        if (server.listenerCount('checkContinue') > 0) server.emit('checkContinue', req, res);
        else { res.writeContinue(); server.emit('request', req, res); }
      } else {
        server.emit('request', req, res);
      }
    },
    onBody(chunk) {
      if (current && !current.req.push(chunk)) socket.pause();
    },
    onEnd() {
      if (current) {
        current.req.complete = true;
        current.req.push(null);
        parser.paused = true;
      }
    },
    onError(code) {
      const err = Object.assign(new Error(code === 'HPE_HEADER_OVERFLOW' ? 'Header overflow' : 'Parse Error: Invalid method encountered'), { code, bytesParsed: 0 });
      if (server.listenerCount('clientError') > 0) {
        server.emit('clientError', err, socket);
      } else if (socket.writable) {
        socket.end(code === 'HPE_HEADER_OVERFLOW' ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      } else {
        socket.destroy(err);
      }
    },
  });
  socket._httpRequests = 0;
  socket.on('data', (chunk) => parser.feed(chunk));
  socket.on('end', () => {
    parser.finish();
    if (!current) socket.end();
  });
  socket.on('close', () => {
    clearIdle();
    if (current && !current.res.writableFinished) {
      current.req.aborted = true;
      current.req.emit('aborted');
      current.req.emit('close');
      current.res.emit('close');
    }
  });
  socket.on('error', (err) => {
    if (server.listenerCount('clientError') > 0) server.emit('clientError', err, socket);
  });
  startIdle();
  socket._httpIdle = true;
}

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

// ---- client ----------------------------------------------------------------------------

class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = { path: null, ...options };
    this.keepAlive = options.keepAlive ?? false;
    this.keepAliveMsecs = options.keepAliveMsecs ?? 1000;
    this.maxSockets = options.maxSockets ?? Infinity;
    this.maxFreeSockets = options.maxFreeSockets ?? 256;
    this.maxTotalSockets = options.maxTotalSockets ?? Infinity;
    this.totalSocketCount = 0;
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.requests = Object.create(null);
    this.sockets = Object.create(null);
    this.freeSockets = Object.create(null);
  }
  createConnection(options, cb) { return net.createConnection(options, cb); }
  getName(options = {}) { return `${options.host || 'localhost'}:${options.port || ''}:${options.localAddress || ''}`; }
  destroy() {}
}
const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

/** `http://user:pass@host:port/path?q` → request options. */
function urlToOptions(url) {
  const href = typeof url === 'string' ? url : url.href;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/(?:([^@/]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^#]*)/.exec(href);
  if (!m) throw Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL', input: href });
  const options = { protocol: m[1].toLowerCase(), hostname: m[3].replace(/^\[|\]$/g, ''), path: m[5] || '/', href };
  if (m[4]) options.port = Number(m[4]);
  if (m[2] !== undefined) options.auth = decodeURIComponent(m[2]);
  if (!options.path.startsWith('/')) options.path = `/${options.path}`;
  return options;
}

class ClientRequest extends OutgoingMessage {
  constructor(input, options, cb) {
    super();
    if (typeof input === 'string' || (input && typeof input === 'object' && input.href !== undefined && input.protocol !== undefined && typeof input.searchParams === 'object')) {
      const fromUrl = urlToOptions(input);
      if (typeof options === 'function') { cb = options; options = fromUrl; }
      else options = { ...fromUrl, ...options };
    } else {
      cb = options;
      options = { ...input };
    }
    const protocol = options.protocol || 'http:';
    if (protocol !== 'http:') {
      if (protocol === 'https:') throw errors.notAvailable('HTTPS (TLS)');
      throw errors.nodeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "http:"`);
    }
    this._isClient = true;
    this.agent = options.agent === undefined ? globalAgent : options.agent;
    this.agentKeepAlive = this.agent ? this.agent.keepAlive : false;
    const defaultPort = options.defaultPort || 80;
    this.port = Number(options.port || defaultPort);
    this.host = options.hostname || (options.host ? String(options.host).replace(/:\d+$/, '') : 'localhost');
    this.method = (options.method || 'GET').toUpperCase();
    if (!TOKEN.test(this.method)) throw errors.nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${options.method}"]`);
    this.path = options.path || '/';
    if (/[\u0000-\u0020]/.test(this.path)) throw errors.nodeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
    this.protocol = protocol;
    this.reusedSocket = false;
    this.maxHeadersCount = null;
    this.res = null;
    this.aborted = false;
    this.timeoutCb = null;
    if (options.timeout !== undefined) this.timeout = options.timeout;
    this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(this.method);
    this.shouldKeepAlive = this.agentKeepAlive;
    if (cb) this.once('response', cb);
    const headers = options.headers;
    if (Array.isArray(headers)) {
      for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
    } else if (headers) {
      for (const key of Object.keys(headers)) this.setHeader(key, headers[key]);
    }
    if (options.setHost !== false && !this.getHeader('host')) {
      this.setHeader('Host', this.port === defaultPort ? this.host : `${this.host}:${this.port}`);
    }
    if (options.auth && !this.getHeader('Authorization')) this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    if (this.method === 'HEAD') this._noBodyResponse = true;
    process.nextTick(() => this._connect(options));
  }

  _implicitHeader() {
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, [...this[kHeaders].values()]);
  }

  _connect(options) {
    if (this.destroyed) return;
    const socket = (this.agent && typeof this.agent.createConnection === 'function' && this.agent !== globalAgent)
      ? this.agent.createConnection({ ...options, host: this.host, port: this.port })
      : net.createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    if (this.timeout !== undefined) socket.setTimeout(this.timeout, () => this.emit('timeout'));
    this.emit('socket', socket);
    const parser = new Parser('response', {
      onHead: (info) => {
        if (info.statusCode >= 100 && info.statusCode < 200 && info.statusCode !== 101) {
          if (info.statusCode === 100) this.emit('continue');
          else this.emit('information', { statusCode: info.statusCode, statusMessage: info.statusMessage, headers: info.headers, rawHeaders: info.rawHeaders, httpVersion: `${info.versionMajor}.${info.versionMinor}` });
          return;
        }
        const res = new IncomingMessage(socket);
        fillIncoming(res, info);
        res.req = this;
        this.res = res;
        if (info.noBody) {
          res.complete = true;
          res.push(null);
        }
        if (!this.emit('response', res)) res._dump();
        res.on('end', () => {
          // Like an agent's idle socket: nothing else uses it here, so it is closed.
          socket.destroy();
          this.emit('close');
        });
      },
      onBody: (chunk) => {
        if (this.res && !this.res.push(chunk)) socket.pause();
      },
      onEnd: () => {
        if (this.res) {
          this.res.complete = true;
          this.res.push(null);
        }
      },
      onError: (code) => {
        const err = Object.assign(new Error(code === 'ECONNRESET' ? 'socket hang up' : `Parse Error: ${code}`), { code: code === 'ECONNRESET' ? 'ECONNRESET' : code });
        this._fail(err);
      },
    });
    parser.noBodyFor = this.method === 'HEAD' ? 'HEAD' : null;
    socket.on('data', (chunk) => parser.feed(chunk));
    socket.on('end', () => {
      parser.finish();
      if (!this.res) this._fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
    socket.on('error', (err) => this._fail(err));
    socket.on('close', () => {
      if (this.res && !this.res.complete) {
        this.res.aborted = true;
        this.res.emit('aborted');
        this.res.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      }
    });
    this._flushPending();
  }

  _fail(err) {
    if (this._failed) return;
    this._failed = true;
    if (this.res && this.res.complete) return;
    this.emit('error', err);
    this.emit('close');
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    process.nextTick(() => this.emit('abort'));
    this.destroy();
  }
  setNoDelay() {}
  setSocketKeepAlive() {}
  getRawHeaderNames() { return super.getRawHeaderNames(); }
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = {
  METHODS, STATUS_CODES, Agent, ClientRequest, IncomingMessage, OutgoingMessage, Server, ServerResponse,
  createServer, request, get, globalAgent, validateHeaderName, validateHeaderValue, maxHeaderSize: MAX_HEADER_SIZE,
  setMaxIdleHTTPParsers() {}, _urlToHttpOptions: urlToOptions,
};
