// crypto.Hash and crypto.Hmac (guest code). The bytes go to the host,
// which digests them (host-crypto.ts): a short message in one call at
// digest(), a longer one through a state the host keeps from the moment
// more than CHUNK bytes are waiting. Both are also Transform streams, made
// only when used as streams (Node's LazyTransform), so the common
// createHash().update().digest() stays cheap.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');

const CHUNK = 64 * 1024;
const { Transform } = require('stream');

/** Bytes (or a UTF-8 string, which the host encodes) for the host. */
function toHost(data, encoding, name = 'data') {
  if (typeof data === 'string') {
    if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return data;
    data = Buffer.from(data, encoding);
  }
  if (!ArrayBuffer.isView(data)) {
    throw errors.invalidArgType(name, 'string or an instance of Buffer, TypedArray, or DataView', data);
  }
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
}

function finalized() {
  return errors.nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

function output(bytes, encoding) {
  const buf = Buffer.from(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

/** What Hash and Hmac share: the waiting bytes, the host's state once there is one, the stream face. */
class Digest {
  constructor(algorithm, key, options) {
    this._algorithm = algorithm;
    this._key = key;
    this._outputLength = options && typeof options.outputLength === 'number' ? options.outputLength : undefined;
    this._pending = [];
    this._pendingSize = 0;
    this._state = 0;
    this._done = false;
  }

  update(data, encoding) {
    if (this._done) throw finalized();
    const chunk = toHost(data, encoding);
    this._pending.push(chunk);
    this._pendingSize += typeof chunk === 'string' ? chunk.length * 3 : chunk.byteLength;
    if (this._pendingSize > CHUNK) this._flushToHost();
    return this;
  }

  _joined() {
    const parts = this._pending.map((c) => (typeof c === 'string' ? Buffer.from(c) : new Uint8Array(c)));
    this._pending = [];
    this._pendingSize = 0;
    if (parts.length === 1 && parts[0].byteOffset === 0 && parts[0].byteLength === parts[0].buffer.byteLength) return parts[0].buffer;
    const all = Buffer.concat(parts);
    return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  }

  _flushToHost() {
    const data = this._pending.length === 1 && typeof this._pending[0] === 'string' ? this._pending.pop() : this._joined();
    this._pendingSize = 0;
    if (this._state === 0) this._state = host('crypto', 'open', this._algorithm, this._key, data, this._outputLength);
    else host('crypto', 'update', this._state, data);
  }

  _hashFinal() {
    this._done = true;
    const data = this._pending.length === 1 && typeof this._pending[0] === 'string' ? this._pending.pop() : this._joined();
    if (this._state !== 0) {
      const state = this._state;
      this._state = 0;
      return host('crypto', 'final', state, data);
    }
    return host('crypto', 'digest', this._algorithm, data, this._key, this._outputLength);
  }

  // ---- the stream face (LazyTransform) ----
  _transform(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  }

  _flush(callback) {
    this.push(this.digest());
    callback();
  }
}

// A Digest is a Transform whose stream state is made on first use as a stream.
Object.setPrototypeOf(Digest.prototype, Transform.prototype);
Object.setPrototypeOf(Digest, Transform);
const STREAM_FIELDS = ['_readableState', '_writableState', '_transformState'];
for (const field of STREAM_FIELDS) {
  Object.defineProperty(Digest.prototype, field, {
    configurable: true, enumerable: false,
    get() {
      for (const f of STREAM_FIELDS) Object.defineProperty(this, f, { value: undefined, writable: true, configurable: true, enumerable: true });
      Transform.call(this, {});
      return this[field];
    },
    set(value) {
      Object.defineProperty(this, field, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

class Hash extends Digest {
  constructor(algorithm, options) {
    if (typeof algorithm !== 'string' && !(algorithm instanceof Hash)) throw errors.invalidArgType('algorithm', 'string', algorithm);
    if (algorithm instanceof Hash) {
      super(algorithm._algorithm, undefined, { outputLength: options && options.outputLength !== undefined ? options.outputLength : algorithm._outputLength });
      return;
    }
    if (!host('crypto', 'known', algorithm)) throw new Error('Digest method not supported');
    super(algorithm, undefined, options);
  }

  copy(options) {
    if (this._done) throw finalized();
    const copy = new Hash(this, options);
    copy._pending = this._pending.slice();
    copy._pendingSize = this._pendingSize;
    if (this._state !== 0) copy._state = host('crypto', 'copy', this._state);
    return copy;
  }

  digest(outputEncoding) {
    if (this._done) throw finalized();
    return output(this._hashFinal(), outputEncoding);
  }
}

class Hmac extends Digest {
  constructor(hmac, key, options) {
    if (typeof hmac !== 'string') throw errors.invalidArgType('hmac', 'string', hmac);
    if (!host('crypto', 'known', hmac)) throw errors.nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
    super(hmac, keyBytes(key, options && options.encoding), undefined);
  }

  /** A second digest() gives an empty result, as Node's Hmac does. */
  digest(outputEncoding) {
    if (this._done) return output(new Uint8Array(0), outputEncoding);
    return output(this._hashFinal(), outputEncoding);
  }
}

/** An HMAC or KDF key: a string (UTF-8 unless told), bytes, or a secret KeyObject. */
function keyBytes(key, encoding, name = 'key') {
  if (key && typeof key === 'object' && typeof key.export === 'function' && key.type === 'secret') key = key.export();
  if (typeof key === 'string') return toHost(Buffer.from(key, encoding || 'utf8'), undefined, name);
  if (key instanceof ArrayBuffer) return key.slice(0);
  if (ArrayBuffer.isView(key)) return toHost(key, undefined, name);
  throw errors.invalidArgType(name, 'string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
}

module.exports = { Hash, Hmac, toHost, keyBytes };
