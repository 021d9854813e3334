// What a command implementation gets: its arguments, the client that sent
// them, and the server around it — and the helpers every command shares
// (argument parsing with redis's error messages, type checks).
import type { Entry, Keyspace, Value } from './keyspace.ts';
import { error } from './resp.ts';

export interface ClientState {
  id: number;
  /** ip:port of the peer and of the server's end. */
  addr: string;
  laddr: string;
  db: number;
  name: string;
  authed: boolean;
  /** Unix ms of the connection and of its last command. */
  since: number;
  lastCommand: string;
  /** Set by QUIT: close after this reply. */
  closeAfterReply: boolean;
}

/** The server state commands read and change (redis-server's `server` struct, in part). */
export interface ServerState {
  readonly keyspace: Keyspace;
  /** Current value of a configuration parameter (CONFIG GET's view). */
  config(name: string): string | undefined;
  /** Changes since the last successful save (rdb_changes_since_last_save). */
  dirty: number;
  /** Unix seconds of the last successful save. */
  lastSave: number;
  readonly clients: ReadonlySet<ClientState>;
  now(): number;
  /** SAVE: writes the snapshot now; the reply. */
  save(): Promise<string>;
  /** BGSAVE: writes it from a child process; the reply. */
  bgsave(schedule: boolean): string;
  /** SHUTDOWN: asks the server to stop (saving or not); an error reply when it cannot. */
  shutdown(save: boolean | null): Promise<string | null>;
  /** The INFO text for these sections (lowercased). */
  info(sections: string[]): string;
  /** CONFIG SET of one parameter: an error message, or null when applied. */
  configSet(name: string, value: string): Promise<string | null>;
  /** CONFIG GET: matching parameter names and values, in redis's order. */
  configGet(pattern: string): Array<[string, string]>;
}

export interface Call {
  argv: string[];
  client: ClientState;
  server: ServerState;
  /** What the AOF records for this call when it changed data (default: argv as sent). */
  propagate(argv: string[]): void;
}

export type Handler = (c: Call) => string | Promise<string>;

export interface CommandSpec {
  name: string;
  /** redis's arity: exact argument count (with the name), or -N for at least N. */
  arity: number;
  /** Changes data (counted in `dirty`, logged to the AOF). */
  write?: boolean;
  /** Subcommands (CONFIG GET, CLIENT SETNAME): their own arity, named `parent|sub` in errors. */
  subcommands?: CommandSpec[];
  run?: Handler;
}

// ---- shared error replies (redis's wording) ---------------------------------

export const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
export const NOT_INTEGER = error('ERR value is not an integer or out of range');
export const SYNTAX = error('ERR syntax error');
export const wrongArgs = (name: string): string => error(`ERR wrong number of arguments for '${name}' command`);

export class ReplyError extends Error {
  constructor(readonly reply: string) { super(reply); }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** string2ll: a strict 64-bit integer (no spaces, no '+', no leading zeros), or null. */
export function parseInt64(s: string): bigint | null {
  if (!/^(0|-?[1-9][0-9]{0,19})$/.test(s)) return null;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? null : n;
}

/** An integer argument, or the call fails with "value is not an integer or out of range". */
export function intArg(s: string): bigint {
  const n = parseInt64(s);
  if (n === null) throw new ReplyError(NOT_INTEGER);
  return n;
}

/** Whether adding `by` to `n` leaves 64 bits (INCR's overflow check). */
export function addInt64(n: bigint, by: bigint): bigint | null {
  const r = n + by;
  return r < INT64_MIN || r > INT64_MAX ? null : r;
}

/** The entry at `key` if it holds `kind`; undefined when missing; WRONGTYPE otherwise. */
export function typed<K extends Value['kind']>(c: Call, key: string, kind: K): (Entry & { v: Extract<Value, { kind: K }> }) | undefined {
  const e = c.server.keyspace.lookup(c.client.db, key);
  if (!e) return undefined;
  if (e.v.kind !== kind) throw new ReplyError(WRONGTYPE);
  return e as Entry & { v: Extract<Value, { kind: K }> };
}

/** Resolves list indexes as LRANGE does (negative from the end, clamped); null when empty. */
export function range(len: number, start: bigint, stop: bigint): [number, number] | null {
  let s = Number(start < 0n ? BigInt(len) + start : start);
  let e = Number(stop < 0n ? BigInt(len) + stop : stop);
  if (s < 0) s = 0;
  if (s > e || s >= len) return null;
  if (e >= len) e = len - 1;
  return [s, e];
}
