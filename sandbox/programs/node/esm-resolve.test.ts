// Node's ESM resolution over a memory filesystem: what each specifier
// names, the format it loads as, and the errors word for word as Node
// 20.20 and 22.14 print them for the same layout (checked with both).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory.ts';
import { esmAnswer } from './esm-load.ts';
import { EsmError, esmResolve, type EsmResolver } from './esm-resolve.ts';
import { resolveModule, selectExportsKey } from './resolve.ts';

function layout(files: Record<string, string>): MemoryFs {
  const fs = new MemoryFs();
  for (const [path, text] of Object.entries(files)) {
    fs.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    if (!path.endsWith('/')) fs.writeFileSync(path, text);
  }
  return fs;
}

const FILES = {
  '/app/main.mjs': '',
  '/app/x.js': 'export default 1',
  '/app/c.cjs': 'exports.a = 1',
  '/app/data.json': '{"a":1}',
  '/app/notes.txt': 'hi',
  '/app/d/index.js': '',
  '/app/e/README': '',
  '/app/package.json': JSON.stringify({ name: 'app', imports: { '#u': './x.js', '#dep': 'cj' } }),
  '/app/node_modules/cj/package.json': JSON.stringify({ name: 'cj', main: 'lib/index.js' }),
  '/app/node_modules/cj/lib/index.js': "module.exports = require('./impl')",
  '/app/node_modules/cj/lib/impl.js': 'exports.one = 1; exports.two = 2;',
  '/app/node_modules/px/package.json': JSON.stringify({ name: 'px', exports: { './a': { require: './a.cjs', import: './a.mjs' }, './feat/*': './src/*.js' } }),
  '/app/node_modules/px/a.mjs': 'export const a = 1',
  '/app/node_modules/px/a.cjs': '',
  '/app/node_modules/px/src/one.js': '',
  '/app/node_modules/pm/package.json': JSON.stringify({ name: 'pm', main: 'nope.js' }),
  '/app/node_modules/pn/package.json': JSON.stringify({ name: 'pn' }),
  '/app/node_modules/pn/index.js': '',
  '/app/node_modules/pn/lib/x.js': '',
  '/app/node_modules/@s/p/package.json': JSON.stringify({ name: '@s/p', type: 'module', exports: './i.js' }),
  '/app/node_modules/@s/p/i.js': 'export default 1',
};

const r = (node20 = false): EsmResolver => ({ fs: layout(FILES), builtins: new Set(['fs', 'path', 'fs/promises']), node20 });
const from = 'file:///app/main.mjs';
const resolve = (specifier: string, node20 = false): unknown => esmResolve(r(node20), specifier, from);
function failure(specifier: string, node20 = false): [string | null, string] {
  try {
    resolve(specifier, node20);
  } catch (e) {
    if (e instanceof EsmError) return [e.code, e.message];
    throw e;
  }
  throw new Error(`${specifier} resolved`);
}

describe('esmResolve', () => {
  it('files by URL, with their formats', () => {
    expect(resolve('./x.js')).toEqual({ url: 'file:///app/x.js', format: 'typeless', path: '/app/x.js' });
    expect(resolve('./c.cjs')).toMatchObject({ url: 'file:///app/c.cjs', format: 'commonjs' });
    expect(resolve('./data.json')).toMatchObject({ format: 'json' });
    expect(resolve('/app/main.mjs')).toMatchObject({ format: 'module' });
    expect(resolve('file:///app/x.js?q=1#h')).toMatchObject({ url: 'file:///app/x.js?q=1#h' });
    expect(resolve('#u')).toMatchObject({ url: 'file:///app/x.js' });
  });

  it('built-ins by bare name and node: URL', () => {
    expect(resolve('fs')).toEqual({ url: 'node:fs', format: 'builtin' });
    expect(resolve('node:fs/promises')).toEqual({ url: 'node:fs/promises', format: 'builtin' });
    expect(failure('node:nope')).toEqual(['ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: node:nope']);
  });

  it('packages: "exports" under the import condition and its patterns, "main", index.js, "type"', () => {
    expect(resolve('px/a')).toMatchObject({ url: 'file:///app/node_modules/px/a.mjs', format: 'module' });
    expect(resolve('px/feat/one')).toMatchObject({ url: 'file:///app/node_modules/px/src/one.js' });
    expect(resolve('cj')).toMatchObject({ url: 'file:///app/node_modules/cj/lib/index.js', format: 'typeless' });
    expect(resolve('pn')).toMatchObject({ url: 'file:///app/node_modules/pn/index.js' });
    expect(resolve('pn/lib/x.js')).toMatchObject({ url: 'file:///app/node_modules/pn/lib/x.js' });
    expect(resolve('@s/p')).toMatchObject({ url: 'file:///app/node_modules/@s/p/i.js', format: 'module' });
  });

  it('errors as Node words them', () => {
    expect(failure('./x')).toEqual(['ERR_MODULE_NOT_FOUND', "Cannot find module '/app/x' imported from /app/main.mjs\nDid you mean to import \"./x.js\"?"]);
    expect(failure('./nope.js')).toEqual(['ERR_MODULE_NOT_FOUND', "Cannot find module '/app/nope.js' imported from /app/main.mjs"]);
    expect(failure('pn/lib/x')).toEqual(['ERR_MODULE_NOT_FOUND', "Cannot find module '/app/node_modules/pn/lib/x' imported from /app/main.mjs\nDid you mean to import \"pn/lib/x.js\"?"]);
    expect(failure('./d')).toEqual(['ERR_UNSUPPORTED_DIR_IMPORT', "Directory import '/app/d' is not supported resolving ES modules imported from /app/main.mjs\nDid you mean to import \"./d/index.js\"?"]);
    expect(failure('./e')).toEqual(['ERR_UNSUPPORTED_DIR_IMPORT', "Directory import '/app/e' is not supported resolving ES modules imported from /app/main.mjs"]);
    expect(failure('nopkg')).toEqual(['ERR_MODULE_NOT_FOUND', "Cannot find package 'nopkg' imported from /app/main.mjs"]);
    expect(failure('pm')).toEqual(['ERR_MODULE_NOT_FOUND', "Cannot find package '/app/node_modules/pm/nope.js' imported from /app/main.mjs"]);
    expect(failure('px')).toEqual(['ERR_PACKAGE_PATH_NOT_EXPORTED', 'No "exports" main defined in /app/node_modules/px/package.json imported from /app/main.mjs']);
    expect(failure('px/b')).toEqual(['ERR_PACKAGE_PATH_NOT_EXPORTED', 'Package subpath \'./b\' is not defined by "exports" in /app/node_modules/px/package.json imported from /app/main.mjs']);
    expect(failure('#nope')).toEqual(['ERR_PACKAGE_IMPORT_NOT_DEFINED', 'Package import specifier "#nope" is not defined in package /app/package.json imported from /app/main.mjs']);
    expect(failure('@bad')).toEqual(['ERR_INVALID_MODULE_SPECIFIER', 'Invalid module "@bad" is not a valid package name imported from /app/main.mjs']);
    expect(failure('./notes.txt')).toEqual(['ERR_UNKNOWN_FILE_EXTENSION', 'Unknown file extension ".txt" for /app/notes.txt']);
    expect(failure('https://x.org/a.js')).toEqual(['ERR_UNSUPPORTED_ESM_URL_SCHEME', "Only URLs with a scheme in: file and data are supported by the default ESM loader. Received protocol 'https:'"]);
    expect(failure('https://x.org/a.js', true)[1]).toBe("Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol 'https:'");
  });
});

