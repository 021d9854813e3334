// Request bodies as dockerd reads them (moby api/server/httputils ReadJSON):
// a body needs `Content-Type: application/json` — curl's default for -d,
// application/x-www-form-urlencoded, is refused with 400 — and malformed
// JSON is reported in Go's encoding/json words ("invalid character 'I'
// looking for beginning of object key string"), which is what a learner
// sees when the shell has eaten the quotes of `-d "{"Image":"busybox"}"`.
// Well-formed JSON is then decoded into the Go struct the route declares
// (go-json.ts): a field of the wrong type is 400 with Go's message too.
import type { ApiRequest } from '../api/types.ts';
import { decodeGo, GoJsonError, type GoShape, type GoValue, type StructShape } from './go-json.ts';

/** An invalid request (400), with dockerd's message. */
export class BadRequest extends Error {
  readonly status = 400;
}

/** A request header, whatever the case of its name (HTTP names are case-insensitive). */
export function header(req: ApiRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of req.headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * moby's CheckForJSON: no Content-Type is fine for an empty body; otherwise
 * its media type must be application/json (parameters such as charset allowed).
 * @example checkForJson(req)   // throws on "application/x-www-form-urlencoded"
 */
export function checkForJson(req: ApiRequest): void {
  const ct = header(req, 'Content-Type') ?? '';
  if (ct === '' && (!req.body || req.body.length === 0)) return;
  const media = /^\s*([^\s;/]+\/[^\s;]+)\s*(?:;.*)?$/.exec(ct);
  if (!media) throw new BadRequest(`malformed Content-Type header (${ct}): mime: ${ct.trim() === '' ? 'no media type' : 'expected slash after first token'}`);
  if (media[1]!.toLowerCase() !== 'application/json') throw new BadRequest(`unsupported Content-Type header (${ct}): must be 'application/json'`);
}

/**
 * ReadJSON: the content type checked, then the body decoded into `shape`
 * (its zero value, {}, when the body is empty or null); a syntax error, a
 * value of the wrong type ("invalid JSON: json: cannot unmarshal string into
 * Go struct field …") and content after the value are 400 in dockerd's words.
 * @example readJson(req, VolumeCreateOptions) // { Name: 'data' } for {"name":"data","Size":1}
 */
export function readJson<S extends StructShape>(req: ApiRequest, shape: S): GoValue<S> {
  checkForJson(req);
  if (!req.body || req.body.length === 0) return {} as GoValue<S>;
  const text = new TextDecoder().decode(req.body);
  if (text.trim() === '') throw new BadRequest('invalid JSON: got EOF while reading request body');
  // Go's Decoder reads the whole first value (a syntax error wins), decodes it, then looks past it.
  const problem = jsonSyntaxError(text);
  if (problem && problem !== TRAILING) throw new BadRequest(`invalid JSON: ${problem}`);
  let decoded: { value: unknown; end: number };
  try {
    decoded = decodeGo(text, shape);
  } catch (e) {
    if (e instanceof GoJsonError) throw new BadRequest(`invalid JSON: ${e.message}`);
    throw e;
  }
  // dec.More(): anything but a closing bracket after the value is refused.
  const next = text.slice(decoded.end).trimStart()[0];
  if (next !== undefined && next !== ']' && next !== '}') throw new BadRequest(TRAILING);
  return (decoded.value ?? {}) as GoValue<S>;
}

/**
 * json.Unmarshal of a query parameter holding JSON (build's buildargs,
 * labels, cachefrom): its words differ from the Decoder's ("unexpected end
 * of JSON input", "invalid character 'x' after top-level value").
 * @example unmarshalQuery('{"a":1}', BuildLabels) // throws "json: cannot unmarshal number into Go value of type string"
 */
export function unmarshalQuery<S extends GoShape>(raw: string, shape: S): GoValue<S> | undefined {
  const problem = jsonSyntaxError(raw, 'unmarshal');
  if (problem) throw new GoJsonError(problem);
  return decodeGo(raw, shape).value as GoValue<S> | undefined;
}

const TRAILING = 'unexpected content after JSON';
const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * What Go's json.Decoder says about the first value in `text` ('decoder'),
 * or json.Unmarshal about the whole text ('unmarshal'); null when it is a
 * valid value (and only whitespace follows).
 */
export function jsonSyntaxError(text: string, wording: 'decoder' | 'unmarshal' = 'decoder'): string | null {
  const EOF = wording === 'decoder' ? 'unexpected EOF' : 'unexpected end of JSON input';
  let i = 0;
  // Go's quoteChar: '\'' for a quote, escapes for control characters.
  const quote = (c: string): string => {
    if (c === "'") return "'\\''";
    if (c >= ' ') return `'${c}'`;
    const named = new Map([['\n', '\\n'], ['\t', '\\t'], ['\r', '\\r']]).get(c);
    return `'${named ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`}'`;
  };
  const bad = (context: string): string => `invalid character ${quote(text[i]!)} ${context}`;
  const skip = (): void => { while (i < text.length && WS.has(text[i]!)) i++; };
  // Values nest at most this deep (Go's limit is 10000; the body is bounded anyway).
  const MAX_DEPTH = 10_000;
  const value = (depth: number): string | null => {
    skip();
    if (i >= text.length) return EOF;
    if (depth > MAX_DEPTH) return 'exceeded max depth';
    const c = text[i]!;
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') { i++; return null; }
      for (;;) {
        skip();
        if (i >= text.length) return EOF;
        if (text[i] !== '"') return bad('looking for beginning of object key string');
        const s = string();
        if (s) return s;
        skip();
        if (i >= text.length) return EOF;
        if (text[i] !== ':') return bad('after object key');
        i++;
        const v = value(depth + 1);
        if (v) return v;
        skip();
        if (i >= text.length) return EOF;
        if (text[i] === '}') { i++; return null; }
        if (text[i] !== ',') return bad('after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') { i++; return null; }
      for (;;) {
        const v = value(depth + 1);
        if (v) return v;
        skip();
        if (i >= text.length) return EOF;
        if (text[i] === ']') { i++; return null; }
        if (text[i] !== ',') return bad('after array element');
        i++;
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word[0]) continue;
      for (let k = 1; k < word.length; k++) {
        i++;
        if (i >= text.length) return EOF;
        if (text[i] !== word[k]) return bad(`in literal ${word} (expecting ${quote(word[k]!)})`);
      }
      i++;
      return null;
    }
    return bad('looking for beginning of value');
  };
  const string = (): string | null => {
    i++;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') { i++; return null; }
      if (c < ' ') return bad('in string literal');
      if (c === '\\') {
        i++;
        if (i >= text.length) return EOF;
        const e = text[i]!;
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) return EOF;
            if (!/[0-9a-fA-F]/.test(text[i]!)) return bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) return bad('in string escape code');
      }
    }
    return EOF;
  };
  const digits = (): void => { while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++; };
  const number = (): string | null => {
    if (text[i] === '-') {
      i++;
      if (i >= text.length) return EOF;
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('in numeric literal');
    }
    if (text[i] === '0') i++; else digits();
    if (text[i] === '.') {
      i++;
      if (i >= text.length) return EOF;
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('after decimal point in numeric literal');
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) return EOF;
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('in exponent of numeric literal');
      digits();
    }
    return null;
  };
  const first = value(0);
  if (first) return first;
  skip();
  if (i >= text.length) return null;
  // ReadJSON decodes one value and then looks for more (dec.More()); Unmarshal's scanner refuses anything after it.
  return wording === 'decoder' ? TRAILING : bad('after top-level value');
}
