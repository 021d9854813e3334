// Everyday npm packages, unmodified from the registry, in a node:22
// container: lodash, dayjs (with plugins), uuid 11 (v1–v7, validate,
// parse), chalk 4 (no colour without a terminal, as Node), dotenv (reading
// .env), nanoid 3, and cors and morgan as express middleware; and the
// registry's latest majors, which are ES modules only — chalk 6, uuid 14,
// nanoid 6 — by `import` and by `require()` (Node 20.19+ and 22.12+ load
// an ES module there) — and mocha 12, whose CLI reads its flags with
// util.parseArgs. Each script's output is compared with the host's
// real Node.js running it over the same files; what is random is checked
// by shape inside the scripts.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { npmTree, type TreeFile } from './programs/node/testing/npm-tree.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const SCRIPTS: Record<string, string> = {
  'lodash.js': `const _ = require('lodash');
console.log(_.VERSION, _.chunk([1, 2, 3, 4, 5], 2), _.groupBy(['one', 'two', 'three'], 'length'));
console.log(_.merge({ a: { b: 1 } }, { a: { c: 2 } }), _.sortBy([{ n: 3 }, { n: 1 }, { n: 2 }], 'n'), _.orderBy([{ a: 'x', n: 1 }, { a: 'y', n: 2 }], ['n'], ['desc']));
console.log(_.template('Hello <%= user %>! <% _.forEach(list, function(x) { %><li><%- x %></li><% }); %>')({ user: 'ada', list: ['<a>', 'b'] }));
console.log(_.camelCase('Foo Bar'), _.kebabCase('fooBar'), _.snakeCase('Foo Bar'), _.startCase('--foo-bar--'), _.capitalize('FRED'));
console.log(_.uniq([2, 1, 2]), _.difference([2, 1], [2, 3]), _.intersection([2, 1], [2, 3]), _.zip(['a', 'b'], [1, 2]), _.flattenDeep([1, [2, [3, [4]], 5]]));
console.log(_.cloneDeep({ a: [1, { b: 2 }], d: new Date(0) }), _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), _.get({ a: { b: [{ c: 3 }] } }, 'a.b[0].c'), _.set({}, 'x.y[1].z', 5));
console.log(_.range(0, 20, 5), _.sum([1, 2, 3]), _.meanBy([{ n: 4 }, { n: 6 }], 'n'), _.debounce, typeof _.throttle(() => 1, 10), _.pick({ a: 1, b: 2 }, 'a'), _.omit({ a: 1, b: 2 }, 'a'));
console.log(_.escape('<a href="x">&</a>'), _.padStart('7', 3, '0'), _.truncate('hi-diddly-ho there, neighborino', { length: 24 }), _.words('fred, barney, & pebbles'));
const memo = _.memoize((n) => n * 2);
console.log(memo(21), memo.cache.size, _.times(3, String), _.partition([1, 2, 3, 4], (n) => n % 2), _.keyBy([{ id: 'a' }, { id: 'b' }], 'id'));
_.delay((x) => console.log('delayed', x), 5, 'done');
`,
  'dayjs.js': `const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const relativeTime = require('dayjs/plugin/relativeTime');
const customParseFormat = require('dayjs/plugin/customParseFormat');
const duration = require('dayjs/plugin/duration');
dayjs.extend(utc); dayjs.extend(relativeTime); dayjs.extend(customParseFormat); dayjs.extend(duration);
const d = dayjs('2024-02-29T13:45:30.123Z');
console.log(d.utc().format(), d.utc().format('YYYY-MM-DD HH:mm:ss.SSS dddd MMMM Do [week] d A'), d.valueOf(), d.toISOString());
console.log(d.add(1, 'year').utc().format('YYYY-MM-DD'), d.subtract(2, 'month').utc().format('YYYY-MM-DD'), d.startOf('month').utc().format(), d.endOf('year').utc().toISOString());
console.log(d.diff(dayjs('2024-01-01T00:00:00Z'), 'day'), d.isBefore('2025-01-01'), d.isValid(), dayjs('nonsense').isValid(), dayjs('31/12/2023', 'DD/MM/YYYY').format('YYYY-MM-DD'));
console.log(dayjs('2024-01-01').from(dayjs('2024-03-01')), dayjs.duration(90061000).format('D[d] H[h] m[m] s[s]'), dayjs.duration({ minutes: 150 }).asHours(), dayjs('2024-01-01T00:00:00Z').to(dayjs('2024-01-01T02:30:00Z')), d.daysInMonth(), d.utc().day());
console.log(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$/.test(dayjs().format()), Math.abs(dayjs().valueOf() - Date.now()) < 5000, JSON.stringify(d));
`,
  'uuid.js': `const uuid = require('uuid');
const ns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const v4 = uuid.v4();
const v7a = uuid.v7();
const v7b = uuid.v7();
const v1 = uuid.v1();
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v4), uuid.validate(v4), uuid.version(v4));
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v7a), uuid.version(v7a), v7a < v7b, Math.abs(parseInt(v7a.replace(/-/g, '').slice(0, 12), 16) - Date.now()) < 5000);
console.log(uuid.validate(v1), uuid.version(v1), uuid.validate('not-a-uuid'), uuid.validate(uuid.NIL), uuid.NIL, uuid.MAX);
console.log(uuid.v5('hello', ns), uuid.v3('hello', ns), uuid.v5('https://example.com', uuid.v5.URL), uuid.v6({ msecs: 1700000000000, nsecs: 0, clockseq: 0x1234, node: Uint8Array.of(1, 2, 3, 4, 5, 6) }));
console.log(uuid.parse(ns), uuid.stringify(uuid.parse(ns)) === ns, uuid.v1ToV6('f1bbd6a0-7b9c-11ee-b962-0242ac120002'));
`,
  'chalk.js': `const chalk = require('chalk');
console.log(chalk.level, chalk.supportsColor, JSON.stringify(chalk.red('red') + ' ' + chalk.bold.green('bold green') + ' ' + chalk.hex('#ff8800')('hex')));
const forced = new chalk.Instance({ level: 2 });
console.log(JSON.stringify(forced.red.underline('x') + forced.bgBlue.white(' y ') + forced.rgb(10, 20, 30)('z')));
console.log(require('tty').isatty(1), process.stdout.isTTY, typeof process.stdout.getColorDepth);
`,
  'dotenv.js': `const dotenv = require('dotenv');
const result = dotenv.config({ quiet: true });
console.log(result.error, result.parsed);
console.log(process.env.APP_NAME, process.env.PORT, JSON.stringify(process.env.MULTI), process.env.QUOTED, process.env.EMPTY === '', process.env.EXPANDED);
console.log(dotenv.parse('A=1\\nB="two words"\\n# comment\\nC=\\'x#y\\''));
const again = dotenv.config({ path: '.env.local', override: true, quiet: true });
console.log(again.parsed, process.env.PORT);
`,
  'nanoid.js': `const { nanoid, customAlphabet, urlAlphabet } = require('nanoid');
const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]{21}$/.test(id), nanoid(10).length, nanoid() !== nanoid(), urlAlphabet.length);
const hex = customAlphabet('0123456789abcdef', 12);
console.log(/^[0-9a-f]{12}$/.test(hex()), new Set(Array.from({ length: 200 }, () => nanoid(6))).size > 190);
`,
};

