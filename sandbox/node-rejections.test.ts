// Unhandled promise rejections in containers, against the host's real
// Node.js (v20.20.2, node:20-alpine's release: the same output but for
// stack frames, which are QuickJS's) and Node 22.14's own texts (node:22):
// the default --unhandled-rejections=throw ends the process with the error
// printed as an uncaught exception, exit 1 — a listening server
// notwithstanding — unless 'unhandledRejection' listeners take it; a
// rejection handled in the same turn is none; the other modes warn, stay
// silent, throw first, or set exit code 1; CommonJS and ES modules alike.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost, type Ran } from './programs/node/testing/node-apps.ts';

type Files = Record<string, string>;

async function ours(d: Daemon, image: string, files: Files, cmd: string[]): Promise<Ran> {
  const b = await buildWith(d, { Dockerfile: `FROM ${image}\nWORKDIR /app\nCOPY . .\n`, ...files });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode, oom: false };
}

/** The host's Node.js in a fresh directory, its path printed first and made /app. */
async function onHost(files: Files, cmd: string[]): Promise<Ran> {
  const r = await runOnHost(files, ['sh', '-c', 'pwd; exec "$@"', 'sh', ...cmd], { mtimeMs: T0 });
  const [dir, ...rest] = r.out.split('\n');
  const fix = (s: string): string => s.replaceAll(`file://${dir}`, 'file:///app').replaceAll(dir!, '/app');
  return { ...r, out: fix(rest.join('\n')), err: fix(r.err) };
}

/** Without stack frames (Node's are its own; ours are QuickJS's) and process IDs. */
const comparable = (r: Ran): Ran => ({ ...r, err: r.err.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n').replace(/\(node:\d+\)/g, '(node:PID)') });

const CASES: Files = {
  'async-main.js': "async function main() { throw new Error('boom'); }\nmain();\n",
  'not-an-error.js': "require('http').createServer().listen(3000, () => Promise.reject({ reason: 42 }));\n",
  'object.js': "Promise.reject({ reason: 42 });\nsetTimeout(() => console.log('after'), 5);\n",
  'handled-later.js': "const p = Promise.reject(new Error('handled later'));\nsetTimeout(() => { p.catch(() => console.log('caught late')); }, 5);\nPromise.reject('a string');\nsetTimeout(() => console.log('end', process.exitCode), 20);\n",
  'same-turn.js': [
    "const a = Promise.reject(new Error('a')); process.nextTick(() => a.catch(() => console.log('tick caught')));",
    "const b = Promise.reject(new Error('b')); Promise.resolve().then(() => b.catch(() => console.log('microtask caught')));",
    "const c = Promise.reject(new Error('c')); (async () => { await null; try { await c; } catch { console.log('await caught'); } })();",
    "Promise.all([Promise.reject(new Error('d')), Promise.reject(new Error('e'))]).catch((e) => console.log('all', e.message));",
    "setImmediate(() => console.log('immediate'));",
  ].join('\n'),
  'listeners.js': [
    "process.on('unhandledRejection', (reason, p) => console.log('unhandledRejection', reason instanceof Error ? reason.message : reason, p instanceof Promise));",
    "process.on('rejectionHandled', (p) => console.log('rejectionHandled', p instanceof Promise));",
    "const p = (async () => { throw new RangeError('one'); })(); Promise.reject(2);",
    "setTimeout(() => { p.catch(() => console.log('caught late')); }, 5);",
    "setTimeout(() => console.log('still alive'), 20);",
  ].join('\n'),
  'uncaught-listener.js': "process.on('uncaughtException', (e, origin) => console.log('uncaughtException', e.message, origin));\nPromise.reject(new Error('via listener'));\nPromise.reject(Symbol('sym'));\nsetTimeout(() => console.log('alive'), 10);\n",
  'reasons.js': [
    "process.on('uncaughtException', (e) => console.log(e.message.slice(e.message.indexOf('reason'))));",
    "for (const v of [undefined, null, 7n, [1, 2], new Map(), new (class Foo {})(), () => 1, Object.create(null), { toString() { return 'x'; } }, Object.assign(Object.create(Error.prototype), { message: 'like' })]) Promise.reject(v);",
  ].join('\n'),
  'module.mjs': "import { setTimeout as sleep } from 'node:timers/promises';\nconsole.log('start');\n(async () => { await sleep(1); throw new TypeError('from a module'); })();\nsetTimeout(() => console.log('never'), 500);\n",
  'module-string.mjs': "Promise.reject('plain');\n",
  'require-throwing.js': "try { require('./throws.mjs'); } catch (e) { console.log('caught', e.message); }\nsetTimeout(() => console.log('no rejection'), 5);\n",
  'throws.mjs': "throw new Error('module throws');\n",
};

const MODES = ['--unhandled-rejections=warn', '--unhandled-rejections=none', '--unhandled-rejections=strict', '--unhandled-rejections=warn-with-error-code'];

describe('unhandled rejections, as the host\'s Node.js (node:20)', () => {
  it('the default mode: printed as an uncaught exception, exit 1; listeners and handlers in time prevent it', async () => {
    const d = await testDaemon();
    for (const file of ['async-main.js', 'not-an-error.js', 'handled-later.js', 'same-turn.js', 'listeners.js', 'uncaught-listener.js', 'reasons.js', 'module.mjs', 'module-string.mjs', 'require-throwing.js']) {
      const want = comparable(await onHost(CASES, ['node', file]));
      expect(comparable(await ours(d, 'node:20-alpine', CASES, ['node', file])), file).toEqual(want);
    }
  }, 120_000);

  it('--unhandled-rejections=warn, none, strict and warn-with-error-code', async () => {
    const d = await testDaemon();
    for (const mode of MODES) {
      for (const file of ['handled-later.js', 'object.js']) {
        const want = comparable(await onHost(CASES, ['node', mode, file]));
        expect(comparable(await ours(d, 'node:20-alpine', CASES, ['node', mode, file])), `${mode} ${file}`).toEqual(want);
      }
    }
  }, 120_000);
});

describe('unhandled rejections in node:22', () => {
  it('a reason that is no Error: Node 22.14\'s text, with its own source lines above it', async () => {
    const d = await testDaemon();
    const r = await ours(d, 'node:22-alpine', CASES, ['node', 'not-an-error.js']);
    expect(r).toMatchObject({ out: '', code: 1 });
    expect(r.err).toBe([
      'node:internal/process/promises:392',
      '      new UnhandledPromiseRejection(reason);',
      '      ^',
      '',
      'UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "#<Object>".',
      '    at throwUnhandledRejectionsMode (node:internal/process/promises:392:7)',
      '    at processPromiseRejections (node:internal/process/promises:475:17)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:106:32) {',
      "  code: 'ERR_UNHANDLED_REJECTION'",
      '}',
      '',
      'Node.js v22.14.0',
      '',
    ].join('\n'));
    const strict = await ours(d, 'node:22-alpine', CASES, ['node', '--unhandled-rejections=strict', 'module-string.mjs']);
    expect(strict.err.split('\n').slice(0, 3)).toEqual(['node:internal/process/promises:343', '    reason : new UnhandledPromiseRejection(reason);', '             ^']);
    const thrown = await ours(d, 'node:22-alpine', CASES, ['node', 'async-main.js']);
    expect(comparable(thrown).err).toBe("/app/async-main.js:1\nasync function main() { throw new Error('boom'); }\n                              ^\n\nError: boom\n\nNode.js v22.14.0\n");
    expect(thrown.code).toBe(1);
  }, 60_000);
});
