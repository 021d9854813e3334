// .dockerignore, with moby's patternmatcher semantics: one pattern a line,
// `#` comments, leading `/` and `./` ignored, `*` `?` `[...]` within one path
// component, `**` across any number, `!` re-includes; the last matching
// pattern wins; a pattern that matches a directory matches what is inside.
import { normalizePath } from '../fs/path.ts';

interface Pattern {
  regex: RegExp;
  exclusion: boolean;
}

function componentRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) { out += '\\['; continue; }
      let cls = glob.slice(i + 1, end);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
      out += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/** A regular expression for a whole path pattern (components joined by `/`). */
export function globRegex(pattern: string): RegExp {
  const parts = pattern.split('/');
  let src = '';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') src += last ? '.*' : '(?:.*/)?';
    else src += componentRegex(part) + (last ? '' : '/');
  });
  return new RegExp(`^${src}$`);
}

export class DockerIgnore {
  private readonly patterns: Pattern[];

  constructor(text: string) {
    this.patterns = [];
    for (const rawLine of text.split('\n').slice(0, 10_000)) {
      let line = rawLine.trim();
      if (line === '' || line.startsWith('#')) continue;
      const exclusion = line.startsWith('!');
      if (exclusion) line = line.slice(1).trim();
      if (line === '') continue;
      const cleaned = normalizePath(line).slice(1);
      if (cleaned === '') continue;
      this.patterns.push({ regex: globRegex(cleaned), exclusion });
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /**
   * True when `path` (relative to the context, no leading slash) is excluded.
   * A pattern matching one of its parent directories matches it too.
   */
  ignores(path: string): boolean {
    const parts = path.split('/').filter(Boolean);
    let ignored = false;
    for (const p of this.patterns) {
      let matched = false;
      for (let n = parts.length; n >= 1 && !matched; n--) matched = p.regex.test(parts.slice(0, n).join('/'));
      if (matched) ignored = !p.exclusion;
    }
    return ignored;
  }
}
