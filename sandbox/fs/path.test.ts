// Path helpers: normalising, joining, and the folders above a path.
import { describe, expect, it } from 'vitest';
import { ancestors, basename, dirname, isWithin, joinPath, normalizePath } from './path.ts';

describe('paths', () => {
  it('normalises against a working directory, . and .. included, never above /', () => {
    expect(normalizePath('a/./b/../c', '/w')).toBe('/w/a/c');
    expect(normalizePath('/../../x')).toBe('/x');
    expect(joinPath('/a/', '', 'b//c')).toBe('/a/b/c');
  });

  it('dirname and basename as the shell says them', () => {
    expect(dirname('/a/b/')).toBe('/a');
    expect(dirname('/a')).toBe('/');
    expect(basename('/a/b/')).toBe('b');
    expect(basename('/')).toBe('/');
  });

  it('ancestors: the path, then each folder above it, ending at /', () => {
    expect([...ancestors('/app/node_modules/x/')]).toEqual(['/app/node_modules/x', '/app/node_modules', '/app', '/']);
    expect([...ancestors('/')]).toEqual(['/']);
  });

  it('isWithin: the folder itself or below it, not a sibling sharing a prefix', () => {
    expect(isWithin('/app', '/app/x')).toBe(true);
    expect(isWithin('/app', '/app')).toBe(true);
    expect(isWithin('/app', '/apple')).toBe(false);
    expect(isWithin('/', '/anything')).toBe(true);
  });
});
