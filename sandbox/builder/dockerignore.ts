// .dockerignore, with moby's patternmatcher semantics: one pattern a line,
// `#` comments, leading `/` and `./` ignored, `*` `?` `[...]` within one path
// component, `**` across any number, `!` re-includes; the last matching
// pattern wins; a pattern that matches a directory matches what is inside.
import { normalizePath } from '../fs/path.ts';
import { globSource, IN_COMPONENT } from '../fs/glob.ts';

interface Pattern {
  regex: RegExp;
  exclusion: boolean;
}

/** A regular expression for a whole path pattern (components joined by `/`). */
export function globRegex(pattern: string): RegExp {
  const parts = pattern.split('/');
  let src = '';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') src += last ? '.*' : '(?:.*/)?';
    else src += globSource(part, IN_COMPONENT) + (last ? '' : '/');
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
