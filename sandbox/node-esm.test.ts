// ES modules in containers, checked against the host's real Node.js
// (v20.20.2, the release node:20-alpine ships: same output byte for byte)
// and against Node 22.14's own texts where the two releases differ (the
// node:22 image): .mjs/.cjs/"type" mixes, default and named interop with
// CommonJS and built-ins, JSON, import.meta, dynamic import from both
// module kinds, top-level await, require() of ES modules, the syntax
// detection of untyped .js files and -e code, --input-type, --import, and the
// loader's errors with Node's messages and the lines V8 prints above them.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost, type Ran } from './programs/node/testing/node-apps.ts';
import { npmTree, type TreeFile } from './programs/node/testing/npm-tree.ts';

type Files = Record<string, TreeFile>;

/** `cmd` in a container of `image` whose /app holds `files`. */
async function ours(d: Daemon, image: string, files: Files, cmd: string[], memory?: number): Promise<Ran> {
  const b = await buildWith(d, { Dockerfile: `FROM ${image}\nWORKDIR /app\nCOPY . .\n`, ...files });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd, ...(memory && { memory }) });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode, oom: container.state.OOMKilled };
}

/** Runs on the host in a fresh directory: the path it printed is made /app. */
async function onHost(files: Files, cmd: string[]): Promise<Ran> {
  const marker = '__APPDIR__';
  const r = await runOnHost({ ...files, '.where': marker }, ['sh', '-c', 'pwd; exec "$@"', 'sh', ...cmd], { mtimeMs: T0 });
  const [dir, ...rest] = r.out.split('\n');
  const fix = (s: string): string => s.replaceAll(`file://${dir}`, 'file:///app').replaceAll(dir!, '/app').replace(/\(node:\d+\)/g, '(node:PID)');
  return { ...r, out: fix(rest.join('\n')), err: fix(r.err) };
}

const masked = (r: Ran): Ran => ({ ...r, err: r.err.replace(/\(node:\d+\)/g, '(node:PID)') });
/** Without stack frames (Node's are its loader's; ours are QuickJS's): the message, the properties, the lines above. */
const withoutFrames = (s: string): string => s.split('\n').filter((l) => !l.startsWith('    at ')).join('\n');

const MIX: Files = {
  'package.json': JSON.stringify({ name: 'mix', version: '1.0.0', type: 'module' }),
  'main.js': [
    "import data from './data.json' with { type: 'json' };",
    "import * as helpers from './lib/helpers.cjs';",
    "import helpersDefault, { add } from './lib/helpers.cjs';",
    "import legacy from './lib/legacy.cjs';",
    "import { EventEmitter } from 'node:events';",
    "import * as pathNs from 'path';",
    "import { readFileSync } from 'fs';",
    "import { counter, bump } from './lib/live.js';",
    "import plain from './plain.mjs';",
    'console.log(data, add(2, 3), helpersDefault === helpers.default, Object.keys(helpers));',
    'console.log(legacy.fromEsm, typeof EventEmitter, typeof pathNs.join, typeof readFileSync, plain);',
    'console.log(counter); bump(); console.log(counter);',
    "console.log(import.meta.resolve('./lib/live.js'), import.meta.resolve('node:fs'), import.meta.resolve('./missing.js'));",
    'console.log(import.meta);',
    "const dyn = await import('./lib/live.js');",
    "console.log(dyn.counter, dyn === await import('./lib/live.js'), dyn);",
    'console.log(typeof require, typeof module, typeof exports, typeof __filename, this);',
    "process.nextTick(() => console.log('tick')); Promise.resolve().then(() => console.log('microtask first in a module'));",
    "setTimeout(() => console.log('timer'), 5);",
  ].join('\n'),
  'data.json': '{ "name": "data", "list": [1, 2] }',
  'plain.mjs': "export default typeof require + ' ' + typeof import.meta.url;",
  'lib/helpers.cjs': 'exports.add = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n',
  'lib/legacy.cjs': "const live = require('./live.js');\nmodule.exports = { fromEsm: [typeof live.bump, live.__esModule, Object.keys(live)] };\n",
  'lib/live.js': "export let counter = 1;\nexport function bump() { counter++; }\nexport default 'live-default';\n",
};

const CJS_SIDE: Files = {
  'main.cjs': [
    "const esm = require('./esm.mjs');",
    "console.log(esm, require('./esm.mjs') === esm, require('./nodefault.mjs'));",
    "console.log(require('./untyped.js'));",
    "try { require('./tla.mjs') } catch (e) { console.log(e.code) }",
    "import('./esm.mjs').then((ns) => console.log('dynamic from CommonJS', ns.default(), ns === esm));",
    "import('./nope.mjs').catch((e) => console.log(e.code, e.message));",
  ].join('\n'),
  'esm.mjs': "console.log('esm.mjs runs once');\nexport default function hello() { return 'hi'; }\nexport const n = 1;\n",
  'nodefault.mjs': 'export const only = true;\n',
  'untyped.js': "import os from 'os';\nexport const type = typeof os.platform;\n",
  'tla.mjs': 'export const x = await 1;\n',
  'package.json': JSON.stringify({ name: 'cjs-side' }),
};

