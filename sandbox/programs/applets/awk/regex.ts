// awk's regular expressions: POSIX extended syntax (bracket expressions,
// [:classes:], intervals) translated to JavaScript RegExps, compiled once.
import { AwkError } from './error.ts';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f', word: '0-9A-Za-z_',
};

/** Reads a bracket expression starting after `[`; returns the JS class text and the index after `]`. */
function bracket(src: string, i: number): [string, number] {
  let out = '[';
  if (src[i] === '^') { out += '^'; i++; }
  let first = true;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === ']' && !first) return [out + ']', i + 1];
    if (c === ']') { out += '\\]'; first = false; continue; }
    first = false;
    if (c === '[' && (src[i + 1] === ':' || src[i + 1] === '=' || src[i + 1] === '.')) {
      const kind = src[i + 1]!;
      const end = src.indexOf(`${kind}]`, i + 2);
      if (end < 0) throw new AwkError(`bad regex '${src}'`);
      const name = src.slice(i + 2, end);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new AwkError(`bad regex '${src}'`);
        out += cls;
      } else out += name.replace(/[\\\]\[^-]/g, '\\$&');
      i = end + 1;
      continue;
    }
    if (c === '\\' && i + 1 < src.length) { out += `\\${src[++i]}`; continue; }
    if (c === '[' || c === '^') { out += `\\${c}`; continue; }
    out += c;
  }
  throw new AwkError(`bad regex '${src}'`);
}

/** POSIX ERE source to JavaScript RegExp source. */
export function ereToJs(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[++i];
      if (n === undefined) { out += '\\\\'; break; }
      if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if (n === 'y') out += '\\b';
      else if ('wWsSbB'.includes(n)) out += `\\${n}`;
      else if (/[A-Za-z0-9]/.test(n)) out += n;
      else out += `\\${n}`;
    } else if (c === '[') {
      const [cls, next] = bracket(src, i + 1);
      out += cls;
      i = next - 1;
    } else if (c === '/') out += '\\/';
    else if (c === '{' && !/^\{\d+(,\d*)?\}/.test(src.slice(i))) out += '\\{';
    else if (c === '}') out += /\{\d+(,\d*)?$/.test(out) ? '}' : '\\}';
    else out += c;
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** A compiled awk regexp (flags g and s: `.` matches newlines, lastIndex is reset by callers). */
export function compileRegex(src: string): RegExp {
  let re = cache.get(src);
  if (re) return re;
  try {
    re = new RegExp(ereToJs(src), 'gs');
  } catch {
    throw new AwkError(`bad regex '${src}'`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(src, re);
  return re;
}

/** First match of `re` in `s` at or after `from`. */
export function execAt(re: RegExp, s: string, from = 0): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(s);
}
