// An HTTP/1.1 client on the engine's host side: what a browser on the
// machine does when it opens http://localhost:PORT — it dials the published
// port (into the container, as docker-proxy forwards it), sends one request
// with `Connection: close`, and reads the answer: status line, headers, and
// a body delimited by Content-Length, chunked encoding or the close. The
// page's preview pane shows containers' web pages through it.
import type { Daemon } from '../daemon/daemon.ts';

export interface HostHttpRequest {
  method: string;
  /** Path and query: `/`, `/api/items?x=1`. */
  path: string;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
}

export interface HostHttpResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
const enc = new TextEncoder();
const MAX_RESPONSE = 64 * 1024 * 1024;
/** Hop-by-hop headers the client sets itself. */
const OWN = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade']);

/** Sends `req` to localhost:`port` of the engine's host; rejects with `connect: connection refused` when nothing listens. */
export async function fetchPublished(d: Daemon, port: number, req: HostHttpRequest, timeoutMs = 30_000): Promise<HostHttpResponse> {
  let sock;
  try {
    sock = await d.networks.dial(port);
  } catch {
    throw new Error(`dial tcp 127.0.0.1:${port}: connect: connection refused`);
  }
  sock.retain();
  try {
    const body = req.body ?? new Uint8Array(0);
    const head = [
      `${req.method} ${req.path || '/'} HTTP/1.1`, `Host: localhost:${port}`, 'Connection: close',
      ...req.headers.filter(([k]) => !OWN.has(k.toLowerCase())).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, ' ')}`),
      ...(body.length > 0 || !['GET', 'HEAD'].includes(req.method) ? [`Content-Length: ${body.length}`] : []),
    ].join('\r\n');
    await sock.write(enc.encode(`${head}\r\n\r\n`), io);
    if (body.length > 0) await sock.write(body, io);
    const parts: Uint8Array[] = [];
    let size = 0;
    const read = (async () => {
      for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) {
        parts.push(c);
        size += c.length;
        if (size > MAX_RESPONSE) throw new Error(`the response from port ${port} is larger than ${MAX_RESPONSE} bytes`);
      }
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`port ${port} did not answer within ${timeoutMs / 1000} s`)), timeoutMs); });
    try {
      await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return parseResponse(concat(parts, size), req.method === 'HEAD');
  } finally {
    sock.drop();
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Parses a whole HTTP/1.x response (the connection has closed). */
export function parseResponse(bytes: Uint8Array, headOnly = false): HostHttpResponse {
  let end = -1;
  for (let i = 0; i + 3 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) { end = i; break; }
  if (end < 0) throw new Error('malformed HTTP response: the connection closed before the end of the headers');
  const lines = new TextDecoder('latin1').decode(bytes.subarray(0, end)).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!m) throw new Error(`malformed HTTP response: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const headers = lines.slice(1).filter(Boolean).map((l): [string, string] => {
    const colon = l.indexOf(':');
    return colon < 0 ? [l, ''] : [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
  });
  const get = (name: string): string | undefined => headers.find(([k]) => k.toLowerCase() === name)?.[1];
  let body = bytes.subarray(end + 4);
  const status = Number(m[1]);
  if (headOnly || status === 204 || status === 304 || (status >= 100 && status < 200)) body = new Uint8Array(0);
  else if (get('transfer-encoding')?.toLowerCase().includes('chunked')) body = dechunk(body);
  else if (get('content-length') !== undefined) body = body.subarray(0, Number(get('content-length')));
  return { status, statusText: m[2] ?? '', headers: headers.filter(([k]) => k.toLowerCase() !== 'transfer-encoding'), body: body.slice() };
}

function dechunk(data: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  let size = 0;
  let off = 0;
  const latin = new TextDecoder('latin1');
  while (off < data.length) {
    let nl = off;
    while (nl + 1 < data.length && !(data[nl] === 13 && data[nl + 1] === 10)) nl++;
    const n = parseInt(latin.decode(data.subarray(off, nl)).split(';')[0]!.trim(), 16);
    if (!Number.isFinite(n)) throw new Error('malformed chunked encoding');
    if (n === 0) break;
    const start = nl + 2;
    out.push(data.subarray(start, start + n));
    size += n;
    off = start + n + 2;
  }
  return concat(out, size);
}
