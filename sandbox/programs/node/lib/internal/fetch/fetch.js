// fetch() (guest code), as Node's (undici) behaves, over our http client —
// so `fetch('http://api:3000/x')` reaches another container by name: the
// request headers undici sends, gzip/deflate bodies decoded, redirects
// followed as the Fetch standard says ('follow': up to 20, 303 and a POST's
// 301/302 become GET; 'manual': the 3xx itself; 'error': a failure), an
// AbortSignal (AbortSignal.timeout too) ending the request or its body, and
// data: URLs. A failure is Node's `TypeError: fetch failed` with the cause:
// `getaddrinfo ENOTFOUND host`, `connect ECONNREFUSED …`, 'bad port',
// 'unknown scheme', or — for https: — that TLS is not available here.
'use strict';

const errors = require('internal/errors');
const { Request, fetchedResponse, requestBodyBytes } = require('internal/fetch/request-response');
const { rawList } = require('internal/fetch/headers');
const { ReadableStream, fromChunks } = require('internal/webstreams');

/** The Fetch standard's blocked ports. */
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
const MAX_REDIRECTS = 20;
/** What undici sends unless the request says otherwise, in its order. */
const DEFAULTS = [['accept', '*/*'], ['accept-language', '*'], ['sec-fetch-mode', 'cors'], ['user-agent', 'node'], ['accept-encoding', 'gzip, deflate']];

const networkError = (cause) => new TypeError('fetch failed', { cause });

/** Where undici's fetch() rethrows every failure (Error.captureStackTrace): what V8 shows above one left uncaught, by release. */
const RETHROWN = { 20: 'node:internal/deps/undici/undici:14976', 22: 'node:internal/deps/undici/undici:13502' };

function fetch(input, init = undefined) {
  return fetching(input, init).catch((err) => {
    if (err !== null && typeof err === 'object') errors.setFatalHeader(err, `${RETHROWN[process.version.startsWith('v20.') ? 20 : 22]}\n      Error.captureStackTrace(err);\n            ^\n\n`);
    throw err;
  });
}

async function fetching(input, init) {
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal.aborted) throw signal.reason;
  let body = await requestBodyBytes(request);
  let method = request.method;
  let headers = rawList(request.headers);
  let url = new URL(request.url);
  for (let redirects = 0; ; redirects++) {
    const res = await exchange(url, method, headers, body, signal);
    const location = res.headers.find(([name]) => name.toLowerCase() === 'location');
    if (![301, 302, 303, 307, 308].includes(res.status) || !location || request.redirect === 'manual') {
      url.hash = '';
      return fetchedResponse({ ...res, url: url.href, redirected: redirects > 0 });
    }
    res.discard();
    if (request.redirect === 'error') throw networkError(new Error('unexpected redirect'));
    let next;
    try {
      next = new URL(location[1], url);
    } catch (cause) {
      throw networkError(cause);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw networkError(new Error('URL scheme must be a HTTP(S) scheme'));
    if (redirects + 1 > MAX_REDIRECTS) throw networkError(new Error('redirect count exceeded'));
    if (((res.status === 301 || res.status === 302) && method === 'POST') || (res.status === 303 && method !== 'GET' && method !== 'HEAD')) {
      method = 'GET';
      body = null;
      headers = headers.filter(([name]) => !/^content-/.test(name));
    }
    // Credentials do not go to another origin.
    if (next.origin !== url.origin) headers = headers.filter(([name]) => !['authorization', 'proxy-authorization', 'cookie', 'host'].includes(name));
    url = next;
  }
}

