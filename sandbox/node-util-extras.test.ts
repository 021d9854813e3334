// The rest of node:util that CLIs reach for, in node:20 and node:22
// containers against the host's real Node.js (v20) over the same script:
// MIMEType/MIMEParams (WHATWG parsing, quoting, errors), styleText (plain
// where the stream shows no colours, FORCE_COLOR, validateStream, a
// stream's own terminal), libuv's system errors by errno (getSystemErrorName
// and getSystemErrorMap, _errnoException, _exceptionWithHostPort), aborted,
// transferableAbortSignal/Controller (and how AbortSignal prints), isBuffer
// and log. Node 22 differs where it should: getSystemErrorMessage (22.12+),
// styleText checking the stream for a list of formats too (22.14), and
// transferableAbortSignal returning the signal itself; those lines are
// checked by value.
import { describe, expect, it } from 'vitest';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const MIME_SCRIPT = `const { MIMEType, MIMEParams, inspect } = require('node:util');
const show = (s) => {
  try {
    const t = new MIMEType(s);
    console.log(JSON.stringify(s), String(t), JSON.stringify(t), t.type, t.subtype, t.essence, [...t.params], [...t.params.keys()], t.params.get('x'));
  } catch (e) { console.log(JSON.stringify(s), e.name, e.code, e.message, String(e)); }
};
for (const s of ['', 'text', 'text/', '/html', 'te xt/html', 'text/ht ml', 'text/html;', ' \\t text/plain \\n; x=1', 'Text/HTML; Charset="utf-8"; a=b;;c; d="x\\\\\\\\"',
  'a/b;x="unterminated', 'a/b;x="esc\\\\', 'a/b; x = 1', 'a/b;X=1;x=2', 'a/b;\\u00e9=1', 'a/b;x=\\u00e9', 'a/b;x=\\u0100', 'a/b;x="\\u0100"', 'a/b;x=""', 'a/b;x=', 'a/b;x=a b',
  'a/b;x="1"junk;y=2', 'a/b;x="a\\\\"b";y', 'a/b;=1;x=2', 'a/b;x=1 ;y=2 ', 'a/b ; x=1', 'a/b\\u00a0', 'a/b;x', 'a/b;;;x=1;', 'application/vnd.api+json; charset=UTF-8',
  'a/b;x="\\t"', 'a/b;x=\\t1', 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW', 42, { toString: () => 'x/y;z=1' }]) show(s);
const m = new MIMEType('text/plain;charset=utf-8');
console.log(inspect(m), inspect(m.params), m instanceof MIMEType, typeof m.toJSON, Object.keys(m), Object.getOwnPropertyNames(MIMEType.prototype), Object.getOwnPropertyNames(MIMEParams.prototype));
m.type = 'APPLICATION'; m.subtype = 'JSON'; m.params.set('q', 'a b'); m.params.set('e', ''); m.params.set('c', 'q"\\\\'); m.params.delete('charset');
console.log(String(m), m.params.has('q'), m.params.has('charset'), m.params.get('nope'), [...m.params.values()], [...m.params]);
for (const f of [() => { m.type = 'a b'; }, () => { m.subtype = ''; }, () => m.params.set('a b', 1), () => m.params.set('', 1), () => m.params.set('k', '\\u0100'), () => m.params.set('k', 'x\\ny')]) {
  try { f(); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message); }
}
const p = new MIMEParams(); p.set('z', 1); p.set('a', true);
console.log(String(p), JSON.stringify({ p }), [...p], MIMEParams.prototype[Symbol.iterator] === MIMEParams.prototype.entries);
`;

