// URL and URLSearchParams, the WHATWG classes (guest code). Parsing is the
// host's: its own URL follows the URL Standard as Node's ada does, so a URL
// here holds the components the host gave and asks again when a setter
// changes one. URLSearchParams is plain JavaScript — the
// application/x-www-form-urlencoded parser and serializer — kept in step
// with its URL both ways. Both print as Node prints them.
'use strict';

const host = require('internal/binding');
const errors = require('internal/errors');
const { inspect } = require('internal/inspect');

const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5, HOSTNAME = 6, PORT = 7, PATHNAME = 8, SEARCH = 9, HASH = 10;

function invalidUrl(input, base) {
  const err = errors.nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  // Node 20+ throws it from its URL parser: the stack's first line has no [code].
  Object.defineProperty(err, 'stack', { value: String(err.stack).replace(/^TypeError \[ERR_INVALID_URL\]:/, 'TypeError:'), writable: true, configurable: true, enumerable: false });
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

function missingArgs(...names) {
  const list = names.length === 1 ? `"${names[0]}" argument` : `"${names.slice(0, -1).join('", "')}" and "${names[names.length - 1]}" arguments`;
  return errors.nodeError(TypeError, 'ERR_MISSING_ARGS', `The ${list} must be specified`);
}

// ---- application/x-www-form-urlencoded ------------------------------------------

const HEX = '0123456789ABCDEF';
/** Bytes left as they are by the form serializer: *-._ 0-9 A-Z a-z. */
const FORM_SAFE = new Uint8Array(128);
for (const c of '*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') FORM_SAFE[c.charCodeAt(0)] = 1;

function formEncode(str) {
  let out = '';
  let ascii = true;
  for (let i = 0; i < str.length; i++) if (str.charCodeAt(i) >= 0x80) { ascii = false; break; }
  const bytes = ascii ? null : new TextEncoder().encode(str.toWellFormed());
  const n = ascii ? str.length : bytes.length;
  for (let i = 0; i < n; i++) {
    const b = ascii ? str.charCodeAt(i) : bytes[i];
    if (b === 0x20) out += '+';
    else if (b < 0x80 && FORM_SAFE[b]) out += String.fromCharCode(b);
    else out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

const hexValue = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** '+' as space, then %XX as bytes, read as UTF-8 (bad sequences become U+FFFD). */
function formDecode(str) {
  if (!str.includes('%')) return str.replaceAll('+', ' ');
  const bytes = new TextEncoder().encode(str.replaceAll('+', ' '));
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
      out[n++] = hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]);
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  return new TextDecoder().decode(out.subarray(0, n));
}

function formParse(query) {
  const list = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    list.push(formDecode(eq === -1 ? part : part.slice(0, eq)), formDecode(eq === -1 ? '' : part.slice(eq + 1)));
  }
  return list;
}

// ---- URLSearchParams -------------------------------------------------------------

let listOf;
let attach;
let setSearch;

class URLSearchParams {
  #list = [];
  #url = null;

