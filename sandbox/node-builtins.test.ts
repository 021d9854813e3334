// The built-ins npm packages lean on, in a node:22 container, against the
// host's real Node.js running the same script: url (legacy and WHATWG),
// querystring, crypto (digests, HMAC, KDFs, random, webcrypto), zlib (sync,
// callback and stream), assert's messages, tty, util, os and the globals
// (URL, AbortController, EventTarget, structuredClone, atob…). Each line the
// script prints must be the same; random values are printed by their shape.
import { describe, expect, it } from 'vitest';
import { buildWith, logText, T0, testDaemon } from './daemon/testing/harness.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const URL_SCRIPT = `const url = require('node:url');
const show = (v) => console.log(require('util').inspect(v, { depth: 4 }));
for (const s of ['http://user:pw@Example.COM:8080/a/b/../c?x=1&y=%20z#frag', '/path/only?q=a+b&q=c', 'mailto:ada@example.com', '//host/p', 'https://xn--espaol-zwa.com/ñ?é=1']) {
  show(url.parse(s)); show(url.parse(s, true));
}
console.log(url.format({ protocol: 'https', hostname: 'a.com', pathname: '/x', query: { a: [1, 2], b: 'c d' } }));
console.log(url.resolve('http://a.com/b/c', '../d'), url.resolve('/one/two', 'three'), url.resolve('http://a.com/', 'http://b.com/x'));
const u = new URL('https://user:pw@example.com:8443/a/b?x=1&y=2#h');
show(u);
u.searchParams.append('z', 'a b&c');
u.searchParams.delete('x');
u.pathname = '/new path';
u.hash = '';
u.port = '443';
console.log(u.href, u.toString(), JSON.stringify({ u }), String(u.searchParams), u.searchParams.get('z'), u.origin);
console.log(new URL('../x?q#f', 'http://h.com/a/b/c').href, URL.canParse('nope'), URL.canParse('x:', undefined));
try { new URL('not a url'); } catch (e) { console.log(e.name, e.code, e.message, e.input); }
const sp = new URLSearchParams({ b: '2', a: '1', 'ü': 'ß' });
sp.append('a', '0'); sp.sort();
console.log(sp.toString(), [...sp], sp.getAll('a'), sp.has('a', '0'), sp.size);
show(new URLSearchParams('a=1&b=%zz&c=%E2%9C%93&d+e=f+g'));
console.log(url.fileURLToPath('file:///tmp/a%20b'), url.pathToFileURL('/tmp/a b#?%').href, url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'));
console.log(url.format(new URL('https://u:p@xn--espaol-zwa.com/p?q#h'), { unicode: true, auth: false, fragment: false }));
show(url.urlToHttpOptions(new URL('http://a:b@[::1]:81/p?q')));
`;

const QS_SCRIPT = `const qs = require('querystring');
for (const s of ['a=1&&b=2', '=', 'a=%', 'a=%zz&b=%E4%BD%A0', 'a+b=c+d', 'a=1&a=2&a=3', '__proto__=1', 'a[b]=1&c', '%E4=1']) console.log(JSON.stringify(s), qs.parse(s));
console.log(qs.parse('a&b&c', null, null, { maxKeys: 2 }), qs.parse('a:1;b:2', ';', ':'), qs.decode('x=1'));
console.log(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: NaN, g: 10n, h: [], i: {} }), qs.stringify('x'), qs.stringify({ a: 1, b: 2 }, ';', ':'));
console.log(qs.escape('a b&ü/'), qs.unescape('%zz%41+'), qs.unescape('a+b', true), qs.unescapeBuffer('%41+b', true));
try { qs.escape('\\ud800'); } catch (e) { console.log(e.name, e.code, e.message); }
`;

const CRYPTO_SCRIPT = `const crypto = require('node:crypto');
for (const alg of ['md5', 'sha1', 'sha256', 'SHA512', 'sha384', 'sha224', 'sha512-256', 'sha3-256', 'ripemd160', 'RSA-SHA256', 'sha256WithRSAEncryption', 'shake256', 'blake2b512']) {
  console.log(alg, crypto.createHash(alg).update('hello ').update(Buffer.from('world')).digest('hex'));
}
const h = crypto.createHash('sha256').update('x'.repeat(100000));
const copy = h.copy().update('y');
console.log(h.digest('base64'), copy.digest('base64url'), crypto.createHash('sha1').update('caf\\u00e9', 'latin1').digest('binary').length);
console.log(crypto.createHmac('sha256', 'secret').update('message').digest('hex'), crypto.createHmac('md5', Buffer.from('k')).digest('base64'));
console.log(crypto.hash('sha1', 'abc'), crypto.hash('md5', Buffer.from('abc'), 'base64'));
const hmac = crypto.createHmac('sha1', 'k'); hmac.digest(); console.log(JSON.stringify(hmac.digest('hex')));
for (const f of [() => crypto.createHash('nope'), () => crypto.createHmac('nope', 'k'), () => { const x = crypto.createHash('sha1'); x.digest(); x.update('a'); }, () => crypto.createHash('sha1').update(5), () => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')), () => crypto.randomBytes(-1), () => crypto.randomInt(5, 1)]) {
  try { f(); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha512').toString('hex'), crypto.scryptSync('pw', 'salt', 24).toString('hex'), Buffer.from(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 16)).toString('hex'));
console.log(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.randomBytes(16).length, crypto.randomFillSync(Buffer.alloc(8)).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()));
const n = Array.from({ length: 200 }, () => crypto.randomInt(10, 20)); console.log(Math.min(...n) >= 10, Math.max(...n) < 20, new Set(n).size > 5);
console.log(globalThis.crypto === crypto.webcrypto, crypto.getRandomValues(new Uint32Array(4)).length, typeof globalThis.crypto.randomUUID());
try { crypto.getRandomValues(new Float64Array(2)); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(crypto.getHashes().includes('sha256'), crypto.getHashes().includes('md5'));
crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then((b) => {
  console.log(Buffer.from(b).toString('hex'));
  crypto.pbkdf2('pw', 'salt', 1, 8, 'sha1', (err, key) => {
    console.log('pbkdf2 cb', err, key.toString('hex'));
    const stream = crypto.createHash('sha256'); stream.on('readable', () => { const d = stream.read(); if (d) console.log('stream digest', d.toString('hex')); }); stream.write('ab'); stream.end('c');
  });
});
`;

const ZLIB_SCRIPT = `const zlib = require('node:zlib');
const text = 'hello hello hello zlib '.repeat(50);
for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync']]) {
  const packed = zlib[c](text);
  console.log(c, d, zlib[d](packed).toString() === text, packed.length < text.length);
}
console.log(zlib.inflateSync(Buffer.from('789ccb48cdc9c95728cf2fca4901001a0b045d', 'hex')).toString(), zlib.gunzipSync(Buffer.from('1f8b08000000000000034bcbcf07002165738c03000000', 'hex')).toString());
try { zlib.gunzipSync(Buffer.from('not gzip')); } catch (e) { console.log(e.message, e.code, e.errno); }
console.log(zlib.crc32('hello'), zlib.crc32('world', zlib.crc32('hello ')), zlib.constants.Z_BEST_COMPRESSION, zlib.Z_NO_FLUSH, typeof zlib.createGzip);
zlib.gzip('callback', (err, buf) => zlib.gunzip(buf, (err2, out) => {
  console.log('callback', err, err2, out.toString());
  const gz = zlib.createGzip(); const gunz = zlib.createGunzip(); let out2 = '';
  gunz.on('data', (d) => { out2 += d; }); gunz.on('end', () => console.log('stream', out2.length, out2 === text));
  gz.pipe(gunz); gz.write(text.slice(0, 500)); gz.end(text.slice(500));
}));
`;

const ASSERT_SCRIPT = `const assert = require('assert');
const strict = require('node:assert/strict');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(JSON.stringify([e.name, e.code, e.message, e.operator, e.generatedMessage])); } };
t(() => assert.strictEqual(1, 2, 'custom'));
t(() => assert.strictEqual(1, 2));
t(() => assert.strictEqual('hello world', 'hello there'));
t(() => assert.strictEqual({ a: 1 }, { a: 1 }));
t(() => assert.deepStrictEqual({ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] }));
t(() => assert.deepStrictEqual(Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => (i === 20 ? 99 : i))));
t(() => assert.deepStrictEqual([1, 2], [1, 2, 3]));
t(() => assert.deepStrictEqual(new Map([[1, { x: 2 }]]), new Map([[1, { x: 3 }]])));
t(() => assert.deepStrictEqual(new Set([1, 2]), new Set([2, 1])));
t(() => assert.deepStrictEqual({ a: NaN, b: -0 }, { a: NaN, b: 0 }));
t(() => assert.deepEqual({ a: 1 }, { a: '1' }));
t(() => assert.deepEqual({ a: 1 }, { a: 2 }));
t(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
t(() => assert.equal(1, 2)); t(() => assert.notEqual(1, 1)); t(() => assert.notStrictEqual(1, 1));
t(() => assert.ok(0)); t(() => assert(null, 'msg')); t(() => assert.ok());
t(() => assert.throws(() => {}));
t(() => assert.throws(() => { throw new Error('x'); }, /y/));
t(() => assert.throws(() => { throw new TypeError('x'); }, RangeError));
t(() => assert.throws(() => { throw new Error('x'); }, { message: 'z', name: 'Error' }));
t(() => assert.throws(() => { throw new Error('x'); }, Error));
t(() => assert.doesNotThrow(() => { throw new Error('boom'); }));
t(() => assert.match('abc', /x/)); t(() => assert.doesNotMatch('abc', /b/));
t(() => assert.fail()); t(() => assert.fail('boom')); t(() => assert.ifError(new Error('e'))); t(() => assert.ifError(null));
t(() => strict.equal(1, '1')); t(() => strict.deepEqual([1], ['1']));
t(() => assert.strictEqual(NaN, NaN)); t(() => assert.deepStrictEqual(new Date(0), new Date(0)));
assert.rejects(Promise.resolve(1)).catch((e) => console.log('rejects', e.message));
assert.doesNotReject(Promise.reject(new Error('r'))).catch((e) => console.log('doesNotReject', e.message));
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(e instanceof Error, e.name, e.code, String(e).split('\\n')[0], require('util').inspect(e).split('\\n')[0]);
`;

const MISC_SCRIPT = `const util = require('util');
const tty = require('tty');
console.log(tty.isatty(0), tty.isatty(1), tty.isatty(99), process.stdout.isTTY, typeof tty.WriteStream);
try { new tty.WriteStream(1); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ['1']), util.types.isDate(new Date()), typeof util.types.isPromise);
console.log(util.format('%s %d %i %j %o %%', 'a', 1.5, 2.7, { x: 1 }, [1]), util.inspect({ a: { b: { c: { d: {} } } } }, { depth: 0 }), util.inspect('x', { colors: true }));
console.log(util.inspect(new Map([[{ a: 1 }, new Set([1])]]), { compact: false }));
console.log(typeof structuredClone, structuredClone(new Map([[1, { d: new Date(0) }]])), atob(btoa('hé')), typeof queueMicrotask, typeof setImmediate);
const ac = new AbortController();
ac.signal.addEventListener('abort', (ev) => console.log('aborted', ev.type, ac.signal.aborted, ac.signal.reason.name, ac.signal.reason.message));
ac.abort();
console.log(AbortSignal.abort('why').reason, AbortSignal.abort().reason instanceof DOMException, new DOMException('m', 'AbortError').code);
const target = new EventTarget(); let n = 0;
target.addEventListener('ping', () => n++, { once: true }); target.dispatchEvent(new Event('ping')); target.dispatchEvent(new Event('ping'));
console.log('once listener ran', n, new Event('x', { cancelable: true }).cancelable);
console.log(new TextDecoder().decode(new TextEncoder().encode('héllo ✓')), typeof performance.now());
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const als = new AsyncLocalStorage();
als.run({ id: 7 }, () => { setTimeout(() => console.log('als in timer', als.getStore()), 1); process.nextTick(() => console.log('als in tick', als.getStore())); });
console.log('als outside', als.getStore());
const dc = require('diagnostics_channel'); const ch = dc.channel('x'); console.log(ch.hasSubscribers); ch.subscribe((m, name) => console.log('published', m, name)); ch.publish({ v: 1 });
const os = require('os'); console.log(os.EOL === '\\n', os.platform(), os.type(), typeof os.cpus().length, os.endianness());
console.log(require('module').isBuiltin('node:tty'), require('module').isBuiltin('zlib'), require('module').builtinModules.includes('crypto'));
`;

const SCRIPTS: Record<string, string> = {
  'url.js': URL_SCRIPT, 'qs.js': QS_SCRIPT, 'crypto.js': CRYPTO_SCRIPT, 'zlib.js': ZLIB_SCRIPT, 'assert.js': ASSERT_SCRIPT, 'misc.js': MISC_SCRIPT,
};

async function both(script: string): Promise<{ host: string; ours: string; oursErr: string }> {
  const host = await runOnHost(SCRIPTS, ['node', script], { mtimeMs: T0 });
  expect(host.err).toBe('');
  const d = await testDaemon();
  const b = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', ...SCRIPTS });
  if (!b.image) throw new Error(`build failed: ${b.error}`);
  const { container } = await d.run({ image: b.image, cmd: ['node', script] });
  return { host: host.out, ours: logText(container), oursErr: logText(container, 'stderr') };
}

describe('built-ins print what the host Node.js prints', () => {
  it.each(Object.keys(SCRIPTS))('%s', async (script) => {
    const { host, ours, oursErr } = await both(script);
    expect(oursErr).toBe('');
    expect(ours).toBe(host);
    expect(ours.split('\n').length).toBeGreaterThan(8);
  }, 120_000);
});