describe('selectExportsKey: the key an "exports"/"imports" map gives a subpath (require and import alike)', () => {
  const map = { './a': 1, './lib/*': 2, './lib/deep/*': 3, './lib/*.js': 4, './x/*/y/*': 5, './raw/*': 6 };
  it('an exact key, else the pattern with the longest prefix, then the longest key (PATTERN_KEY_COMPARE)', () => {
    expect(selectExportsKey(map, './a')).toEqual({ key: './a', star: null });
    expect(selectExportsKey(map, './lib/deep/q')).toEqual({ key: './lib/deep/*', star: 'q' });
    expect(selectExportsKey(map, './lib/m.js')).toEqual({ key: './lib/*.js', star: 'm' });
    expect(selectExportsKey(map, './lib/m')).toEqual({ key: './lib/*', star: 'm' });
  });
  it('no match for the bare prefix, a key with two stars, or an unlisted subpath', () => {
    expect(selectExportsKey(map, './raw/')).toBeNull();
    expect(selectExportsKey(map, './x/1/y/2')).toBeNull();
    expect(selectExportsKey(map, './b')).toBeNull();
  });
  it('require() resolves through the same choice: of two patterns with the same prefix, the longer key (the old CommonJS copy took the first)', () => {
    const fs = layout({
      '/app/node_modules/q/package.json': JSON.stringify({ name: 'q', exports: { './f/*': './any/*', './f/*.js': './js/*.js' } }),
      '/app/node_modules/q/js/x.js': '',
      '/app/node_modules/q/any/x.js': '',
    });
    expect(resolveModule(fs, 'q/f/x.js', '/app')).toBe('/app/node_modules/q/js/x.js');
  });
});

describe('esmAnswer: what the guest gets', () => {
  const read = (fs: MemoryFs) => (path: string): string => new TextDecoder().decode(fs.readFileSync(path));
  it('an untyped .js by its syntax, CommonJS names through re-exports, errors as data', () => {
    const fs = layout(FILES);
    const res: EsmResolver = { fs, builtins: new Set(['fs']), node20: false };
    expect(esmAnswer(res, './x.js', from, read(fs))).toEqual(['file:///app/x.js', 'module', 'export default 1', '/app/package.json']);
    expect(esmAnswer(res, 'cj', from, read(fs))).toEqual(['file:///app/node_modules/cj/lib/index.js', 'commonjs', ['one', 'two'], '/app/node_modules/cj/lib/index.js']);
    expect(esmAnswer(res, './data.json', from, read(fs))).toEqual(['file:///app/data.json', 'json', '{"a":1}']);
    expect(esmAnswer(res, 'fs', from, read(fs))).toEqual(['node:fs', 'builtin']);
    expect(esmAnswer(res, './e', from, read(fs))).toEqual({ error: ['Error', 'ERR_UNSUPPORTED_DIR_IMPORT', "Directory import '/app/e' is not supported resolving ES modules imported from /app/main.mjs", 'dirImport', 'file:///app/e'] });
  });
});
