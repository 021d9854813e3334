// `node` in the node image: the command line, console output as Node
// formats it (checked against the Node.js running these tests), modules,
// errors, timers, fs with permissions, process and os, signals, and the
// container's limits applied to the QuickJS instance's memory.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text, until } from './testing/harness.ts';

interface Ran { out: string; err: string; code: number; oom: boolean }

async function runNode(d: Daemon, cmd: string[], opts: { files?: Record<string, string>; user?: string; memory?: number; workdir?: string; stdin?: string } = {}): Promise<Ran> {
  const setup = Object.entries(opts.files ?? {}).map(([path, content]) => `mkdir -p "$(dirname ${path})" && printf '%s' '${content.replaceAll("'", "'\\''")}' > ${path}`);
  const command = setup.length > 0 || opts.stdin !== undefined
    ? ['sh', '-c', `${setup.join(' && ')}${setup.length > 0 ? ' && ' : ''}${opts.stdin !== undefined ? `printf '%s' '${opts.stdin.replaceAll("'", "'\\''")}' | ` : ''}exec "$@"`, 'sh', ...cmd]
    : cmd;
  const { container, exitCode } = await d.run({
    image: d.images.mustResolve('node'), cmd: command, entrypoint: [],
    ...(opts.user && { user: opts.user }), ...(opts.memory && { memory: opts.memory }), ...(opts.workdir && { workdir: opts.workdir }),
  });
  return { out: text(container), err: text(container, 'stderr'), code: exitCode, oom: container.state.OOMKilled };
}

const daemon = (): Promise<Daemon> => Daemon.create({ newId: sequentialIds('node') });

describe('node: command line', () => {
  it('prints its version, evaluates -e and -p, reads a script from stdin, refuses bad options', async () => {
    const d = await daemon();
    expect(await runNode(d, ['node', '--version'])).toMatchObject({ out: 'v22.14.0\n', code: 0 });
    expect(await runNode(d, ['node', '-e', 'console.log(1 + 1, process.argv.length, process.argv[1])', 'x'])).toMatchObject({ out: '2 2 x\n', code: 0 });
    expect(await runNode(d, ['node', '-p', '[1, 2].map(n => n * 2)'])).toMatchObject({ out: '[ 2, 4 ]\n', code: 0 });
    expect(await runNode(d, ['node'], { stdin: 'console.log("from stdin")' })).toMatchObject({ out: 'from stdin\n', code: 0 });
    expect(await runNode(d, ['node', '--frobnicate'])).toEqual({ out: '', err: 'node: bad option: --frobnicate\n', code: 9, oom: false });
    expect(await runNode(d, ['node', '--watch', 'app.js'])).toMatchObject({ err: "node: --watch: watch mode is not available in the playground's node (QuickJS)\n", code: 9 });
    // Node 20.6+ has --env-file; ours says it plainly rather than 'bad option', and where the variables can come from.
    expect(await runNode(d, ['node', '--env-file=.env', 'app.js'])).toMatchObject({ err: "node: --env-file: loading environment files (pass the variables with docker run -e / --env-file, or ENV) is not available in the playground's node (QuickJS)\n", code: 9 });
  });

  it('docker run node with no arguments and no tty reads an empty script and exits 0, as Docker shows', async () => {
    const d = await daemon();
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('node') });
    expect([text(container), text(container, 'stderr'), exitCode]).toEqual(['', '', 0]);
  });
});

