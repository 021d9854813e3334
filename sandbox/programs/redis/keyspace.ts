// redis-server's dataset: 16 numbered databases of keys, each holding a
// string, a list, a hash or a set, with an optional expiry (absolute unix
// milliseconds, as redis keeps them). Expired keys vanish when touched
// (lazy expiry) and when the server's cron samples them (active expiry).
// Every change goes through here so the memory the dataset takes is
// counted as it changes: INFO reports it and the server charges it to the
// container's cgroup.

export type Value =
  | { kind: 'string'; s: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'hash'; map: Map<string, string> }
  | { kind: 'set'; set: Set<string> };

export interface Entry {
  v: Value;
  /** Unix ms when the key expires, or null. */
  expireAt: number | null;
  /** Bytes counted for this key (key, value and redis's per-key overhead). */
  size: number;
}

export const DATABASES = 16;

/** Per-key overhead (dictEntry, robj, sds headers) and per-element overheads, roughly redis's. */
const KEY_OVERHEAD = 56;
export const STRING_OVERHEAD = 16;
export const ITEM_OVERHEAD = 11;

export function valueSize(v: Value): number {
  switch (v.kind) {
    case 'string': return v.s.length + STRING_OVERHEAD;
    case 'list': { let n = 24; for (const i of v.items) n += i.length + ITEM_OVERHEAD; return n; }
    case 'hash': { let n = 24; for (const [f, x] of v.map) n += f.length + x.length + 2 * ITEM_OVERHEAD; return n; }
    case 'set': { let n = 24; for (const m of v.set) n += m.length + ITEM_OVERHEAD; return n; }
  }
}

/** redis's `TYPE` names. */
export const TYPE_NAME: Record<Value['kind'], string> = { string: 'string', list: 'list', hash: 'hash', set: 'set' };

export class Keyspace {
  readonly dbs: Array<Map<string, Entry>> = Array.from({ length: DATABASES }, () => new Map());
  /** Bytes the dataset takes (sum of the entries' sizes). */
  used = 0;
  /** Keys removed because their time was up (INFO's expired_keys). */
  expiredKeys = 0;
  /** Read lookups that found a key or not (INFO's keyspace_hits/misses), counted while `countReads`. */
  hits = 0;
  misses = 0;
  countReads = false;
  /** Told of each key that expired (the AOF logs a DEL for it). */
  onExpire: ((db: number, key: string) => void) | null = null;

  constructor(readonly now: () => number) {}

  /** The live entry at `key` (an expired one is deleted on the way), or undefined. */
  lookup(db: number, key: string): Entry | undefined {
    const e = this.dbs[db]!.get(key);
    if (e && e.expireAt !== null && e.expireAt <= this.now()) {
      this.remove(db, key);
      this.expiredKeys++;
      this.onExpire?.(db, key);
      if (this.countReads) this.misses++;
      return undefined;
    }
    if (this.countReads) { if (e) this.hits++; else this.misses++; }
    return e;
  }

  /** Sets `key` to `v` (replacing whatever was there), with an expiry or none. */
  set(db: number, key: string, v: Value, expireAt: number | null = null): Entry {
    this.remove(db, key);
    const e: Entry = { v, expireAt, size: KEY_OVERHEAD + key.length + valueSize(v) };
    this.dbs[db]!.set(key, e);
    this.used += e.size;
    return e;
  }

  /** Deletes `key`; true when it existed (expired or not). */
  remove(db: number, key: string): boolean {
    const e = this.dbs[db]!.get(key);
    if (!e) return false;
    this.used -= e.size;
    this.dbs[db]!.delete(key);
    return true;
  }

  /** Accounts a change of `delta` bytes inside an entry (a pushed item, a new field). */
  grow(e: Entry, delta: number): void {
    e.size += delta;
    this.used += delta;
  }

  /** Removes the entry when a list, hash or set has become empty (redis never keeps empty ones). */
  dropIfEmpty(db: number, key: string, e: Entry): void {
    const v = e.v;
    const empty = v.kind === 'list' ? v.items.length === 0 : v.kind === 'hash' ? v.map.size === 0 : v.kind === 'set' ? v.set.size === 0 : false;
    if (empty) this.remove(db, key);
  }

  /** Live keys of one database (expired ones are dropped as they are met). */
  keys(db: number): string[] {
    const out: string[] = [];
    for (const k of [...this.dbs[db]!.keys()]) if (this.lookup(db, k)) out.push(k);
    return out;
  }

  /** Keys with an expiry in one database. */
  expiresCount(db: number): number {
    let n = 0;
    for (const e of this.dbs[db]!.values()) if (e.expireAt !== null) n++;
    return n;
  }

  flush(db?: number): void {
    for (const i of db === undefined ? this.dbs.keys() : [db]) {
      for (const e of this.dbs[i]!.values()) this.used -= e.size;
      this.dbs[i]!.clear();
    }
  }

  /**
   * Active expiry, as redis's cron: in each database, look at up to `sample`
   * keys that have an expiry and delete the ones whose time is up.
   */
  expireSome(sample = 20): number {
    let removed = 0;
    const now = this.now();
    for (let db = 0; db < DATABASES; db++) {
      let seen = 0;
      for (const [k, e] of this.dbs[db]!) {
        if (e.expireAt === null) continue;
        if (++seen > sample) break;
        if (e.expireAt <= now) {
          this.remove(db, k);
          this.expiredKeys++;
          this.onExpire?.(db, k);
          removed++;
        }
      }
    }
    return removed;
  }
}

/** redis's glob matching (stringmatchlen): * ? [abc] [^a-z] and \ escapes. */
export function globMatch(pattern: string, s: string, nocase = false): boolean {
  const p = nocase ? pattern.toLowerCase() : pattern;
  const str = nocase ? s.toLowerCase() : s;
  // Iterative with one backtrack point for '*' (bounded: O(len(p) * len(s))).
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  const classMatch = (at: number, c: string): { ok: boolean; end: number } => {
    let i = at + 1;
    let negate = false;
    if (p[i] === '^') { negate = true; i++; }
    let ok = false;
    while (i < p.length && p[i] !== ']') {
      if (p[i] === '\\' && i + 1 < p.length) { i++; if (p[i] === c) ok = true; i++; continue; }
      if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
        let lo = p[i]!;
        let hi = p[i + 2]!;
        if (lo > hi) [lo, hi] = [hi, lo];
        if (c >= lo && c <= hi) ok = true;
        i += 3;
        continue;
      }
      if (p[i] === c) ok = true;
      i++;
    }
    return { ok: negate ? !ok : ok, end: i };
  };
  while (si < str.length) {
    const c = str[si]!;
    const pc = p[pi];
    if (pc === '*') { starP = pi++; starS = si; continue; }
    if (pc === '?') { pi++; si++; continue; }
    if (pc === '[') {
      const m = classMatch(pi, c);
      if (m.ok) { pi = m.end + 1; si++; continue; }
    } else if (pc === '\\' && pi + 1 < p.length) {
      if (p[pi + 1] === c) { pi += 2; si++; continue; }
    } else if (pc !== undefined && pc === c) {
      pi++; si++; continue;
    }
    if (starP < 0) return false;
    pi = starP + 1;
    si = ++starS;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
