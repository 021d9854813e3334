// FormData (guest code): ordered name/value entries (strings, or Files — a
// Blob becomes a File named 'blob'), and its multipart/form-data encoding
// and parsing as undici does them for fetch bodies.
'use strict';

const { inspect } = require('internal/inspect');
const { Blob, File, blobBytes } = require('internal/blob');

const kEntries = Symbol('kEntries');

function entryValue(value, filename, where) {
  if (!(value instanceof Blob)) {
    if (filename !== undefined) throw new TypeError(`FormData.${where}: Failed to convert value to 'Blob'.`);
    return String(value);
  }
  if (value instanceof File && filename === undefined) return value;
  return new File([value], filename === undefined ? 'blob' : String(filename), { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
}

class FormData {
  constructor(form) {
    if (form !== undefined) throw new TypeError("FormData constructor: Argument 1 could not be converted to: undefined.");
    this[kEntries] = [];
  }

  append(name, value, filename) { this[kEntries].push([String(name), entryValue(value, filename, 'append')]); }

  set(name, value, filename) {
    name = String(name);
    const entry = [name, entryValue(value, filename, 'set')];
    const at = this[kEntries].findIndex(([n]) => n === name);
    if (at === -1) { this[kEntries].push(entry); return; }
    this[kEntries][at] = entry;
    this[kEntries] = this[kEntries].filter(([n], i) => n !== name || i === at);
  }

  get(name) { const e = this[kEntries].find(([n]) => n === String(name)); return e ? e[1] : null; }
  getAll(name) { return this[kEntries].filter(([n]) => n === String(name)).map(([, v]) => v); }
  has(name) { return this[kEntries].some(([n]) => n === String(name)); }
  delete(name) { this[kEntries] = this[kEntries].filter(([n]) => n !== String(name)); }

  *entries() { for (const [n, v] of this[kEntries]) yield [n, v]; }
  *keys() { for (const [n] of this[kEntries]) yield n; }
  *values() { for (const [, v] of this[kEntries]) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  forEach(callback, thisArg) { for (const [n, v] of this) callback.call(thisArg, v, n, this); }

  get [Symbol.toStringTag]() { return 'FormData'; }

  [inspect.custom](depth, options) {
    const shown = {};
    for (const [n, v] of this[kEntries]) shown[n] = n in shown ? [].concat(shown[n], [v]) : v;
    return `FormData ${inspect(shown, options)}`;
  }
}

const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
const normalizeLines = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');

/** `form` as multipart/form-data: [bytes, content type]. */
function encodeMultipart(form) {
  const boundary = `----formdata-undici-0${String(Math.random()).slice(2, 13).padEnd(11, '0')}`;
  const enc = new TextEncoder();
  const parts = [];
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeLines(name))}"`;
    if (typeof value === 'string') {
      parts.push(enc.encode(`${head}\r\n\r\n${normalizeLines(value)}\r\n`));
    } else {
      head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      parts.push(enc.encode(head), blobBytes(value), enc.encode('\r\n'));
    }
  }
  // undici ends the body with a CRLF in Node 20, not in Node 22.
  parts.push(enc.encode(`--${boundary}--${process.version.startsWith('v20.') ? '\r\n' : ''}`));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return [out, `multipart/form-data; boundary=${boundary}`];
}

function indexOf(bytes, needle, from) {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A multipart/form-data body (`boundary` from its type) as FormData; null when it is malformed. */
function parseMultipart(bytes, boundary) {
  const form = new FormData();
  const dec = new TextDecoder();
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  let at = indexOf(bytes, delimiter, 0);
  if (at === -1) return null;
  for (let guard = 0; guard < 100000; guard++) {
    at += delimiter.length;
    if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return form;
    if (bytes[at] !== 0x0d || bytes[at + 1] !== 0x0a) return null;
    const headEnd = indexOf(bytes, new Uint8Array([13, 10, 13, 10]), at + 2);
    if (headEnd === -1) return null;
    const next = indexOf(bytes, delimiter, headEnd + 4);
    if (next === -1) return null;
    const headers = dec.decode(bytes.subarray(at + 2, headEnd)).split('\r\n');
    const content = bytes.subarray(headEnd + 4, next - 2);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) || '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition);
    if (!name) return null;
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition);
    const type = headers.find((h) => /^content-type:/i.test(h));
    if (filename) form.append(name[1], new File([content], filename[1], { type: type ? type.slice(type.indexOf(':') + 1).trim() : '' }));
    else form.append(name[1], dec.decode(content));
    at = next;
  }
  return null;
}

module.exports = { FormData, encodeMultipart, parseMultipart };
