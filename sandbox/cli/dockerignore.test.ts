// .dockerignore as the docker CLI reads and matches it (buildkit's ReadAll,
// moby/patternmatcher), cases taken from their behaviour.
import { describe, expect, it } from 'vitest';
import { cleanPath, PatternError, PatternMatcher, readDockerignore } from './dockerignore.ts';

describe('readDockerignore', () => {
  it('drops comments, blank lines and a BOM, trims, cleans, and makes paths relative', () => {
    const text = '\uFEFF# comment\r\n\n  *.log  \r\n/build/\n./a/../b\n!  /keep/me\n  # not a comment\n!\n';
    expect(readDockerignore(text)).toEqual(['*.log', 'build', 'b', '!keep/me', '# not a comment', '!']);
  });

  it('cleans as Go filepath.Clean', () => {
    expect(['', '.', '/', 'a//b/', 'a/./b', '../a', '/../a', 'a/b/../..', 'a/../../b'].map(cleanPath))
      .toEqual(['.', '.', '/', 'a/b', 'a/b', '../a', '/a', '.', '../b']);
  });
});

describe('PatternMatcher', () => {
  const excluded = (patterns: string[], path: string): boolean => new PatternMatcher(patterns).matchUnder(path).excluded;

  it.each([
    [['*.go'], 'main.go', true], [['*.go'], 'a/main.go', false], [['a'], 'a/b/c', true], [['a/b'], 'a/bc', false],
    [['**'], 'any/thing', true], [['**/foo'], 'foo', true], [['**/foo'], 'x/y/foo', true], [['**/foo'], 'xfoo', false],
    [['dir/**'], 'dir/x/y', true], [['dir/**'], 'dirx', false], [['a/**/b'], 'a/b', true], [['a/**/b'], 'a/x/y/b', true],
    [['**/*.md'], 'docs/a.md', true], [['?.txt'], 'a.txt', true], [['?.txt'], 'ab.txt', false],
    [['[^a]b'], 'cb', true], [['[^a]b'], 'ab', false], [['[a-c]x'], 'bx', true], [['a\\*b'], 'a*b', true], [['a\\*b'], 'axb', false],
    [['a]'], 'a]', true], [['\\!x'], '!x', true], [['a.b'], 'axb', false], [['(a|b)'], 'a', false], [['(a|b)'], '(a|b)', true],
    [['*', '!keep'], 'keep', false], [['*', '!keep'], 'other', true], [['!x', 'x'], 'x', true],
  ] as const)('%j excludes %s: %s', (patterns, path, want) => {
    expect(excluded([...patterns], path)).toBe(want);
  });

  it('rejects what Go rejects', () => {
    for (const bad of ['[', 'a[', '[]', '[^]', '[a-]', 'a\\', '[\\']) expect(() => new PatternMatcher([bad]), bad).toThrow(new PatternError('syntax error in pattern'));
    expect(() => new PatternMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
    expect(() => new PatternMatcher([']', 'a[b]', '[\\]]', '[a-c-]'])).toThrow(); // '[a-c-]' has a dangling '-'
    expect(() => new PatternMatcher([']', 'a[b]', '[\\]]'])).not.toThrow();
  });

  it('carries each pattern\'s result from a directory to what it holds (MatchesUsingParentResults)', () => {
    const pm = new PatternMatcher(['a', '!a/keep']);
    const a = pm.matchUnder('a');
    expect(a).toEqual({ excluded: true, info: [true, false] });
    const keep = pm.matchUnder('a/keep', a.info);
    expect(keep).toEqual({ excluded: false, info: [true, true] });
    expect(pm.matchUnder('a/keep/f', keep.info).excluded).toBe(false);
    expect(pm.matchUnder('a/other', a.info).excluded).toBe(true);
  });

  it('matches (the deprecated Matches) looks at one parent as deep as the pattern', () => {
    expect(new PatternMatcher(['a/b']).matches('a/b/c/d')).toBe(true);
    expect(new PatternMatcher(['*']).matches('../x/Dockerfile')).toBe(true);
    expect(new PatternMatcher(['*/c']).matches('a/b/c/d')).toBe(false);
    expect(new PatternMatcher(['Dockerfile']).matches('.')).toBe(false);
  });
});
