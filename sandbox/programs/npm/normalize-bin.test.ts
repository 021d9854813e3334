// npm-normalize-package-bin's rules, and directories.bin at publish time.
import { describe, expect, it } from 'vitest';
import { normalizeBin } from './normalize-bin.ts';

describe('bin, as npm normalises it', () => {
  it('a string is the package\'s own command, its scope dropped', () => {
    expect(normalizeBin({ name: '@scope/tool', bin: './cli.js' })).toEqual({ tool: 'cli.js' });
    expect(normalizeBin({ name: 'uuid', bin: 'dist/bin/uuid' })).toEqual({ uuid: 'dist/bin/uuid' });
  });

  it('an object keeps its names as basenames and its targets inside the package', () => {
    expect(normalizeBin({ name: 'm', bin: { mocha: './bin/mocha.js', '../evil': '../../etc/passwd', 'a:b': 'x.js', empty: '' } }))
      .toEqual({ mocha: 'bin/mocha.js', evil: 'etc/passwd', b: 'x.js' });
  });

  it('an array names each file by its basename; nothing usable is no bin', () => {
    expect(normalizeBin({ name: 'm', bin: ['bin/one.js', 'two'] })).toEqual({ 'one.js': 'bin/one.js', two: 'two' });
    expect(normalizeBin({ name: 'm', bin: {} })).toBeUndefined();
    expect(normalizeBin({ name: 'm' })).toBeUndefined();
  });

  it('directories.bin lists the directory\'s files (not dotfiles) when there is no bin', () => {
    const files = ['package.json', 'bin/a', 'bin/.hidden', 'bin/sub/b.js', 'binary/c'];
    expect(normalizeBin({ name: 'm', directories: { bin: './bin' } }, files)).toEqual({ a: 'bin/a', 'b.js': 'bin/sub/b.js' });
    expect(normalizeBin({ name: 'm', bin: 'x.js', directories: { bin: 'bin' } }, files)).toEqual({ m: 'x.js' });
  });
});

describe('bin without the publish-time file list', () => {
  it('ignores directories.bin (what read-package-json-fast does for installed packages); a nameless string bin is none', () => {
    expect(normalizeBin({ name: 'm', directories: { bin: 'bin' } })).toBeUndefined();
    expect(normalizeBin({ bin: 'x.js' })).toBeUndefined();
    expect(normalizeBin({ name: 'm', bin: { '..': 'x.js', 'a\\b': 'sub\\x.js', c: '..' } })).toEqual({ b: 'sub/x.js' });
  });
});
