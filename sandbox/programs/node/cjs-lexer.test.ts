// The CommonJS export analysis (cjs-module-lexer's grammar) and the
// module-syntax detection: the README's examples, the tokenizer's hard
// cases (regular expressions, templates, comments), and the named exports
// real packages from the npm store give an `import * as ns` under Node
// (names taken from Node 20.20's own output for the same files: uuid's
// CommonJS build, which `import` itself would not pick: its "exports" give
// ESM under the import condition).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory.ts';
import { cjsExports, moduleSyntax, topLevelAwait } from './cjs-lexer.ts';
import { cjsNamedExports } from './esm-load.ts';

const sorted = (names: string[]): string[] => [...names].sort();

describe('cjsExports: what cjs-module-lexer finds', () => {
  it('exports.x =, exports["y"] =, module.exports.z =, regardless of scope', () => {
    expect(sorted(cjsExports("(function (exports) { exports.a = 'a'; exports['b'] = 'b'; if (false) module.exports.c = 3; })(exports);").exports)).toEqual(['a', 'b', 'c']);
    // Renamed exports are not seen; comparisons are not assignments.
    expect(cjsExports('(function (e) { e.a = 1 })(exports); if (exports.x == 1 || exports.y === 2) {}').exports).toEqual([]);
  });

  it('Object.defineProperty: value forms and plain getters; other getters opt the name out', () => {
    const src = [
      "Object.defineProperty(exports, 'a', { enumerable: true, get: function () { return q.p; } });",
      "Object.defineProperty(exports, 'b', { enumerable: true, get: function () { return q['p']; } });",
      "Object.defineProperty(exports, 'c', { enumerable: true, get () { return b; } });",
      "Object.defineProperty(exports, 'd', { value: 'd' });",
      "Object.defineProperty(exports, '__esModule', { value: true });",
      "Object.defineProperty(exports, 'e', { get () { return 'nope'; } });",
      "Object.defineProperty(exports, 'f', { enumerable: false, get () { return p; } });",
      "Object.defineProperty(exports, 'g', { get: () => p });",
    ].join('\n');
    expect(sorted(cjsExports(src).exports)).toEqual(['__esModule', 'a', 'b', 'c', 'd']);
  });

  it('module.exports = { … }: shorthand, identifier and string keys; a complex value stops the object', () => {
    expect(sorted(cjsExports("module.exports = { a, 'b': b, c: c, ...d };").exports)).toEqual(['a', 'b', 'c']);
    const r = cjsExports("module.exports = { a, ...require('x'), b: require('c'), c: 'no' };");
    expect(r.exports).toEqual(['a']);
    expect(r.reexports).toEqual(['x']);
  });

  it('re-exports: the last module.exports = require(), spreads, TypeScript and Babel star exports', () => {
    expect(cjsExports("module.exports = require('a');\nif (false) module.exports = require('c');").reexports).toEqual(['c']);
    expect(cjsExports("module.exports = require('ignored');\nmodule.exports = { ...require('a'), ...require('b') };").reexports).toEqual(['a', 'b']);
    expect(cjsExports('"use strict";\nfunction __export(m) {}\n__export(require("external"));\ntslib.__exportStar(require("other"), exports);').reexports).toEqual(['external', 'other']);
    const babel = '"use strict";\nexports.__esModule = true;\nvar _external = require("external");\nObject.keys(_external).forEach(function (key) {\n  if (key === "default" || key === "__esModule") return;\n  exports[key] = _external[key];\n});\n';
    expect(cjsExports(babel)).toEqual({ exports: ['__esModule'], reexports: ['external'] });
  });

  it('strings, comments, templates and regular expressions hide what looks like exports', () => {
    const src = [
      "const s = 'exports.no1 = 1';",
      '// exports.no2 = 2',
      '/* exports.no3 = 3 */',
      'const t = `exports.no4 = ${ {a: `exports.no5 = ${1}`}.a } exports.no6 = 1`;',
      'const r = /exports.no7 = ["\'`]/g; const q = a / b / c;',
      'exports.yes = 1;',
    ].join('\n');
    expect(cjsExports(src).exports).toEqual(['yes']);
  });
});

