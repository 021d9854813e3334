// util.MIMEType and util.MIMEParams (guest code), as Node 19.1+/18.13+ has
// them: a MIME type string parsed the WHATWG way (mimesniff) — HTTP
// whitespace trimmed, type and subtype HTTP tokens lowercased, parameters
// with lowercased names, the first of a repeated name kept, quoted values
// unescaped, a parameter with a bad name or value or none dropped — and
// written back with values quoted where they are not tokens. Bad input
// throws ERR_INVALID_MIME_SYNTAX with Node's message (`… at <index>`).
'use strict';

const errors = require('internal/errors');

const NOT_HTTP_TOKEN_CODE_POINT = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
const NOT_HTTP_QUOTED_STRING_CODE_POINT = /[^\t\u0020-~\u0080-\u00FF]/;
const END_BEGINNING_WHITESPACE = /[^\r\n\t ]|$/;
const START_ENDING_WHITESPACE = /[\r\n\t ]*$/;
const EQUALS_SEMICOLON_OR_END = /[;=]|$/;
/** A quoted value's inside: $1 is a lone backslash at the end, $2 the closing quote. */
const QUOTED_VALUE = /^(?:([\\]$)|[\\][\s\S]|[^"])*(?:(")|$)/u;

function invalidSyntax(production, str, invalidIndex) {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : '';
  return errors.nodeError(TypeError, 'ERR_INVALID_MIME_SYNTAX', `The MIME syntax for a ${production} in "${str}" is invalid${at}`);
}

const toASCIILower = (str) => str.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** `type/subtype` at the start of `str`, and where its parameters begin. */
function parseTypeAndSubtype(str) {
  let position = str.search(END_BEGINNING_WHITESPACE);
  const typeEnd = str.indexOf('/', position);
  const rawType = typeEnd === -1 ? str.slice(position) : str.slice(position, typeEnd);
  const invalidTypeIndex = rawType.search(NOT_HTTP_TOKEN_CODE_POINT);
  if (rawType === '' || invalidTypeIndex !== -1 || typeEnd === -1) throw invalidSyntax('type', str, invalidTypeIndex);
  position = typeEnd + 1;
  const subtypeEnd = str.indexOf(';', position);
  const rawSubtype = subtypeEnd === -1 ? str.slice(position) : str.slice(position, subtypeEnd);
  position += rawSubtype.length + (subtypeEnd === -1 ? 0 : 1);
  const subtype = rawSubtype.slice(0, rawSubtype.search(START_ENDING_WHITESPACE));
  const invalidSubtypeIndex = subtype.search(NOT_HTTP_TOKEN_CODE_POINT);
  if (subtype === '' || invalidSubtypeIndex !== -1) throw invalidSyntax('subtype', str, invalidSubtypeIndex);
  return { type: toASCIILower(rawType), subtype: toASCIILower(subtype), parametersAt: position };
}

/** A quoted-string's inside without its escaping backslashes. */
function unescapeQuoted(str) {
  let out = '';
  for (let i = 0; i < str.length; i++) out += str[i] === '\\' && i < str.length - 1 ? str[++i] : str[i];
  return out;
}

