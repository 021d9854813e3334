import { describe, expect, it } from 'vitest';
import { nameAtPath, resolveInLock, storeEntries, type LockEntry, type Lockfile } from './lock-walk.ts';

const sri = (s: string): string => `sha512-${s}==`;

/** A small lock in npm's layout: two store roots, hoisting, nesting, an alias, a scope, optional and bundled packages. */
function fixture(): Record<string, LockEntry> {
  return {
    '': { name: 'project', dependencies: {}, devDependencies: {} } as LockEntry,
    'node_modules/npm-store-web': { name: 'web', version: '2.0.0', integrity: sri('web2'), dependencies: { debug: '^4', '@s/util': '^1', 'wrap-cjs': 'npm:wrap@^1' }, optionalDependencies: { fsevents: '^2', native: '^1' } },
    'node_modules/npm-store-web4': { name: 'web', version: '4.0.0', integrity: sri('web4'), dependencies: { debug: '2.6.9', ms: '^2' } },
    // web4's own debug 2 shadows the hoisted debug 4; its ms is nested under debug, web4's ms is the hoisted one.
    'node_modules/npm-store-web4/node_modules/debug': { version: '2.6.9', integrity: sri('debug2'), dependencies: { ms: '2.0.0' } },
    'node_modules/npm-store-web4/node_modules/debug/node_modules/ms': { version: '2.0.0', integrity: sri('ms2.0') },
    'node_modules/debug': { version: '4.4.0', integrity: sri('debug4'), dependencies: { ms: '^2.1.3' } },
    'node_modules/ms': { version: '2.1.3', integrity: sri('ms2.1') },
    'node_modules/@s/util': { version: '1.2.0', integrity: sri('util'), dependencies: { ms: '^2.1.3', bundled: '^1' }, peerDependencies: { react: '*' } },
    'node_modules/@s/util/node_modules/bundled': { version: '1.0.0', inBundle: true },
    'node_modules/wrap-cjs': { name: 'wrap', version: '1.0.0', integrity: sri('wrap1') },
    'node_modules/native': { version: '1.0.0', integrity: sri('native'), optional: true } as LockEntry,
    // Not reachable from any store root: not in the store.
    'node_modules/vite': { version: '8.0.0', integrity: sri('vite'), dependencies: { ms: '^2' } },
  };
}

const ids = (lock: Lockfile): string[] => storeEntries(lock).map((e) => `${e.name}@${e.version}`);

describe('the store lockfile walk', () => {
  it('names a package by its path, scope included', () => {
    expect(nameAtPath('node_modules/a/node_modules/@s/b')).toBe('@s/b');
    expect(nameAtPath('node_modules/ms')).toBe('ms');
  });

  it('resolves as Node does: the own node_modules first, then each enclosing one up to the root', () => {
    const p = fixture();
    expect(resolveInLock(p, 'node_modules/npm-store-web4', 'debug')).toBe('node_modules/npm-store-web4/node_modules/debug');
    expect(resolveInLock(p, 'node_modules/npm-store-web4/node_modules/debug', 'ms')).toBe('node_modules/npm-store-web4/node_modules/debug/node_modules/ms');
    expect(resolveInLock(p, 'node_modules/npm-store-web4', 'ms')).toBe('node_modules/ms');
    expect(resolveInLock(p, 'node_modules/npm-store-web', 'debug')).toBe('node_modules/debug');
    expect(resolveInLock(p, 'node_modules/@s/util', 'ms')).toBe('node_modules/ms');
    expect(resolveInLock(p, 'node_modules/npm-store-web', 'nothing')).toBeNull();
  });

  it('collects every tree under node_modules/npm-store-*, once per name@version, and nothing else', () => {
    expect(ids({ packages: fixture() })).toEqual([
      '@s/util@1.2.0', 'debug@2.6.9', 'debug@4.4.0', 'ms@2.0.0', 'ms@2.1.3', 'native@1.0.0', 'web@2.0.0', 'web@4.0.0', 'wrap@1.0.0',
    ]);
  });

  it('keeps each package\'s integrity and the paths it was found at', () => {
    const ms = storeEntries({ packages: fixture() }).find((e) => e.name === 'ms' && e.version === '2.1.3')!;
    expect(ms.integrity).toBe(sri('ms2.1'));
    expect(ms.paths).toEqual(['node_modules/ms']);
  });

  it('takes an aliased package under its real name (the lock\'s "name")', () => {
    expect(ids({ packages: fixture() })).toContain('wrap@1.0.0');
    expect(ids({ packages: fixture() }).some((id) => id.startsWith('wrap-cjs'))).toBe(false);
  });

  it('includes an optional dependency the lock has and skips one it lacks (another platform\'s)', () => {
    const found = ids({ packages: fixture() });
    expect(found).toContain('native@1.0.0');
    expect(found.some((id) => id.startsWith('fsevents'))).toBe(false);
  });

  it('follows peers the lock has, skips those it lacks, and leaves bundled packages inside their parent', () => {
    const p = fixture();
    expect(ids({ packages: p })).not.toContain('react@19.0.0');
    p['node_modules/react'] = { version: '19.0.0', integrity: sri('react') };
    expect(ids({ packages: p })).toContain('react@19.0.0');
    expect(ids({ packages: p }).some((id) => id.startsWith('bundled'))).toBe(false);
  });

  it('fails, naming it, on a required dependency the lock does not have', () => {
    const p = fixture();
    delete p['node_modules/ms'];
    expect(() => storeEntries({ packages: p })).toThrow(/node_modules\/npm-store-web4 depends on ms, which the lock does not have/);
  });

  it('fails on what is not a registry package: no integrity, or a link', () => {
    const p = fixture();
    delete p['node_modules/ms']!.integrity;
    expect(() => storeEntries({ packages: p })).toThrow(/node_modules\/ms has no integrity/);
    const q = fixture();
    q['node_modules/debug'] = { link: true, resolved: 'packages/debug' };
    expect(() => storeEntries({ packages: q })).toThrow(/node_modules\/debug is a link/);
  });

  it('fails when one name@version has two integrities', () => {
    const p = fixture();
    p['node_modules/npm-store-web4/node_modules/debug/node_modules/ms'] = { version: '2.1.3', integrity: sri('other') };
    expect(() => storeEntries({ packages: p })).toThrow(/ms@2\.1\.3 has two integrities/);
  });

  it('fails on a lock without packages or without store roots', () => {
    expect(() => storeEntries({ lockfileVersion: 1 })).toThrow(/lockfileVersion 2 or 3/);
    expect(() => storeEntries({ packages: { '': {}, 'node_modules/ms': { version: '1.0.0', integrity: sri('x') } } })).toThrow(/no node_modules\/npm-store-\* packages/);
  });

  it('walks the project\'s own lock: the express 5 tree is there', async () => {
    const { readFileSync } = await import('node:fs');
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as Lockfile;
    const found = ids(lock);
    expect(found.some((id) => /^express@5\./.test(id))).toBe(true);
    expect(found.some((id) => /^express@4\./.test(id))).toBe(true);
    expect(found.some((id) => id.startsWith('vite@'))).toBe(false);
  });
});
