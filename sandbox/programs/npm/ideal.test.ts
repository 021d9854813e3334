// The resolver and npm's hoisted layout, on small fixture registries: what
// goes flat at the top, what nests on conflict, what a lock keeps, what an
// explicit install replaces, the dev/optional flags, and the registry's
// offline errors.
import { describe, expect, it } from 'vitest';
import { buildIdealTree } from './ideal.ts';
import { NpmError } from './errors.ts';
import { treeFromLock } from './lockfile.ts';
import { Registry } from './packuments.ts';
import { fixtureStore, type FixturePackage } from './testing/fixture-store.ts';
import { inventory, PkgNode, type Manifest } from './tree.ts';

async function resolve(packages: FixturePackage[], root: Manifest, opts: { explicit?: string[]; lock?: PkgNode } = {}): Promise<PkgNode> {
  const registry = new Registry(await fixtureStore(packages));
  const tree = opts.lock ?? new PkgNode(root.name ?? 'app', root, null, null, true);
  await buildIdealTree(tree, { registry, explicit: new Set(opts.explicit ?? []), fromDisk: !!opts.lock, mutated: !!opts.explicit });
  return tree;
}

/** location → version, with the flags npm writes. */
function layout(root: PkgNode): Record<string, string> {
  return Object.fromEntries(inventory(root).map((n) => [n.location, [n.version, n.dev && 'dev', n.optional && 'optional', n.devOptional && !n.dev && !n.optional && 'devOptional', n.peer && 'peer'].filter(Boolean).join(' ')]));
}

const P = (name: string, version: string, dependencies?: Record<string, string>, extra: Partial<FixturePackage> = {}): FixturePackage => ({ name, version, ...(dependencies && { dependencies }), ...extra });