/** One HTTP exchange: resolves to the status, headers and a body stream (or rejects with fetch's TypeError). */
function exchange(url, method, headers, body, signal) {
  return new Promise((resolve, reject) => {
    if (url.protocol === 'data:') { dataUrl(url, resolve, reject); return; }
    if (url.protocol === 'https:') { reject(networkError(errors.notAvailable('HTTPS (TLS)'))); return; }
    if (url.protocol !== 'http:') { reject(networkError(new Error('unknown scheme'))); return; }
    const port = url.port === '' ? 80 : Number(url.port);
    if (BAD_PORTS.has(port)) { reject(networkError(new Error('bad port'))); return; }
    const wire = [['host', url.host], ['connection', 'keep-alive'], ...headers.filter(([name]) => name !== 'host' && name !== 'connection')];
    for (const [name, value] of DEFAULTS) if (!headers.some(([n]) => n === name)) wire.push([name, value]);
    if (!headers.some(([n]) => n === 'content-length') && (body !== null || method === 'POST' || method === 'PUT')) wire.push(['content-length', String(body ? body.length : 0)]);
    let settled = false;
    let controller = null;
    const onAbort = () => {
      req.destroy();
      if (!settled) { settled = true; reject(signal.reason); }
      if (controller) { try { controller.error(signal.reason); } catch { /* closed already */ } }
    };
    // http (and the streams under it) loads with the first request, not with the global.
    const req = require('http').request({ hostname: url.hostname.replace(/^\[|\]$/g, ''), port, path: `${url.pathname}${url.search}`, method, headers: wire.flat(), setHost: false });
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      if (!settled) { settled = true; reject(networkError(err)); }
    });
    req.on('response', (res) => {
      const list = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) list.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
      const source = decoded(res, method);
      const done = () => signal.removeEventListener('abort', onAbort);
      const stream = method === 'HEAD' || [204, 205, 304].includes(res.statusCode) ? null : new ReadableStream({
        start(c) {
          controller = c;
          let open = true;
          // No back-pressure on the connection: an unread body must not hold it (and its server) open.
          source.on('data', (chunk) => { if (open) c.enqueue(new Uint8Array(chunk)); });
          source.on('end', () => { if (open) { open = false; done(); c.close(); } });
          source.on('error', (err) => { if (open) { open = false; done(); c.error(new TypeError('terminated', { cause: err })); } });
        },
        cancel() { done(); res.destroy(); },
      }, { highWaterMark: 0 });
      if (!stream) { res.resume(); res.on('end', done); }
      settled = true;
      resolve({ status: res.statusCode, statusText: res.statusMessage || '', headers: list, stream, discard: () => { done(); res.destroy(); } });
    });
    req.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
  });
}

/** The response's bytes as sent, or decoded when its Content-Encoding is gzip or deflate (as undici). */
function decoded(res, method) {
  const coding = String(res.headers['content-encoding'] || '').trim().toLowerCase();
  if (method === 'HEAD' || ![ 'gzip', 'x-gzip', 'deflate'].includes(coding)) return res;
  const zlib = require('zlib');
  const inflate = coding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
  res.on('error', (e) => inflate.destroy(e));
  return res.pipe(inflate);
}

/** A data: URL's response (its media type, its bytes, percent- or base64-decoded). */
function dataUrl(url, resolve, reject) {
  const href = url.href.slice(5);
  const comma = href.indexOf(',');
  if (comma === -1) { reject(networkError(new Error('invalid data: URL'))); return; }
  let type = href.slice(0, comma).trim();
  let bytes;
  const base64 = /;\s*base64$/i.test(type);
  if (base64) type = type.replace(/;\s*base64$/i, '');
  const payload = decodeURIComponent(href.slice(comma + 1).replace(/#.*$/, ''));
  if (base64) bytes = new Uint8Array(Buffer.from(payload.replace(/\s/g, ''), 'base64'));
  else bytes = new Uint8Array(Buffer.from(payload, 'latin1'));
  if (type === '' || type.startsWith(';')) type = `text/plain${type || ';charset=US-ASCII'}`;
  resolve({ status: 200, statusText: 'OK', headers: [['content-type', type]], stream: fromChunks([bytes]), discard: () => {} });
}

module.exports = { fetch };
