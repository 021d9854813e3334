// redis-server's pieces without a container: RESP in and out, inline
// requests, the commands' replies and errors (worded as redis 7's),
// expiry, the snapshot and AOF formats, configuration errors, and how
// redis-cli prints replies at a terminal and when piped.
import { describe, expect, it } from 'vitest';
import type { ClientState, ServerState } from './call.ts';
import { formatRaw, formatTty, repr } from './cli.ts';
import { runCommand, unknownCommand } from './commands.ts';
import { ConfigError, configText, defaultConfig, fatalReport, parseConfig } from './config.ts';
import { infoText } from './info.ts';
import { globMatch, Keyspace } from './keyspace.ts';
import { AofWriter, dumpText, loadDump, parseManifest } from './persist.ts';
import { parseReply, ProtocolError, RequestReader, splitArgs, type Reply } from './resp.ts';

const enc = new TextEncoder();

function fakeServer(clock = { t: 1_700_000_000_000 }) {
  const keyspace = new Keyspace(() => clock.t);
  const server: ServerState = {
    keyspace, dirty: 0, lastSave: 0, clients: new Set(), now: () => clock.t,
    config: (n) => (n === 'requirepass' ? '' : undefined),
    save: async () => '+OK\r\n', bgsave: () => '+Background saving started\r\n', shutdown: async () => null,
    info: () => '', configSet: async () => null, configGet: () => [],
  };
  const client: ClientState = { id: 3, addr: '172.18.0.3:40000', laddr: '172.18.0.2:6379', db: 0, name: '', authed: false, since: 0, lastCommand: '', closeAfterReply: false };
  const log: string[][] = [];
  const run = async (...argv: string[]): Promise<string> => (await runCommand({ server, client, needsAuth: false, propagate: (_db, a) => log.push(a) }, argv)).reply;
  return { server, client, keyspace, run, log, clock };
}

describe('RESP', () => {
  it('reads pipelined multibulk requests split across reads, and inline ones', () => {
    const r = new RequestReader();
    r.feed(enc.encode('*2\r\n$3\r\nGET\r\n$3\r\nk'));
    expect(r.next()).toBeNull();
    r.feed(enc.encode('ey\r\n*1\r\n$4\r\nPING\r\nSET "a b" \'it\\\'s\' "\\x41\\n"\r\n\r\n'));
    expect(r.next()).toEqual(['GET', 'key']);
    expect(r.next()).toEqual(['PING']);
    expect(r.next()).toEqual(['SET', 'a b', "it's", 'A\n']);
    expect(r.next()).toBeNull();
  });

  it('refuses malformed requests with redis\'s protocol errors', () => {
    const bad = (s: string): string => { const r = new RequestReader(); r.feed(enc.encode(s)); try { r.next(); return 'ok'; } catch (e) { return (e as ProtocolError).message; } };
    expect(bad('*x\r\n')).toBe('Protocol error: invalid multibulk length');
    expect(bad('*1\r\n+PING\r\n')).toBe("Protocol error: expected '$', got '+'");
    expect(bad('*1\r\n$-5\r\n')).toBe('Protocol error: invalid bulk length');
    expect(bad('SET "unterminated\r\n')).toBe('Protocol error: unbalanced quotes in request');
    expect(splitArgs('"a"b')).toBeNull();
  });

  it('parses replies of every type, nested, and waits for incomplete ones', () => {
    const buf = enc.encode('*3\r\n:1\r\n$-1\r\n*2\r\n+OK\r\n-ERR no\r\n');
    expect(parseReply(buf, 0)).toEqual({ next: buf.length, reply: { type: 'array', items: [{ type: 'integer', int: '1' }, { type: 'nil' }, { type: 'array', items: [{ type: 'status', str: 'OK' }, { type: 'error', str: 'ERR no' }] }] } });
    expect(parseReply(enc.encode('$5\r\nhel'), 0)).toBeNull();
  });
});

