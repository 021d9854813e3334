// curl's URL globbing: `{a,b}` sets and `[1-3]`, `[01-10:2]`, `[a-z]`
// ranges expand one URL into several, fetched in turn — and the same syntax
// is why a Docker API filter (`?filters={"type":["container"]}`) needs
// -g/--globoff: without it curl stops with "nested brace". Errors name the
// position and point at it, as curl does.

/** At most this many URLs from one pattern. */
const MAX_URLS = 10_000;

export type GlobResult = { urls: string[] } | { error: string };

function failure(what: string, url: string, index: number): GlobResult {
  return { error: `${what} in URL position ${index + 1}:\n${url}\n${' '.repeat(index)}^` };
}

/** The alternatives of one range body (`1-3`, `01-10:2`, `a-z`), or null when it is not one. */
function range(body: string): string[] | null {
  const m = /^(?:(\d+)-(\d+)|([a-zA-Z])-([a-zA-Z]))(?::(\d+))?$/.exec(body);
  if (!m) return null;
  const step = m[5] !== undefined ? Number(m[5]) : 1;
  if (step < 1) return null;
  const out: string[] = [];
  if (m[1] !== undefined) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < from || (to - from) / step >= MAX_URLS) return null;
    const width = m[1].startsWith('0') ? m[1].length : 0;
    for (let n = from; n <= to; n += step) out.push(String(n).padStart(width, '0'));
  } else {
    const from = m[3]!.charCodeAt(0);
    const to = m[4]!.charCodeAt(0);
    if (to < from) return null;
    for (let c = from; c <= to; c += step) out.push(String.fromCharCode(c));
  }
  return out;
}

/**
 * The URLs `url` stands for; an error (curl's exit 3) for a malformed glob.
 * @example expandGlob('http://h/a{x,y}[1-2]')   // { urls: ['http://h/ax1', 'http://h/ax2', 'http://h/ay1', 'http://h/ay2'] }
 */
export function expandGlob(url: string): GlobResult {
  let results = [''];
  let literal = '';
  const extend = (options: string[]): boolean => {
    const next: string[] = [];
    for (const r of results) for (const o of options) next.push(r + literal + o);
    literal = '';
    results = next;
    return results.length <= MAX_URLS;
  };
  for (let i = 0; i < url.length; i++) {
    const c = url[i]!;
    if (c === '\\' && i + 1 < url.length && '{}[]'.includes(url[i + 1]!)) { literal += url[++i]; continue; }
    if (c === '}' || c === ']') return failure('unmatched close brace/bracket', url, i);
    if (c === '{') {
      const options: string[] = [];
      let current = '';
      let j = i + 1;
      for (; j < url.length && url[j] !== '}'; j++) {
        const d = url[j]!;
        if (d === '{' || d === '[') return failure('nested brace', url, j);
        if (d === '\\' && j + 1 < url.length) { current += url[++j]; continue; }
        if (d === ',') { options.push(current); current = ''; continue; }
        current += d;
      }
      if (j >= url.length) return failure('unmatched brace', url, i);
      options.push(current);
      if (options.every((o) => o === '')) return failure('empty string within braces', url, j);
      if (!extend(options)) return failure('too many globs', url, i);
      i = j;
      continue;
    }
    if (c === '[') {
      const close = url.indexOf(']', i + 1);
      const body = close < 0 ? url.slice(i + 1) : url.slice(i + 1, close);
      const options = close < 0 ? null : range(body);
      if (!options) return failure('bad range', url, i + 1);
      if (!extend(options)) return failure('too many globs', url, i);
      i = close;
      continue;
    }
    literal += c;
  }
  return { urls: results.map((r) => r + literal) };
}