describe('node: console.log formats values as Node does', () => {
  const cases = [
    "{a:1,b:'x'}", '[1,2,3]', '{a:{b:{c:{d:1}}}}', "new Map([['a',1],['b',{c:2}]])", "new Set([1,'two'])",
    'Array.from({length:27},(_, i)=>i+1)', "{s:'a'.repeat(70),t:1}", 'function foo(){}', 'class A{}', 'class B extends Array{}',
    'null', 'undefined', "'str'", "Symbol('s')", '10n', '[undefined,null]', "{'a-b':1, 2: 3}", 'new Date(0)', '/x/g',
    '[,1]', '[1,,,4]', "Buffer.from('hi')", 'new Uint8Array(3)', 'Object.create(null)', '[[1,[2,[3,[4]]]]]', '({f(){}})', '-0',
    "['a'.repeat(20),'b'.repeat(20),'c'.repeat(20),'d'.repeat(20)]", "{x: 'it\\'s', y: \"a\\\"b\", z: 'a\\nb'}",
    '(()=>{const o={a:1}; o.self=o; return o})()', '[1.5, -2, NaN, Infinity]', '{arr: Array.from({length: 120}, (_, i) => i)}',
    "Array.from({length:10},(_, i)=>'item' + i)", '{nested: {list: [1,2,3], map: new Map([[1, {deep: {er: 1}}]])}}',
    '{ a: [ { b: 1 }, { c: 2 } ] }', 'Object.assign(Object.create({inherited: 1}), {own: 2})',
    'new (class Foo { constructor(){ this.x = 1 } })()', 'new (class Bar {})()', '[true, false]', "{ 'key with space': 1, valid_id: 2, $dollar: 3 }",
    "'x'.repeat(100)", "['x'.repeat(100)]", '{ fn: function named() {}, arrow: () => 1, anon: function () {} }', '[new Map(), new Set(), {}, []]',
    "{ long1: 'aaaaaaaaaaaaaaaaaaaa', long2: 'bbbbbbbbbbbbbbbbbbbb', long3: 'cccccccccccccccccccc', long4: 'dddd' }",
    'Array.from({length: 8}, (_, i) => ({ id: i }))', 'new Array(5)', "[1, 'a', null, undefined, true, 2n]", 'new Float64Array([1.5, 2])',
    "{ a: 'multi\\nline\\nstring that is quite long and goes on and on and on and on' }", "new Error('boom').message",
  ];

  it('util.inspect of common values matches the host Node.js byte for byte', async () => {
    const d = await daemon();
    const script = `const util = require('util'); for (const c of ${JSON.stringify(cases)}) console.log(JSON.stringify(util.inspect(eval('(' + c + ')'))))`;
    const r = await runNode(d, ['node', '-e', script]);
    expect(r.err).toBe('');
    const ours = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as string);
    // eslint-disable-next-line no-eval
    const expected = cases.map((c) => inspect((0, eval)(`(${c})`)));
    expect(ours).toEqual(expected);
  });

  it('console methods and util.format placeholders', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', [
      "console.log('%s is %d years and %i days, %j %o %%', 'Ann', 41.5, 3.9, {a: 1}, [1])",
      "console.error('to stderr', 42)",
      "console.info('a', 'b'); console.warn('w')",
      "console.group('G'); console.log('inside'); console.groupEnd(); console.log('out')",
      "console.count(); console.count(); console.count('x')",
      "console.table([{ a: 1, b: 'y' }, { a: 2 }])",
      "console.assert(1 === 2, 'nope')",
    ].join(';')]);
    expect(r.out).toBe("Ann is 41.5 years and 3 days, {\"a\":1} [ 1, [length]: 1 ] %\na b\nG\n  inside\nout\ndefault: 1\ndefault: 2\nx: 1\n"
      + "┌─────────┬───┬─────┐\n│ (index) │ a │ b   │\n├─────────┼───┼─────┤\n│ 0       │ 1 │ 'y' │\n│ 1       │ 2 │     │\n└─────────┴───┴─────┘\n");
    expect(r.err).toBe('to stderr 42\nw\nAssertion failed: nope\n');
  });
});

