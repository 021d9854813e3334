// .dockerignore as the docker CLI applies it before it sends a build
// context (DOCKER_BUILDKIT=0): the file read as buildkit's
// dockerignore.ReadAll reads it, and its patterns matched as
// moby/patternmatcher matches them — Go filepath.Match syntax, `**`, `!`
// exceptions, each pattern compiled to an exact, prefix, suffix or regexp
// match (the regexp Go's, translated to JavaScript's).
//
// Not a library: `ignore` is gitignore (a pattern without a slash matches
// at any depth), @zeit/dockerignore and @balena/dockerignore follow moby
// 19.03's per-path Matches (and the latter ignores case by default), while
// the CLI's tar walk (build-context.ts) needs what patternmatcher gives it
// today: per-pattern results carried from a directory to what it holds.
// The engine has its own reading of the same file (sandbox/builder/
// dockerignore.ts), which the CLI may not import.

/** An error in a pattern, worded as Go's (`syntax error in pattern`). */
export class PatternError extends Error {}

/** The patterns of a .dockerignore, as buildkit's dockerignore.ReadAll returns them. */
export function readDockerignore(text: string): string[] {
  const out: string[] = [];
  // bufio.ScanLines: lines end at \n, a \r before it dropped.
  text.split('\n').forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = line.trim();
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? `!${pattern}` : pattern);
  });
  return out;
}

/** Go's filepath.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(p);
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

interface Pattern {
  cleaned: string;
  dirs: string[];
  exclusion: boolean;
  kind?: 'exact' | 'prefix' | 'suffix' | 'regexp';
  regexp?: RegExp | null;
}

/** patternmatcher.PatternMatcher: the compiled patterns of a .dockerignore. */
export class PatternMatcher {
  readonly patterns: Pattern[] = [];
  /** Whether any pattern is an exception (`!…`). */
  readonly exclusions: boolean = false;

  /** @throws PatternError for `!` alone or a pattern filepath.Match rejects. */
  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      let p = raw.trim();
      if (p === '') continue;
      p = cleanPath(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw new PatternError('illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
        this.exclusions = true;
      }
      if (!globSyntaxOk(p)) throw new PatternError('syntax error in pattern');
      this.patterns.push({ cleaned: p, dirs: p.split('/'), exclusion });
    }
  }

  /**
   * MatchesUsingParentResults: whether `file` is excluded, given what each
   * pattern did for its directory (`parent`, from that directory's call;
   * none for the context's top level), and what each did for `file`.
   */
  matchUnder(file: string, parent?: readonly boolean[]): { excluded: boolean; info: boolean[] } {
    let excluded = false;
    const info = this.patterns.map(() => false);
    this.patterns.forEach((p, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        if (p.exclusion !== excluded) return;
        match = matchOne(p, file);
        if (!match && !parent) match = parentDirs(file).some((_, n, dirs) => matchOne(p, dirs.slice(0, n + 1).join('/')));
      }
      info[i] = match;
      if (match) excluded = !p.exclusion;
    });
    return { excluded, info };
  }

  /** patternmatcher.Matches (deprecated, still used for the Dockerfile): a parent only as deep as the pattern. */
  matches(file: string): boolean {
    file = cleanPath(file);
    if (file === '.') return false;
    const parents = parentDirs(file);
    let matched = false;
    for (const p of this.patterns) {
      if (p.exclusion !== matched) continue;
      let match = matchOne(p, file);
      if (!match && parents.length > 0 && p.dirs.length <= parents.length) match = matchOne(p, parents.slice(0, p.dirs.length).join('/'));
      if (match) matched = !p.exclusion;
    }
    return matched;
  }
}

/** The components of filepath.Dir(file); none when that is ".". */
function parentDirs(file: string): string[] {
  const slash = file.lastIndexOf('/');
  return slash <= 0 ? [] : cleanPath(file.slice(0, slash)).split('/');
}

function matchOne(p: Pattern, path: string): boolean {
  if (!p.kind) compile(p);
  switch (p.kind) {
    case 'exact': return path === p.cleaned;
    case 'prefix': return path.startsWith(p.cleaned.slice(0, -2));
    case 'suffix': {
      const suffix = p.cleaned.slice(2);
      return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    default: return p.regexp?.test(path) ?? false;
  }
}

/** Pattern.compile: the match kind and Go regexp, as patternmatcher builds them. */
function compile(p: Pattern): void {
  const chars = [...p.cleaned];
  let re = '^';
  let kind: NonNullable<Pattern['kind']> = 'exact';
  for (let at = 0, i = 0; at < chars.length; i++) {
    const ch = chars[at++]!;
    if (ch === '*') {
      if (chars[at] === '*') {
        at++;
        if (chars[at] === '/') at++;
        if (at >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else { re += '.*'; kind = 'regexp'; }
        } else {
          re += '(.*/)?';
          kind = 'regexp';
        }
        if (i === 0) kind = 'suffix';
      } else {
        re += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      kind = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (at < chars.length) { re += `\\${chars[at++]}`; kind = 'regexp'; } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      kind = 'regexp';
    } else {
      re += ch;
    }
  }
  p.kind = kind;
  if (kind !== 'regexp') return;
  try {
    p.regexp = new RegExp(`${jsRegexp(re)}$`, 'u');
  } catch {
    p.regexp = null; // Go's regexp.Compile fails too: the pattern matches nothing.
  }
}

/**
 * Go RE2 syntax (as patternmatcher writes it) in JavaScript's `u` syntax: a
 * `]` outside a class or first in one is literal, and an escaped punctuation
 * mark (`\!`, `\-`) is the mark itself.
 */
function jsRegexp(go: string): string {
  const chars = [...go];
  let out = '';
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const first = classStart;
    classStart = false;
    if (ch === '\\' && i + 1 < chars.length) {
      const next = chars[++i]!;
      out += /[\p{L}\p{N}]/u.test(next) ? `\\${next}` : `\\u{${next.codePointAt(0)!.toString(16)}}`;
    } else if (ch === '[') {
      if (inClass) out += '\\[';
      else {
        out += '[';
        inClass = true;
        classStart = true;
        if (chars[i + 1] === '^') { out += '^'; i++; }
      }
    } else if (ch === ']') {
      if (inClass && !first) { out += ']'; inClass = false; } else out += '\\]';
    } else {
      out += ch;
    }
  }
  return out;
}

/** Whether Go's filepath.Match accepts the pattern's syntax (classes well formed, no trailing `\`). */
function globSyntaxOk(pattern: string): boolean {
  const chars = [...pattern];
  let i = 0;
  const esc = (): boolean => {
    // getEsc: a class character, `\`-escaped or not, with something after it.
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') return false;
    if (chars[i] === '\\') i++;
    if (i >= chars.length) return false;
    i++;
    return i < chars.length;
  };
  while (i < chars.length) {
    const ch = chars[i++]!;
    if (ch === '\\') {
      if (i >= chars.length) return false;
      i++;
    } else if (ch === '[') {
      if (chars[i] === '^') i++;
      for (let ranges = 0; ; ranges++) {
        if (chars[i] === ']' && ranges > 0) { i++; break; }
        if (!esc()) return false;
        if (chars[i] === '-') { i++; if (!esc()) return false; }
      }
    }
  }
  return true;
}
