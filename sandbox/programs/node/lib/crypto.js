// crypto (guest code): hashes and HMACs (internal/hash, digested by the
// host), random bytes and numbers from the host's CSPRNG, randomUUID,
// timingSafeEqual, PBKDF2, HKDF and scrypt, and webcrypto (the global
// `crypto`: getRandomValues, randomUUID, subtle.digest). Ciphers, signatures
// and key pairs need OpenSSL, which the playground's node does not carry:
// they say so when called.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');
const { DOMException } = require('internal/dom-exception');
const { Hash, Hmac, keyBytes, toHost } = require('internal/hash');

const MAX_SIZE = 2 ** 31 - 1;

/** A callback of work Node does on its thread pool: called on a later turn of the event loop. */
const later = (callback, ...args) => { setImmediate(callback, ...args); };
const ENTROPY_LIMIT = 65536;

function createHash(algorithm, options) { return new Hash(algorithm, options); }
function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); }

/** crypto.hash(algorithm, data, outputEncoding = 'hex'): a one-shot digest. */
function hash(algorithm, data, outputEncoding = 'hex') {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw errors.invalidArgType('data', 'string or an instance of Buffer, TypedArray, or DataView', data);
  return createHash(algorithm).update(data).digest(outputEncoding);
}

// ---- random ------------------------------------------------------------------------

/** Fills `view` (any ArrayBufferView) from the host's random source. */
function fill(view, offset = 0, size = view.byteLength - offset) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, size);
  for (let at = 0; at < bytes.length; at += ENTROPY_LIMIT) {
    bytes.set(new Uint8Array(host('random', Math.min(ENTROPY_LIMIT, bytes.length - at))), at);
  }
  return view;
}

function checkSize(size, name = 'size', max = MAX_SIZE) {
  if (typeof size !== 'number') throw errors.invalidArgType(name, 'number', size);
  if (!(size >= 0 && size <= max) || !Number.isFinite(size)) throw errors.outOfRange(name, `>= 0 && <= ${max}`, size);
}

function checkCallback(cb) {
  if (typeof cb !== 'function') throw errors.invalidArgType('callback', 'function', cb);
}

function randomBytes(size, callback) {
  checkSize(size);
  if (callback !== undefined) checkCallback(callback);
  const buf = fill(Buffer.alloc(size));
  if (callback === undefined) return buf;
  later(callback, null, buf);
  return undefined;
}

function randomFillSync(buf, offset = 0, size) {
  if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) throw errors.invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  const view = buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf;
  const elementSize = view.BYTES_PER_ELEMENT || 1;
  checkSize(offset, 'offset', view.byteLength);
  const byteOffset = offset * elementSize;
  const byteSize = size === undefined ? view.byteLength - byteOffset : size * elementSize;
  checkSize(size === undefined ? byteSize : size, 'size', view.byteLength - byteOffset);
  fill(view, byteOffset, byteSize);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
  else if (typeof size === 'function') { callback = size; size = undefined; }
  checkCallback(callback);
  randomFillSync(buf, offset, size);
  later(callback, null, buf);
}

/** A uniform integer in [min, max), by rejection sampling over 48-bit draws. */
function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min)) throw errors.invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw errors.invalidArgType('max', 'a safe integer', max);
  if (max <= min) throw errors.nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  const range = max - min;
  if (range > 2 ** 48 - 1) throw errors.nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max - min" is out of range. It must be <= 281474976710655. Received ${range}`);
  if (callback !== undefined) checkCallback(callback);
  const limit = 2 ** 48 - (2 ** 48 % range);
  let n;
  do {
    const b = new Uint8Array(host('random', 6));
    n = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 + b[3] * 2 ** 16 + b[4] * 2 ** 8 + b[5];
  } while (n >= limit);
  const value = min + (n % range);
  if (callback === undefined) return value;
  later(callback, null, value);
  return undefined;
}

