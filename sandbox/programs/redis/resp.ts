// RESP2, the protocol redis-server and redis-cli speak over TCP. Requests
// come as arrays of bulk strings (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`) or as an
// inline line (`PING\r\n`, what nc or telnet send); replies are simple
// strings (+OK), errors (-ERR …), integers (:1), bulk strings ($5 hello,
// $-1 for nil) and arrays (*2 …, *-1 for a nil array).
//
// Values are binary-safe: the server keeps them as "binary strings" (one
// char per byte, 0–255), so a byte count is a string length and nothing is
// re-encoded on the way through.

/** Longest bulk string redis accepts (proto-max-bulk-len, 512 MB). */
export const MAX_BULK = 512 * 1024 * 1024;
/** Longest inline request or count line (PROTO_INLINE_MAX_SIZE). */
export const MAX_INLINE = 64 * 1024;
/** Most arguments in one request (redis refuses more than INT_MAX; this keeps a browser tab alive). */
export const MAX_ARGS = 1024 * 1024;

export class ProtocolError extends Error {}

/** Bytes → binary string (one char per byte). */
export function bin(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return s;
}

/** Binary string → bytes. */
export function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Text (UTF-8) → binary string, for what programs type as arguments. */
export function binOfText(text: string): string {
  return bin(new TextEncoder().encode(text));
}

/** Binary string → text (UTF-8, invalid sequences replaced), for logs and messages. */
export function textOfBin(s: string): string {
  return new TextDecoder().decode(bytesOf(s));
}

// ---- replies, encoded (binary strings) ------------------------------------

export const OK = '+OK\r\n';
export const NIL = '$-1\r\n';
export const NIL_ARRAY = '*-1\r\n';
export const status = (s: string): string => `+${s}\r\n`;
export const error = (s: string): string => `-${s}\r\n`;
export const integer = (n: number | bigint): string => `:${n}\r\n`;
export const bulk = (s: string | null | undefined): string => (s == null ? NIL : `$${s.length}\r\n${s}\r\n`);
export const array = (items: readonly string[]): string => `*${items.length}\r\n${items.join('')}`;
export const bulks = (items: ReadonlyArray<string | null | undefined>): string => array(items.map(bulk));

/** A request as a client sends it: an array of bulk strings. */
export function command(args: readonly string[]): string {
  return bulks(args);
}

// ---- requests, as the server reads them -------------------------------------

/** Splits an inline request as redis's sdssplitargs does: quotes, escapes, \xHH. */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const hex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);
  for (;;) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) return out;
    let cur = '';
    let inq = false; // "double quotes"
    let insq = false; // 'single quotes'
    for (;;) {
      const c = line[i];
      if (inq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === 'x' && hex(line[i + 2] ?? '') && hex(line[i + 3] ?? '')) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < line.length) {
          i++;
          const e = line[i]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          // A closing quote must be followed by a space or the end.
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return null;
          inq = false;
          i++;
          break;
        } else {
          cur += c;
        }
      } else if (insq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return null;
          insq = false;
          i++;
          break;
        } else {
          cur += c;
        }
      } else {
        if (c === undefined || /\s/.test(c)) break;
        if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      i++;
    }
    out.push(cur);
  }
}

/**
 * Reads requests from a client's byte stream, as redis's processInputBuffer:
 * several may arrive in one read (pipelining), one may span many reads.
 */
export class RequestReader {
  private buf = new Uint8Array(0);
  private pos = 0;

  /** Bytes received and not yet consumed (the client's query buffer). */
  get buffered(): number { return this.buf.length - this.pos; }

  feed(chunk: Uint8Array): void {
    const rest = this.buf.subarray(this.pos);
    const next = new Uint8Array(rest.length + chunk.length);
    next.set(rest);
    next.set(chunk, rest.length);
    this.buf = next;
    this.pos = 0;
  }

  /** The position of the next \r\n (or \n for inline) from `from`, or -1. */
  private lineEnd(from: number): number {
    for (let i = from; i < this.buf.length; i++) if (this.buf[i] === 0x0a) return i;
    return -1;
  }