describe('node: modules, errors and exit codes', () => {
  it('requires local files, JSON and packages from node_modules (main and exports), with Node\'s resolution', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', 'app.js'], {
      workdir: '/app',
      files: {
        '/app/app.js': "const add = require('./lib/add'); const cfg = require('./config.json'); const greet = require('greet'); const sub = require('fancy/sub');\nconsole.log(add(2, 3), cfg.name, greet('Ana'), sub, require.main === module, __filename, __dirname);\nconsole.log(require.resolve('greet'), module.paths[0]);",
        '/app/lib/add.js': 'module.exports = (a, b) => a + b;',
        '/app/config.json': '{"name": "demo"}',
        '/app/node_modules/greet/package.json': '{"name": "greet", "main": "src/index.js"}',
        '/app/node_modules/greet/src/index.js': "exports = module.exports = (n) => 'hola ' + n;",
        '/app/node_modules/fancy/package.json': '{"name": "fancy", "exports": {".": "./main.js", "./sub": {"import": "./sub.mjs", "require": "./sub.cjs"}}}',
        '/app/node_modules/fancy/sub.cjs': "module.exports = 'sub (cjs)';",
      },
    });
    expect(r).toEqual({ out: '5 demo hola Ana sub (cjs) true /app/app.js /app\n/app/node_modules/greet/src/index.js /app/node_modules\n', err: '', code: 0, oom: false });
  });

  // A package's files come ahead with its first resolution (one call for a whole framework); what
  // the program itself changes before requiring it is read afresh, as Node reads it at require time.
  it('a package file the program rewrites before requiring it is loaded as rewritten; a JSON module too', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', 'app.js'], {
      workdir: '/app',
      files: {
        '/app/app.js': "const fs = require('fs'); const pkg = require('pkg'); fs.writeFileSync('/app/node_modules/pkg/lazy.js', 'module.exports = 2;'); fs.writeFileSync('/app/node_modules/pkg/data.json', '{\"v\": 2}'); console.log(pkg.lazy(), pkg.data().v, pkg.dep);",
        '/app/node_modules/pkg/package.json': '{"name": "pkg"}',
        '/app/node_modules/pkg/index.js': "exports.lazy = () => require('./lazy'); exports.data = () => require('./data.json'); exports.dep = require('dep');",
        '/app/node_modules/pkg/lazy.js': 'module.exports = 1;',
        '/app/node_modules/pkg/data.json': '{"v": 1}',
        '/app/node_modules/dep/index.js': "module.exports = 'dep ' + require('events').name + ' ' + typeof require('./nothing-here.js' + '');",
        '/app/node_modules/dep/nothing-here.js': 'module.exports = 0;',
      },
    });
    expect(r).toEqual({ out: '2 2 dep EventEmitter number\n', err: '', code: 0, oom: false });
  });

  // Package files a process compiled are compiled once more into the runtime snapshot the next
  // processes start from (the engine's code cache); a file is taken from there only when its
  // source is the very text cached.
  it('a package file from the engine\'s code cache only while its source is the same', async () => {
    const d = await daemon();
    const file = '/app/node_modules/cached-pkg/index.js';
    const app = (word: string) => ({ workdir: '/app', files: { '/app/app.js': "console.log(require('cached-pkg'))", [file]: `module.exports = '${word}';` } });
    expect(await runNode(d, ['node', 'app.js'], app('first'))).toMatchObject({ out: 'first\n', code: 0 });
    const { libSnapshot } = await import('../programs/node/lib-snapshot.ts');
    for (const until = Date.now() + 20_000; !libSnapshot()?.versions?.some(([path]) => path === file);) {
      if (Date.now() > until) throw new Error('the code cache never took the file');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await runNode(d, ['node', 'app.js'], app('first'))).toMatchObject({ out: 'first\n', code: 0 });
    expect(await runNode(d, ['node', 'app.js'], app('second'))).toMatchObject({ out: 'second\n', code: 0 });
  });

  it('a missing main module, a missing require and an uncaught error print as Node prints them and exit 1', async () => {
    const d = await daemon();
    const missing = await runNode(d, ['node', 'nope.js'], { workdir: '/app' });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^node:internal\/modules\/cjs\/loader:1228\n {2}throw err;\n {2}\^\n\nError: Cannot find module '\/app\/nope.js'\n {4}at .*\n[\s\S]* {\n {2}code: 'MODULE_NOT_FOUND',\n {2}requireStack: \[\]\n}\n\nNode.js v22.14.0\n$/);
    const req = await runNode(d, ['node', '/app/main.js'], { files: { '/app/main.js': "require('express')" } });
    expect(req.err).toMatch(/^node:internal\/modules\/cjs\/loader:1228\n {2}throw err;\n {2}\^\n\nError: Cannot find module 'express'\nRequire stack:\n- \/app\/main.js\n/);
    expect(req.err).toMatch(/ {2}code: 'MODULE_NOT_FOUND',\n {2}requireStack: \[ '\/app\/main.js' \]\n}\n\nNode.js v22.14.0\n$/);
    const thrown = await runNode(d, ['node', '/app/t.js'], { files: { '/app/t.js': "const x = 1;\nfunction f() {\n  throw new TypeError('bad thing');\n}\nf();\n" } });
    expect(thrown.code).toBe(1);
    expect(thrown.err).toMatch(/^\/app\/t.js:3\n {2}throw new TypeError\('bad thing'\);\n {2}\^\n\nTypeError: bad thing\n {4}at f \(\/app\/t.js:3:\d+\)\n/);
    expect(thrown.err.endsWith('\n\nNode.js v22.14.0\n')).toBe(true);
  });

  it('process.exit, exitCode, exit and beforeExit events, uncaughtException handlers', async () => {
    const d = await daemon();
    expect(await runNode(d, ['node', '-e', "process.on('exit', (c) => console.log('exit', c)); console.log('a'); process.exit(3); console.log('never')"]))
      .toMatchObject({ out: 'a\nexit 3\n', code: 3 });
    expect(await runNode(d, ['node', '-e', "process.exitCode = 4; let n = 0; process.on('beforeExit', () => { if (n++ < 2) setTimeout(() => console.log('again', n), 1) })"]))
      .toMatchObject({ out: 'again 1\nagain 2\n', code: 4 });
    expect(await runNode(d, ['node', '-e', "process.on('uncaughtException', (e) => console.log('caught', e.message)); setTimeout(() => { throw new Error('late') }, 1); setTimeout(() => console.log('still running'), 5)"]))
      .toMatchObject({ out: 'caught late\nstill running\n', code: 0 });
  });

  it('a .js file with ES module syntax and no package.json runs as an ES module (Node\'s syntax detection)', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '/app/m.js'], { files: { '/app/m.js': "import fs from 'fs';\nconsole.log(typeof fs.readFileSync, typeof require)\n" } });
    expect(r).toMatchObject({ out: 'function undefined\n', err: '', code: 0 });
  });

  it('SyntaxErrors in a module are reported with exit 1', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '/app/s.js'], { files: { '/app/s.js': 'let = ;' } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/SyntaxError: /);
  });
});

