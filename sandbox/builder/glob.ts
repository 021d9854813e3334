// Shell-style glob patterns (`*`, `?`, `[...]`, `[!...]`, `\x`) as regular
// expression source, for .dockerignore (where `*` stays within one path
// component) and for ${VAR#pattern}-style substitutions (where it does not).

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
