// zlib (guest code): deflate, inflate, gzip, gunzip, raw and unzip, sync,
// callback and stream forms — browserify-zlib, Node's own zlib.js over pako
// (zlib ported to JavaScript) — plus zlib.constants and crc32 as Node 22
// has them. Brotli needs Node's C library: its entry points say so.
'use strict';

const errors = require('internal/errors');

// pako is large: it loads when something compresses (body-parser requires zlib at start-up, but inflates rarely).
let implementation;
const zlib = () => (implementation ??= require('internal/deps/zlib'));

/** zlib.constants as Node 22 has them (zlib 1.3's values), Brotli's left out. */
const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1,
  Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2,
  Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5,
  INFLATERAW: 6, UNZIP: 7, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1,
  Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
});

/** What browserify-zlib provides, each loaded on first use. */
const FROM_PAKO = [
  'codes', 'Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip',
  'createDeflate', 'createInflate', 'createDeflateRaw', 'createInflateRaw', 'createGzip', 'createGunzip', 'createUnzip',
  'deflate', 'deflateSync', 'gzip', 'gzipSync', 'deflateRaw', 'deflateRawSync', 'unzip', 'unzipSync',
  'inflate', 'inflateSync', 'gunzip', 'gunzipSync', 'inflateRaw', 'inflateRawSync',
];

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
  constants,
  crc32,
  BrotliCompress: brotli('BrotliCompress'), BrotliDecompress: brotli('BrotliDecompress'),
  brotliCompress: brotli('brotliCompress'), brotliCompressSync: brotli('brotliCompressSync'),
  brotliDecompress: brotli('brotliDecompress'), brotliDecompressSync: brotli('brotliDecompressSync'),
  createBrotliCompress: brotli('createBrotliCompress'), createBrotliDecompress: brotli('createBrotliDecompress'),
};
for (const name of FROM_PAKO) Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => zlib()[name] });
// The Z_* names are also on the module itself (as in Node, for old code).
for (const [name, value] of Object.entries(constants)) if (name.startsWith('Z_')) Object.defineProperty(module.exports, name, { enumerable: false, value, writable: false });
