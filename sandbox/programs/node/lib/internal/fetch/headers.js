// Headers (guest code), as undici's: names compared case-insensitively and
// kept lower-cased, values trimmed of surrounding whitespace, iteration
// sorted by name with repeated values joined by ', ' (Set-Cookie excepted:
// each on its own, and getSetCookie()), invalid names and values refused
// with undici's messages, a fetched response's headers immutable.
'use strict';

const { inspect } = require('internal/inspect');

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const kList = Symbol('kList');
const kGuard = Symbol('kGuard');

function checkName(name, where) {
  if (!TOKEN.test(name)) throw new TypeError(`Headers.${where}: "${name}" is an invalid header name.`);
}

function normalizeValue(value, where) {
  const v = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/[\0\r\n]/.test(v)) throw new TypeError(`Headers.${where}: "${v}" is an invalid header value.`);
  return v;
}

class Headers {
  constructor(init = undefined) {
    /** lower-cased name → values, in the order they were added. */
    this[kList] = new Map();
    this[kGuard] = 'none';
    if (init === undefined || init === null) {
      if (init === null) throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
      return;
    }
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    }
    if (init instanceof Headers) {
      for (const [name, values] of init[kList]) this[kList].set(name, values.slice());
    } else if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const items = typeof pair === 'string' ? [...pair] : [...pair];
        if (items.length !== 2) throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${items.length}.`);
        this.append(items[0], items[1]);
      }
    } else {
      for (const key of Object.keys(init)) this.append(key, init[key]);
    }
  }

  append(name, value) {
    name = String(name);
    checkName(name, 'append');
    const v = normalizeValue(value, 'append');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const key = name.toLowerCase();
    const values = this[kList].get(key);
    if (values) values.push(v); else this[kList].set(key, [v]);
  }

  set(name, value) {
    name = String(name);
    checkName(name, 'set');
    const v = normalizeValue(value, 'set');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].set(name.toLowerCase(), [v]);
  }

  delete(name) {
    name = String(name);
    checkName(name, 'delete');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].delete(name.toLowerCase());
  }

  get(name) {
    name = String(name);
    checkName(name, 'get');
    const values = this[kList].get(name.toLowerCase());
    return values ? values.join(', ') : null;
  }

  has(name) {
    name = String(name);
    checkName(name, 'has');
    return this[kList].has(name.toLowerCase());
  }

  getSetCookie() { return (this[kList].get('set-cookie') || []).slice(); }

  *entries() {
    for (const name of [...this[kList].keys()].sort()) {
      const values = this[kList].get(name);
      if (!values) continue;
      if (name === 'set-cookie') for (const v of values) yield [name, v];
      else yield [name, values.join(', ')];
    }
  }

  *keys() { for (const [name] of this.entries()) yield name; }
  *values() { for (const [, value] of this.entries()) yield value; }
  [Symbol.iterator]() { return this.entries(); }

  forEach(callback, thisArg) {
    if (typeof callback !== 'function') throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  get [Symbol.toStringTag]() { return 'Headers'; }

  [inspect.custom](depth, options) {
    const shown = {};
    for (const [name, values] of this[kList]) shown[name] = values.join(', ');
    return `Headers ${inspect(shown, options)}`;
  }
}

/** Headers no one may change (a fetched response's, Response.error()'s). */
function freeze(headers) {
  headers[kGuard] = 'immutable';
  return headers;
}

/** The headers as sent: [lower-cased name, value] in the order added (repeated names together). */
function rawList(headers) {
  const out = [];
  for (const [name, values] of headers[kList]) for (const v of values) out.push([name, v]);
  return out;
}

module.exports = { Headers, freeze, rawList };