const STYLE_SCRIPT = `const u = require('node:util');
const { Writable } = require('node:stream');
const sink = (isTTY, depth) => Object.assign(new Writable({ write(c, e, cb) { cb(); } }), { isTTY, getColorDepth: () => depth });
const j = (f) => { try { console.log(JSON.stringify(f())); } catch (e) { console.log(e.name, e.code, e.message); } };
j(() => u.styleText('red', 'x'));
j(() => u.styleText('red', 'x', { stream: sink(true, 8) }));
j(() => u.styleText('red', 'x', { stream: sink(true, 1) }));
j(() => u.styleText('red', 'x', { stream: sink(false, 8) }));
j(() => u.styleText(['bold', 'underline', 'green'], 'x', { stream: sink(true, 24) }));
j(() => u.styleText('red', 'x', { validateStream: false }));
j(() => u.styleText(['bgBlue', 'italic'], 'x', { validateStream: false }));
j(() => u.styleText('red', 'x', { stream: process.stderr }));
j(() => u.styleText('red', 'x', { stream: {} }));
j(() => u.styleText('red', 'x', { stream: null }));
j(() => u.styleText('red', 'x', { validateStream: 1 }));
j(() => u.styleText('nope', 'x'));
j(() => u.styleText(['red', 'nope'], 'x', { validateStream: false }));
j(() => u.styleText('red', 5));
j(() => u.styleText('red'));
j(() => u.styleText('none', 'x'));
j(() => u.stripVTControlCharacters(u.styleText(['red', 'bold'], 'plain', { validateStream: false }) + '\\u001b]8;;http://x\\u0007link\\u001b]8;;\\u0007'));
if (!process.version.startsWith('v20.')) console.log('== node 22', JSON.stringify(u.styleText(['bold', 'red'], 'x')));
`;

const SYSERR_SCRIPT = `const u = require('node:util');
const map = u.getSystemErrorMap();
console.log(map instanceof Map, map.size, map === u.getSystemErrorMap(), JSON.stringify([...map]));
for (const n of [-2, -13, -98, -3008, -4095, -99999]) console.log(n, u.getSystemErrorName(n));
for (const bad of [2, 0, 1.5, -1.5, NaN, 'x', undefined, 2 ** 53 * -1]) { try { u.getSystemErrorName(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
const e1 = u._errnoException(-2, 'open', '/x');
const e2 = u._errnoException(-13, 'scandir');
const e3 = u._exceptionWithHostPort(-111, 'connect', '127.0.0.1', 80, 'extra');
const e4 = u._exceptionWithHostPort(-98, 'listen', '::', 0);
for (const e of [e1, e2, e3, e4]) console.log(e instanceof Error, e.message, JSON.stringify(e), Object.keys(e), e.stack.split('\\n').length > 1, e.stack.split('\\n')[0]);
console.log(u.inspect(e1));
if (!process.version.startsWith('v20.')) {
  console.log('== node 22', u.getSystemErrorMessage(-2), u.getSystemErrorMessage(-3008), u.getSystemErrorMessage(-99999));
  try { u.getSystemErrorMessage(5); } catch (e) { console.log(e.code, e.message); }
}
`;

const MISC_SCRIPT = `const u = require('node:util');
console.log(u.isBuffer(Buffer.alloc(1)), u.isBuffer(new Uint8Array(1)), u.isBuffer('x'));
const origLog = console.log;
u.log('hi %d', 5, { a: 1 });
const ac = new AbortController();
const p = u.aborted(ac.signal, {});
console.log(p instanceof Promise);
p.then((v) => origLog('resolved', v && v.type, v && v.constructor.name));
u.aborted(AbortSignal.abort(), {}).then((v) => origLog('already aborted', v));
u.aborted(ac.signal, () => {}).then(() => origLog('function resource'));
u.aborted(ac.signal, []).then(() => origLog('array resource'));
for (const args of [[], [{}], [ac.signal], [ac.signal, null], [ac.signal, 1], [null, {}]]) {
  u.aborted(...args).then(() => origLog('resolved?'), (e) => origLog('rejected', e.name, e.code, e.message));
}
setTimeout(() => ac.abort(), 5);
const t = u.transferableAbortSignal(ac.signal);
t.addEventListener('abort', () => origLog('transferable heard the abort'));
console.log(t instanceof AbortSignal, t.aborted);
if (process.version.startsWith('v20.')) console.log('== node 20', t === ac.signal);
try { u.transferableAbortSignal({}); } catch (e) { console.log(e.name, e.code, e.message); }
const c = u.transferableAbortController();
console.log(c instanceof AbortController, c.signal.aborted, c.signal instanceof AbortSignal);
c.abort();
console.log(c.signal.aborted, u.inspect(c.signal));
console.log(new AbortController(), [AbortSignal.abort()], { s: { s: { s: AbortSignal.abort() } } }, Object.keys(ac.signal), ac.signal.onabort);
for (const bad of [[ac.signal, {}], 'x']) { try { AbortSignal.any(bad); } catch (e) { console.log(e.name, e.code, e.message); } }
console.log(Object.keys(u).filter((k) => k !== 'parseEnv' && k !== 'getSystemErrorMessage').sort().join(' '));
// After the promises and the abort above have printed.
setTimeout(() => { if (!process.version.startsWith('v20.')) origLog('== node 22', t === ac.signal); }, 50);
`;