const DOTENV = `# settings
APP_NAME=playground
PORT=3000
QUOTED="a value # not a comment"
MULTI="line one
line two"
EMPTY=
EXPANDED=\${APP_NAME}-x
`;

/** An express app with cors and morgan, and a client that prints raw responses (Date masked, morgan's timing dropped). */
const MIDDLEWARE_APP = `const express = require('express');
const cors = require('cors');
const morgan = require('morgan');
const app = express();
morgan.token('fixed', () => '-');
app.use(morgan(':method :url :status :res[content-length] :http-version :fixed'));
app.use('/open', cors());
app.use('/limited', cors({ origin: 'https://example.com', methods: ['GET', 'PUT'], credentials: true, maxAge: 600 }));
app.get('/open/data', (req, res) => res.json({ ok: true }));
app.put('/limited/data', (req, res) => res.send('updated'));
app.get('/limited/data', (req, res) => res.send('limited'));
const server = app.listen(process.env.PORT || 3000, async () => {
  const port = server.address().port;
  const net = require('net');
  const send = (raw) => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(raw + '\\r\\n'));
    let buf = '';
    s.on('data', (d) => { buf += d; if (/\\r\\n\\r\\n/.test(buf) && (!/Content-Length: (\\d+)/i.test(buf) || buf.split('\\r\\n\\r\\n')[1].length >= Number(/Content-Length: (\\d+)/i.exec(buf)[1]))) { s.destroy(); resolve(buf); } });
  });
  for (const raw of [
    'GET /open/data HTTP/1.1\\r\\nHost: x\\r\\nOrigin: https://a.test\\r\\n',
    'OPTIONS /open/data HTTP/1.1\\r\\nHost: x\\r\\nOrigin: https://a.test\\r\\nAccess-Control-Request-Method: DELETE\\r\\nAccess-Control-Request-Headers: X-Token\\r\\n',
    'OPTIONS /limited/data HTTP/1.1\\r\\nHost: x\\r\\nOrigin: https://example.com\\r\\nAccess-Control-Request-Method: PUT\\r\\n',
    'GET /limited/data HTTP/1.1\\r\\nHost: x\\r\\nOrigin: https://other.test\\r\\n',
  ]) console.log((await send(raw)).replace(/\\r\\nDate: [^\\r]*/, '\\r\\nDate: <date>'));
  setTimeout(() => server.close(), 20);
});
`;

