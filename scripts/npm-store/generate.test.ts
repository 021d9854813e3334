import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cacache from 'cacache';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateNpmStore, packuments, type GenerateOptions } from './generate.ts';
import { makeTgz } from './testing.ts';

const sri = (b: Uint8Array): string => `sha512-${createHash('sha512').update(b).digest('base64')}`;

describe('generating the store from npm\'s cache', () => {
  let dir: string;
  let opts: GenerateOptions;
  const tgzs = new Map<string, Uint8Array>();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'npm-store-gen-'));
    const cacheDir = join(dir, '_cacache');
    tgzs.set('app@1.0.0', await makeTgz({ 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', bin: 'cli.js', dependencies: { '@s/lib': '^2' } }), 'cli.js': '' }));
    tgzs.set('@s/lib@2.0.0', await makeTgz({ 'package.json': JSON.stringify({ name: '@s/lib', version: '2.0.0' }) }));
    tgzs.set('@s/lib@2.5.0', await makeTgz({ 'package.json': JSON.stringify({ name: '@s/lib', version: '2.5.0' }) }));
    for (const [id, tgz] of tgzs) await cacache.put(cacheDir, `test:${id}`, tgz);
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'p' },
        'node_modules/npm-store-app': { name: 'app', version: '1.0.0', integrity: sri(tgzs.get('app@1.0.0')!), dependencies: { '@s/lib': '^2' } },
        'node_modules/@s/lib': { version: '2.5.0', integrity: sri(tgzs.get('@s/lib@2.5.0')!) },
        'node_modules/npm-store-lib2': { name: '@s/lib', version: '2.0.0', integrity: sri(tgzs.get('@s/lib@2.0.0')!) },
      },
    };
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
    opts = { lockPath: join(dir, 'package-lock.json'), outDir: join(dir, 'public/npm-store'), workDir: join(dir, 'work'), cacheDir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the registry layout and one index of packuments', async () => {
    const r = await generateNpmStore(opts);
    expect(r).toMatchObject({ skipped: false, packages: 2, versions: 3 });
    expect(r.bytes).toBe([...tgzs.values()].reduce((n, t) => n + t.length, 0));
    expect(new Uint8Array(readFileSync(join(opts.outDir, 'app/-/app-1.0.0.tgz')))).toEqual(tgzs.get('app@1.0.0'));
    expect(existsSync(join(opts.outDir, '@s/lib/-/lib-2.5.0.tgz'))).toBe(true);
    const index = JSON.parse(readFileSync(join(opts.outDir, 'index.json'), 'utf8'));
    expect(Object.keys(index)).toEqual(['@s/lib', 'app']);
    expect(index['@s/lib']['dist-tags']).toEqual({ latest: '2.5.0' });
    expect(Object.keys(index['@s/lib'].versions)).toEqual(['2.0.0', '2.5.0']);
    expect(index.app.versions['1.0.0']).toMatchObject({ bin: { app: 'cli.js' }, dependencies: { '@s/lib': '^2' }, dist: { integrity: sri(tgzs.get('app@1.0.0')!), tarball: 'https://registry.npmjs.org/app/-/app-1.0.0.tgz' } });
    expect(readFileSync(join(opts.outDir, 'index.json'), 'utf8')).not.toMatch(/\n/);
  });

  it('does nothing the second time, and regenerates when the output is gone or forced', async () => {
    await generateNpmStore(opts);
    expect((await generateNpmStore(opts)).skipped).toBe(true);
    rmSync(join(opts.outDir, 'app/-/app-1.0.0.tgz'));
    expect((await generateNpmStore(opts)).skipped).toBe(false);
    expect((await generateNpmStore({ ...opts, force: true })).skipped).toBe(false);
  });

  it('regenerates when the lock\'s store entries change', async () => {
    await generateNpmStore(opts);
    const lock = JSON.parse(readFileSync(opts.lockPath, 'utf8'));
    delete lock.packages['node_modules/npm-store-lib2'];
    writeFileSync(opts.lockPath, JSON.stringify(lock));
    const r = await generateNpmStore(opts);
    expect(r).toMatchObject({ skipped: false, versions: 2 });
    expect(existsSync(join(opts.outDir, '@s/lib/-/lib-2.0.0.tgz'))).toBe(false);
  });

  it('fails, saying to run npm ci, when a tarball is not in npm\'s cache (and leaves no half store)', async () => {
    const lock = JSON.parse(readFileSync(opts.lockPath, 'utf8'));
    lock.packages['node_modules/@s/lib'].integrity = sri(new Uint8Array([1, 2, 3]));
    writeFileSync(opts.lockPath, JSON.stringify(lock));
    await expect(generateNpmStore(opts)).rejects.toThrow(/@s\/lib@2\.5\.0 .* is not in npm's cache .*run `npm ci`/);
    expect(existsSync(opts.outDir)).toBe(false);
  });

  it('fails when a tarball holds another package than the lock says', async () => {
    const lock = JSON.parse(readFileSync(opts.lockPath, 'utf8'));
    lock.packages['node_modules/@s/lib'].integrity = sri(tgzs.get('app@1.0.0')!);
    writeFileSync(opts.lockPath, JSON.stringify(lock));
    await expect(generateNpmStore(opts)).rejects.toThrow(/the tarball of @s\/lib@2\.5\.0 .* holds app@1\.0\.0/);
  });

  it('tags as latest the highest release, not a prerelease above it (the registry publishes those under another tag)', () => {
    const v = (name: string, version: string) => ({ name, version, dist: { integrity: 'sha512-x', tarball: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`, shasum: '0' } });
    const docs = packuments([v('chalk', '6.0.1'), v('chalk', '4.1.2'), v('chalk', '7.0.0-beta.1'), v('chalk', '5.6.2'), v('pre', '1.0.0-rc.2'), v('pre', '1.0.0-rc.10')]);
    expect(docs.get('chalk')!['dist-tags']).toEqual({ latest: '6.0.1' });
    expect(Object.keys(docs.get('chalk')!.versions)).toEqual(['4.1.2', '5.6.2', '6.0.1', '7.0.0-beta.1']);
    expect(docs.get('pre')!['dist-tags']).toEqual({ latest: '1.0.0-rc.10' });
  });
});