describe('node: the event loop', () => {
  it('runs nextTick, promises, timers and immediates in Node\'s order', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', [
      "const log = (s) => process.stdout.write(s + ' ')",
      "setTimeout(() => { log('timeout'); setTimeout(() => log('timeout0'), 0); setImmediate(() => log('immediate')) }, 5)",
      "Promise.resolve().then(() => log('promise'))",
      "process.nextTick(() => log('tick'))",
      "queueMicrotask(() => log('microtask'))",
      "log('sync')",
      "setTimeout(() => { const i = setInterval(() => { log('interval'); if (++n === 3) clearInterval(i) }, 2) }, 20); let n = 0",
      "setTimeout(() => console.log('done'), 100)",
    ].join(';')]);
    expect(r.out).toBe('sync tick promise microtask timeout immediate timeout0 interval interval interval done\n');
  });

  it('an unref\'d timer does not keep the process alive; a refed one does', async () => {
    const d = await daemon();
    expect(await runNode(d, ['node', '-e', "setTimeout(() => console.log('no'), 50).unref(); console.log('yes')"])).toMatchObject({ out: 'yes\n', code: 0 });
    const start = Date.now();
    expect(await runNode(d, ['node', '-e', "setTimeout(() => console.log('waited'), 60)"])).toMatchObject({ out: 'waited\n', code: 0 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('reads stdin as a stream', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "let s = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', (c) => s += c); process.stdin.on('end', () => console.log(JSON.stringify(s.toUpperCase())))"], { stdin: 'hola\nmundo\n' });
    expect(r).toMatchObject({ out: '"HOLA\\nMUNDO\\n"\n', code: 0 });
  });
});