function randomUUID(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw errors.invalidArgType('options', 'object', options);
  const b = new Uint8Array(host('random', 16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

function getRandomValues(data) {
  if (!ArrayBuffer.isView(data) || data instanceof DataView || !INTEGER_ARRAYS.includes(Object.prototype.toString.call(data).slice(8, -1))) {
    throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > ENTROPY_LIMIT) throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  return fill(data);
}

function timingSafeEqual(a, b) {
  const view = (v, name) => {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    throw errors.invalidArgType(name, 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', v);
  };
  const x = view(a, 'buf1');
  const y = view(b, 'buf2');
  if (x.length !== y.length) throw errors.nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

// ---- key derivation ------------------------------------------------------------------

function invalidDigest(digest) {
  return errors.nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const pw = keyBytes(password, undefined, 'password');
  const s = keyBytes(salt, undefined, 'salt');
  if (!Number.isInteger(iterations)) throw errors.invalidArgType('iterations', 'number', iterations);
  if (iterations < 1 || iterations > MAX_SIZE) throw errors.outOfRange('iterations', `>= 1 && <= ${MAX_SIZE}`, iterations);
  checkSize(keylen, 'keylen');
  if (typeof digest !== 'string') throw errors.invalidArgType('digest', 'string', digest);
  if (!host('crypto', 'known', digest)) throw invalidDigest(digest);
  return Buffer.from(host('crypto', 'pbkdf2', digest, pw, s, iterations, keylen));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  checkCallback(callback);
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  later(callback, null, key);
}

function hkdfSync(digest, ikm, salt, info, keylen) {
  if (typeof digest !== 'string') throw errors.invalidArgType('digest', 'string', digest);
  if (!host('crypto', 'known', digest)) throw invalidDigest(digest);
  const [outputLength] = host('crypto', 'sizes', digest);
  checkSize(keylen, 'length', 255 * outputLength);
  return host('crypto', 'hkdf', digest, keyBytes(ikm, undefined, 'ikm'), keyBytes(salt, undefined, 'salt'), keyBytes(info, undefined, 'info'), keylen);
}

function hkdf(digest, ikm, salt, info, keylen, callback) {
  checkCallback(callback);
  const key = hkdfSync(digest, ikm, salt, info, keylen);
  later(callback, null, key);
}

function scryptSync(password, salt, keylen, options = {}) {
  const pw = keyBytes(password, undefined, 'password');
  const s = keyBytes(salt, undefined, 'salt');
  checkSize(keylen, 'keylen');
  const o = options || {};
  const N = o.N ?? o.cost ?? 16384;
  const r = o.r ?? o.blockSize ?? 8;
  const p = o.p ?? o.parallelization ?? 1;
  const maxmem = o.maxmem ?? 32 * 1024 * 1024;
  if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0 || !Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || 128 * N * r > maxmem) {
    throw errors.nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params');
  }
  return Buffer.from(host('crypto', 'scrypt', pw, s, keylen, { N, r, p, maxmem: maxmem + 1024 }));
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  checkCallback(callback);
  const key = scryptSync(password, salt, keylen, options);
  later(callback, null, key);
}

// ---- webcrypto -----------------------------------------------------------------------

const SUBTLE_DIGESTS = new Map([['sha-1', 'sha1'], ['sha-256', 'sha256'], ['sha-384', 'sha384'], ['sha-512', 'sha512']]);
const refusedSubtle = (name) => function () {
  return Promise.reject(new DOMException(`crypto.subtle.${name} is not available in the playground's node (QuickJS): only digest() is`, 'NotSupportedError'));
};

class SubtleCrypto {
  digest(algorithm, data) {
    const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
    const digest = SUBTLE_DIGESTS.get(String(name).toLowerCase());
    if (!digest) return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    try {
      const bytes = data instanceof ArrayBuffer ? data : toHost(data);
      const result = host('crypto', 'digest', digest, bytes);
      return new Promise((resolve) => later(resolve, result));
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey']) {
  SubtleCrypto.prototype[name] = refusedSubtle(name);
}

class Crypto {
  get subtle() { return subtle; }
  getRandomValues(data) { return getRandomValues(data); }
  randomUUID() { return randomUUID(); }
}
const subtle = new SubtleCrypto();
const webcrypto = new Crypto();

// ---- what needs OpenSSL ----------------------------------------------------------------

const refused = (name) => function () { throw errors.notAvailable(`crypto.${name}`); };
const OPENSSL_ONLY = [
  'createCipheriv', 'createDecipheriv', 'createSign', 'createVerify', 'sign', 'verify', 'generateKeyPair', 'generateKeyPairSync',
  'generateKey', 'generateKeySync', 'createPublicKey', 'createPrivateKey', 'createSecretKey', 'publicEncrypt', 'privateDecrypt',
  'privateEncrypt', 'publicDecrypt', 'createDiffieHellman', 'createDiffieHellmanGroup', 'getDiffieHellman', 'createECDH',
  'diffieHellman', 'generatePrime', 'generatePrimeSync', 'checkPrime', 'checkPrimeSync', 'X509Certificate', 'Certificate',
];

module.exports = {
  createHash, createHmac, hash, Hash, Hmac,
  getHashes: () => host('crypto', 'names').slice(), getCiphers: () => [], getCurves: () => [], getFips: () => 0,
  setFips: refused('setFips'), secureHeapUsed: () => ({ total: 0, min: 0, used: 0, utilization: 0 }),
  randomBytes, pseudoRandomBytes: randomBytes, randomFillSync, randomFill, randomInt, randomUUID, getRandomValues, timingSafeEqual,
  pbkdf2, pbkdf2Sync, hkdf, hkdfSync, scrypt, scryptSync,
  webcrypto, subtle, constants: {},
};
for (const name of OPENSSL_ONLY) module.exports[name] = refused(name);