describe('moduleSyntax: Node\'s detection of an untyped .js', () => {
  it('import/export declarations, import.meta and a top-level await are module syntax', () => {
    for (const src of ["import fs from 'fs';", "import 'x'", 'import { a } from "b"', 'import * as n from "m"', 'export const a = 1', 'export default 1', 'export { a }', 'console.log(import.meta.url)', 'await 1']) {
      expect(moduleSyntax(src), src).toBe(true);
    }
  });

  it('CommonJS that mentions them is not', () => {
    for (const src of ["const m = import('x')", 'module.exports = { import: 1, export: 2 }', 'obj.import(); obj.export = 1', "// import x from 'y'", "const s = 'export default 1'", 'async function f() { await g() }', 'exports.a = 1']) {
      expect(moduleSyntax(src), src).toBe(false);
    }
    // Once a file failed to compile as CommonJS, any await counts (as a top-level one in a block).
    expect(moduleSyntax('for (const x of xs) { await x }', true)).toBe(true);
  });

  it('finds where the first top-level await is', () => {
    const src = 'const a = 1;\nasync function f() { await 0 }\nawait new Promise(() => {});\n';
    expect(topLevelAwait(src)).toBe(src.indexOf('await new'));
    expect(topLevelAwait('const a = 1')).toBe(-1);
  });
});

describe('named exports of real CommonJS packages, as Node gives them to import', () => {
  const require = createRequire(import.meta.url);
  const dirOf = (pkg: string): string => dirname(require.resolve(`npm-store-${pkg}/package.json`));
  /** The package laid out at /node_modules/<name> in a memory fs, its files as on disk. */
  const names = (pkg: string, name: string, main: string): string[] => {
    const fs = new MemoryFs();
    const read = (path: string): string => readFileSync(join(dirOf(pkg), path.slice(`/node_modules/${name}/`.length)), 'utf8');
    const files = new Set<string>();
    const walk = (file: string): void => {
      if (files.has(file)) return;
      files.add(file);
      fs.mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
      fs.writeFileSync(file, read(file));
      for (const m of read(file).matchAll(/require\(['"](\.[^'"]+)['"]\)/g)) {
        const target = join(dirname(file), m[1]!);
        for (const candidate of [target, `${target}.js`, `${target}/index.js`]) {
          try { read(candidate); walk(candidate); break; } catch { /* not that one */ }
        }
      }
    };
    walk(`/node_modules/${name}/${main}`);
    const path = `/node_modules/${name}/${main}`;
    return sorted(cjsNamedExports(fs, path, read(path), (p) => new TextDecoder().decode(fs.readFileSync(p))));
  };

  it('express 5, express 4, morgan, dotenv, nanoid, uuid; lodash, dayjs and cors only by default', () => {
    expect(names('express', 'express', 'index.js')).toEqual(['Route', 'Router', 'application', 'json', 'raw', 'request', 'response', 'static', 'text', 'urlencoded']);
    expect(names('express4', 'express', 'index.js')).toEqual(['Route', 'Router', 'application', 'json', 'query', 'raw', 'request', 'response', 'static', 'text', 'urlencoded']);
    expect(names('morgan', 'morgan', 'index.js')).toEqual(['compile', 'format', 'token']);
    expect(names('dotenv', 'dotenv', 'dist/index.cjs')).toEqual(['config', 'configDotenv', 'parse', 'populate']);
    expect(names('nanoid', 'nanoid', 'index.cjs')).toEqual(['customAlphabet', 'customRandom', 'nanoid', 'random', 'urlAlphabet']);
    expect(names('uuid', 'uuid', 'dist/cjs/index.js')).toEqual(['MAX', 'NIL', '__esModule', 'parse', 'stringify', 'v1', 'v1ToV6', 'v3', 'v4', 'v5', 'v6', 'v6ToV1', 'v7', 'validate', 'version']);
    expect(names('lodash', 'lodash', 'lodash.js')).toEqual([]);
    expect(names('dayjs', 'dayjs', 'dayjs.min.js')).toEqual([]);
    expect(names('cors', 'cors', 'lib/index.js')).toEqual([]);
  });
});