describe('node: fs on the container filesystem', () => {
  it('writes, reads, lists, stats and removes files; errors are libuv\'s', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', [
      "const fs = require('fs'), path = require('path')",
      "fs.mkdirSync('/data/a/b', { recursive: true })",
      "fs.writeFileSync('/data/a/b/x.txt', 'hola')",
      "fs.appendFileSync('/data/a/b/x.txt', ' mundo')",
      "console.log(fs.readFileSync('/data/a/b/x.txt', 'utf8'), fs.readFileSync('/data/a/b/x.txt').length)",
      "console.log(fs.readdirSync('/data/a/b'), fs.readdirSync('/data', { withFileTypes: true }).map(e => [e.name, e.isDirectory()]))",
      "const st = fs.statSync('/data/a/b/x.txt'); console.log(st.isFile(), st.size, (st.mode & 0o777).toString(8))",
      "fs.symlinkSync('b/x.txt', '/data/a/ln'); console.log(fs.statSync('/data/a/ln').isFile(), fs.lstatSync('/data/a/ln').isSymbolicLink(), fs.lstatSync('/data/zz', { throwIfNoEntry: false }))",
      "fs.renameSync('/data/a/b/x.txt', '/data/y.txt'); console.log(fs.existsSync('/data/a/b/x.txt'), fs.existsSync('/data/y.txt'))",
      "try { fs.readFileSync('/nope') } catch (e) { console.log(e.message, e.code, e.errno, e.syscall) }",
      "try { fs.mkdirSync('/data') } catch (e) { console.log(e.message) }",
      "fs.rmSync('/data', { recursive: true }); console.log(fs.existsSync('/data'))",
      "console.log(path.join('/a', '../b', 'c.txt'), path.extname('x.tar.gz'), path.resolve('rel'))",
    ].join(';')], { workdir: '/app' });
    expect(r.err).toBe('');
    expect(r.out).toBe("hola mundo 10\n[ 'x.txt' ] [ [ 'a', true ] ]\ntrue 10 644\ntrue true undefined\nfalse true\n"
      + "ENOENT: no such file or directory, open '/nope' ENOENT -2 open\nEEXIST: file already exists, mkdir '/data'\nfalse\n/b/c.txt .gz /app/rel\n");
  });

  it('checks permissions: the node user cannot write a root-owned directory', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "const fs = require('fs'); try { fs.writeFileSync('/etc/x', 'x') } catch (e) { console.log(e.message) } fs.writeFileSync('/home/node/ok', 'y'); console.log(require('os').userInfo().username, process.getuid())"], { user: 'node' });
    expect(r).toMatchObject({ out: "EACCES: permission denied, open '/etc/x'\nnode 1000\n", code: 0 });
  });

  it('callbacks, promises and streams', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', [
      "const fs = require('fs')",
      "fs.writeFile('/tmp/a', 'one\\ntwo\\n', (err) => { console.log('written', err); fs.readFile('/tmp/a', 'utf8', (e, s) => console.log('cb', JSON.stringify(s))) })",
      "fs.promises.readFile('/nope').catch((e) => console.log('promise', e.code))",
      "setTimeout(() => fs.createReadStream('/tmp/a').pipe(process.stdout), 5)",
    ].join(';')]);
    expect(r.out).toBe('written null\npromise ENOENT\ncb "one\\ntwo\\n"\none\ntwo\n');
  });
});

describe('node: process and os inside the container', () => {
  it('sees the container: PID 1, its hostname, env, cwd, cgroup memory limit', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "const os = require('os'); console.log(process.pid, os.hostname() === require('fs').readFileSync('/etc/hostname', 'utf8').trim(), process.env.NODE_VERSION, process.cwd(), process.platform, os.platform(), os.cpus().length, process.constrainedMemory())"], { workdir: '/srv', memory: 64 * 1024 * 1024 });
    expect(r).toMatchObject({ out: `1 true 22.14.0 /srv linux linux 2 ${64 * 1024 * 1024}\n`, code: 0 });
  });
});

