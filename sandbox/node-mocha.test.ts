// mocha 11, unmodified from npm, in a node:22 container: `node
// node_modules/.bin/mocha`, `node node_modules/mocha/bin/mocha.js`, `npx
// mocha` and the bin script run through its `#!/usr/bin/env node` line print mocha's spec
// report — suites, passes, pending tests, hooks, async tests, failures
// with node's assert diffs — as the host's real Node.js prints it, and exit
// with the number of failures. Timings and stack frames (V8's names and
// columns are not QuickJS's) are masked before comparing; the first frame
// of a failure must still point at the test's own line.
import { describe, expect, it } from 'vitest';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import type { Daemon } from './daemon/daemon.ts';
import { npmTree, type TreeFile } from './programs/node/testing/npm-tree.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const MATH_TEST = `const assert = require('assert');

function add(a, b) { return a + b; }

describe('add()', () => {
  let calls = 0;
  beforeEach(() => { calls++; });
  after(() => { console.log('    (hooks ran ' + calls + ' times)'); });

  it('adds two numbers', () => {
    assert.strictEqual(add(1, 2), 3);
  });
  it('adds strings too', () => {
    assert.equal(add('a', 'b'), 'ab');
  });
  it('waits for promises', async () => {
    const value = await new Promise((resolve) => setTimeout(() => resolve(42), 20));
    assert.deepStrictEqual({ value }, { value: 42 });
  });
  it('calls back', (done) => {
    setImmediate(() => done());
  });
  it.skip('is pending');
  describe('when it is wrong', () => {
    it('compares objects', () => {
      assert.deepStrictEqual({ name: 'ada', langs: ['js', 'go'] }, { name: 'ada', langs: ['js', 'rust'] });
    });
    it('compares numbers', () => {
      assert.strictEqual(add(2, 2), 5);
    });
  });
});
`;

const PASSING_TEST = `const assert = require('node:assert/strict');

describe('strings', function () {
  it('upper-cases', function () {
    assert.equal('docker'.toUpperCase(), 'DOCKER');
  });
  it('throws on bad JSON', function () {
    assert.throws(() => JSON.parse('{'), SyntaxError);
  });
  it('rejects', async function () {
    await assert.rejects(Promise.reject(new Error('no')), /no/);
  });
});
`;

function files(tests: Record<string, string>): Record<string, TreeFile> {
  return { ...npmTree(['mocha']), ...tests, 'package.json': JSON.stringify({ name: 'app', scripts: { test: 'mocha' } }, null, 2) };
}

async function inContainer(d: Daemon, context: Record<string, TreeFile>, cmd: string[]): Promise<{ out: string; err: string; code: number }> {
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', ...context });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

/** The report without what differs run to run or engine to engine: durations and stack frames. */
function masked(report: string): string {
  return report.replace(/ \(\d+ms\)/g, ' (<n>ms)').split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
}

describe('mocha in a node container', () => {
  it('reports passes, pending tests and failures as under Node.js and exits with the number of failures', async () => {
    const context = files({ 'test/math.test.js': MATH_TEST, 'test/strings.test.js': PASSING_TEST });
    const host = await runOnHost(context, ['node', 'node_modules/.bin/mocha'], { mtimeMs: T0 });
    expect(host.code).toBe(2);
    const d = await testDaemon();
    const ours = await inContainer(d, context, ['node', 'node_modules/.bin/mocha']);
    expect(ours.err).toBe('');
    expect(masked(ours.out)).toBe(masked(host.out));
    expect(ours.code).toBe(2);
    expect(ours.out).toContain('  7 passing (');
    expect(ours.out).toContain('  1 pending\n  2 failing\n');
    expect(ours.out).toContain('AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n4 !== 5\n');
    // The first frame of each failure is the assertion's line in the test file.
    expect(ours.out).toMatch(/\n {6}at .*\(test\/math\.test\.js:26:\d+\)\n/);
    expect(ours.out).toMatch(/\n {6}at .*\(test\/math\.test\.js:29:\d+\)\n/);
  }, 120_000);

  it('runs the same from bin/mocha.js, the bin script\'s shebang and npx; all passing exits 0', async () => {
    const context = files({ 'test/strings.test.js': PASSING_TEST });
    const host = await runOnHost(context, ['node', 'node_modules/mocha/bin/mocha.js'], { mtimeMs: T0 });
    expect(host.code).toBe(0);
    const d = await testDaemon();
    for (const cmd of [['node', 'node_modules/mocha/bin/mocha.js'], ['sh', '-c', './node_modules/.bin/mocha'], ['npx', 'mocha']]) {
      const ours = await inContainer(d, context, cmd);
      expect(ours.err).toBe('');
      expect(masked(ours.out)).toBe(masked(host.out));
      expect(ours.out).toContain('  3 passing (');
      expect(ours.code).toBe(0);
    }
  }, 120_000);
});
