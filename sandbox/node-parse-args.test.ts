// util.parseArgs in a node:22 container against the host's real Node.js
// (v20.16+, which has allowNegative as 22.4+ does) over the same scripts:
// options of both types with short, multiple and default; short groups,
// inline values, `--`, negative numbers as values, strict-mode errors and
// bad tables with Node's codes and words, tokens; and the default `args`
// — process.argv after the script, after node itself for -e/-p code,
// after `-` for a program read from stdin — from CommonJS and by import.
import { describe, expect, it } from 'vitest';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const CASES_SCRIPT = `const { parseArgs } = require('node:util');
const { inspect } = require('node:util');
const opts = {
  verbose: { type: 'boolean', short: 'v' }, out: { type: 'string', short: 'o' },
  tag: { type: 'string', short: 't', multiple: true }, flag: { type: 'boolean', short: 'f', multiple: true },
  color: { type: 'boolean' }, name: { type: 'string', default: 'anon' }, level: { type: 'string', default: ['1'], multiple: true },
};
let n = 0;
function t(config) {
  n++;
  try {
    console.log(n, inspect(parseArgs(config), { depth: 6, breakLength: 200 }));
  } catch (e) {
    console.log(n, e.name, e.code, JSON.stringify(e.message), e instanceof TypeError, Object.keys(e), String(e).split('\\n')[0]);
  }
}
// Values: longs, shorts, groups, inline values, multiple, defaults, the terminator.
t({ args: ['--verbose', '--out', 'a.txt', 'x', 'y'], options: opts, allowPositionals: true });
t({ args: ['-vo', 'file', '-t', 'a', '--tag=b', '-tc', '-fff'], options: opts });
t({ args: ['-vofile', '-otherfile', '--out=', '--name', 'ada'], options: opts });
t({ args: ['--level', '2', '--level=3', '--', '--verbose', '-v', '--'], options: opts, allowPositionals: true, tokens: true });
t({ args: ['-vt', 'x', '--out=-5', '-o-6', '--name=--x'], options: opts, tokens: true });
t({ args: ['--verbose', '--verbose=', '-', 'pos'], options: opts, strict: false, tokens: true });
t({ args: ['--=a=b', '---x', '-=', '--a=', '-a=b', '--', '--'], strict: false, tokens: true });
t({ args: ['-5', '--n', '-5', '-n', '-5', '-x-y', '--no-thing'], options: { n: { type: 'string' } }, strict: false, tokens: true });
t({ args: [], options: opts });
t({ args: ['--__proto__', '--constructor', '--hasOwnProperty=1'], strict: false });
t({ options: { __proto__: { type: 'string', default: 'x' }, toString: { type: 'boolean', default: true } }, args: [] });
// allowNegative (Node 20.16+, 22.4+).
t({ args: ['--no-color', '--no-verbose', '--color'], options: opts, allowNegative: true, tokens: true });
t({ args: ['--no-color'], options: opts, allowNegative: false });
t({ args: ['--no-out'], options: opts, allowNegative: true });
t({ args: ['--no-color=yes'], options: opts, allowNegative: true });
t({ args: ['--no-flag', '--flag', '--no-flag'], options: opts, allowNegative: true });
t({ args: ['--no-x', '--no-y=1'], strict: false, allowNegative: true, tokens: true });
t({ args: ['--no-color'], options: { color: { type: 'boolean' }, 'no-color': { type: 'boolean' } }, allowNegative: true, tokens: true });
// Strict-mode errors.
t({ args: ['--nope'], options: opts });
t({ args: ['-z'], options: opts, allowPositionals: true });
t({ args: ['-vz'], options: opts });
t({ args: ['stray'], options: opts });
t({ args: ['--out'], options: opts });
t({ args: ['-o'], options: opts });
t({ args: ['--name'], options: opts });
t({ args: ['--verbose=1'], options: opts });
t({ args: ['-v', 'x', '--color=no'], options: opts, allowPositionals: true });
t({ args: ['--out', '--verbose'], options: opts });
t({ args: ['-o', '-v'], options: opts });
t({ args: ['--out', '-5'], options: opts });
t({ args: ['-vo', '-'], options: opts });
t({ args: ['a', 'b'], strict: true, allowPositionals: false });
t({ args: ['a', '--x'], strict: false, allowPositionals: false });
// Bad configuration.
t({ args: 'a b' });
t({ args: null });
t({ args: [], strict: 'yes' });
t({ args: [], allowPositionals: 1 });
t({ args: [], tokens: null });
t({ args: [], allowNegative: 'no' });
t({ args: [], options: [] });
t({ args: [], options: () => {} });
t({ args: [], options: null });
t({ args: [], options: { a: null } });
t({ args: [], options: { a: [] } });
t({ args: [], options: { a: {} } });
t({ args: [], options: { a: { type: 'number' } } });
t({ args: [], options: { a: { type: 'string', short: 'ab' } } });
t({ args: [], options: { a: { type: 'string', short: '' } } });
t({ args: [], options: { a: { type: 'string', short: 5 } } });
t({ args: [], options: { a: { type: 'string', multiple: 'yes' } } });
t({ args: [], options: { a: { type: 'string', default: 5 } } });
t({ args: [], options: { a: { type: 'string', default: ['x'] } } });
t({ args: [], options: { a: { type: 'string', multiple: true, default: 'x' } } });
t({ args: [], options: { a: { type: 'string', multiple: true, default: ['x', 1] } } });
t({ args: [], options: { a: { type: 'boolean', multiple: true, default: [true, 'false'] } } });
t({ args: [], options: { a: { type: 'boolean', default: 'true' } } });
t({ args: [], options: { a: { type: 'boolean', default: undefined, short: 'a' } } });
t({ args: [], options: { a: Object.create({ type: 'string' }) } });
t({ args: ['-a'], options: { x: Object.assign(Object.create({ short: 'a' }), { type: 'string' }) } });
console.log(parseArgs.name, parseArgs.length, typeof parseArgs.prototype);
const shared = ['d'];
console.log(parseArgs({ args: [], options: { a: { type: 'string', multiple: true, default: shared } } }).values.a === shared);
`;

