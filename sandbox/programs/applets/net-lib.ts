// What the network programs share: name resolution as musl does it
// (/etc/hosts, then the namespace's DNS), host:port parsing, and copying
// between descriptors (socket ⇄ stdio), reading HTTP responses, and MIME types.
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';

const dec = new TextDecoder();
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIp(s: string): boolean {
  const m = IPV4.exec(s);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}

/** /etc/hosts entries for a name. */
function fromHosts(p: Process, name: string): string | null {
  let text = '';
  try { text = dec.decode(p.fs.readFileSync('/etc/hosts')); } catch { return null; }
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr && isIp(addr) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return addr;
  }
  return null;
}

/** An IPv4 address for `host`, or null (busybox then says "bad address"). */
export function resolveHost(p: Process, host: string): string | null {
  if (isIp(host)) return host;
  if (!/^[a-zA-Z0-9_.-]+$/.test(host)) return null;
  const local = fromHosts(p, host);
  if (local) return local;
  try {
    return p.net.lookup(host)[0] ?? null;
  } catch {
    return null;
  }
}

/** Copies from one descriptor to another until end of file; false when the writer failed. */
export async function pump(p: Process, from: number, to: number, onEnd?: () => void): Promise<boolean> {
  try {
    for (;;) {
      const chunk = await p.read(from, 16384);
      if (!chunk) break;
      await p.write(to, chunk);
    }
    return true;
  } catch (e) {
    if (e instanceof SysError) return false;
    throw e;
  } finally {
    onEnd?.();
  }
}

/** The text of a failed network call (Connection refused, No route to host…). */
export function netReason(e: unknown): string {
  return e instanceof SysError ? e.description : String(e);
}

const enc = new TextEncoder();
const MAX_HEADER = 64 * 1024;

/** Reads from fd until the end of the headers; returns them and the body bytes already read. */
export async function readHead(p: Process, fd: number): Promise<{ head: string; rest: Uint8Array } | null> {
  let buf = new Uint8Array(0);
  for (;;) {
    const text = dec.decode(buf);
    const end = text.indexOf('\r\n\r\n');
    if (end >= 0) {
      const headBytes = enc.encode(text.slice(0, end + 4)).length;
      return { head: text.slice(0, end), rest: buf.subarray(headBytes) };
    }
    if (buf.length > MAX_HEADER) return null;
    const chunk = await p.read(fd, 16384);
    if (!chunk) return null;
    const next = new Uint8Array(buf.length + chunk.length);
    next.set(buf);
    next.set(chunk, buf.length);
    buf = next;
  }
}

/** Decodes a chunked body held entirely in `data`. */
export function unchunk(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 0;
  while (i < data.length) {
    let j = i;
    while (j < data.length - 1 && !(data[j] === 13 && data[j + 1] === 10)) j++;
    const size = parseInt(dec.decode(data.subarray(i, j)), 16);
    if (!size) break;
    parts.push(data.subarray(j + 2, j + 2 + size));
    i = j + 2 + size + 2;
  }
  const outBuf = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let off = 0;
  for (const x of parts) { outBuf.set(x, off); off += x.length; }
  return outBuf;
}

/** An HTTP response as wget and curl read it. */
export interface HttpResponse {
  statusLine: string;
  code: number;
  /** The head as sent, without the blank line. */
  head: string;
  headerLines: string[];
  /** Lower-cased names. */
  headers: Map<string, string>;
  body: Uint8Array;
}

/**
 * Reads a response from `fd`: the head, then (unless `headOnly`) the body —
 * Content-Length bytes or up to the server's close, de-chunked, at most
 * `maxBody` bytes. Null when the server sent no head.
 */
export async function readResponse(p: Process, fd: number, headOnly: boolean, maxBody = 512 * 1024 * 1024): Promise<HttpResponse | null> {
  const got = await readHead(p, fd);
  if (!got) return null;
  const [statusLine = '', ...headerLines] = got.head.split('\r\n');
  const headers = new Map(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as const));
  let body: Uint8Array = new Uint8Array(0);
  if (!headOnly) {
    const want = headers.has('content-length') ? Number(headers.get('content-length')) : Infinity;
    const parts: Uint8Array[] = [got.rest];
    let size = got.rest.length;
    while (size < want && size < maxBody) {
      const c = await p.read(fd, 65536);
      if (!c) break;
      parts.push(c);
      size += c.length;
    }
    body = new Uint8Array(size);
    let off = 0;
    for (const x of parts) { body.set(x, off); off += x.length; }
    if (want !== Infinity && body.length > want) body = body.subarray(0, want);
    if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') body = unchunk(body);
  }
  return { statusLine, code: Number(statusLine.split(' ')[1]), head: got.head, headerLines, headers, body };
}

/** Content types by file extension, for the web servers (httpd, nginx). */
export const MIME_TYPES = new Map([
  ['html', 'text/html'], ['htm', 'text/html'], ['shtml', 'text/html'], ['css', 'text/css'], ['xml', 'text/xml'], ['gif', 'image/gif'],
  ['jpeg', 'image/jpeg'], ['jpg', 'image/jpeg'], ['js', 'application/javascript'], ['txt', 'text/plain'], ['png', 'image/png'],
  ['svg', 'image/svg+xml'], ['svgz', 'image/svg+xml'], ['ico', 'image/x-icon'], ['webp', 'image/webp'], ['json', 'application/json'],
  ['pdf', 'application/pdf'], ['wasm', 'application/wasm'], ['woff', 'font/woff'], ['woff2', 'font/woff2'], ['mp4', 'video/mp4'],
  ['zip', 'application/zip'], ['map', 'application/json'], ['md', 'text/plain'],
]);
