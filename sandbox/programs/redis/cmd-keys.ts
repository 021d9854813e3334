// The generic key commands (DEL, EXISTS, KEYS, TYPE, EXPIRE/TTL, RENAME,
// DBSIZE, FLUSHALL) and the string commands (GET, SET and its options,
// MGET/MSET, INCR/DECR, APPEND, STRLEN), with redis 7's replies and errors.
import { addInt64, intArg, NOT_INTEGER, parseInt64, ReplyError, SYNTAX, typed, type Call, type CommandSpec } from './call.ts';
import { globMatch, TYPE_NAME } from './keyspace.ts';
import { bulk, bulks, error, integer, NIL, OK, status } from './resp.ts';

const MAX_MS = 2n ** 62n; // well inside what redis accepts as an absolute expiry

/** An expiry argument turned into absolute unix ms; the reply error redis gives when it is not usable. */
function expiryAt(c: Call, unit: 'EX' | 'PX' | 'EXAT' | 'PXAT', arg: string, cmd: string): number {
  const n = intArg(arg);
  if (n <= 0n) throw new ReplyError(error(`ERR invalid expire time in '${cmd}' command`));
  const ms = unit === 'EX' || unit === 'EXAT' ? n * 1000n : n;
  const abs = unit === 'EX' || unit === 'PX' ? ms + BigInt(c.server.now()) : ms;
  if (ms > MAX_MS || abs > MAX_MS) throw new ReplyError(error(`ERR invalid expire time in '${cmd}' command`));
  return Number(abs);
}

function stringAt(c: Call, key: string): string | null {
  return typed(c, key, 'string')?.v.s ?? null;
}

// SET key value [NX | XX] [GET] [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
function set(c: Call): string {
  const [, key = '', value = ''] = c.argv;
  let nx = false; let xx = false; let get = false; let keepTtl = false;
  let expireAt: number | null = null;
  let unit: string | null = null;
  for (let i = 3; i < c.argv.length; i++) {
    const o = c.argv[i]!.toUpperCase();
    if (o === 'NX' && !xx) nx = true;
    else if (o === 'XX' && !nx) xx = true;
    else if (o === 'GET') get = true;
    else if (o === 'KEEPTTL' && unit === null) { keepTtl = true; unit = o; }
    else if ((o === 'EX' || o === 'PX' || o === 'EXAT' || o === 'PXAT') && unit === null && !keepTtl && i + 1 < c.argv.length) {
      unit = o;
      expireAt = expiryAt(c, o, c.argv[++i]!, 'set');
    } else throw new ReplyError(SYNTAX);
  }
  const ks = c.server.keyspace;
  const db = c.client.db;
  const old = get ? stringAt(c, key) : null;
  const exists = ks.lookup(db, key) !== undefined;
  if ((nx && exists) || (xx && !exists)) return get ? bulk(old) : NIL;
  const ttl = keepTtl ? ks.lookup(db, key)?.expireAt ?? null : expireAt;
  ks.set(db, key, { kind: 'string', s: value }, ttl);
  c.server.dirty++;
  c.propagate(expireAt !== null ? ['SET', key, value, 'PXAT', String(expireAt)] : keepTtl ? ['SET', key, value, 'KEEPTTL'] : ['SET', key, value]);
  return get ? bulk(old) : OK;
}

function setWithTtl(c: Call, unit: 'EX' | 'PX'): string {
  const [cmd = '', key = '', ttl = '', value = ''] = c.argv;
  const at = expiryAt(c, unit, ttl, cmd.toLowerCase());
  c.server.keyspace.set(c.client.db, key, { kind: 'string', s: value }, at);
  c.server.dirty++;
  c.propagate(['SET', key, value, 'PXAT', String(at)]);
  return OK;
}

function incrBy(c: Call, key: string, by: bigint): string {
  const ks = c.server.keyspace;
  const e = typed(c, key, 'string');
  let n = 0n;
  if (e) {
    const cur = parseInt64(e.v.s);
    if (cur === null) return NOT_INTEGER;
    n = cur;
  }
  const r = addInt64(n, by);
  if (r === null) return error('ERR increment or decrement would overflow');
  const s = String(r);
  if (e) { ks.grow(e, s.length - e.v.s.length); e.v.s = s; } else ks.set(c.client.db, key, { kind: 'string', s });
  c.server.dirty++;
  return integer(r);
}

type ExpireCmd = 'expire' | 'pexpire' | 'expireat' | 'pexpireat';