describe('node: signals, kill and limits', () => {
  it('docker stop: a SIGTERM handler exits cleanly at once', async () => {
    const d = await daemon();
    const c = d.containers.create({ image: d.images.mustResolve('node'), cmd: ['node', '-e', "process.on('SIGTERM', () => { console.log('bye'); process.exit(0) }); setInterval(() => {}, 1000); console.log('up')"] });
    d.containers.start(c);
    await until(() => text(c) === 'up\n', 'node started');
    // A 60 s grace: waiting it out (instead of seeing the exit) would run past the test's own time limit.
    await d.containers.stop(c, 60);
    expect([text(c), c.state.ExitCode]).toEqual(['up\nbye\n', 0]);
  });

  it('docker kill ends a node process waiting on timers (137)', async () => {
    const d = await daemon();
    const c = d.containers.create({ image: d.images.mustResolve('node'), cmd: ['node', '-e', "setInterval(() => {}, 1000); console.log('up')"] });
    d.containers.start(c);
    await until(() => text(c) === 'up\n', 'node started');
    d.containers.kill(c, 9);
    await until(() => !c.state.Running, 'killed');
    expect(c.state.ExitCode).toBe(137);
  });

  it('what a node process holds is its WASM memory, charged to the container\'s cgroup', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "const m = process.memoryUsage(); const current = Number(require('fs').readFileSync('/sys/fs/cgroup/memory.current', 'utf8')); console.log(m.rss >= 16 * 1024 * 1024, m.rss % 65536, current >= m.rss, m.heapUsed > 0 && m.heapUsed < m.rss)"], { memory: 64 * 1024 * 1024 });
    expect(r).toEqual({ out: 'true 0 true true\n', err: '', code: 0, oom: false });
  });

  it('a typed array or string larger than -m allows is the OOM killer\'s, caught or not', async () => {
    const d = await daemon();
    for (const code of ['new Uint8Array(48 * 1024 * 1024).fill(1)', "try { 'x'.repeat(40 * 1024 * 1024) } catch (e) { console.log('caught', e.message) }", "try { new ArrayBuffer(80 * 1024 * 1024) } catch (e) { console.log('caught', e.message) }"]) {
      expect(await runNode(d, ['node', '-e', code], { memory: 32 * 1024 * 1024 })).toMatchObject({ code: 137, oom: true, out: '' });
    }
  });

  it('a heap that outgrows -m is killed by the OOM killer: exit 137, OOMKilled', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "const keep = []; setInterval(() => { for (let i = 0; i < 2000; i++) keep.push('x'.repeat(100) + i) }, 0)"], { memory: 16 * 1024 * 1024 });
    expect(r).toMatchObject({ code: 137, oom: true });
  });

  it('a heap that outgrows -m even inside one synchronous loop is OOM-killed, not an InternalError', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', "const keep = []; try { for (;;) keep.push('y'.repeat(64) + keep.length) } catch (e) { console.log('caught', e.message) }"], { memory: 16 * 1024 * 1024 });
    expect(r).toMatchObject({ code: 137, oom: true, out: '' });
  });
});