describe('commands', () => {
  it('strings: SET with NX/XX/GET/EX/KEEPTTL, INCR and its errors', async () => {
    const { run, clock, log } = fakeServer();
    expect(await run('SET', 'k', 'v', 'NX')).toBe('+OK\r\n');
    expect(await run('set', 'k', 'w', 'nx')).toBe('$-1\r\n');
    expect(await run('SET', 'k', 'w', 'XX', 'GET')).toBe('$1\r\nv\r\n');
    expect(await run('SET', 'k', 'x', 'EX', '10')).toBe('+OK\r\n');
    expect(log.at(-1)).toEqual(['SET', 'k', 'x', 'PXAT', String(clock.t + 10_000)]);
    expect(await run('TTL', 'k')).toBe(':10\r\n');
    expect(await run('SET', 'k', 'y', 'KEEPTTL')).toBe('+OK\r\n');
    expect(await run('PTTL', 'k')).toBe(':10000\r\n');
    expect(await run('SET', 'k', 'v', 'EX', '-1')).toBe("-ERR invalid expire time in 'set' command\r\n");
    expect(await run('SET', 'k', 'v', 'EX', 'ten')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(await run('SET', 'k', 'v', 'EX', '1', 'PX', '1')).toBe('-ERR syntax error\r\n');
    expect(await run('INCR', 'n')).toBe(':1\r\n');
    expect(await run('INCRBY', 'n', '41')).toBe(':42\r\n');
    expect(await run('DECR', 'n')).toBe(':41\r\n');
    expect(await run('INCR', 'k')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(await run('SET', 'big', '9223372036854775807')).toBe('+OK\r\n');
    expect(await run('INCR', 'big')).toBe('-ERR increment or decrement would overflow\r\n');
    expect(await run('MSET', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'mset' command\r\n");
    expect(await run('MSET', 'a', '1', 'b', '2')).toBe('+OK\r\n');
    expect(await run('MGET', 'a', 'nope', 'b')).toBe('*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n');
  });

  it('keys: expiry (lazy), EXPIRE options, DEL/EXISTS/KEYS/TYPE/DBSIZE/FLUSHALL', async () => {
    const { run, clock } = fakeServer();
    await run('MSET', 'user:1', 'a', 'user:2', 'b', 'other', 'c');
    expect(await run('KEYS', 'user:*')).toBe('*2\r\n$6\r\nuser:1\r\n$6\r\nuser:2\r\n');
    expect(await run('EXPIRE', 'user:1', '5')).toBe(':1\r\n');
    expect(await run('EXPIRE', 'user:1', '50', 'NX')).toBe(':0\r\n');
    expect(await run('EXPIRE', 'user:1', '50', 'GT')).toBe(':1\r\n');
    expect(await run('EXPIRE', 'user:1', '5', 'NX', 'XX')).toBe('-ERR NX and XX, GT or LT options at the same time are not compatible\r\n');
    expect(await run('EXPIRE', 'missing', '5')).toBe(':0\r\n');
    expect(await run('TTL', 'missing')).toBe(':-2\r\n');
    expect(await run('TTL', 'other')).toBe(':-1\r\n');
    clock.t += 50_000;
    expect(await run('EXISTS', 'user:1', 'user:2', 'user:2')).toBe(':2\r\n');
    expect(await run('TYPE', 'user:2')).toBe('+string\r\n');
    expect(await run('TYPE', 'user:1')).toBe('+none\r\n');
    expect(await run('DEL', 'user:2', 'nope')).toBe(':1\r\n');
    expect(await run('DBSIZE')).toBe(':1\r\n');
    expect(await run('FLUSHALL')).toBe('+OK\r\n');
    expect(await run('DBSIZE')).toBe(':0\r\n');
  });

  it('lists, hashes and sets; WRONGTYPE across them', async () => {
    const { run } = fakeServer();
    expect(await run('LPUSH', 'l', 'a', 'b')).toBe(':2\r\n');
    expect(await run('RPUSH', 'l', 'c')).toBe(':3\r\n');
    expect(await run('LRANGE', 'l', '0', '-1')).toBe('*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n');
    expect(await run('LRANGE', 'l', '5', '10')).toBe('*0\r\n');
    expect(await run('LLEN', 'l')).toBe(':3\r\n');
    expect(await run('LPOP', 'l')).toBe('$1\r\nb\r\n');
    expect(await run('RPOP', 'l', '5')).toBe('*2\r\n$1\r\nc\r\n$1\r\na\r\n');
    expect(await run('EXISTS', 'l')).toBe(':0\r\n');
    expect(await run('HSET', 'h', 'name', 'Ana', 'age', '30')).toBe(':2\r\n');
    expect(await run('HSET', 'h', 'age', '31')).toBe(':0\r\n');
    expect(await run('HGET', 'h', 'age')).toBe('$2\r\n31\r\n');
    expect(await run('HGETALL', 'h')).toBe('*4\r\n$4\r\nname\r\n$3\r\nAna\r\n$3\r\nage\r\n$2\r\n31\r\n');
    expect(await run('HINCRBY', 'h', 'name', '1')).toBe('-ERR hash value is not an integer\r\n');
    expect(await run('HSET', 'h', 'x')).toBe("-ERR wrong number of arguments for 'hset' command\r\n");
    expect(await run('SADD', 's', '10', '2', '2', '33')).toBe(':3\r\n');
    expect(await run('SMEMBERS', 's')).toBe('*3\r\n$1\r\n2\r\n$2\r\n10\r\n$2\r\n33\r\n');
    expect(await run('GET', 'h')).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
    expect(await run('LPUSH', 's', 'x')).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
  });

  it('connection commands and unknown ones', async () => {
    const { run, client } = fakeServer();
    expect(await run('PING')).toBe('+PONG\r\n');
    expect(await run('PING', 'hi')).toBe('$2\r\nhi\r\n');
    expect(await run('ECHO', 'x')).toBe('$1\r\nx\r\n');
    expect(await run('SELECT', '3')).toBe('+OK\r\n');
    expect(client.db).toBe(3);
    expect(await run('SELECT', '16')).toBe('-ERR DB index is out of range\r\n');
    expect(await run('AUTH', 'x')).toBe('-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n');
    expect(await run('CLIENT', 'SETNAME', 'my app')).toBe('-ERR Client names cannot contain spaces, newlines or special characters.\r\n');
    expect(await run('CONFIG')).toBe("-ERR wrong number of arguments for 'config' command\r\n");
    expect(await run('CONFIG', 'GET')).toBe("-ERR wrong number of arguments for 'config|get' command\r\n");
    expect(await run('FOO')).toBe("-ERR unknown command 'FOO', with args beginning with: \r\n");
    expect(unknownCommand(['foo', 'a', 'b c'])).toBe("ERR unknown command 'foo', with args beginning with: 'a' 'b c' ");
    expect(await run('QUIT')).toBe('+OK\r\n');
    expect(client.closeAfterReply).toBe(true);
  });

  it('INFO sections are CRLF lines under # headers; an unknown section is empty', () => {
    const { keyspace } = fakeServer();
    keyspace.set(0, 'k', { kind: 'string', s: 'v' }, 1_800_000_000_000);
    const base = { keyspace } as unknown as Parameters<typeof infoText>[0];
    expect(infoText(base, ['keyspace'])).toBe('# Keyspace\r\ndb0:keys=1,expires=1,avg_ttl=0,subexpiry=0\r\n');
    expect(infoText(base, ['nope'])).toBe('');
  });
});

describe('persistence formats', () => {
  it('the snapshot says it is not RDB, and loads back what was saved (expired keys skipped)', () => {
    const clock = { t: 1_700_000_000_000 };
    const a = new Keyspace(() => clock.t);
    a.set(0, 'bin', { kind: 'string', s: '\x00\xff\r\n' });
    a.set(1, 'l', { kind: 'list', items: ['x', 'y'] });
    a.set(0, 'h', { kind: 'hash', map: new Map([['f', 'v']]) });
    a.set(0, 'gone', { kind: 'string', s: 'v' }, clock.t + 10);
    const text = dumpText(a, { 'redis-ver': '7.4.2', 'redis-bits': 64, ctime: 0, 'used-mem': 0, 'aof-base': 0 });
    expect(text.split('\n').slice(0, 2)).toEqual(['REDIS-PLAYGROUND-DUMP 1', "# Not an RDB file: the Docker playground's redis-server writes its dataset as one JSON record per key."]);
    clock.t += 100;
    const b = new Keyspace(() => clock.t);
    expect(loadDump(b, text)).toMatchObject({ loaded: 3, expired: 1 });
    expect(b.lookup(0, 'bin')?.v).toEqual({ kind: 'string', s: '\x00\xff\r\n' });
    expect(b.lookup(1, 'l')?.v).toEqual({ kind: 'list', items: ['x', 'y'] });
    expect(() => loadDump(b, 'REDIS0011...')).toThrow('Wrong signature trying to load DB from file');
  });

  it('the AOF records changes as RESP with a SELECT when the database changes; manifests parse', () => {
    const w = new AofWriter();
    expect(w.record(0, ['SET', 'a', '1']) + w.record(0, ['INCR', 'a']) + w.record(2, ['DEL', 'b']))
      .toBe('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*2\r\n$3\r\nDEL\r\n$1\r\nb\r\n');
    expect(parseManifest('file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n')).toEqual({ base: 'appendonly.aof.1.base.rdb', incr: ['appendonly.aof.1.incr.aof'] });
    expect(parseManifest('garbage')).toBeNull();
  });
});

describe('configuration', () => {
  it('options become lines after the file\'s; a bad one is reported as redis does', () => {
    expect(parseConfig(configText('', ['--appendonly', 'yes', '--save', '']))).toMatchObject({ appendonly: true, save: [] });
    expect(parseConfig(configText('save 60 1\nsave 300 10\n', []))).toMatchObject({ save: [[60, 1], [300, 10]] });
    expect(defaultConfig().save).toEqual([[3600, 1], [300, 100], [60, 10000]]);
    const err = (() => { try { parseConfig(configText('', ['--port', 'abc'])); } catch (e) { return e as ConfigError; } })()!;
    expect(fatalReport(err)).toBe("\n*** FATAL CONFIG FILE ERROR (Redis 7.4.2) ***\nReading the configuration file, at line 2\n>>> 'port \"abc\"'\nargument couldn't be parsed into an integer\n");
  });
});

describe('redis-cli output', () => {
  const arr = (...items: Reply[]): Reply => ({ type: 'array', items });
  const s = (str: string): Reply => ({ type: 'string', str });
  it('at a terminal: quoted strings, (integer), (nil), numbered and nested lists, (empty array)', () => {
    expect(formatTty({ type: 'status', str: 'OK' })).toBe('OK\n');
    expect(formatTty({ type: 'integer', int: '1' })).toBe('(integer) 1\n');
    expect(formatTty({ type: 'nil' })).toBe('(nil)\n');
    expect(formatTty({ type: 'error', str: 'ERR x' })).toBe('(error) ERR x\n');
    expect(formatTty(s('a "b"\n\xc3\xa9'))).toBe('"a \\"b\\"\\n\\xc3\\xa9"\n');
    expect(formatTty(arr())).toBe('(empty array)\n');
    expect(formatTty(arr(...'abcdefghij'.split('').map(s)))).toBe(' 1) "a"\n 2) "b"\n 3) "c"\n 4) "d"\n 5) "e"\n 6) "f"\n 7) "g"\n 8) "h"\n 9) "i"\n10) "j"\n');
    expect(formatTty(arr(s('x'), arr(s('y'), { type: 'integer', int: '2' })))).toBe('1) "x"\n2) 1) "y"\n   2) (integer) 2\n');
    expect(repr('\x01')).toBe('"\\x01"');
  });

  it('piped: bare values, one per line, nil as an empty line', () => {
    expect(formatRaw(arr(s('a'), { type: 'nil' }, { type: 'integer', int: '3' }))).toBe('a\n\n3');
    expect(formatRaw({ type: 'error', str: 'ERR x' })).toBe('ERR x\n');
  });
});

describe('glob', () => {
  it.each([
    ['h?llo', 'hello', true], ['h*llo', 'heeeello', true], ['h[ae]llo', 'hallo', true], ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true], ['user:\\*', 'user:*', true], ['user:\\*', 'user:1', false], ['*', '', true],
  ])('%s ~ %s', (p, str, want) => {
    expect(globMatch(p as string, str as string)).toBe(want);
  });
});