/** Prints what parseArgs() finds in the program's own arguments, with tokens. */
const ARGV_BODY = "console.log(process.argv.length, inspect(parseArgs({ strict: false, tokens: true }), { depth: 4, breakLength: 200 }));";
const SCRIPTS: Record<string, string> = {
  'cases.js': CASES_SCRIPT,
  'argv.js': `const { parseArgs, inspect } = require('util');\n${ARGV_BODY}\n`,
  'argv.mjs': `import { parseArgs, inspect } from 'node:util';\nimport util from 'node:util';\n${ARGV_BODY}\nconsole.log(util.parseArgs === parseArgs);\n`,
  'strict.js': "const { parseArgs } = require('util');\nconst { values, positionals } = parseArgs({ options: { n: { type: 'string', short: 'n' } }, allowPositionals: true });\nconsole.log(values, positionals);\n",
};
const ARGV_CODE = `const { parseArgs, inspect } = require('util'); ${ARGV_BODY}`;

/** Each command line, run on the host and in one node:22-alpine container. */
const COMMANDS: string[][] = [
  ['node', 'cases.js'],
  ['node', 'argv.js', 'a', '-bc', '--d=e', '--f', 'g', '--', '-h'],
  ['node', 'argv.js'],
  ['node', 'argv.mjs', '--x', '-yz', 'p'],
  ['node', '-e', ARGV_CODE, 'one', '--two', '-3'],
  ['node', '--eval', ARGV_CODE, '--', '--four'],
  ['node', '-p', `${ARGV_CODE.replace('console.log', 'void console.log')}; 'printed'`, 'x', '-y'],
  ['node', '-r', './strict.js', 'argv.js', '-n', '1', 'q'],
  ['node', 'strict.js', '-n', '5', 'p', '-n6', '--n=-7'],
  ['sh', '-c', `node - a --b <argv.js`],
];

async function inContainer(commands: string[][]): Promise<string[]> {
  const d = await testDaemon();
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', ...SCRIPTS });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const outs: string[] = [];
  for (const cmd of commands) {
    const { container } = await d.run({ image: b.image, cmd });
    outs.push(logText(container) + logText(container, 'stderr'));
  }
  return outs;
}

describe('util.parseArgs answers as under Node.js', () => {
  it('parses, checks and reports as the host Node.js does, for given args and the program\'s own', async () => {
    const ours = await inContainer(COMMANDS);
    for (const [i, cmd] of COMMANDS.entries()) {
      const host = await runOnHost(SCRIPTS, cmd, { mtimeMs: T0 });
      expect(host.err, cmd.join(' ')).toBe('');
      expect(ours[i], cmd.join(' ')).toBe(host.out);
    }
    expect(ours[0]!.split('\n').length).toBeGreaterThan(70);
    expect(ours[0]).toContain("[Object: null prototype] { verbose: true, out: 'a.txt', name: 'anon', level: [ '1' ] }");
    expect(ours[0]).toContain('TypeError ERR_PARSE_ARGS_UNKNOWN_OPTION "Unknown option \'--nope\'" true [ \'code\' ] TypeError [ERR_PARSE_ARGS_UNKNOWN_OPTION]: Unknown option \'--nope\'');
    expect(ours[4]).toContain("positionals: [ 'one' ]");
  }, 120_000);
});
