// package-lock.json as npm writes it: key order (json-stringify-nice), entry
// fields and flags, the hidden lockfile, reading a lock back into a tree —
// and, against the playground's store, the very bytes npm 10.9.2 wrote for
// the same project (testdata/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIdealTree } from './ideal.ts';
import { lockEntry, lockText, stringifyNice, treeFromLock } from './lockfile.ts';
import { Registry } from './packuments.ts';
import { packageStore } from './store.ts';
import { inventory, PkgNode } from './tree.ts';

const testdata = (f: string): string => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

describe('the lock writer', () => {
  it('orders keys as json-stringify-nice does: npm\'s keys first, scalars (and arrays) before objects, the rest by name', () => {
    const text = stringifyNice({ packages: { b: 1 }, requires: true, name: 'x', lockfileVersion: 3, version: '1.0.0' });
    expect(text).toBe('{\n  "name": "x",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "b": 1\n  }\n}\n');
    const entry = stringifyNice({ engines: { node: '>=18' }, license: 'MIT', funding: [{ url: 'u' }], dev: true, dependencies: { z: '1', a: '2' }, integrity: 'sha512-x', resolved: 'r', version: '1.0.0', bin: { x: 'b.js' } });
    expect(Object.keys(JSON.parse(entry))).toEqual(['version', 'resolved', 'integrity', 'dev', 'funding', 'license', 'dependencies', 'bin', 'engines']);
    expect(entry).toContain('"a": "2",\n    "z": "1"');
  });

  it('writes a node\'s entry from its package (license type, string funding as {url}, bin normalised, flags)', () => {
    const root = new PkgNode('app', { name: 'app', version: '1.0.0', dependencies: { x: '^1' }, devDependencies: {}, scripts: { postinstall: 'echo' } }, null, null, true);
    const x = new PkgNode('x', { name: 'x', version: '1.2.0', license: { type: 'MIT' } as never, funding: 'https://f', bin: './cli.js', dependencies: {} }, 'https://registry.npmjs.org/x/-/x-1.2.0.tgz', 'sha512-q');
    root.adopt(x);
    const alias = new PkgNode('y-cjs', { name: 'y', version: '4.0.0' }, 'https://registry.npmjs.org/y/-/y-4.0.0.tgz', 'sha512-z');
    alias.dev = true;
    root.adopt(alias);
    expect(lockEntry(root)).toEqual({ name: 'app', version: '1.0.0', dependencies: { x: '^1' }, devDependencies: {}, hasInstallScript: true });
    expect(lockEntry(x)).toEqual({ version: '1.2.0', resolved: 'https://registry.npmjs.org/x/-/x-1.2.0.tgz', integrity: 'sha512-q', license: 'MIT', funding: { url: 'https://f' }, bin: { x: 'cli.js' } });
    expect(lockEntry(alias)).toEqual({ name: 'y', version: '4.0.0', resolved: 'https://registry.npmjs.org/y/-/y-4.0.0.tgz', integrity: 'sha512-z', dev: true });
    const hidden = JSON.parse(lockText(root, { hidden: true }));
    expect(Object.keys(hidden.packages)).toEqual(['node_modules/x', 'node_modules/y-cjs']);
    expect(JSON.parse(lockText(root)).packages['']).toBeDefined();
  });

  it('reads a lock back into the same tree, nested and scoped locations included', () => {
    const lock = JSON.parse(testdata('getting-started/package-lock.json'));
    const pkg = JSON.parse(testdata('getting-started/package.json'));
    const tree = treeFromLock(new PkgNode('getting-started', pkg, null, null, true), lock);
    expect(inventory(tree).length).toBe(Object.keys(lock.packages).length - 1);
    expect(tree.resolve('@isaacs/cliui')?.version).toBe('8.0.2');
    expect(tree.children.get('mocha')?.children.get('supports-color')?.location).toBe('node_modules/mocha/node_modules/supports-color');
    expect(lockText(tree)).toBe(testdata('getting-started/package-lock.json'));
  });
});

describe('against real npm', () => {
  it('resolves a project from the store to the package-lock.json npm 10.9.2 wrote, byte for byte', async () => {
    const store = packageStore();
    expect(store, 'vitest-setup installs the generated store').not.toBeNull();
    const pkg = JSON.parse(testdata('getting-started/package.json'));
    const root = new PkgNode('getting-started', pkg, null, null, true);
    await buildIdealTree(root, { registry: new Registry(store) });
    expect(lockText(root), 'the store changed? see testdata/README.md').toBe(testdata('getting-started/package-lock.json'));
    // mocha wants supports-color 8 and chalk 4 wants 7: npm nests mocha's, and keeps string-width-cjs as an alias.
    expect(root.children.get('mocha')!.children.get('supports-color')!.version).toMatch(/^8\./);
    expect(root.children.get('string-width-cjs')!.pkg.name).toBe('string-width');
  });
});
