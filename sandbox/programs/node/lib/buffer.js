// buffer (guest code): Buffer from the `buffer` package (feross's, Node's
// Buffer for browsers), with what Node has since added: the 'base64url'
// encoding (toString, from, write, byteLength, isEncoding), atob/btoa,
// isUtf8/isAscii, kStringMaxLength and constants.
'use strict';

const buffer = require('internal/deps/buffer');
const { Buffer } = buffer;

const isBase64Url = (encoding) => typeof encoding === 'string' && encoding.length === 9 && encoding.toLowerCase() === 'base64url';
/** base64url decodes as base64 here: the package's decoder takes '-' and '_' as Node's does. */
const asBase64 = (encoding) => (isBase64Url(encoding) ? 'base64' : encoding);

const { toString, write } = Buffer.prototype;
Buffer.prototype.toString = function (encoding, start, end) {
  if (!isBase64Url(encoding)) return Reflect.apply(toString, this, arguments);
  return Reflect.apply(toString, this, ['base64', start, end]).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
};
Buffer.prototype.toLocaleString = Buffer.prototype.toString;
Buffer.prototype.write = function (...args) {
  return Reflect.apply(write, this, args.map((a, i) => (i > 0 ? asBase64(a) : a)));
};

const { from, byteLength, isEncoding } = Buffer;
Buffer.from = function (value, encodingOrOffset, length) {
  return typeof value === 'string' ? from(value, asBase64(encodingOrOffset)) : from(value, encodingOrOffset, length);
};
Buffer.byteLength = (string, encoding) => byteLength(string, asBase64(encoding));
Buffer.isEncoding = (encoding) => isBase64Url(encoding) || isEncoding(encoding);

const MAX_STRING_LENGTH = 2 ** 29 - 24;

function isUtf8(input) {
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(input) {
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

module.exports = {
  ...buffer,
  kStringMaxLength: MAX_STRING_LENGTH,
  constants: { MAX_LENGTH: buffer.kMaxLength, MAX_STRING_LENGTH },
  atob: (data) => globalThis.atob(data),
  btoa: (data) => globalThis.btoa(data),
  isUtf8,
  isAscii,
};
// Blob and File (lib/internal/blob.js), loaded on first use.
for (const name of ['Blob', 'File']) Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => require('internal/blob')[name] });
