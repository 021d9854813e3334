// curl's side of an HTTP/1.1 exchange: the response head, then the body as
// it arrives — Content-Length bytes, chunked (de-chunked piece by piece) or
// up to the server's close — so a streamed answer (Docker's /events, a
// container's logs with follow=1) reaches the output while it is produced,
// and a keep-alive server's answer ends where its framing says it does.
import type { Process } from '../../kernel/process.ts';
import { BufferedReader } from '../../kernel/buffered-reader.ts';

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


export class HttpResponseReader {
  private readonly r: BufferedReader;

  /** `read` replaces a plain read of `fd` (curl's --max-time bounds each one). */
  constructor(p: Process, fd: number, read: () => Promise<Uint8Array | null> = () => p.read(fd, 65536)) {
    this.r = new BufferedReader(read, { failedReadEnds: false });
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