describe('ES modules run as under Node.js', () => {
  it('an app mixing "type": "module" .js, .mjs, .cjs, JSON and built-ins prints what Node 20 and 22 print', async () => {
    const expected = await onHost(MIX, ['node', 'main.js']);
    expect(expected.err).toBe('');
    expect(expected.out).toContain('microtask first in a module\ntick\ntimer');
    const d = await testDaemon();
    expect(masked(await ours(d, 'node:20-alpine', MIX, ['node', 'main.js']))).toEqual(expected);
    expect(masked(await ours(d, 'node:22-alpine', MIX, ['node', 'main.js']))).toEqual(expected);
  }, 120_000);

  it('CommonJS requiring ES modules (with __esModule when they have a default), importing them, and an untyped .js found by its syntax', async () => {
    const expected = await onHost(CJS_SIDE, ['node', 'main.cjs']);
    const d = await testDaemon();
    const r = masked(await ours(d, 'node:20-alpine', CJS_SIDE, ['node', 'main.cjs']));
    expect(r).toEqual(expected);
    expect(r.out).toContain("[Module: null prototype] {\n  __esModule: true,\n  default: [Function: hello],\n  n: 1\n} true [Module: null prototype] { only: true }");
    expect(r.out).toContain('ERR_REQUIRE_ASYNC_MODULE');
    expect(r.out).toContain("ERR_MODULE_NOT_FOUND Cannot find module '/app/nope.mjs' imported from /app/main.cjs");
  }, 120_000);

  it('packages from npm by import: CommonJS ones by default and by name, ones whose "exports" give an ES module build under import', async () => {
    const files: Files = {
      ...npmTree(['express', 'uuid', 'nanoid', 'lodash', 'dayjs', 'morgan']),
      'package.json': JSON.stringify({ name: 'pkgs', type: 'module' }),
      'main.js': [
        "import express, { Router, json, static as serveStatic } from 'express';",
        "import { v4, validate, NIL } from 'uuid';",
        "import { nanoid, customAlphabet } from 'nanoid';",
        "import _ from 'lodash';",
        "import dayjs from 'dayjs';",
        "import morgan, { token } from 'morgan';",
        "import * as uuidNs from 'uuid';",
        'console.log(typeof express, typeof Router, typeof json, typeof serveStatic, validate(v4()), NIL, nanoid().length, customAlphabet(\'ab\', 4)().length);',
        "console.log(_.chunk([1, 2, 3], 2), dayjs('2020-01-02').format('YYYY'), typeof morgan, typeof token, Object.keys(uuidNs));",
      ].join('\n'),
    };
    const expected = await onHost(files, ['node', 'main.js']);
    expect(expected).toMatchObject({ err: '', code: 0 });
    const d = await testDaemon();
    expect(masked(await ours(d, 'node:22-alpine', files, ['node', 'main.js']))).toEqual(expected);
  }, 120_000);

  it('an untyped .js main module with import syntax runs as a module; Node warns of the package.json without "type"', async () => {
    const files: Files = { 'package.json': '{ "name": "untyped" }', 'main.js': "import { hostname } from 'os';\nconsole.log(typeof hostname, typeof require);\n" };
    const expected = await onHost(files, ['node', 'main.js']);
    expect(expected.err).toContain('[MODULE_TYPELESS_PACKAGE_JSON] Warning: Module type of file:///app/main.js is not specified');
    const d = await testDaemon();
    expect(masked(await ours(d, 'node:20-alpine', files, ['node', 'main.js']))).toEqual(expected);
    expect(masked(await ours(d, 'node:22-alpine', files, ['node', 'main.js']))).toEqual(expected);
  }, 120_000);

  it('-e code with import syntax or top-level await, and --input-type=module code, are modules named [eval1]', async () => {
    const d = await testDaemon();
    for (const args of [
      ['-e', "import fs from 'fs'; console.log(typeof fs, import.meta.url)"],
      ['-e', "const os = await import('node:os'); console.log(typeof os.hostname)"],
      ['--input-type=module', '-e', 'console.log(import.meta.url, typeof require, this)'],
      ['--input-type', 'module', '-e', "throw new Error('x')"],
      ['--input-type=module', '-p', '1'],
      ['--input-type=wat', '-e', '1'],
    ]) {
      const expected = await onHost({}, ['node', ...args]);
      const r = await ours(d, 'node:20-alpine', {}, ['node', ...args]);
      expect({ ...r, err: withoutFrames(r.err) }, args.join(' ')).toEqual({ ...expected, err: withoutFrames(expected.err) });
    }
    expect(await ours(d, 'node:22-alpine', {}, ['node', '--input-type=module', '-p', '1'])).toMatchObject({
      err: expect.stringMatching(/^node:internal\/process\/execution:68\n {4}throw new ERR_EVAL_ESM_CANNOT_PRINT\(\);\n {4}\^\n\nError \[ERR_EVAL_ESM_CANNOT_PRINT\]: --print cannot be used with ESM input\n/),
      code: 1,
    });
  }, 120_000);

  it('--import preloads modules (once each, in order, from the working directory) before a CommonJS main or -e code', async () => {
    const files: Files = { 'pre.mjs': "console.log('preloaded', typeof globalThis.x);\nglobalThis.x = 1;\n", 'main.cjs': "console.log('main', globalThis.x);\n" };
    const d = await testDaemon();
    for (const args of [['--import', './pre.mjs', '--import=./pre.mjs', 'main.cjs'], ['--import=./pre.mjs', '-e', "console.log('eval', x)"], ['--import', './nope.mjs', 'main.cjs']]) {
      const expected = await onHost(files, ['node', ...args]);
      const r = await ours(d, 'node:20-alpine', files, ['node', ...args]);
      expect({ ...r, err: withoutFrames(r.err) }, args.join(' ')).toEqual({ ...expected, err: withoutFrames(expected.err) });
    }
  }, 120_000);

  it('top-level await: the loop runs while it waits, a rejection is fatal (1), one that never settles exits 13', async () => {
    const files: Files = {
      'wait.mjs': "console.log('start');\nawait new Promise((r) => setTimeout(r, 20));\nconsole.log('after');\nthrow new Error('boom');\n",
      'hang.mjs': "console.log(1);\nawait new Promise(() => {});\n",
      'exit.mjs': "process.on('exit', (c) => console.log('exit', c));\nawait null;\nprocess.exit(4);\n",
    };
    const d = await testDaemon();
    for (const file of ['wait.mjs', 'hang.mjs', 'exit.mjs']) {
      const expected = await onHost(files, ['node', file]);
      const r = await ours(d, 'node:20-alpine', files, ['node', file]);
      expect({ ...r, err: withoutFrames(r.err) }, file).toEqual({ ...expected, err: withoutFrames(expected.err) });
    }
    expect(await ours(d, 'node:22-alpine', files, ['node', 'hang.mjs'])).toMatchObject({
      out: '1\n', err: 'Warning: Detected unsettled top-level await at file:///app/hang.mjs:2\nawait new Promise(() => {});\n^\n\n\n', code: 13,
    });
  }, 120_000);

  it('a CommonJS module that throws while a module imports it: its own frame first, no facade in the stack', async () => {
    const d = await testDaemon();
    const r = await ours(d, 'node:22-alpine', { 'main.mjs': "import './lib.cjs';\n", 'lib.cjs': "const x = 1;\nthrow new Error('cjs boom');\n" }, ['node', 'main.mjs']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\/app\/lib\.cjs:2\nthrow new Error\('cjs boom'\);\n\^\n\nError: cjs boom\n {4}at <anonymous> \(\/app\/lib\.cjs:2:\d+\)\n/);
    expect(r.err).not.toMatch(/facade|file:\/\/\/app\/lib\.cjs/);
  }, 120_000);

  it('a module that fills the heap under -m is the OOM killer\'s, as a CommonJS one is', async () => {
    const d = await testDaemon();
    const r = await ours(d, 'node:22-alpine', { 'leak.mjs': "const keep = [];\nfor (;;) keep.push('z'.repeat(64) + keep.length);\n" }, ['node', 'leak.mjs'], 16 * 1024 * 1024);
    expect(r).toMatchObject({ code: 137, oom: true });
  }, 120_000);
});

