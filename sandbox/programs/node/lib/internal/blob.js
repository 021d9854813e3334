// Blob and File (guest code), as Node's: immutable bytes made from strings
// (UTF-8), buffers, views and other blobs, with a MIME type; read whole
// (text, arrayBuffer, bytes) or as a stream, sliced. FormData's file entries
// and fetch's blob() bodies are these.
'use strict';

const { inspect } = require('internal/inspect');

const kBytes = Symbol('kBytes');
const kType = Symbol('kType');
const kFields = Symbol('kFields');

function partBytes(part) {
  if (part instanceof Blob) return part[kBytes];
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return new TextEncoder().encode(String(part));
}

/** A type as the File API keeps it: lower-cased, or '' when it is not printable ASCII. */
function normalizeType(type) {
  const t = type === undefined ? '' : String(type);
  return /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : '';
}

class Blob {
  constructor(parts = [], options = {}) {
    if (parts === null || typeof parts !== 'object' || typeof parts[Symbol.iterator] !== 'function') {
      throw Object.assign(new TypeError('The "sources" argument must be a sequence.'), { code: 'ERR_INVALID_ARG_TYPE' });
    }
    const chunks = [...parts].map(partBytes);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    this[kBytes] = bytes;
    this[kType] = normalizeType(options && options.type);
  }

  get size() { return this[kBytes].length; }
  get type() { return this[kType]; }

  slice(start = 0, end = this.size, type = '') {
    const size = this.size;
    const clamp = (n) => (n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
    const blob = new Blob([], { type });
    blob[kBytes] = this[kBytes].slice(clamp(Math.trunc(start) || 0), clamp(Math.trunc(end) || 0));
    return blob;
  }

  text() { return Promise.resolve(new TextDecoder().decode(this[kBytes])); }
  arrayBuffer() { return Promise.resolve(this[kBytes].slice().buffer); }
  bytes() { return Promise.resolve(this[kBytes].slice()); }
  stream() { return require('internal/webstreams').fromChunks(this.size > 0 ? [this[kBytes].slice()] : []); }

  get [Symbol.toStringTag]() { return 'Blob'; }

  [inspect.custom](depth, options) {
    return `${this.constructor.name} ${inspect(this[kFields](), options)}`;
  }

  [kFields]() { return { size: this.size, type: this.type }; }
}

const kName = Symbol('kName');
const kModified = Symbol('kModified');

class File extends Blob {
  constructor(parts, name, options = {}) {
    if (arguments.length < 2) throw Object.assign(new TypeError('The "fileName" argument must be specified'), { code: 'ERR_MISSING_ARGS' });
    super(parts, options);
    this[kName] = String(name);
    this[kModified] = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
  }

  get name() { return this[kName]; }
  get lastModified() { return this[kModified]; }
  get [Symbol.toStringTag]() { return 'File'; }
  [kFields]() { return { size: this.size, type: this.type, name: this.name, lastModified: this.lastModified }; }
}

/** A blob's bytes (no copy: the caller must not change them). */
function blobBytes(blob) { return blob[kBytes]; }

module.exports = { Blob, File, blobBytes };