  /**
   * The next complete request's arguments; null when more bytes are needed.
   * Throws ProtocolError with redis's message for a malformed request.
   */
  next(): string[] | null {
    for (;;) {
      if (this.pos >= this.buf.length) return null;
      if (this.buf[this.pos] !== 0x2a /* * */) {
        const end = this.lineEnd(this.pos);
        if (end < 0) {
          if (this.buffered > MAX_INLINE) throw new ProtocolError('Protocol error: too big inline request');
          return null;
        }
        const line = bin(this.buf, this.pos, end).replace(/\r$/, '');
        this.pos = end + 1;
        const args = splitArgs(line);
        if (args === null) throw new ProtocolError('Protocol error: unbalanced quotes in request');
        if (args.length === 0) continue;
        return args;
      }
      const parsed = this.multibulk();
      if (parsed === null) return null;
      if (parsed.length === 0) continue;
      return parsed;
    }
  }

  private countLine(at: number, what: string): { n: number; next: number } | null {
    const end = this.lineEnd(at);
    if (end < 0) {
      if (this.buf.length - at > MAX_INLINE) throw new ProtocolError(`Protocol error: too big ${what} count string`);
      return null;
    }
    const text = bin(this.buf, at + 1, end).replace(/\r$/, '');
    return { n: /^-?\d+$/.test(text) ? Number(text) : NaN, next: end + 1 };
  }

  private multibulk(): string[] | null {
    const head = this.countLine(this.pos, 'mbulk');
    if (!head) return null;
    if (!Number.isSafeInteger(head.n) || head.n > MAX_ARGS) throw new ProtocolError('Protocol error: invalid multibulk length');
    if (head.n <= 0) { this.pos = head.next; return []; }
    const args: string[] = [];
    let at = head.next;
    for (let k = 0; k < head.n; k++) {
      if (at >= this.buf.length) return null;
      if (this.buf[at] !== 0x24 /* $ */) throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(this.buf[at]!)}'`);
      const len = this.countLine(at, 'bulk');
      if (!len) return null;
      if (!Number.isSafeInteger(len.n) || len.n < 0 || len.n > MAX_BULK) throw new ProtocolError('Protocol error: invalid bulk length');
      if (len.next + len.n + 2 > this.buf.length) return null;
      args.push(bin(this.buf, len.next, len.next + len.n));
      at = len.next + len.n + 2;
    }
    this.pos = at;
    return args;
  }
}

// ---- replies, as a client reads them ----------------------------------------

export type Reply =
  | { type: 'status'; str: string }
  | { type: 'error'; str: string }
  | { type: 'integer'; int: string }
  | { type: 'string'; str: string }
  | { type: 'nil' }
  | { type: 'array'; items: Reply[] };

/** Parses one reply from `buf` at `pos`: the reply and where it ends, or null when incomplete. */
export function parseReply(buf: Uint8Array, pos: number, depth = 0): { reply: Reply; next: number } | null {
  if (depth > 64) throw new ProtocolError('Protocol error: nested too deep');
  if (pos >= buf.length) return null;
  let end = -1;
  for (let i = pos; i < buf.length; i++) if (buf[i] === 0x0a) { end = i; break; }
  if (end < 0) return null;
  const kind = String.fromCharCode(buf[pos]!);
  const line = bin(buf, pos + 1, end).replace(/\r$/, '');
  const after = end + 1;
  switch (kind) {
    case '+': return { reply: { type: 'status', str: line }, next: after };
    case '-': return { reply: { type: 'error', str: line }, next: after };
    case ':': return { reply: { type: 'integer', int: line }, next: after };
    case '$': {
      const n = Number(line);
      if (n < 0) return { reply: { type: 'nil' }, next: after };
      if (after + n + 2 > buf.length) return null;
      return { reply: { type: 'string', str: bin(buf, after, after + n) }, next: after + n + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { reply: { type: 'nil' }, next: after };
      const items: Reply[] = [];
      let at = after;
      for (let k = 0; k < n; k++) {
        const r = parseReply(buf, at, depth + 1);
        if (!r) return null;
        items.push(r.reply);
        at = r.next;
      }
      return { reply: { type: 'array', items }, next: at };
    }
    default:
      throw new ProtocolError(`Protocol error, got "${kind}" as reply type byte`);
  }
}