const BROKEN: Files = {
  'missing-file.mjs': "import x from './x';\n",
  'x.js': 'module.exports = 1;\n',
  'missing-pkg.mjs': "import 'nopkg';\n",
  'dir.mjs': "import './d';\n",
  'd/index.js': '',
  'bare-dir.mjs': "import './e';\n",
  'e/README': 'no index here',
  'missing-js.mjs': "import './nope.js';\n",
  'named.mjs': "import { nope } from './e.mjs';\n",
  'e.mjs': 'export const e = 1;\n',
  'named-cjs.mjs': "import { a, c, z } from 'cj';\nconsole.log(a);\n",
  'node_modules/cj/package.json': '{ "name": "cj", "main": "index.js" }',
  'node_modules/cj/index.js': "exports.a = 1;\nObject.defineProperty(exports, 'c', { enumerable: true, get() { return 3; } });\n",
  'named-builtin.mjs': "import { nope } from 'fs';\n",
  'syntax.mjs': 'const x = 1;\nlet y = ;\n',
  'ext.mjs': "import './notes.txt';\n",
  'notes.txt': 'hi',
  'scheme.mjs': "import 'https://example.com/x.js';\n",
  'builtin.mjs': "import 'node:nope';\n",
  'not-exported.mjs': "import 'px/b';\n",
  'node_modules/px/package.json': '{ "name": "px", "exports": { "./a": "./a.js" } }',
  'node_modules/px/a.js': '',
  'bad-name.mjs': "import '@bad';\n",
  'thrown.mjs': "await 0;\nfunction f() {\n  throw new TypeError('in f');\n}\nf();\n",
};

