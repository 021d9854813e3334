import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasInstallScript, readTarball, storeVersion } from './manifest.ts';
import { makeTgz } from './testing.ts';

const pj = (o: Record<string, unknown>): string => JSON.stringify(o);

describe('a store version from its tarball', () => {
  it('reads package.json under the archive\'s top directory, whatever its name, and counts files and bytes', async () => {
    const tgz = await makeTgz({ 'package.json': pj({ name: 'x', version: '1.0.0' }), 'index.js': '12345', 'lib/a.js': 'abc' }, 'x-1.0.0');
    const c = await readTarball(tgz);
    expect(c.packageJson).toEqual({ name: 'x', version: '1.0.0' });
    expect(c.files.sort()).toEqual(['index.js', 'lib/a.js', 'package.json']);
    expect(c.unpackedSize).toBe(pj({ name: 'x', version: '1.0.0' }).length + 5 + 3);
  });

  it('fails on a tarball without package.json', async () => {
    await expect(readTarball(await makeTgz({ 'index.js': '' }))).rejects.toThrow(/no package\.json/);
  });

  it('makes the registry\'s dist: integrity, tarball URL, sha1 shasum, file count, unpacked size', async () => {
    const files = { 'package.json': pj({ name: '@scope/tool', version: '2.1.0-beta.1', license: 'MIT' }), 'cli.js': '#!/usr/bin/env node\n' };
    const tgz = await makeTgz(files);
    const v = storeVersion(tgz, await readTarball(tgz), 'sha512-abc');
    expect(v.dist).toEqual({
      integrity: 'sha512-abc',
      tarball: 'https://registry.npmjs.org/@scope/tool/-/tool-2.1.0-beta.1.tgz',
      shasum: createHash('sha1').update(tgz).digest('hex'),
      fileCount: 2,
      unpackedSize: files['package.json'].length + files['cli.js'].length,
    });
    expect(v.license).toBe('MIT');
  });

  it('keeps the fields npm reads, as the package lists them', async () => {
    const pkg = {
      name: 'full', version: '1.0.0', main: 'index.js', description: 'not kept',
      dependencies: { a: '^1', bad: 3 }, optionalDependencies: { b: '~2' }, peerDependencies: { react: '>=18' },
      peerDependenciesMeta: { react: { optional: true } }, engines: { node: '>=18' }, os: ['linux'], cpu: ['x64'],
      deprecated: 'use other', funding: { url: 'https://example.org' }, devDependencies: { vitest: '*' },
    };
    const tgz = await makeTgz({ 'package.json': pj(pkg) });
    const v = storeVersion(tgz, await readTarball(tgz), 'sha512-x');
    expect(v).toMatchObject({
      name: 'full', version: '1.0.0', dependencies: { a: '^1' }, optionalDependencies: { b: '~2' }, peerDependencies: { react: '>=18' },
      peerDependenciesMeta: { react: { optional: true } }, engines: { node: '>=18' }, os: ['linux'], cpu: ['x64'],
      deprecated: 'use other', funding: { url: 'https://example.org' },
    });
    expect(v).not.toHaveProperty('description');
    expect(v).not.toHaveProperty('devDependencies');
    expect(v).not.toHaveProperty('hasInstallScript');
    expect(v).not.toHaveProperty('bin');
  });

  it('fails when the tarball\'s package.json has no name or version', async () => {
    const tgz = await makeTgz({ 'package.json': pj({ name: 'x' }) });
    expect(() => storeVersion(tgz, { packageJson: { name: 'x' }, files: [], unpackedSize: 0 }, 'sha512-x')).toThrow(/no name or version/);
  });
});

describe('hasInstallScript', () => {
  it('is set by install, preinstall or postinstall, not by other scripts', () => {
    expect(hasInstallScript({ scripts: { postinstall: 'node setup.js' } }, [])).toBe(true);
    expect(hasInstallScript({ scripts: { preinstall: 'x' } }, [])).toBe(true);
    expect(hasInstallScript({ scripts: { test: 'x', prepare: 'y' } }, [])).toBe(false);
  });

  it('is implied by a top-level binding.gyp (node-gyp rebuild), unless gypfile is false', () => {
    expect(hasInstallScript({}, ['binding.gyp', 'src/a.cc'])).toBe(true);
    expect(hasInstallScript({ gypfile: false }, ['binding.gyp'])).toBe(false);
    expect(hasInstallScript({}, ['deps/x/binding.gyp'])).toBe(false);
  });
});