// EXPIRE key seconds [NX | XX | GT | LT] (and PEXPIRE, EXPIREAT, PEXPIREAT)
function expire(c: Call, cmd: ExpireCmd): string {
  const [, key = '', when = ''] = c.argv;
  const flags = new Set<string>();
  for (const o of c.argv.slice(3)) {
    const u = o.toUpperCase();
    if (!['NX', 'XX', 'GT', 'LT'].includes(u)) return error(`ERR Unsupported option ${o}`);
    flags.add(u);
  }
  if (flags.has('NX') && (flags.has('XX') || flags.has('GT') || flags.has('LT'))) return error('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (flags.has('GT') && flags.has('LT')) return error('ERR GT and LT options at the same time are not compatible');
  const n = intArg(when);
  const ms = cmd === 'expire' || cmd === 'expireat' ? n * 1000n : n;
  const abs = cmd === 'expire' || cmd === 'pexpire' ? ms + BigInt(c.server.now()) : ms;
  if (ms > MAX_MS || ms < -MAX_MS || abs > MAX_MS) return error(`ERR invalid expire time in '${cmd}' command`);
  const ks = c.server.keyspace;
  const e = ks.lookup(c.client.db, key);
  if (!e) return integer(0);
  const at = Number(abs);
  const cur = e.expireAt;
  if (flags.has('NX') && cur !== null) return integer(0);
  if (flags.has('XX') && cur === null) return integer(0);
  if (flags.has('GT') && (cur === null || at <= cur)) return integer(0);
  if (flags.has('LT') && cur !== null && at >= cur) return integer(0);
  c.server.dirty++;
  if (at <= c.server.now()) {
    ks.remove(c.client.db, key);
    c.propagate(['DEL', key]);
    return integer(1);
  }
  e.expireAt = at;
  c.propagate(['PEXPIREAT', key, String(at)]);
  return integer(1);
}

function ttl(c: Call, ms: boolean): string {
  const e = c.server.keyspace.lookup(c.client.db, c.argv[1]!);
  if (!e) return integer(-2);
  if (e.expireAt === null) return integer(-1);
  const left = Math.max(0, e.expireAt - c.server.now());
  return integer(ms ? left : Math.floor((left + 500) / 1000));
}

function rename(c: Call, nx: boolean): string {
  const [, from = '', to = ''] = c.argv;
  const ks = c.server.keyspace;
  const e = ks.lookup(c.client.db, from);
  if (!e) return error('ERR no such key');
  if (nx && ks.lookup(c.client.db, to)) return integer(0);
  if (from !== to) {
    ks.remove(c.client.db, from);
    ks.set(c.client.db, to, e.v, e.expireAt);
  }
  c.server.dirty++;
  return nx ? integer(1) : OK;
}

function flush(c: Call, all: boolean): string {
  const mode = c.argv[1]?.toUpperCase();
  if (c.argv.length > 2 || (mode !== undefined && mode !== 'ASYNC' && mode !== 'SYNC')) return SYNTAX;
  const ks = c.server.keyspace;
  const before = all ? ks.dbs.reduce((n, d) => n + d.size, 0) : ks.dbs[c.client.db]!.size;
  ks.flush(all ? undefined : c.client.db);
  c.server.dirty += before + 1;
  return OK;
}

export const KEY_COMMANDS: CommandSpec[] = [
  { name: 'get', arity: 2, run: (c) => bulk(stringAt(c, c.argv[1]!)) },
  { name: 'set', arity: -3, write: true, run: set },
  { name: 'setnx', arity: 3, write: true, run: (c) => {
    const [, key = '', value = ''] = c.argv;
    if (c.server.keyspace.lookup(c.client.db, key)) return integer(0);
    c.server.keyspace.set(c.client.db, key, { kind: 'string', s: value });
    c.server.dirty++;
    return integer(1);
  } },
  { name: 'setex', arity: 4, write: true, run: (c) => setWithTtl(c, 'EX') },
  { name: 'psetex', arity: 4, write: true, run: (c) => setWithTtl(c, 'PX') },
  { name: 'getset', arity: 3, write: true, run: (c) => {
    const [, key = '', value = ''] = c.argv;
    const old = stringAt(c, key);
    c.server.keyspace.set(c.client.db, key, { kind: 'string', s: value });
    c.server.dirty++;
    return bulk(old);
  } },
  { name: 'getdel', arity: 2, write: true, run: (c) => {
    const old = stringAt(c, c.argv[1]!);
    if (old !== null) { c.server.keyspace.remove(c.client.db, c.argv[1]!); c.server.dirty++; }
    return bulk(old);
  } },
  { name: 'mget', arity: -2, run: (c) => bulks(c.argv.slice(1).map((k) => {
    const e = c.server.keyspace.lookup(c.client.db, k);
    return e?.v.kind === 'string' ? e.v.s : null;
  })) },
  { name: 'mset', arity: -3, write: true, run: (c) => {
    if (c.argv.length % 2 === 0) return error("ERR wrong number of arguments for 'mset' command");
    for (let i = 1; i < c.argv.length; i += 2) c.server.keyspace.set(c.client.db, c.argv[i]!, { kind: 'string', s: c.argv[i + 1]! });
    c.server.dirty += (c.argv.length - 1) / 2;
    return OK;
  } },
  { name: 'msetnx', arity: -3, write: true, run: (c) => {
    if (c.argv.length % 2 === 0) return error("ERR wrong number of arguments for 'msetnx' command");
    for (let i = 1; i < c.argv.length; i += 2) if (c.server.keyspace.lookup(c.client.db, c.argv[i]!)) return integer(0);
    for (let i = 1; i < c.argv.length; i += 2) c.server.keyspace.set(c.client.db, c.argv[i]!, { kind: 'string', s: c.argv[i + 1]! });
    c.server.dirty += (c.argv.length - 1) / 2;
    return integer(1);
  } },
  { name: 'incr', arity: 2, write: true, run: (c) => incrBy(c, c.argv[1]!, 1n) },
  { name: 'decr', arity: 2, write: true, run: (c) => incrBy(c, c.argv[1]!, -1n) },
  { name: 'incrby', arity: 3, write: true, run: (c) => incrBy(c, c.argv[1]!, intArg(c.argv[2]!)) },
  { name: 'decrby', arity: 3, write: true, run: (c) => {
    const by = intArg(c.argv[2]!);
    if (by === -(2n ** 63n)) return error('ERR decrement would overflow');
    return incrBy(c, c.argv[1]!, -by);
  } },
  { name: 'append', arity: 3, write: true, run: (c) => {
    const [, key = '', more = ''] = c.argv;
    const e = typed(c, key, 'string');
    if (!e) { c.server.keyspace.set(c.client.db, key, { kind: 'string', s: more }); c.server.dirty++; return integer(more.length); }
    e.v.s += more;
    c.server.keyspace.grow(e, more.length);
    c.server.dirty++;
    return integer(e.v.s.length);
  } },
  { name: 'strlen', arity: 2, run: (c) => integer(stringAt(c, c.argv[1]!)?.length ?? 0) },
  { name: 'del', arity: -2, write: true, run: (c) => {
    let n = 0;
    for (const k of c.argv.slice(1)) if (c.server.keyspace.lookup(c.client.db, k) && c.server.keyspace.remove(c.client.db, k)) n++;
    c.server.dirty += n;
    return integer(n);
  } },
  { name: 'unlink', arity: -2, write: true, run: (c) => {
    let n = 0;
    for (const k of c.argv.slice(1)) if (c.server.keyspace.lookup(c.client.db, k) && c.server.keyspace.remove(c.client.db, k)) n++;
    c.server.dirty += n;
    return integer(n);
  } },
  { name: 'exists', arity: -2, run: (c) => integer(c.argv.slice(1).filter((k) => c.server.keyspace.lookup(c.client.db, k)).length) },
  { name: 'type', arity: 2, run: (c) => {
    const e = c.server.keyspace.lookup(c.client.db, c.argv[1]!);
    return status(e ? TYPE_NAME[e.v.kind] : 'none');
  } },
  { name: 'keys', arity: 2, run: (c) => {
    const pattern = c.argv[1]!;
    return bulks(c.server.keyspace.keys(c.client.db).filter((k) => pattern === '*' || globMatch(pattern, k)));
  } },
  { name: 'expire', arity: -3, write: true, run: (c) => expire(c, 'expire') },
  { name: 'pexpire', arity: -3, write: true, run: (c) => expire(c, 'pexpire') },
  { name: 'expireat', arity: -3, write: true, run: (c) => expire(c, 'expireat') },
  { name: 'pexpireat', arity: -3, write: true, run: (c) => expire(c, 'pexpireat') },
  { name: 'ttl', arity: 2, run: (c) => ttl(c, false) },
  { name: 'pttl', arity: 2, run: (c) => ttl(c, true) },
  { name: 'persist', arity: 2, write: true, run: (c) => {
    const e = c.server.keyspace.lookup(c.client.db, c.argv[1]!);
    if (!e || e.expireAt === null) return integer(0);
    e.expireAt = null;
    c.server.dirty++;
    return integer(1);
  } },
  { name: 'rename', arity: 3, write: true, run: (c) => rename(c, false) },
  { name: 'renamenx', arity: 3, write: true, run: (c) => rename(c, true) },
  { name: 'dbsize', arity: 1, run: (c) => integer(c.server.keyspace.dbs[c.client.db]!.size) },
  { name: 'flushall', arity: -1, write: true, run: (c) => flush(c, true) },
  { name: 'flushdb', arity: -1, write: true, run: (c) => flush(c, false) },
  { name: 'randomkey', arity: 1, run: (c) => {
    const keys = c.server.keyspace.keys(c.client.db);
    return bulk(keys.length ? keys[Math.floor(Math.random() * keys.length)]! : null);
  } },
];