describe('the ES module loader\'s errors read as Node\'s', () => {
  it('each failing program prints what Node 20.20 prints (its own stack frames aside) and exits 1', async () => {
    const d = await testDaemon();
    for (const file of Object.keys(BROKEN).filter((f) => f.endsWith('.mjs') && !f.includes('/') && f !== 'e.mjs')) {
      const expected = await onHost(BROKEN, ['node', file]);
      const r = await ours(d, 'node:20-alpine', BROKEN, ['node', file]);
      expect(r.code, file).toBe(1);
      if (file === 'syntax.mjs') {
        // V8's words for a syntax error are its own (QuickJS: "unexpected token in expression: ';'"); the place is the same.
        expect(r.err).toMatch(/^file:\/\/\/app\/syntax\.mjs:2\nlet y = ;\n {8}\^\n\nSyntaxError: .*';'\n {4}at file:\/\/\/app\/syntax\.mjs:2:9\n\nNode\.js v20\.20\.2\n$/);
        continue;
      }
      expect({ ...r, err: withoutFrames(r.err) }, file).toEqual({ ...expected, err: withoutFrames(expected.err) });
    }
  }, 300_000);

  it('under node:22 the lines above the errors are Node 22.14\'s', async () => {
    const d = await testDaemon();
    const run = async (file: string): Promise<string> => (await ours(d, 'node:22-alpine', BROKEN, ['node', file])).err;
    expect(await run('missing-file.mjs')).toMatch(/^node:internal\/modules\/run_main:122\n {4}triggerUncaughtException\(\n {4}\^\n\nError \[ERR_MODULE_NOT_FOUND\]: Cannot find module '\/app\/x' imported from \/app\/missing-file\.mjs\nDid you mean to import "\.\/x\.js"\?\n {4}at file:\/\/\/app\/missing-file\.mjs:1:15 \{\n {2}code: 'ERR_MODULE_NOT_FOUND',\n {2}url: 'file:\/\/\/app\/x'\n\}\n\nNode\.js v22\.14\.0\n$/);
    expect(await run('missing-pkg.mjs')).toMatch(/^node:internal\/modules\/package_json_reader:268\n {2}throw new ERR_MODULE_NOT_FOUND\(packageName, fileURLToPath\(base\), null\);\n {8}\^\n\nError \[ERR_MODULE_NOT_FOUND\]: Cannot find package 'nopkg' imported from \/app\/missing-pkg\.mjs\n/);
    expect(await run('missing-js.mjs')).toMatch(/^node:internal\/modules\/esm\/resolve:275\n {4}throw new ERR_MODULE_NOT_FOUND\(\n {10}\^\n\nError \[ERR_MODULE_NOT_FOUND\]: Cannot find module '\/app\/nope\.js' imported from \/app\/missing-js\.mjs\n/);
    expect(await run('bare-dir.mjs')).toMatch(/^node:internal\/modules\/esm\/resolve:263\n {4}throw new ERR_UNSUPPORTED_DIR_IMPORT\(path, basePath, String\(resolved\)\);\n {10}\^\n\nError \[ERR_UNSUPPORTED_DIR_IMPORT\]: Directory import '\/app\/e' is not supported resolving ES modules imported from \/app\/bare-dir\.mjs\n/);
    expect(await run('scheme.mjs')).toMatch(/\nError \[ERR_UNSUPPORTED_ESM_URL_SCHEME\]: Only URLs with a scheme in: file and data are supported by the default ESM loader\. Received protocol 'https:'\n/);
    expect(await run('named-cjs.mjs')).toBe([
      'file:///app/named-cjs.mjs:1',
      "import { a, c, z } from 'cj';",
      '            ^',
      "SyntaxError: Named export 'c' not found. The requested module 'cj' is a CommonJS module, which may not support all module.exports as named exports.",
      'CommonJS modules can always be imported via the default export, for example using:',
      '',
      "import pkg from 'cj';",
      'const { a, c, z } = pkg;',
      '',
      '    at file:///app/named-cjs.mjs:1:13',
      '',
      'Node.js v22.14.0',
      '',
    ].join('\n'));
  }, 120_000);
});
