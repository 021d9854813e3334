// The body of a Request or Response (guest code), as the Fetch standard
// extracts and consumes it: strings, URLSearchParams, buffers and views,
// Blobs, FormData and streams in, with the Content-Type each implies; read
// once as text, JSON, bytes, an ArrayBuffer, a Blob or FormData, or as the
// `body` stream; a second read is refused ("Body is unusable").
'use strict';

const { Blob, blobBytes } = require('internal/blob');
const { FormData, encodeMultipart, parseMultipart } = require('internal/fetch/formdata');
const { ReadableStream, isDisturbed, fromChunks } = require('internal/webstreams');

const kBody = Symbol('kBody');

/**
 * What `init` is as a body: { bytes } (known now) or { stream }, the type it
 * implies (null: none), its length when known.
 */
function extractBody(init) {
  const enc = new TextEncoder();
  if (typeof init === 'string') return { bytes: enc.encode(init), type: 'text/plain;charset=UTF-8' };
  if (init instanceof URLSearchParams) return { bytes: enc.encode(init.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), type: null };
  if (ArrayBuffer.isView(init)) return { bytes: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), type: null };
  if (init instanceof Blob) return { bytes: blobBytes(init), type: init.type || null };
  if (init instanceof FormData) {
    const [bytes, type] = encodeMultipart(init);
    return { bytes, type };
  }
  if (init instanceof ReadableStream) return { stream: init, type: null };
  if (init !== null && typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
    const it = init[Symbol.asyncIterator]();
    return {
      stream: new ReadableStream({
        async pull(c) {
          const { value, done } = await it.next();
          if (done) c.close(); else c.enqueue(typeof value === 'string' ? enc.encode(value) : new Uint8Array(value));
        },
        cancel(reason) { if (typeof it.return === 'function') return it.return(reason); },
      }, { highWaterMark: 0 }),
      type: null,
    };
  }
  return { bytes: enc.encode(String(init)), type: 'text/plain;charset=UTF-8' };
}

/** The body state of a Request or Response: a stream made on first need from known bytes. */
function setBody(target, extracted) {
  target[kBody] = extracted === null ? null : { bytes: extracted.bytes ?? null, stream: extracted.stream ?? null };
}

function bodyStream(target) {
  const b = target[kBody];
  if (b === null) return null;
  b.stream ??= fromChunks(b.bytes.length > 0 ? [b.bytes] : []);
  return b.stream;
}

function bodyUsed(target) {
  const b = target[kBody];
  return b !== null && b.stream !== null && isDisturbed(b.stream);
}

/** All of a body's bytes; rejects when it was read already, or its stream failed. */
async function consume(target) {
  if (bodyUsed(target) || (target[kBody] && target[kBody].stream && target[kBody].stream.locked)) {
    throw new TypeError('Body is unusable: Body has already been read');
  }
  const b = target[kBody];
  if (b === null) return new Uint8Array(0);
  if (b.stream === null) {
    b.stream = fromChunks([]);
    b.stream.getReader().read();
    return b.bytes;
  }
  const reader = b.stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
    chunks.push(value);
    size += value.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

const utf8 = (bytes) => new TextDecoder().decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);

/** The body methods Request and Response share (`mimeType` gives the Content-Type they go by). */
function installBodyMethods(proto, mimeType) {
  const methods = {
    get body() { return bodyStream(this); },
    get bodyUsed() { return bodyUsed(this); },
    async text() { return utf8(await consume(this)); },
    async json() { return JSON.parse(utf8(await consume(this))); },
    async arrayBuffer() { return (await consume(this)).slice().buffer; },
    async bytes() { return (await consume(this)).slice(); },
    async blob() { return new Blob([await consume(this)], { type: mimeType(this) ?? '' }); },
    async formData() {
      const bytes = await consume(this);
      const type = mimeType(this) ?? '';
      if (/^multipart\/form-data/i.test(type)) {
        const boundary = /;\s*boundary=("?)([^";]+)\1/i.exec(type);
        const form = boundary && parseMultipart(bytes, boundary[2]);
        if (!form) throw new TypeError('Failed to parse body as FormData.');
        return form;
      }
      if (/^application\/x-www-form-urlencoded/i.test(type)) {
        const form = new FormData();
        for (const [k, v] of new URLSearchParams(utf8(bytes))) form.append(k, v);
        return form;
      }
      throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
    },
  };
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(methods))) {
    const d = Object.getOwnPropertyDescriptor(methods, key);
    Object.defineProperty(proto, key, { ...d, enumerable: true, configurable: true });
  }
}

module.exports = { kBody, extractBody, setBody, bodyStream, bodyUsed, consume, installBodyMethods };