describe('node: http over the virtual network', () => {
  const SERVER = [
    "const http = require('http')",
    "const server = http.createServer((req, res) => {",
    "  let body = ''; req.setEncoding('utf8'); req.on('data', (c) => body += c);",
    "  req.on('end', () => {",
    "    if (req.url === '/json') { res.writeHead(201, { 'Content-Type': 'application/json' }); return res.end(JSON.stringify({ method: req.method, body, agent: req.headers['user-agent'] })) }",
    "    if (req.url === '/stream') { res.write('part1 '); return setTimeout(() => res.end('part2'), 5) }",
    "    res.setHeader('Content-Type', 'text/plain'); res.end(`hola ${req.method} ${req.url}\\n`)",
    "  })",
    "})",
    "server.listen(3000, () => console.log('listening on', server.address().port))",
  ].join('\n');

  async function startServer(d: Daemon, opts: { name?: string; network?: string; publish?: string[] } = {}): Promise<import('./container.ts').Container> {
    const c = d.containers.create({ image: d.images.mustResolve('node'), cmd: ['node', '-e', SERVER], ...opts });
    d.containers.start(c);
    await until(() => text(c) === 'listening on 3000\n', 'the node server');
    return c;
  }

  it('serves other containers by name: the bytes Node sends (keep-alive, Content-Length, chunked)', async () => {
    const d = await daemon();
    d.networks.create('app');
    const api = await startServer(d, { name: 'api', network: 'app' });
    const { container } = await d.run({
      image: d.images.mustResolve('busybox'), network: 'app',
      cmd: ['sh', '-c', "printf 'GET /hello HTTP/1.1\\r\\nHost: api\\r\\nConnection: close\\r\\n\\r\\n' | nc api 3000; echo; printf 'POST /json HTTP/1.1\\r\\nHost: api\\r\\nContent-Length: 5\\r\\nUser-Agent: t/1\\r\\nConnection: close\\r\\n\\r\\nhello' | nc api 3000; echo; printf 'GET /stream HTTP/1.1\\r\\nHost: api\\r\\nConnection: close\\r\\n\\r\\n' | nc api 3000; echo; wget -qO- http://api:3000/w"],
    });
    const out = text(container).replace(/Date: [^\r]+/g, 'Date: <now>');
    expect(out).toBe([
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: <now>\r\nConnection: close\r\nContent-Length: 16\r\n\r\nhola GET /hello\n\n',
      // As Node does: writeHead() commits the head, so end(body) cannot add a Content-Length.
      'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nDate: <now>\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2e\r\n{"method":"POST","body":"hello","agent":"t/1"}\r\n0\r\n\r\n\n',
      'HTTP/1.1 200 OK\r\nDate: <now>\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n6\r\npart1 \r\n5\r\npart2\r\n0\r\n\r\n\n',
      'hola GET /w\n',
    ].join(''));
    d.containers.kill(api, 9);
  });

  it('keeps a connection alive for several requests (Keep-Alive: timeout=5) and answers malformed requests with 400', async () => {
    const d = await daemon();
    const api = await startServer(d);
    const { container } = await d.run({
      image: d.images.mustResolve('busybox'),
      cmd: ['sh', '-c', "(printf 'GET /a HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nGET /b HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n'; sleep 1) | nc 172.17.0.2 3000; echo; printf 'NONSENSE\\r\\n\\r\\n' | nc 172.17.0.2 3000"],
    });
    const out = text(container).replace(/Date: [^\r]+/g, 'Date: <now>');
    expect(out).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: <now>\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 12\r\n\r\nhola GET /a\n'
      + 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: <now>\r\nConnection: close\r\nContent-Length: 12\r\n\r\nhola GET /b\n\n'
      + 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    d.containers.kill(api, 9);
  });

  it('a published port reaches the node server from the host side', async () => {
    const d = await daemon();
    const api = await startServer(d, { publish: ['8080:3000'] });
    const sock = await d.networks.dial(8080);
    const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
    await sock.write(new TextEncoder().encode('GET /from-host HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n'), io);
    let response = '';
    for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) response += new TextDecoder().decode(c);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhola GET \/from-host\n$/);
    d.containers.kill(api, 9);
  });

  it('http.get and net clients reach servers in other containers; failures are Node\'s errors', async () => {
    const d = await daemon();
    d.networks.create('app');
    const web = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'web', network: 'app', cmd: ['sh', '-c', 'mkdir /w && echo hi > /w/index.html && httpd -f -p 80 -h /w'] });
    d.containers.start(web);
    await until(() => web.netns?.isListening(80) === true, 'httpd');
    const { container, exitCode } = await d.run({
      image: d.images.mustResolve('node'), network: 'app', entrypoint: [],
      cmd: ['node', '-e', [
        "const http = require('http'), net = require('net')",
        "http.get('http://web/', (res) => { let b = ''; res.on('data', (c) => b += c); res.on('end', () => {",
        "  console.log(res.statusCode, res.headers['content-type'], JSON.stringify(b))",
        "  http.get('http://web:81/', () => {}).on('error', (e) => {",
        "    console.log(e.message, e.code)",
        "    http.get('http://nosuchhost/', () => {}).on('error', (e) => {",
        "      console.log(e.message, e.code)",
        "      const s = net.connect(80, 'web', () => s.end('GET /index.html HTTP/1.0\\r\\n\\r\\n'))",
        "      let raw = ''; s.on('data', (c) => raw += c); s.on('close', () => console.log(raw.split('\\r\\n')[0]))",
        "    })",
        "  })",
        "}) })",
      ].join('\n')],
    });
    expect(text(container, 'stderr')).toBe('');
    expect(text(container)).toBe('200 text/html "hi\\n"\nconnect ECONNREFUSED 172.18.0.2:81 ECONNREFUSED\ngetaddrinfo ENOTFOUND nosuchhost ENOTFOUND\nHTTP/1.1 200 OK\n');
    expect(exitCode).toBe(0);
    d.containers.kill(web, 9);
  });

  it('EADDRINUSE is an error event with Node\'s message; a server keeps the process alive until closed', async () => {
    const d = await daemon();
    const r = await runNode(d, ['node', '-e', [
      "const net = require('net')",
      "const a = net.createServer().listen(4000, () => {",
      "  net.createServer().listen(4000).on('error', (e) => { console.log(e.message, e.code, e.syscall); setTimeout(() => a.close(() => console.log('closed')), 10) })",
      "})",
    ].join('\n')]);
    expect(r).toMatchObject({ out: 'listen EADDRINUSE: address already in use :::4000 EADDRINUSE listen\nclosed\n', code: 0 });
  });

  it('docker stop of a node server without a SIGTERM handler waits the grace period, then kills (PID 1)', async () => {
    const d = await daemon();
    const api = await startServer(d);
    const t = Date.now();
    await d.containers.stop(api, 1);
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect(api.state.ExitCode).toBe(137);
  });
});

