// What redis-server keeps on disk. The snapshot (dump.rdb, what SAVE,
// BGSAVE and a shutdown write, and what the server loads at start) and the
// append-only file (appendonlydir/: a manifest, a base snapshot and the
// write commands since, in RESP, as redis 7's multi-part AOF).
//
// The snapshot is NOT redis's binary RDB format: it is a text file that
// says so on its first line, then one JSON record per key. A real redis
// cannot read it, and this server cannot read a real RDB file.
import { DATABASES, type Keyspace, type Value } from './keyspace.ts';
import { command } from './resp.ts';

export const DUMP_SIGNATURE = 'REDIS-PLAYGROUND-DUMP 1';
const DUMP_NOTE = '# Not an RDB file: the Docker playground\'s redis-server writes its dataset as one JSON record per key.';

export interface DumpMeta {
  'redis-ver': string;
  'redis-bits': number;
  /** Unix seconds when it was written. */
  ctime: number;
  /** used_memory when it was written. */
  'used-mem': number;
  /** Written as the base of an AOF. */
  'aof-base': number;
}

interface Record {
  db: number;
  k: string;
  t: Value['kind'];
  v: string | string[] | Array<[string, string]>;
  x: number | null;
}

/** The dataset as a snapshot file's text. */
export function dumpText(ks: Keyspace, meta: DumpMeta): string {
  const lines = [DUMP_SIGNATURE, DUMP_NOTE, JSON.stringify(meta)];
  for (let db = 0; db < DATABASES; db++) {
    for (const [k, e] of ks.dbs[db]!) {
      const v = e.v;
      const rec: Record = {
        db, k, t: v.kind, x: e.expireAt,
        v: v.kind === 'string' ? v.s : v.kind === 'list' ? v.items : v.kind === 'hash' ? [...v.map] : [...v.set],
      };
      lines.push(JSON.stringify(rec));
    }
  }
  return lines.join('\n') + '\n';
}

export class DumpError extends Error {}

export interface Loaded { meta: DumpMeta; loaded: number; expired: number }

/** Loads a snapshot's text into `ks` (keys already expired are skipped and counted). */
export function loadDump(ks: Keyspace, text: string): Loaded {
  const lines = text.split('\n');
  if (lines[0] !== DUMP_SIGNATURE) throw new DumpError('Wrong signature trying to load DB from file');
  let meta: DumpMeta;
  try { meta = JSON.parse(lines[2] ?? '') as DumpMeta; } catch { throw new DumpError('Short read or OOM loading DB. Unrecoverable error, aborting now.'); }
  let loaded = 0;
  let expired = 0;
  const now = ks.now();
  for (const line of lines.slice(3)) {
    if (!line) continue;
    let r: Record;
    try { r = JSON.parse(line) as Record; } catch { throw new DumpError('Internal error in RDB reading offset 0, function at rdb.c:0 -> Unexpected EOF reading RDB file'); }
    if (!Number.isInteger(r.db) || r.db < 0 || r.db >= DATABASES || typeof r.k !== 'string') throw new DumpError('Internal error in RDB reading offset 0, function at rdb.c:0 -> Invalid record');
    if (r.x !== null && r.x <= now) { expired++; continue; }
    const v: Value = r.t === 'string' ? { kind: 'string', s: String(r.v) }
      : r.t === 'list' ? { kind: 'list', items: (r.v as string[]).map(String) }
        : r.t === 'hash' ? { kind: 'hash', map: new Map((r.v as Array<[string, string]>).map(([f, x]) => [String(f), String(x)])) }
          : { kind: 'set', set: new Set((r.v as string[]).map(String)) };
    ks.set(r.db, r.k, v, r.x);
    loaded++;
  }
  return { meta, loaded, expired };
}

// ---- the append-only file (redis 7: a directory with a manifest) ------------

export interface AofFiles { base: string; incr: string; manifest: string }

export function aofNames(appendfilename: string, seq = 1): AofFiles {
  return {
    base: `${appendfilename}.${seq}.base.rdb`,
    incr: `${appendfilename}.${seq}.incr.aof`,
    manifest: `${appendfilename}.manifest`,
  };
}

export function manifestText(files: AofFiles, seq = 1): string {
  return `file ${files.base} seq ${seq} type b\nfile ${files.incr} seq ${seq} type i\n`;
}

/** The base and incr file names a manifest lists, or null when it is not one. */
export function parseManifest(text: string): { base: string | null; incr: string[] } | null {
  let base: string | null = null;
  const incr: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const m = /^file (\S+) seq (\d+) type ([bhi])$/.exec(line.trim());
    if (!m) return null;
    if (m[3] === 'b') base = m[1]!;
    else if (m[3] === 'i') incr.push(m[1]!);
  }
  return { base, incr };
}

/** Tracks the database the AOF last selected, so a SELECT goes in before a change to another one. */
export class AofWriter {
  private selected = -1;

  /** The RESP bytes (binary string) to append for a change in `db`. */
  record(db: number, argv: string[]): string {
    let out = '';
    if (db !== this.selected) {
      out += command(['SELECT', String(db)]);
      this.selected = db;
    }
    return out + command(argv);
  }
}