function files(): Record<string, TreeFile> {
  return {
    ...npmTree(['lodash', 'dayjs', 'uuid', 'chalk', 'dotenv', 'nanoid', 'cors', 'morgan', 'express']),
    ...SCRIPTS,
    'middleware.js': MIDDLEWARE_APP,
    '.env': DOTENV,
    '.env.local': 'PORT=8080\nEXTRA=yes\n',
  };
}

async function inContainer(d: Daemon, context: Record<string, TreeFile>, cmd: string[], opts: { tty?: boolean; env?: string[] } = {}): Promise<{ out: string; err: string; code: number }> {
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', ...context });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd, ...(opts.tty && { tty: true }), ...(opts.env && { env: opts.env }) });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

describe('npm packages in a node container print what they print under Node.js', () => {
  const ALL = Object.keys(SCRIPTS).map((f) => `echo "== ${f}"; node ${f}`).join('; ');

  it('lodash, dayjs, uuid, chalk, dotenv and nanoid', async () => {
    const context = files();
    const host = await runOnHost(context, ['sh', '-c', ALL], { mtimeMs: T0, env: { TZ: 'UTC' } });
    expect(host.err).toBe('');
    const ours = await inContainer(await testDaemon(), context, ['sh', '-c', ALL]);
    expect(ours.err).toBe('');
    expect(ours.out).toBe(host.out);
    // Not vacuous: the scripts ran and their checks held.
    expect(ours.out).toContain('== uuid.js\ntrue true 4\ntrue 7 true true\ntrue 1 false true 00000000-0000-0000-0000-000000000000 ffffffff-ffff-ffff-ffff-ffffffffffff\n');
    expect(ours.out).toContain('0 false "red bold green hex"');
    expect(ours.out).toContain('playground 3000 "line one\\nline two" a value # not a comment true ${APP_NAME}-x');
    expect(ours.out).toContain('== nanoid.js\n21 true 10 true 64\ntrue true\n');
    expect(ours.out).toContain('delayed done');
  }, 120_000);

  it('cors answers preflights and morgan logs each request, as under Node.js', async () => {
    const context = files();
    const host = await runOnHost(context, ['node', 'middleware.js'], { mtimeMs: T0, env: { PORT: '0' } });
    expect(host.err).toBe('');
    const ours = await inContainer(await testDaemon(), context, ['node', 'middleware.js']);
    expect(ours.err).toBe('');
    expect(ours.out).toBe(host.out);
    expect(ours.out).toContain('Access-Control-Allow-Origin: *');
    expect(ours.out).toContain('HTTP/1.1 204 No Content');
    expect(ours.out).toContain('OPTIONS /open/data 204 0 1.1 -\n');
    expect(ours.out).toContain('GET /limited/data 200 7 1.1 -\n');
  }, 120_000);

  it('chalk and console colour on a terminal with TERM=xterm, and with FORCE_COLOR, as Node does', async () => {
    const d = await testDaemon();
    const context = files();
    // Docker adds TERM=xterm to a -t container's environment; given here, as the engine does not yet.
    const tty = await inContainer(d, context, ['node', 'chalk.js'], { tty: true, env: ['TERM=xterm'] });
    // The host's Node.js on a terminal of its own (script(1) gives it a pty).
    const hostTty = await runOnHost(context, ['script', '-qc', 'node chalk.js', '/dev/null'], { mtimeMs: T0, env: { TERM: 'xterm' } });
    expect(tty.out).toBe(hostTty.out);
    expect(tty.out.split('\r\n')[0]).toBe('\u001b[33m1\u001b[39m { level: \u001b[33m1\u001b[39m, hasBasic: \u001b[33mtrue\u001b[39m, has256: \u001b[33mfalse\u001b[39m, has16m: \u001b[33mfalse\u001b[39m } "\\u001b[31mred\\u001b[39m \\u001b[1m\\u001b[32mbold green\\u001b[39m\\u001b[22m \\u001b[93mhex\\u001b[39m"');
    const forced = await inContainer(d, context, ['node', 'chalk.js'], { env: ['FORCE_COLOR=3'] });
    const host = await runOnHost(context, ['node', 'chalk.js'], { mtimeMs: T0, env: { FORCE_COLOR: '3' } });
    expect(forced.out).toBe(host.out);
    expect(forced.out).toContain('"\\u001b[31mred\\u001b[39m');
  }, 120_000);
});

/** The latest majors' scripts: the ES module builds by import, and require() of them from CommonJS. */
const ESM_SCRIPTS: Record<string, string> = {
  'chalk.mjs': `import chalk, { Chalk, chalkStderr, supportsColor, modifierNames, foregroundColorNames } from 'chalk';
import { isatty } from 'node:tty';
console.log(chalk.level, supportsColor, chalkStderr.level, JSON.stringify(chalk.red('red') + ' ' + chalk.bold.green('bold green') + ' ' + chalk.hex('#ff8800')('hex') + ' ' + chalk.bgAnsi256(57).white.italic('256')));
const forced = new Chalk({ level: 2 });
console.log(JSON.stringify(forced.red.underline('x') + forced.bgBlue.white(' y ') + forced.rgb(10, 20, 30)('z') + forced.overline.dim('o') + forced.visible('v') + forced.red(\`a\${forced.blue('b')}c\`)));
console.log(modifierNames.length, foregroundColorNames.slice(0, 3), isatty(1), process.stdout.isTTY, typeof process.stdout.getColorDepth);
`,
  'uuid.mjs': SCRIPTS['uuid.js']!.replace("const uuid = require('uuid');", "import * as uuid from 'uuid';\nimport { v4 as v4Named, v7 as v7Named } from 'uuid';\nconsole.log(uuid.v4 === v4Named, uuid.v7 === v7Named, Object.keys(uuid).length);"),
  'nanoid.mjs': `import { nanoid, customAlphabet, customRandom, random, urlAlphabet } from 'nanoid';
import { nanoid as insecure, customAlphabet as insecureAlphabet } from 'nanoid/non-secure';
const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]{21}$/.test(id), nanoid(10).length, nanoid() !== nanoid(), urlAlphabet.length);
const hex = customAlphabet('0123456789abcdef', 12);
console.log(/^[0-9a-f]{12}$/.test(hex()), hex(4).length, new Set(Array.from({ length: 200 }, () => nanoid(6))).size > 190);
console.log(insecure().length, /^[ab]{8}$/.test(insecureAlphabet('ab', 8)()), customRandom('abc', 6, (size) => new Uint8Array(size).fill(1))(), random(5).length, Object.prototype.toString.call(random(5)));
`,
  'required.cjs': `const chalk = require('chalk');
const { v4, validate } = require('uuid');
const { nanoid } = require('nanoid');
console.log(chalk.__esModule, Object.keys(chalk).slice(0, 4), typeof chalk.red, typeof chalk.default.red, validate(v4()), nanoid().length);
import('chalk').then((ns) => console.log(ns === chalk, ns.default === chalk.default));
`,
};

describe('the registry\'s latest majors, ES modules only, print what they print under Node.js', () => {
  const context = (): Record<string, TreeFile> => ({ ...npmTree(['chalk6', 'uuid14', 'nanoid6']), ...ESM_SCRIPTS });
  const ALL = Object.keys(ESM_SCRIPTS).map((f) => `echo "== ${f}"; node ${f}`).join('; ');

  it('chalk 6, uuid 14 and nanoid 6 by import, and by require() from CommonJS', async () => {
    const files = context();
    const host = await runOnHost(files, ['sh', '-c', ALL], { mtimeMs: T0 });
    expect(host.err).toBe('');
    const ours = await inContainer(await testDaemon(), files, ['sh', '-c', ALL]);
    expect(ours.err).toBe('');
    expect(ours.out).toBe(host.out);
    expect(ours.out).toContain('== chalk.mjs\n0 false 0 "red bold green hex 256"\n"\\u001b[31m\\u001b[4mx\\u001b[24m\\u001b[39m\\u001b[44m');
    expect(ours.out).toContain('== uuid.mjs\ntrue true 14\ntrue true 4\ntrue 7 true true\n');
    expect(ours.out).toContain('== nanoid.mjs\n21 true 10 true 64\ntrue 4 true\n21 true bbbbbb 5 [object Uint8Array]\n');
    expect(ours.out).toContain("== required.cjs\ntrue [ 'Chalk', '__esModule', 'backgroundColorNames', 'backgroundColors' ] undefined function true 21\nfalse true\n");
  }, 120_000);

  it('chalk 6 on a terminal with TERM=xterm, and with FORCE_COLOR', async () => {
    const d = await testDaemon();
    const files = context();
    const tty = await inContainer(d, files, ['node', 'chalk.mjs'], { tty: true, env: ['TERM=xterm'] });
    const hostTty = await runOnHost(files, ['script', '-qc', 'node chalk.mjs', '/dev/null'], { mtimeMs: T0, env: { TERM: 'xterm' } });
    expect(tty.out).toBe(hostTty.out);
    expect(tty.out).toContain('"\\u001b[31mred\\u001b[39m \\u001b[1m\\u001b[32mbold green\\u001b[39m\\u001b[22m \\u001b[93mhex\\u001b[39m \\u001b[104m\\u001b[37m\\u001b[3m256');
    for (const level of ['0', '1', '3']) {
      const forced = await inContainer(d, files, ['node', 'chalk.mjs'], { env: [`FORCE_COLOR=${level}`] });
      const host = await runOnHost(files, ['node', 'chalk.mjs'], { mtimeMs: T0, env: { FORCE_COLOR: level } });
      expect(forced.out, `FORCE_COLOR=${level}`).toBe(host.out);
    }
  }, 120_000);

  // mocha 12's CLI (lib/cli/parse-args.js) reads its arguments with util.parseArgs, allowNegative included (Node 20.16+/22.4+).
  it('mocha 12 runs ES module and CommonJS specs and reports as under Node.js', async () => {
    const files: Record<string, TreeFile> = {
      ...npmTree(['mocha12']),
      'test/esm.spec.mjs': "import assert from 'node:assert';\nimport { sum } from '../sum.mjs';\n\ndescribe('esm', () => {\n  it('adds', () => assert.strictEqual(sum(1, 1), 2));\n  it('fails', () => assert.deepStrictEqual({ a: sum(1, 0) }, { a: 2 }));\n});\n",
      'test/cjs.spec.js': "const assert = require('assert');\n\ndescribe('cjs', function () {\n  it('works', function () { assert.ok(true); });\n  it('waits', async () => { await new Promise((r) => setTimeout(r, 5)); });\n  it.skip('is pending');\n});\n",
      'sum.mjs': 'export const sum = (a, b) => a + b;\n',
    };
    const masked = (report: string): string => report.replace(/ \(\d+ms\)/g, ' (<n>ms)').split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
    const host = await runOnHost(files, ['node', 'node_modules/.bin/mocha', 'test/esm.spec.mjs', 'test/cjs.spec.js'], { mtimeMs: T0 });
    expect(host.code).toBe(1);
    const ours = await inContainer(await testDaemon(), files, ['node', 'node_modules/.bin/mocha', 'test/esm.spec.mjs', 'test/cjs.spec.js']);
    expect(ours.err).toBe('');
    expect(masked(ours.out)).toBe(masked(host.out));
    expect(ours.out).toContain('  3 passing (');
    expect(ours.out).toContain('  1 pending\n  1 failing\n');
    expect(ours.out).toMatch(/\n {6}at .*test\/esm\.spec\.mjs:6:\d+/);
    expect(ours.code).toBe(1);
    // Flags through parseArgs: a short string option, a negated boolean, an inline number, a grep pattern and a spec option.
    const flags = ['node', 'node_modules/.bin/mocha', '-R', 'dot', '--no-diff', '--timeout=500', '--grep', 'adds|works', '--spec', 'test/esm.spec.mjs', 'test/cjs.spec.js'];
    const hostFlags = await runOnHost(files, flags, { mtimeMs: T0 });
    const oursFlags = await inContainer(await testDaemon(), files, flags);
    expect(oursFlags.err).toBe(hostFlags.err);
    expect(masked(oursFlags.out)).toBe(masked(hostFlags.out));
    expect(oursFlags.out).toContain('  2 passing (');
    expect(oursFlags.code).toBe(0);
  }, 120_000);
});
