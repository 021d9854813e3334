// Request and Response (guest code), as undici's: their checks and messages
// (a relative or credentialed URL, a forbidden or malformed method, a body
// on GET/HEAD, a stream body without duplex: 'half', a status out of range),
// methods normalized as the standard says (POST, not PATCH), clone(), the
// static Response.json/error/redirect, and what util.inspect shows.
'use strict';

const { inspect } = require('internal/inspect');
const { Headers, freeze } = require('internal/fetch/headers');
const { kBody, extractBody, setBody, bodyStream, installBodyMethods } = require('internal/fetch/body');
const { ReadableStream } = require('internal/webstreams');

const kState = Symbol('kState');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseUrl(input) {
  try {
    return new URL(String(input));
  } catch (cause) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause });
  }
}

function mimeOf(target) { return target.headers.get('content-type'); }

class Request {
  constructor(input, init = {}) {
    if (arguments.length === 0) throw new TypeError("Request constructor: At least 1 argument required, but only 0 present.");
    init = init ?? {};
    const from = input instanceof Request ? input : null;
    const url = from ? new URL(from.url) : parseUrl(input);
    if (url.username || url.password) throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
    let method = from ? from.method : 'GET';
    if (init.method !== undefined) {
      method = String(init.method);
      if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (['CONNECT', 'TRACE', 'TRACK'].includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      if (NORMALIZED.has(upper)) method = upper;
      else if (method === 'patch') {
        process.emitWarning('Using `patch` is highly likely to result in a `405 Method Not Allowed`. `PATCH` is much more likely to succeed.', { code: 'UNDICI-FETCH-patch' });
      }
    }
    const redirect = init.redirect ?? (from ? from.redirect : 'follow');
    if (!['follow', 'error', 'manual'].includes(redirect)) throw new TypeError(`Request constructor: ${redirect} is not an accepted type. Expected one of follow, manual, error.`);
    const signal = init.signal ?? (from ? from.signal : null);
    if (signal !== null && signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError("Request constructor: Expected signal (\"[object Object]\") to be an instance of AbortSignal.");
    }
    this[kState] = { url, method, redirect, signal: signal ?? new AbortController().signal, duplex: init.duplex ?? 'half' };
    this[kState].headers = new Headers(init.headers ?? (from ? from.headers : undefined));
    const body = init.body !== undefined ? init.body : from ? from[kBody] && { reuse: from } : null;
    if (body !== null && body !== undefined && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    if (body && body.reuse) {
      setBody(this, { stream: bodyStream(body.reuse) });
    } else if (body === null || body === undefined) {
      setBody(this, null);
    } else {
      const extracted = extractBody(body);
      if (extracted.stream && init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
      if (extracted.type !== null && !this.headers.has('content-type')) this.headers.append('content-type', extracted.type);
      setBody(this, extracted);
    }
  }

  get headers() { return this[kState].headers; }
  get method() { return this[kState].method; }
  get url() { return this[kState].url.href; }
  get redirect() { return this[kState].redirect; }
  get signal() { return this[kState].signal; }
  get duplex() { return this[kState].duplex; }
  get cache() { return 'default'; }
  get credentials() { return 'same-origin'; }
  get mode() { return 'cors'; }
  get referrer() { return 'about:client'; }
  get referrerPolicy() { return ''; }
  get integrity() { return ''; }
  get keepalive() { return false; }
  get destination() { return ''; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new Request(this.url, { method: this.method, headers: this.headers, redirect: this.redirect, signal: this.signal });
    teeInto(this, copy);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Request'; }

  [inspect.custom](depth, options) {
    const { method, url, headers, destination, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, signal, body, bodyUsed } = this;
    return `Request ${inspect({ method, url, headers, destination, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, isReloadNavigation: false, isHistoryNavigation: false, signal, body, bodyUsed }, options)}`;
  }
}
installBodyMethods(Request.prototype, mimeOf);

/** `from`'s body split in two: one branch stays, the other goes to `to`. */
function teeInto(from, to) {
  if (from[kBody] === null) { setBody(to, null); return; }
  if (from[kBody].stream === null) { setBody(to, { bytes: from[kBody].bytes }); return; }
  const [a, b] = from[kBody].stream.tee();
  from[kBody].stream = a;
  setBody(to, { stream: b });
}

class Response {
  constructor(body = null, init = {}) {
    init = init ?? {};
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    const statusText = init.statusText === undefined ? '' : String(init.statusText);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText');
    this[kState] = { status, statusText, type: 'default', url: '', redirected: false };
    this[kState].headers = new Headers(init.headers);
    if (body === null || body === undefined) {
      setBody(this, null);
      return;
    }
    if ([101, 204, 205, 304].includes(status)) throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    const extracted = extractBody(body);
    if (extracted.type !== null && !this.headers.has('content-type')) this.headers.append('content-type', extracted.type);
    setBody(this, extracted);
  }

  static error() {
    const r = new Response(null, { status: 200 });
    Object.assign(r[kState], { status: 0, type: 'error' });
    freeze(r.headers);
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const headers = new Headers(init && init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(text, { ...init, headers });
  }

  static redirect(url, status = 302) {
    const target = parseUrl(url);
    if (!REDIRECTS.has(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = new Response(null, { status, headers: { location: target.href } });
    freeze(r.headers);
    return r;
  }

  get headers() { return this[kState].headers; }
  get status() { return this[kState].status; }
  get statusText() { return this[kState].statusText; }
  get ok() { return this[kState].status >= 200 && this[kState].status <= 299; }
  get redirected() { return this[kState].redirected; }
  get type() { return this[kState].type; }
  get url() { return this[kState].url; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = new Response(null, { status: this.status === 0 ? 200 : this.status, statusText: this.statusText, headers: this.headers });
    const { headers, ...state } = this[kState];
    Object.assign(copy[kState], state);
    teeInto(this, copy);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Response'; }

  [inspect.custom](depth, options) {
    const { status, statusText, headers, body, bodyUsed, ok, redirected, type, url } = this;
    return `Response ${inspect({ status, statusText, headers, body, bodyUsed, ok, redirected, type, url }, options)}`;
  }
}
installBodyMethods(Response.prototype, mimeOf);

/** A response fetch() made: its status line and headers from the wire, its body a stream the connection feeds. */
function fetchedResponse({ status, statusText, headers, stream, url, redirected }) {
  const r = new Response(null, { status: 200 });
  Object.assign(r[kState], { status, statusText, type: 'basic', url, redirected });
  for (const [name, value] of headers) r.headers.append(name, value);
  freeze(r.headers);
  setBody(r, stream ? { stream } : null);
  return r;
}

/** The bytes a Request sends (a stream body read whole), or null. */
async function requestBodyBytes(request) {
  const b = request[kBody];
  if (b === null) return null;
  if (b.stream === null) return b.bytes;
  return request.arrayBuffer().then((ab) => new Uint8Array(ab));
}

module.exports = { Request, Response, ReadableStream, fetchedResponse, requestBodyBytes };