describe('node: CPU in a worker thread', () => {
  it('a guest that never returns is throttled by cpu.max, leaves other containers running, and dies by docker kill', async () => {
    const d = await daemon();
    const spin = d.containers.create({ image: d.images.mustResolve('node'), cpus: 0.25, cmd: ['node', '-e', "console.log('spinning'); while (true) {}"] });
    d.containers.start(spin);
    await until(() => text(spin) === 'spinning\n', 'the spinning guest');
    // The engine is not blocked: another container runs to completion meanwhile.
    const other = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done; echo $i'] });
    expect(text(other.container)).toBe('2000\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(spin.cgroup.cpu.nr_throttled).toBeGreaterThan(0);
    expect(spin.cgroup.cpu.throttled_usec).toBeGreaterThan(0);
    d.containers.kill(spin, 9);
    await until(() => !spin.state.Running, 'the kill');
    expect(spin.state.ExitCode).toBe(137);
  });
});

describe('node: in-thread fallback (a host without worker threads)', () => {
  it('runs programs, servers and limits the same way', async () => {
    const { setGuestWorkers } = await import('../programs/node/workers.ts');
    const { nodeGuestWorker } = await import('../programs/node/workers.node.ts');
    setGuestWorkers(null);
    try {
      const d = await daemon();
      expect(await runNode(d, ['node', '-e', "setTimeout(() => console.log(require('os').hostname().length, [1, 2]), 1)"])).toMatchObject({ out: '12 [ 1, 2 ]\n', code: 0 });
      const r = await runNode(d, ['node', '-e', "const keep = []; for (;;) keep.push('z'.repeat(64) + keep.length)"], { memory: 16 * 1024 * 1024 });
      expect(r).toMatchObject({ code: 137, oom: true });
    } finally {
      setGuestWorkers(nodeGuestWorker);
    }
  });
});
