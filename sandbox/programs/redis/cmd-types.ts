// The list, hash and set commands: LPUSH/RPUSH/LPOP/RPOP/LRANGE/LLEN/
// LINDEX/LTRIM/LSET/LREM, HSET/HGET/HGETALL/HDEL/HINCRBY…, SADD/SREM/
// SMEMBERS/SISMEMBER/SCARD. A list, hash or set left empty is deleted, as
// redis never keeps empty ones.
import { addInt64, intArg, parseInt64, range, ReplyError, typed, wrongArgs, type Call, type CommandSpec } from './call.ts';
import { ITEM_OVERHEAD } from './keyspace.ts';
import { bulk, bulks, error, integer, NIL, NIL_ARRAY, OK } from './resp.ts';

function push(c: Call, left: boolean, onlyIfExists: boolean): string {
  const [, key = '', ...items] = c.argv;
  const ks = c.server.keyspace;
  let e = typed(c, key, 'list');
  if (!e) {
    if (onlyIfExists) return integer(0);
    e = ks.set(c.client.db, key, { kind: 'list', items: [] }) as typeof e & object;
  }
  const list = e.v.items;
  if (left) list.unshift(...items.slice().reverse());
  else list.push(...items);
  ks.grow(e, items.reduce((n, i) => n + i.length + ITEM_OVERHEAD, 0));
  c.server.dirty += items.length;
  return integer(list.length);
}

function pop(c: Call, left: boolean): string {
  const [, key = '', countArg] = c.argv;
  if (c.argv.length > 3) return wrongArgs(c.argv[0]!.toLowerCase());
  let count: number | null = null;
  if (countArg !== undefined) {
    const n = intArg(countArg);
    if (n < 0n) return error('ERR value is out of range, must be positive');
    count = Number(n);
  }
  const e = typed(c, key, 'list');
  if (!e) return count === null ? NIL : NIL_ARRAY;
  const ks = c.server.keyspace;
  const list = e.v.items;
  const n = Math.min(count ?? 1, list.length);
  const taken = left ? list.splice(0, n) : list.splice(list.length - n, n).reverse();
  ks.grow(e, -taken.reduce((s, i) => s + i.length + ITEM_OVERHEAD, 0));
  ks.dropIfEmpty(c.client.db, key, e);
  c.server.dirty += taken.length;
  return count === null ? bulk(taken[0]) : bulks(taken);
}

function hashOf(c: Call, key: string, create: boolean) {
  const e = typed(c, key, 'hash');
  if (e || !create) return e;
  return c.server.keyspace.set(c.client.db, key, { kind: 'hash', map: new Map() }) as NonNullable<typeof e>;
}

function hset(c: Call, reply: 'count' | 'ok'): string {
  const [cmd = '', key = ''] = c.argv;
  if (c.argv.length % 2 !== 0) return wrongArgs(cmd.toLowerCase());
  const e = hashOf(c, key, true)!;
  const ks = c.server.keyspace;
  let added = 0;
  for (let i = 2; i < c.argv.length; i += 2) {
    const f = c.argv[i]!;
    const v = c.argv[i + 1]!;
    const old = e.v.map.get(f);
    if (old === undefined) { added++; ks.grow(e, f.length + v.length + 2 * ITEM_OVERHEAD); } else ks.grow(e, v.length - old.length);
    e.v.map.set(f, v);
  }
  c.server.dirty += (c.argv.length - 2) / 2;
  return reply === 'ok' ? OK : integer(added);
}

/** Members in the order SMEMBERS gives them: an all-integer small set is an intset, kept sorted. */
function members(set: Set<string>): string[] {
  const all = [...set];
  if (all.length <= 512 && all.every((m) => parseInt64(m) !== null)) return all.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return all;
}

