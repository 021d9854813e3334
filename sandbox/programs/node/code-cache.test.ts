// The engine's code cache: what is new makes it pending, the same text does
// not, a newer text replaces an older one with a new version, and it holds a
// bounded amount.
import { describe, expect, it } from 'vitest';
import { cachedVersion, CODE_CACHE_CHARS, CodeCache } from './code-cache.ts';

describe('CodeCache', () => {
  it('is pending when files are new or changed, not for the same text again', () => {
    const cache = new CodeCache();
    expect(cache.pending).toBe(false);
    expect(cache.add([['/a/node_modules/x/index.js', 'module.exports = 1;']])).toBe(true);
    expect(cache.take()).toEqual([['/a/node_modules/x/index.js', 'module.exports = 1;', expect.any(Number)]]);
    expect(cache.pending).toBe(false);
    expect(cache.add([['/a/node_modules/x/index.js', 'module.exports = 1;']])).toBe(false);
    expect(cache.add([['/a/node_modules/x/index.js', 'module.exports = 2;'], ['/a/node_modules/y.js', '']])).toBe(true);
    expect(cache.take()).toEqual([['/a/node_modules/x/index.js', 'module.exports = 2;', expect.any(Number)], ['/a/node_modules/y.js', '', expect.any(Number)]]);
    cache.retry();
    expect(cache.pending).toBe(true);
  });

  it('keeps what fits its bound, first come', () => {
    const cache = new CodeCache();
    const big = 'x'.repeat(CODE_CACHE_CHARS / 2);
    expect(cache.add([['/1.js', big], ['/2.js', big], ['/3.js', 'small']])).toBe(true);
    expect(cache.take().map(([p]) => p)).toEqual(['/1.js', '/2.js']);
    expect(cache.add([['/3.js', 'small']])).toBe(false);
  });

  it('gives each text of a path a version, the same for the same text', () => {
    const a = new CodeCache();
    const b = new CodeCache();
    a.add([['/v/node_modules/p.js', 'one']]);
    const one = cachedVersion('/v/node_modules/p.js', 'one');
    expect(one).toEqual(expect.any(Number));
    expect(cachedVersion('/v/node_modules/p.js', 'other')).toBeNull();
    expect(cachedVersion('/v/node_modules/q.js', 'one')).toBeNull();
    b.add([['/v/node_modules/p.js', 'one']]);
    expect(b.take()[0]![2]).toBe(one);
    a.add([['/v/node_modules/p.js', 'two']]);
    expect(cachedVersion('/v/node_modules/p.js', 'one')).toBeNull();
    expect(cachedVersion('/v/node_modules/p.js', 'two')).not.toBe(one);
  });
});