  static {
    listOf = (params) => params.#list;
    attach = (params, url) => { params.#url = url; };
  }

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') {
            throw errors.nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const kv = [...pair];
          if (kv.length !== 2) throw errors.nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          this.#list.push(toUSV(kv[0]), toUSV(kv[1]));
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key !== 'string' || !Object.prototype.propertyIsEnumerable.call(init, key)) continue;
          this.#list.push(toUSV(key), toUSV(init[key]));
        }
      }
      return;
    }
    const s = toUSV(init);
    this.#list = formParse(s.startsWith('?') ? s.slice(1) : s);
  }

  #update() {
    if (this.#url) setSearch(this.#url, formSerialize(this.#list));
  }

  get size() { return this.#list.length / 2; }

  append(name, value) {
    if (arguments.length < 2) throw missingArgs('name', 'value');
    this.#list.push(toUSV(name), toUSV(value));
    this.#update();
  }

  delete(name, value = undefined) {
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    const kept = [];
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] === name && (value === undefined || this.#list[i + 1] === value)) continue;
      kept.push(this.#list[i], this.#list[i + 1]);
    }
    this.#list = kept;
    this.#update();
  }

  get(name) {
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSV(name);
    for (let i = 0; i < this.#list.length; i += 2) if (this.#list[i] === name) return this.#list[i + 1];
    return null;
  }

  getAll(name) {
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSV(name);
    const values = [];
    for (let i = 0; i < this.#list.length; i += 2) if (this.#list[i] === name) values.push(this.#list[i + 1]);
    return values;
  }

  has(name, value = undefined) {
    if (arguments.length < 1) throw missingArgs('name');
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] === name && (value === undefined || this.#list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (arguments.length < 2) throw missingArgs('name', 'value');
    name = toUSV(name);
    value = toUSV(value);
    const out = [];
    let found = false;
    for (let i = 0; i < this.#list.length; i += 2) {
      if (this.#list[i] !== name) out.push(this.#list[i], this.#list[i + 1]);
      else if (!found) { found = true; out.push(name, value); }
    }
    if (!found) out.push(name, value);
    this.#list = out;
    this.#update();
  }

  /** Sorts by name in UTF-16 code units, keeping the order of equal names. */
  sort() {
    const pairs = [];
    for (let i = 0; i < this.#list.length; i += 2) pairs.push([this.#list[i], this.#list[i + 1]]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#list = pairs.flat();
    this.#update();
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'function', callback);
    for (let i = 0; i < this.#list.length; i += 2) callback.call(thisArg, this.#list[i + 1], this.#list[i], this);
  }

  *entries() { for (let i = 0; i < this.#list.length; i += 2) yield [this.#list[i], this.#list[i + 1]]; }
  *keys() { for (let i = 0; i < this.#list.length; i += 2) yield this.#list[i]; }
  *values() { for (let i = 0; i < this.#list.length; i += 2) yield this.#list[i + 1]; }
  [Symbol.iterator]() { return this.entries(); }

  toString() { return formSerialize(this.#list); }

  get [Symbol.toStringTag]() { return 'URLSearchParams'; }

  [inspect.custom](depth, options) {
    if (typeof depth === 'number' && depth < 0) return options.stylize('[Object]', 'special');
    const inner = { ...options, depth: depth === null ? null : depth - 1 };
    const shown = [];
    for (let i = 0; i < this.#list.length; i += 2) shown.push(`${inspect(this.#list[i], inner)} => ${inspect(this.#list[i + 1], inner)}`);
    if (shown.length === 0) return `${this.constructor.name} {}`;
    const width = shown.reduce((sum, s) => sum + s.replace(/\u001b\[\d+m/g, '').length + 2, -2);
    return width > options.breakLength ? `${this.constructor.name} {\n  ${shown.join(',\n  ')} }` : `${this.constructor.name} { ${shown.join(', ')} }`;
  }
}

function formSerialize(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) out += `${i > 0 ? '&' : ''}${formEncode(list[i])}=${formEncode(list[i + 1])}`;
  return out;
}

function toUSV(v) {
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return String(v).toWellFormed();
}

// ---- URL -------------------------------------------------------------------------

class URL {
  #c;
  #params = null;

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    input = toUSV(input);
    if (base !== undefined) base = toUSV(base);
    const c = host('url', 'parse', input, base);
    if (c === null) throw invalidUrl(input, base);
    this.#c = c;
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    return host('url', 'parse', toUSV(input), base === undefined ? undefined : toUSV(base)) !== null;
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs('url');
    try {
      return new URL(input, base);
    } catch {
      return null;
    }
  }

  static createObjectURL() { throw errors.notAvailable('URL.createObjectURL (Blob URLs)'); }
  static revokeObjectURL() {}

  #set(prop, value) {
    const c = host('url', 'set', this.#c[HREF], prop, toUSV(value));
    if (c === null) throw invalidUrl(toUSV(value));
    const searchChanged = c[SEARCH] !== this.#c[SEARCH];
    this.#c = c;
    if (searchChanged && this.#params) listOf(this.#params).splice(0, Infinity, ...formParse(c[SEARCH].slice(1)));
  }

  static {
    // From the URL's searchParams: the query it now serializes to ('' drops the '?').
    setSearch = (url, query) => { url.#c = host('url', 'set', url.#c[HREF], 'search', query); };
  }

  get href() { return this.#c[HREF]; }
  set href(v) { this.#set('href', v); }
  get origin() { return this.#c[ORIGIN]; }
  get protocol() { return this.#c[PROTOCOL]; }
  set protocol(v) { this.#set('protocol', v); }
  get username() { return this.#c[USERNAME]; }
  set username(v) { this.#set('username', v); }
  get password() { return this.#c[PASSWORD]; }
  set password(v) { this.#set('password', v); }
  get host() { return this.#c[HOST]; }
  set host(v) { this.#set('host', v); }
  get hostname() { return this.#c[HOSTNAME]; }
  set hostname(v) { this.#set('hostname', v); }
  get port() { return this.#c[PORT]; }
  set port(v) { this.#set('port', v); }
  get pathname() { return this.#c[PATHNAME]; }
  set pathname(v) { this.#set('pathname', v); }
  get search() { return this.#c[SEARCH]; }
  set search(v) { this.#set('search', v); }
  get hash() { return this.#c[HASH]; }
  set hash(v) { this.#set('hash', v); }

  get searchParams() {
    if (!this.#params) {
      this.#params = new URLSearchParams(this.#c[SEARCH]);
      attach(this.#params, this);
    }
    return this.#params;
  }

  toString() { return this.#c[HREF]; }
  toJSON() { return this.#c[HREF]; }

  get [Symbol.toStringTag]() { return 'URL'; }

  [inspect.custom](depth, options) {
    if (typeof depth === 'number' && depth < 0) return this;
    const shown = Object.create({ constructor: this.constructor });
    for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
      shown[key] = this[key];
    }
    return `${this.constructor.name} ${inspect(shown, options)}`;
  }
}

for (const C of [URL, URLSearchParams]) {
  for (const key of Object.getOwnPropertyNames(C.prototype)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(C.prototype, key);
    Object.defineProperty(C.prototype, key, { ...d, enumerable: true });
  }
}

module.exports = { URL, URLSearchParams, formParse, formSerialize };