export const TYPE_COMMANDS: CommandSpec[] = [
  { name: 'lpush', arity: -3, write: true, run: (c) => push(c, true, false) },
  { name: 'rpush', arity: -3, write: true, run: (c) => push(c, false, false) },
  { name: 'lpushx', arity: -3, write: true, run: (c) => push(c, true, true) },
  { name: 'rpushx', arity: -3, write: true, run: (c) => push(c, false, true) },
  { name: 'lpop', arity: -2, write: true, run: (c) => pop(c, true) },
  { name: 'rpop', arity: -2, write: true, run: (c) => pop(c, false) },
  { name: 'llen', arity: 2, run: (c) => integer(typed(c, c.argv[1]!, 'list')?.v.items.length ?? 0) },
  { name: 'lrange', arity: 4, run: (c) => {
    const start = intArg(c.argv[2]!);
    const stop = intArg(c.argv[3]!);
    const list = typed(c, c.argv[1]!, 'list')?.v.items ?? [];
    const r = range(list.length, start, stop);
    return bulks(r ? list.slice(r[0], r[1] + 1) : []);
  } },
  { name: 'lindex', arity: 3, run: (c) => {
    const i = intArg(c.argv[2]!);
    const list = typed(c, c.argv[1]!, 'list')?.v.items ?? [];
    const at = Number(i < 0n ? BigInt(list.length) + i : i);
    return bulk(list[at]);
  } },
  { name: 'ltrim', arity: 4, write: true, run: (c) => {
    const start = intArg(c.argv[2]!);
    const stop = intArg(c.argv[3]!);
    const e = typed(c, c.argv[1]!, 'list');
    if (!e) return OK;
    const list = e.v.items;
    const r = range(list.length, start, stop);
    const kept = r ? list.slice(r[0], r[1] + 1) : [];
    const removed = list.length - kept.length;
    const freed = list.reduce((n, i) => n + i.length + ITEM_OVERHEAD, 0) - kept.reduce((n, i) => n + i.length + ITEM_OVERHEAD, 0);
    e.v.items = kept;
    c.server.keyspace.grow(e, -freed);
    c.server.keyspace.dropIfEmpty(c.client.db, c.argv[1]!, e);
    c.server.dirty += removed;
    return OK;
  } },
  { name: 'lset', arity: 4, write: true, run: (c) => {
    const i = intArg(c.argv[2]!);
    const e = typed(c, c.argv[1]!, 'list');
    if (!e) return error('ERR no such key');
    const list = e.v.items;
    const at = Number(i < 0n ? BigInt(list.length) + i : i);
    if (at < 0 || at >= list.length) return error('ERR index out of range');
    c.server.keyspace.grow(e, c.argv[3]!.length - list[at]!.length);
    list[at] = c.argv[3]!;
    c.server.dirty++;
    return OK;
  } },
  { name: 'lrem', arity: 4, write: true, run: (c) => {
    const count = intArg(c.argv[2]!);
    const el = c.argv[3]!;
    const e = typed(c, c.argv[1]!, 'list');
    if (!e) return integer(0);
    const list = e.v.items;
    const limit = count === 0n ? Infinity : Number(count < 0n ? -count : count);
    let removed = 0;
    if (count >= 0n) { for (let i = 0; i < list.length && removed < limit;) { if (list[i] === el) { list.splice(i, 1); removed++; } else i++; } }
    else { for (let i = list.length - 1; i >= 0 && removed < limit; i--) if (list[i] === el) { list.splice(i, 1); removed++; } }
    c.server.keyspace.grow(e, -removed * (el.length + ITEM_OVERHEAD));
    c.server.keyspace.dropIfEmpty(c.client.db, c.argv[1]!, e);
    c.server.dirty += removed;
    return integer(removed);
  } },
  { name: 'hset', arity: -4, write: true, run: (c) => hset(c, 'count') },
  { name: 'hmset', arity: -4, write: true, run: (c) => hset(c, 'ok') },
  { name: 'hsetnx', arity: 4, write: true, run: (c) => {
    const [, key = '', f = '', v = ''] = c.argv;
    const e = hashOf(c, key, true)!;
    if (e.v.map.has(f)) return integer(0);
    e.v.map.set(f, v);
    c.server.keyspace.grow(e, f.length + v.length + 2 * ITEM_OVERHEAD);
    c.server.dirty++;
    return integer(1);
  } },
  { name: 'hget', arity: 3, run: (c) => bulk(hashOf(c, c.argv[1]!, false)?.v.map.get(c.argv[2]!)) },
  { name: 'hmget', arity: -3, run: (c) => {
    const map = hashOf(c, c.argv[1]!, false)?.v.map;
    return bulks(c.argv.slice(2).map((f) => map?.get(f)));
  } },
  { name: 'hgetall', arity: 2, run: (c) => bulks([...(hashOf(c, c.argv[1]!, false)?.v.map ?? new Map<string, string>())].flat()) },
  { name: 'hkeys', arity: 2, run: (c) => bulks([...(hashOf(c, c.argv[1]!, false)?.v.map.keys() ?? [])]) },
  { name: 'hvals', arity: 2, run: (c) => bulks([...(hashOf(c, c.argv[1]!, false)?.v.map.values() ?? [])]) },
  { name: 'hlen', arity: 2, run: (c) => integer(hashOf(c, c.argv[1]!, false)?.v.map.size ?? 0) },
  { name: 'hexists', arity: 3, run: (c) => integer(hashOf(c, c.argv[1]!, false)?.v.map.has(c.argv[2]!) ? 1 : 0) },
  { name: 'hdel', arity: -3, write: true, run: (c) => {
    const e = hashOf(c, c.argv[1]!, false);
    if (!e) return integer(0);
    let n = 0;
    for (const f of c.argv.slice(2)) {
      const v = e.v.map.get(f);
      if (v === undefined) continue;
      e.v.map.delete(f);
      c.server.keyspace.grow(e, -(f.length + v.length + 2 * ITEM_OVERHEAD));
      n++;
    }
    c.server.keyspace.dropIfEmpty(c.client.db, c.argv[1]!, e);
    c.server.dirty += n;
    return integer(n);
  } },
  { name: 'hincrby', arity: 4, write: true, run: (c) => {
    const [, key = '', f = '', byArg = ''] = c.argv;
    const by = intArg(byArg);
    const e = hashOf(c, key, true)!;
    const old = e.v.map.get(f);
    const cur = old === undefined ? 0n : parseInt64(old);
    if (cur === null) throw new ReplyError(error('ERR hash value is not an integer'));
    const r = addInt64(cur, by);
    if (r === null) return error('ERR increment or decrement would overflow');
    const s = String(r);
    c.server.keyspace.grow(e, old === undefined ? f.length + s.length + 2 * ITEM_OVERHEAD : s.length - old.length);
    e.v.map.set(f, s);
    c.server.dirty++;
    return integer(r);
  } },
  { name: 'sadd', arity: -3, write: true, run: (c) => {
    const [, key = '', ...ms] = c.argv;
    let e = typed(c, key, 'set');
    if (!e) e = c.server.keyspace.set(c.client.db, key, { kind: 'set', set: new Set() }) as NonNullable<typeof e>;
    let n = 0;
    for (const m of ms) if (!e.v.set.has(m)) { e.v.set.add(m); c.server.keyspace.grow(e, m.length + ITEM_OVERHEAD); n++; }
    c.server.dirty += n;
    return integer(n);
  } },
  { name: 'srem', arity: -3, write: true, run: (c) => {
    const [, key = '', ...ms] = c.argv;
    const e = typed(c, key, 'set');
    if (!e) return integer(0);
    let n = 0;
    for (const m of ms) if (e.v.set.delete(m)) { c.server.keyspace.grow(e, -(m.length + ITEM_OVERHEAD)); n++; }
    c.server.keyspace.dropIfEmpty(c.client.db, key, e);
    c.server.dirty += n;
    return integer(n);
  } },
  { name: 'smembers', arity: 2, run: (c) => bulks(members(typed(c, c.argv[1]!, 'set')?.v.set ?? new Set())) },
  { name: 'sismember', arity: 3, run: (c) => integer(typed(c, c.argv[1]!, 'set')?.v.set.has(c.argv[2]!) ? 1 : 0) },
  { name: 'scard', arity: 2, run: (c) => integer(typed(c, c.argv[1]!, 'set')?.v.set.size ?? 0) },
];