/** A value as a MIME type writes it: a token as is, anything else quoted ('' → ""). */
function encodeValue(value) {
  if (value.length === 0) return '""';
  if (!NOT_HTTP_TOKEN_CODE_POINT.test(value)) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The parameters of `str` from `position` into `data` (a Map). */
function parseParameters(str, position, data) {
  const end = str.slice(position).search(START_ENDING_WHITESPACE) + position;
  while (position < end) {
    position += str.slice(position).search(END_BEGINNING_WHITESPACE);
    const nameEnd = str.slice(position).search(EQUALS_SEMICOLON_OR_END) + position;
    const name = toASCIILower(str.slice(position, nameEnd));
    position = nameEnd;
    if (position < end) {
      const terminator = str.charAt(position);
      position += 1;
      if (terminator === ';') continue;
    }
    if (position >= end) break;
    let value;
    if (str.charAt(position) === '"') {
      position += 1;
      const match = QUOTED_VALUE.exec(str.slice(position));
      position += match[0].length;
      value = unescapeQuoted(match[1] || match[2] ? match[0].slice(0, -1) : match[0]);
      if (match[1]) value += '\\';
    } else {
      const valueEnd = str.indexOf(';', position);
      const raw = valueEnd === -1 ? str.slice(position) : str.slice(position, valueEnd);
      position += raw.length;
      value = raw.slice(0, raw.search(START_ENDING_WHITESPACE));
      if (value === '') continue;
    }
    if (name !== '' && !NOT_HTTP_TOKEN_CODE_POINT.test(name) && !NOT_HTTP_QUOTED_STRING_CODE_POINT.test(value) && !data.has(name)) {
      data.set(name, value);
    }
    position++;
  }
}

class MIMEParams {
  #data = new Map();
  delete(name) { this.#data.delete(name); }
  get(name) { return this.#data.get(name) ?? null; }
  has(name) { return this.#data.has(name); }
  set(name, value) {
    const data = this.#data;
    name = `${name}`;
    value = `${value}`;
    const invalidNameIndex = name.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (name.length === 0 || invalidNameIndex !== -1) throw invalidSyntax('parameter name', name, invalidNameIndex);
    const invalidValueIndex = value.search(NOT_HTTP_QUOTED_STRING_CODE_POINT);
    if (invalidValueIndex !== -1) throw invalidSyntax('parameter value', value, invalidValueIndex);
    data.set(name, value);
  }
  *entries() { yield* this.#data.entries(); }
  *keys() { yield* this.#data.keys(); }
  *values() { yield* this.#data.values(); }
  toString() {
    let out = '';
    for (const [key, value] of this.#data) out += `${out.length ? ';' : ''}${key}=${encodeValue(value)}`;
    return out;
  }
  /** For MIMEType only (removed from the class below): the parameters of `str` into `params`. */
  static parseInto(str, position, params) { parseParameters(str, position, params.#data); }
}
const hidden = (value) => ({ value, writable: true, configurable: true, enumerable: false });
Object.defineProperty(MIMEParams.prototype, Symbol.iterator, hidden(MIMEParams.prototype.entries));
Object.defineProperty(MIMEParams.prototype, 'toJSON', hidden(MIMEParams.prototype.toString));
const { parseInto } = MIMEParams;
delete MIMEParams.parseInto;
const paramsToString = MIMEParams.prototype.toString;

class MIMEType {
  #type;
  #subtype;
  #params;
  constructor(string) {
    string = `${string}`;
    const { type, subtype, parametersAt } = parseTypeAndSubtype(string);
    this.#type = type;
    this.#subtype = subtype;
    this.#params = new MIMEParams();
    parseInto(string, parametersAt, this.#params);
  }
  get type() { return this.#type; }
  set type(v) {
    v = `${v}`;
    const invalid = v.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (v.length === 0 || invalid !== -1) throw invalidSyntax('type', v, invalid);
    this.#type = toASCIILower(v);
  }
  get subtype() { return this.#subtype; }
  set subtype(v) {
    v = `${v}`;
    const invalid = v.search(NOT_HTTP_TOKEN_CODE_POINT);
    if (v.length === 0 || invalid !== -1) throw invalidSyntax('subtype', v, invalid);
    this.#subtype = toASCIILower(v);
  }
  get essence() { return `${this.#type}/${this.#subtype}`; }
  get params() { return this.#params; }
  toString() {
    const params = paramsToString.call(this.#params);
    return params.length ? `${this.#type}/${this.#subtype};${params}` : `${this.#type}/${this.#subtype}`;
  }
}
Object.defineProperty(MIMEType.prototype, 'toJSON', hidden(MIMEType.prototype.toString));

module.exports = { MIMEType, MIMEParams };
