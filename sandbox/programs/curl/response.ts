// curl's side of an HTTP/1.1 exchange: the response head, then the body as
// it arrives — Content-Length bytes, chunked (de-chunked piece by piece) or
// up to the server's close — so a streamed answer (Docker's /events, a
// container's logs with follow=1) reaches the output while it is produced,
// and a keep-alive server's answer ends where its framing says it does.
import type { Process } from '../../kernel/process.ts';

const MAX_HEAD = 64 * 1024;
/** A chunk-size line longer than this is not HTTP. */
const MAX_CHUNK_LINE = 1024;

export interface ResponseHead {
  statusLine: string;
  code: number;
  /** The head as sent, without the blank line after it. */
  head: string;
  headerLines: string[];
  /** Lower-cased names; the first of repeated ones. */
  headers: Map<string, string>;
}

/** Buffered reads from a descriptor. */
class Reader {
  private buf = new Uint8Array(0);
  private eof = false;

  constructor(private readonly p: Process, private readonly fd: number) {}

  /** Reads more; false at end of file. */
  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const c = await this.p.read(this.fd, 65536);
    if (!c) { this.eof = true; return false; }
    const next = new Uint8Array(this.buf.length + c.length);
    next.set(this.buf);
    next.set(c, this.buf.length);
    this.buf = next;
    return true;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Up to the first `delim` (taken, without it); null when the input ends first or runs past `max`. */
  async until(delim: string, max: number): Promise<Uint8Array | null> {
    const d = new TextEncoder().encode(delim);
    for (let from = 0; ;) {
      for (let i = from; i + d.length <= this.buf.length; i++) {
        let hit = true;
        for (let k = 0; k < d.length && hit; k++) hit = this.buf[i + k] === d[k];
        if (hit) { const out = this.take(i); this.take(d.length); return out; }
      }
      from = Math.max(0, this.buf.length - d.length + 1);
      if (this.buf.length > max || !(await this.fill())) return null;
    }
  }

  /** At most `n` bytes (what is buffered, or one read); null at end of file. */
  async some(n: number): Promise<Uint8Array | null> {
    if (this.buf.length === 0 && !(await this.fill())) return null;
    return this.take(Math.min(n, this.buf.length)).slice();
  }
}

export class HttpResponseReader {
  private readonly r: Reader;

  constructor(p: Process, fd: number) {
    this.r = new Reader(p, fd);
  }

  /** The status line and headers; null when the server sent none (an empty reply). */
  async head(): Promise<ResponseHead | null> {
    const bytes = await this.r.until('\r\n\r\n', MAX_HEAD);
    if (!bytes) return null;
    const head = new TextDecoder('latin1').decode(bytes);
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const headers = new Map<string, string>();
    for (const l of headerLines) {
      const name = l.slice(0, l.indexOf(':')).trim().toLowerCase();
      if (name && !headers.has(name)) headers.set(name, l.slice(l.indexOf(':') + 1).trim());
    }
    return { statusLine, code: Number(statusLine.split(' ')[1]), head, headerLines, headers };
  }

  /**
   * The body after `head`, each piece to `onData` as it arrives, at most
   * `max` bytes; resolves to the bytes delivered.
   */
  async body(head: ResponseHead, method: string, max: number, onData: (chunk: Uint8Array) => Promise<void>): Promise<number> {
    const { code, headers } = head;
    if (method === 'HEAD' || code === 204 || code === 304 || (code >= 100 && code < 200)) return 0;
    let total = 0;
    const deliver = async (c: Uint8Array): Promise<void> => { total += c.length; await onData(c); };
    if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
      for (;;) {
        const line = await this.r.until('\r\n', MAX_CHUNK_LINE);
        if (!line) return total;
        const size = parseInt(new TextDecoder().decode(line).split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size) || size <= 0) return total;
        for (let left = size; left > 0 && total < max;) {
          const c = await this.r.some(left);
          if (!c) return total;
          left -= c.length;
          await deliver(c);
        }
        if (total >= max || !(await this.r.until('\r\n', MAX_CHUNK_LINE))) return total;
      }
    }
    const length = headers.has('content-length') ? Number(headers.get('content-length')) : Infinity;
    while (total < length && total < max) {
      const c = await this.r.some(Math.min(length - total, 65536));
      if (!c) break;
      await deliver(c);
    }
    return total;
  }
}
