// NODE_OPTIONS in containers, against the host's real Node.js (v20.20.2,
// node:20-alpine's release): its options act as if given first on the
// command line (preloads, --unhandled-rejections, --input-type) but stay out
// of process.execArgv; quoting as Node splits it; options it may not hold,
// a missing value and bad quoting are Node's errors, exit 9.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost, type Ran } from './programs/node/testing/node-apps.ts';

const FILES = { 'pre.js': "console.log('preloaded');\n" };

async function ours(d: Daemon, image: string, nodeOptions: string, args: string[]): Promise<Ran> {
  const b = await buildWith(d, { Dockerfile: `FROM ${image}\nWORKDIR /app\nCOPY . .\n`, ...FILES });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container, exitCode } = await d.run({ image: b.image, cmd: ['node', ...args], env: [`NODE_OPTIONS=${nodeOptions}`] });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode, oom: false };
}

/** Without stack frames (QuickJS's, not V8's) and process IDs. */
const comparable = (r: Ran): Ran => ({ ...r, err: r.err.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n').replace(/\(node:\d+\)/g, '(node:PID)') });

const CASES: Array<[string, string[]]> = [
  ['--require ./pre.js --unhandled-rejections=warn', ['-e', "console.log(process.execArgv.length, process.env.NODE_OPTIONS); Promise.reject(new Error('x'))"]],
  ['-r "./pre.js"  --no-warnings --max-old-space-size=64', ['-e', "console.log(process.execArgv)"]],
  ['--unhandled-rejections=warn', ['--unhandled-rejections=strict', '-e', "Promise.reject(new Error('cli wins'))"]],
  ['--input-type=module', ['-e', "import { sep } from 'node:path'; console.log(sep, typeof require)"]],
  ['-e 1', ['-e', '2']],
  ['--eval=1', ['-e', '2']],
  ['--stack-size=100', ['-e', '2']],
  ['-r', ['-e', '2']],
  ['"--unterminated', ['-e', '2']],
  ['"--title=a\\', ['-e', '2']],
  ['--title="a\\"b c"  words that are not options', ['-e', "console.log('ran')"]],
];

describe('NODE_OPTIONS', () => {
  it('as Node 20.20 reads it: options in force but not in execArgv, quoting, and what it may not hold', async () => {
    const d = await testDaemon();
    for (const [nodeOptions, args] of CASES) {
      const host = await runOnHost(FILES, ['node', ...args], { env: { NODE_OPTIONS: nodeOptions }, mtimeMs: T0 });
      const got = await ours(d, 'node:20-alpine', nodeOptions, args);
      expect(comparable(got), `NODE_OPTIONS=${nodeOptions} node ${args.join(' ')}`).toEqual(comparable(host));
    }
  });
});
