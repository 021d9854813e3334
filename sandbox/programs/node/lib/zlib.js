// zlib (guest code): deflate, inflate, gzip, gunzip, raw and unzip, sync,
// callback and stream forms — browserify-zlib, Node's own zlib.js over pako
// (zlib ported to JavaScript) — plus zlib.constants and crc32 as Node 22
// has them. Brotli needs Node's C library: its entry points say so.
'use strict';

const zlib = require('internal/deps/zlib');
const errors = require('internal/errors');

const MODES = { DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7 };
const constants = { ZLIB_VERNUM: 4880 };
for (const key of Object.keys(zlib)) if (key.startsWith('Z_') && typeof zlib[key] === 'number' && !/^Z_(MIN|MAX|DEFAULT)_/.test(key)) constants[key] = zlib[key];
Object.assign(constants, MODES);
for (const key of Object.keys(zlib)) if (/^Z_(MIN|MAX|DEFAULT)_/.test(key)) constants[key] = zlib[key];
Object.freeze(constants);

let crcTable;
/** CRC-32 (the gzip/PNG polynomial) of a string (UTF-8) or bytes, continuing from `value`. */
function crc32(data, value = 0) {
  if (typeof data === 'string') data = Buffer.from(data);
  else if (!ArrayBuffer.isView(data)) throw errors.invalidArgType('data', 'string or an instance of Buffer, TypedArray, or DataView', data);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw errors.outOfRange('value', '>= 0 && <= 4294967295', value);
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let crc = ~value;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

const brotli = (name) => function () { throw errors.notAvailable(`zlib.${name} (Brotli)`); };

module.exports = {
  ...zlib,
  constants,
  crc32,
  BrotliCompress: brotli('BrotliCompress'), BrotliDecompress: brotli('BrotliDecompress'),
  brotliCompress: brotli('brotliCompress'), brotliCompressSync: brotli('brotliCompressSync'),
  brotliDecompress: brotli('brotliDecompress'), brotliDecompressSync: brotli('brotliDecompressSync'),
  createBrotliCompress: brotli('createBrotliCompress'), createBrotliDecompress: brotli('createBrotliDecompress'),
};
