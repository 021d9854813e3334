// Shell-style glob patterns (`*`, `?`, `[...]`, `[!...]`, `\x`) as regular
// expression source — for .dockerignore and pathname expansion (where `*`
// stays within one path component), and for case patterns and ${VAR#pattern}
// substitutions (where it does not) — plus the pattern removal and
// replacement those substitutions do.

export interface GlobOptions {
  /** What `*` matches: `[^/]*` within a path component, `.*` anywhere. */
  star: string;
  /** What `?` matches. */
  question: string;
}

export const IN_COMPONENT: GlobOptions = { star: '[^/]*', question: '[^/]' };
export const ANYWHERE: GlobOptions = { star: '.*', question: '.' };

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function globSource(glob: string, opts: GlobOptions): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += opts.star;
    else if (c === '?') out += opts.question;
    else if (c === '\\' && i + 1 < glob.length) out += escapeRe(glob[++i]!);
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) { out += '\\['; continue; }
      let cls = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (cls.startsWith('!') || cls.startsWith('^')) cls = '^' + cls.slice(1);
      out += `[${cls}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return out;
}

const MAX_PATTERN_VALUE = 64 * 1024;

/** ${v#p} ${v##p} (prefix) and ${v%p} ${v%%p} (suffix) removal. */
export function trimPattern(value: string, pattern: string, prefix: boolean, longest: boolean): string {
  if (value.length > MAX_PATTERN_VALUE) throw new RangeError('value too long for pattern removal');
  const whole = new RegExp(`^(?:${globSource(pattern, ANYWHERE)})$`, 's');
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    const len = longest ? n - k : k;
    if (prefix ? whole.test(value.slice(0, len)) : whole.test(value.slice(n - len))) {
      return prefix ? value.slice(len) : value.slice(0, n - len);
    }
  }
  return value;
}

/** ${v/p/r} and ${v//p/r}. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const re = new RegExp(globSource(pattern, ANYWHERE), all ? 'gs' : 's');
  return value.replace(re, () => replacement);
}
