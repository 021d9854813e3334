// Loading the dataset at start, as redis 7's loadDataFromDisk: with
// appendonly on, the AOF (manifest, base, incr files replayed) — or, when
// there is none yet, a fresh base and incr file (an existing dump.rdb is
// NOT read then, as in redis); with it off, the snapshot file if any.
import { normalizePath } from '../../fs/path.ts';
import type { ClientState } from './call.ts';
import { runCommand } from './commands.ts';
import { exists, mkdirAs, readBytesIfExists, readIfExists, reason, writeAs } from './disk.ts';
import { aofNames, DumpError, dumpText, loadDump, manifestText, parseManifest } from './persist.ts';
import { ProtocolError, RequestReader } from './resp.ts';
import type { RedisServer } from './server.ts';
import { REDIS_VERSION } from './version.ts';

type Log = (level: 'notice' | 'warning', msg: string) => Promise<void>;

export interface LoadResult { keys: number; expired: number; aofIncr: string | null }

const secs = (ms: number): string => (ms / 1000).toFixed(3);

/** Replays an incr file's commands; false when it is not valid RESP. */
async function replay(s: RedisServer, bytes: Uint8Array, log: Log, file: string): Promise<boolean> {
  const client: ClientState = { id: 0, addr: '', laddr: '', db: 0, name: '', authed: true, since: 0, lastCommand: '', closeAfterReply: false };
  const reader = new RequestReader();
  reader.feed(bytes);
  const ctx = { server: s, client, needsAuth: false, propagate: () => {} };
  for (;;) {
    let argv: string[] | null;
    try { argv = reader.next(); } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      await log('warning', `Bad file format reading the append only file ${file}: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>`);
      return false;
    }
    if (!argv) break;
    await runCommand(ctx, argv);
  }
  if (reader.buffered > 0) {
    await log('warning', `!!! Warning: short read while loading the AOF file ${file}!!!`);
    await log('warning', 'AOF loaded anyway because aof-load-truncated is enabled');
  }
  return true;
}

async function loadAof(s: RedisServer, log: Log): Promise<LoadResult | null> {
  const p = s.p;
  const dir = normalizePath(s.conf.appenddirname, p.cwd);
  const names = aofNames(s.conf.appendfilename);
  const manifest = readIfExists(p, `${dir}/${names.manifest}`);
  let keys = 0;
  let expired = 0;
  let incr = names.incr;
  if (manifest !== null) {
    const m = parseManifest(manifest);
    if (!m) { await log('warning', `Invalid AOF manifest file format`); return null; }
    const started = p.now();
    if (m.base) {
      const t = p.now();
      try {
        const r = loadDump(s.keyspace, readIfExists(p, `${dir}/${m.base}`) ?? '');
        keys += r.loaded;
        expired += r.expired;
      } catch (e) {
        await log('warning', e instanceof DumpError ? e.message : `Error reading the base AOF file: ${reason(e)}`);
        return null;
      }
      await log('notice', `DB loaded from base file ${m.base}: ${secs(p.now() - t)} seconds`);
    }
    for (const f of m.incr) {
      const t = p.now();
      if (!(await replay(s, readBytesIfExists(p, `${dir}/${f}`) ?? new Uint8Array(0), log, f))) return null;
      await log('notice', `DB loaded from incr file ${f}: ${secs(p.now() - t)} seconds`);
      incr = f;
    }
    s.dirty = 0;
    await log('notice', `DB loaded from append only file: ${secs(p.now() - started)} seconds`);
    await log('notice', `Opening AOF incr file ${incr} on server start`);
    keys = s.keyspace.dbs.reduce((n, d) => n + d.size, 0);
  } else {
    try {
      if (!exists(p, dir)) mkdirAs(p, dir);
      await log('notice', `Creating AOF base file ${names.base} on server start`);
      await writeAs(p, `${dir}/${names.base}`, dumpText(s.keyspace, { 'redis-ver': REDIS_VERSION, 'redis-bits': 64, ctime: Math.floor(s.now() / 1000), 'used-mem': 0, 'aof-base': 1 }));
      await log('notice', `Creating AOF incr file ${names.incr} on server start`);
      await writeAs(p, `${dir}/${names.incr}`, '');
      await writeAs(p, `${dir}/${names.manifest}`, manifestText(names));
    } catch (e) {
      await log('warning', `Can't open the append-only file ${names.incr}: ${reason(e)}`);
      return null;
    }
  }
  return { keys, expired, aofIncr: `${dir}/${incr}` };
}

async function loadRdb(s: RedisServer, log: Log): Promise<LoadResult | null> {
  const p = s.p;
  let text: string | null;
  try {
    text = readIfExists(p, s.conf.dbfilename);
  } catch (e) {
    await log('warning', `Fatal error loading the DB: ${reason(e)}. Exiting.`);
    return null;
  }
  if (text === null) return { keys: 0, expired: 0, aofIncr: null };
  const t = p.now();
  try {
    const head = loadDumpHead(text);
    if (head) {
      await log('notice', `Loading RDB produced by version ${head['redis-ver']}`);
      await log('notice', `RDB age ${Math.max(0, Math.floor(s.now() / 1000) - head.ctime)} seconds`);
      await log('notice', `RDB memory usage when created ${(head['used-mem'] / 1024 / 1024).toFixed(2)} Mb`);
    }
    const r = loadDump(s.keyspace, text);
    await log('notice', `Done loading RDB, keys loaded: ${r.loaded}, keys expired: ${r.expired}.`);
    await log('notice', `DB loaded from disk: ${secs(p.now() - t)} seconds`);
    return { keys: r.loaded, expired: r.expired, aofIncr: null };
  } catch (e) {
    if (!(e instanceof DumpError)) throw e;
    await log('warning', e.message);
    await log('warning', 'Fatal error loading the DB, check server logs. Exiting.');
    return null;
  }
}

function loadDumpHead(text: string): { 'redis-ver': string; ctime: number; 'used-mem': number } | null {
  const lines = text.split('\n', 3);
  try { return JSON.parse(lines[2] ?? '') as { 'redis-ver': string; ctime: number; 'used-mem': number }; } catch { return null; }
}

/** Loads what the configuration says to; null when the server must exit (a fatal load error, logged). */
export function loadData(s: RedisServer, log: Log): Promise<LoadResult | null> {
  return s.conf.appendonly ? loadAof(s, log) : loadRdb(s, log);
}
