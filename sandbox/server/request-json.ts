// Request bodies as dockerd reads them (moby api/server/httputils ReadJSON):
// a body needs `Content-Type: application/json` — curl's default for -d,
// application/x-www-form-urlencoded, is refused with 400 — and malformed
// JSON is reported in Go's encoding/json words ("invalid character 'I'
// looking for beginning of object key string"), which is what a learner
// sees when the shell has eaten the quotes of `-d "{"Image":"busybox"}"`.
import type { ApiRequest } from '../api/types.ts';

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
 * ReadJSON: the content type checked, then the body decoded ({} when empty);
 * a syntax error in Go's words.
 */
export function readJson<T>(req: ApiRequest): T {
  checkForJson(req);
  if (!req.body || req.body.length === 0) return {} as T;
  const text = new TextDecoder().decode(req.body);
  if (text.trim() === '') throw new BadRequest('invalid JSON: got EOF while reading request body');
  const problem = jsonSyntaxError(text);
  if (problem === TRAILING) throw new BadRequest(TRAILING);
  if (problem) throw new BadRequest(`invalid JSON: ${problem}`);
  const value: unknown = JSON.parse(text);
  // Every body dockerd reads is an object (a Go struct or map): `null` leaves it empty, as Go's decoder does.
  if (value === null) return {} as T;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value} into an object: the body must be a JSON object`);
  }
  return value as T;
}

const TRAILING = 'unexpected content after JSON';
const WS = new Set([' ', '\t', '\n', '\r']);

/** What Go's json.Decoder says about the first value in `text`, or null when it is a valid value (and only whitespace follows). */
export function jsonSyntaxError(text: string): string | null {
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
    if (i >= text.length) return 'unexpected EOF';
    if (depth > MAX_DEPTH) return 'exceeded max depth';
    const c = text[i]!;
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') { i++; return null; }
      for (;;) {
        skip();
        if (i >= text.length) return 'unexpected EOF';
        if (text[i] !== '"') return bad('looking for beginning of object key string');
        const s = string();
        if (s) return s;
        skip();
        if (i >= text.length) return 'unexpected EOF';
        if (text[i] !== ':') return bad('after object key');
        i++;
        const v = value(depth + 1);
        if (v) return v;
        skip();
        if (i >= text.length) return 'unexpected EOF';
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
        if (i >= text.length) return 'unexpected EOF';
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
        if (i >= text.length) return 'unexpected EOF';
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
        if (i >= text.length) return 'unexpected EOF';
        const e = text[i]!;
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) return 'unexpected EOF';
            if (!/[0-9a-fA-F]/.test(text[i]!)) return bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) return bad('in string escape code');
      }
    }
    return 'unexpected EOF';
  };
  const digits = (): void => { while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++; };
  const number = (): string | null => {
    if (text[i] === '-') {
      i++;
      if (i >= text.length) return 'unexpected EOF';
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('in numeric literal');
    }
    if (text[i] === '0') i++; else digits();
    if (text[i] === '.') {
      i++;
      if (i >= text.length) return 'unexpected EOF';
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('after decimal point in numeric literal');
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) return 'unexpected EOF';
      if (!(text[i]! >= '0' && text[i]! <= '9')) return bad('in exponent of numeric literal');
      digits();
    }
    return null;
  };
  const first = value(0);
  if (first) return first;
  skip();
  // ReadJSON decodes one value and then refuses anything more (dec.More()).
  return i < text.length ? TRAILING : null;
}