describe('the ideal tree', () => {
  it('puts every package at the top when nothing conflicts, and picks the highest satisfying version', async () => {
    const root = await resolve([P('a', '1.0.0', { c: '^1.0.0' }), P('b', '1.0.0', { c: '^1.1.0' }), P('c', '1.0.0'), P('c', '1.2.0'), P('c', '2.0.0')],
      { dependencies: { a: '^1', b: '^1' } });
    expect(layout(root)).toEqual({ 'node_modules/a': '1.0.0', 'node_modules/b': '1.0.0', 'node_modules/c': '1.2.0' });
  });

  it('nests a conflicting version under the package that needs it (the first one met keeps the top)', async () => {
    const pkgs = [P('a', '1.0.0', { c: '^1.0.0' }), P('b', '1.0.0', { c: '^2.0.0' }), P('c', '1.0.0'), P('c', '2.0.0')];
    expect(layout(await resolve(pkgs, { dependencies: { a: '1', b: '1' } })))
      .toEqual({ 'node_modules/a': '1.0.0', 'node_modules/b': '1.0.0', 'node_modules/b/node_modules/c': '2.0.0', 'node_modules/c': '1.0.0' });
    // The root's own dependency wins the top spot, whatever the order of names.
    expect(layout(await resolve(pkgs, { dependencies: { a: '1', b: '1', c: '^2' } })))
      .toEqual({ 'node_modules/a': '1.0.0', 'node_modules/a/node_modules/c': '1.0.0', 'node_modules/b': '1.0.0', 'node_modules/c': '2.0.0' });
  });

  it('nests only as deep as the conflict, and shares a nested copy below it', async () => {
    const pkgs = [P('a', '1.0.0', { b: '1' }), P('b', '1.0.0', { c: '1', d: '1' }), P('d', '1.0.0', { c: '1' }), P('c', '1.0.0'), P('c', '2.0.0')];
    const root = await resolve(pkgs, { dependencies: { a: '1', c: '2' } });
    expect(layout(root)).toEqual({
      'node_modules/a': '1.0.0', 'node_modules/b': '1.0.0', 'node_modules/b/node_modules/c': '1.0.0', 'node_modules/c': '2.0.0', 'node_modules/d': '1.0.0',
      'node_modules/d/node_modules/c': '1.0.0',
    });
  });

  it('marks dev, optional and devOptional packages as package-lock.json records them', async () => {
    const pkgs = [P('prod', '1.0.0', { shared: '1' }), P('tool', '1.0.0', { shared: '1', only: '1' }), P('shared', '1.0.0'), P('only', '1.0.0'),
      P('opt', '1.0.0', { both: '1' }), P('both', '1.0.0')];
    const root = await resolve(pkgs, { dependencies: { prod: '1' }, devDependencies: { tool: '1', both: '1' }, optionalDependencies: { opt: '1' } });
    expect(layout(root)).toEqual({
      'node_modules/both': '1.0.0 devOptional', 'node_modules/only': '1.0.0 dev', 'node_modules/opt': '1.0.0 optional',
      'node_modules/prod': '1.0.0', 'node_modules/shared': '1.0.0', 'node_modules/tool': '1.0.0 dev',
    });
  });

  it('places a peer dependency beside its dependent; keeps an optional one for another platform, drops one the registry lacks', async () => {
    const pkgs = [P('plugin', '1.0.0', undefined, { peerDependencies: { host: '^2' } }), P('host', '2.1.0'),
      P('wrap', '1.0.0', { plugin: '1' }), P('mac', '1.0.0', undefined, { os: ['darwin'] })];
    const root = await resolve(pkgs, { dependencies: { wrap: '1' }, optionalDependencies: { mac: '1', gone: '1' } });
    expect(layout(root)).toEqual({ 'node_modules/host': '2.1.0 peer', 'node_modules/mac': '1.0.0 optional', 'node_modules/plugin': '1.0.0', 'node_modules/wrap': '1.0.0' });
  });

  it('installs an npm: alias under its own folder name', async () => {
    const root = await resolve([P('string-width', '4.2.3'), P('string-width', '5.1.2')], { dependencies: { 'string-width': '^5', 'sw-cjs': 'npm:string-width@^4.2.0' } });
    expect(layout(root)).toEqual({ 'node_modules/string-width': '5.1.2', 'node_modules/sw-cjs': '4.2.3' });
    expect(root.children.get('sw-cjs')!.pkg.name).toBe('string-width');
  });

  it('keeps what the lock pins while it satisfies package.json, and re-resolves what it does not', async () => {
    const pkgs = [P('a', '1.0.0'), P('a', '1.5.0'), P('b', '1.0.0'), P('b', '2.0.0')];
    const lock = { packages: { 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { version: '1.0.0' }, 'node_modules/gone': { version: '1.0.0' } } };
    const pkg = { dependencies: { a: '^1.0.0', b: '^2.0.0' } };
    const root = await resolve(pkgs, pkg, { lock: treeFromLock(new PkgNode('app', pkg, null, null, true), lock) });
    expect(layout(root)).toEqual({ 'node_modules/a': '1.0.0', 'node_modules/b': '2.0.0' });
  });

  it('on a major change, replaces the package and prunes what only the old one needed, so the new deps go to the top (express 5 to 4)', async () => {
    const pkgs = [P('web', '4.0.0', { accepts: '~1.3.0' }), P('web', '5.0.0', { accepts: '^2.0.0', router: '^2' }), P('accepts', '1.3.8'), P('accepts', '2.0.0'),
      P('router', '2.0.0', { accepts: '^2.0.0' })];
    const pkg = { dependencies: { web: '^4' } };
    const lock = { packages: { 'node_modules/web': { version: '5.0.0', dependencies: { accepts: '^2.0.0', router: '^2' } }, 'node_modules/accepts': { version: '2.0.0' },
      'node_modules/router': { version: '2.0.0', dependencies: { accepts: '^2.0.0' } } } };
    const root = await resolve(pkgs, pkg, { lock: treeFromLock(new PkgNode('app', pkg, null, null, true), lock) });
    expect(layout(root)).toEqual({ 'node_modules/accepts': '1.3.8', 'node_modules/web': '4.0.0' });
  });

  it('replaces a satisfying version when the package is asked for by name (npm install a)', async () => {
    const pkgs = [P('a', '1.0.0'), P('a', '1.5.0')];
    const pkg = { dependencies: { a: '^1.0.0' } };
    const locked = (): PkgNode => treeFromLock(new PkgNode('app', pkg, null, null, true), { packages: { 'node_modules/a': { version: '1.0.0' } } });
    expect(layout(await resolve(pkgs, pkg, { lock: locked() }))).toEqual({ 'node_modules/a': '1.0.0' });
    expect(layout(await resolve(pkgs, pkg, { lock: locked(), explicit: ['a'] }))).toEqual({ 'node_modules/a': '1.5.0' });
  });

  it('prefers the latest tag, then versions for this Node, then ones not deprecated', async () => {
    const pkgs = [P('a', '1.0.0'), P('a', '1.1.0', undefined, { deprecated: 'broken' }), P('a', '1.2.0', undefined, { engines: { node: '>=99' } })];
    expect(layout(await resolve(pkgs, { dependencies: { a: '^1' } }))).toEqual({ 'node_modules/a': '1.0.0' });
  });

  it('fails offline as npm does: ENOTCACHED for a package the store lacks, ETARGET for a version', async () => {
    const pkgs = [P('lodash', '4.18.1')];
    const err = (p: Promise<unknown>): Promise<NpmError> => p.then(() => { throw new Error('resolved'); }, (e: NpmError) => e);
    const missing = await err(resolve(pkgs, { dependencies: { leftpad: '*' } }));
    expect(missing.code).toBe('ENOTCACHED');
    expect(missing.summary).toEqual([['', "request to https://registry.npmjs.org/leftpad failed: cache mode is 'only-if-cached' but no cached response is available."]]);
    expect(missing.detail.map((d) => d.slice(1).join(' ')).join('\n')).toBe('\nThe playground is offline: npm installs from its built-in package store, a fixed\nset of real packages. It has lodash and their dependencies.');
    const version = await err(resolve(pkgs, { dependencies: { lodash: '^3.0.0' } }));
    expect([version.code, version.summary]).toEqual(['ETARGET', [['notarget', 'No matching version found for lodash@^3.0.0.']]]);
    expect(version.detail.at(-1)![1]).toMatch(/It has lodash 4\.18\.1 only\.$/);
    // A host without a store: the same offline error, saying so.
    const none = await err(new Registry(null).manifest({ name: 'lodash', fetchSpec: '*', raw: 'lodash' }));
    expect([none.code, none.detail.at(-1)![1]]).toEqual(['ENOTCACHED', 'The playground is offline, and this one has no package store: npm cannot install\nanything here.']);
  });
});