const SCRIPTS: Record<string, string> = { 'mime.js': MIME_SCRIPT, 'style.js': STYLE_SCRIPT, 'syserr.js': SYSERR_SCRIPT, 'misc.js': MISC_SCRIPT };

async function inContainer(image: string, script: string, env: string[] = []): Promise<{ out: string; err: string }> {
  const d = await testDaemon();
  const b = await buildWith(d, { Dockerfile: `FROM ${image}\nWORKDIR /app\nCOPY . .\n`, ...SCRIPTS });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container } = await d.run({ image: b.image, cmd: ['node', script], env });
  return { out: logText(container), err: logText(container, 'stderr') };
}

/** The lines a Node 22 script prints after its `== node 22` marker, and the rest (lines only Node 20 prints start `== node 20`). */
function split22(out: string): { common: string; only22: string } {
  const at = out.indexOf('== node 22');
  return at === -1 ? { common: out, only22: '' } : { common: out.slice(0, at), only22: out.slice(at) };
}

/** util.log's timestamp, `24 Nov 10:08:25`, as a shape. */
const maskTime = (out: string): string => out.replace(/^\d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d - /m, '<time> - ');

describe('node:util beyond format and inspect, as under Node.js', () => {
  it.each(Object.keys(SCRIPTS))('%s', async (script) => {
    const host = await runOnHost(SCRIPTS, ['node', script], { mtimeMs: T0 });
    expect(host.err).toBe('');
    expect(host.out).not.toContain('== node 22');
    const ours20 = await inContainer('node:20-alpine', script);
    expect(ours20.err).toBe('');
    expect(maskTime(ours20.out)).toBe(maskTime(host.out));
    const ours22 = await inContainer('node:22-alpine', script);
    expect(ours22.err).toBe('');
    const { common, only22 } = split22(ours22.out);
    expect(maskTime(common)).toBe(maskTime(host.out.replace(/^== node 20 .*\n/gm, '')));
    if (script === 'style.js') expect(only22).toBe('== node 22 "x"\n');
    if (script === 'misc.js') expect(only22).toBe('== node 22 true\n');
    if (script === 'syserr.js') {
      expect(only22).toBe('== node 22 no such file or directory unknown node or service Unknown system error -99999\n'
        + 'ERR_OUT_OF_RANGE The value of "err" is out of range. It must be a negative integer. Received 5\n');
    }
    expect(host.out.split('\n').length).toBeGreaterThan(8);
  }, 120_000);

  it('styleText colours for FORCE_COLOR as Node does', async () => {
    const host = await runOnHost(SCRIPTS, ['node', 'style.js'], { mtimeMs: T0, env: { FORCE_COLOR: '1' } });
    const ours = await inContainer('node:20-alpine', 'style.js', ['FORCE_COLOR=1']);
    expect(ours.out).toBe(host.out);
    expect(ours.out.split('\n')[0]).toBe('"\\u001b[31mx\\u001b[39m"');
  }, 120_000);
});
