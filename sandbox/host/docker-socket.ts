// dockerd's socket on the host machine: /var/run/docker.sock (a link to
// /run/docker.sock), root:docker 0660 as Docker installs it — which is why
// the student, in group docker, may use it without sudo. Each connection
// speaks HTTP/1.1 as dockerd's server does (status line, Go's canonical
// header names in order, then Date and Content-Length; chunked bodies for
// streams; 101 UPGRADED or a bare 200 for attach and exec, then the raw
// stream both ways), and every request goes to the engine through the
// host's Engine API client — the connection the docker CLI uses, so the
// page's API-traffic panel shows what `curl --unix-socket` sends beside
// the CLI's own calls.
import type { ApiRequest, ApiResponse, HijackedConnection } from '../api/types.ts';
import { API_VERSION, ENGINE_VERSION } from '../api/types.ts';
import type { EngineClient } from '../client/client.ts';
import type { IoContext } from '../kernel/fd.ts';
import type { UnixStream } from '../kernel/unix.ts';
import { BufferedReader } from '../kernel/buffered-reader.ts';

/** Where dockerd listens, and the path users (and DOCKER_HOST's default) name. */
export const DOCKER_SOCKET = { real: '/run/docker.sock', path: '/var/run/docker.sock', mode: 0o660, gid: 999 } as const;

const io: IoContext = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
const enc = new TextEncoder();
const latin1 = new TextDecoder('latin1');
const MAX_HEAD = 1 << 20;
const MAX_BODY = 64 * 1024 * 1024;
/** Requests served on one kept-alive connection. */
const MAX_REQUESTS = 10_000;

/** What dockerd's middleware puts on every answer. */
const ENGINE_HEADERS: Array<[string, string]> = [
  ['Api-Version', API_VERSION], ['Docker-Experimental', 'false'], ['Ostype', 'linux'], ['Server', `Docker/${ENGINE_VERSION} (linux)`],
];

const STATUS_TEXT = new Map([
  [200, 'OK'], [201, 'Created'], [204, 'No Content'], [304, 'Not Modified'], [400, 'Bad Request'], [401, 'Unauthorized'], [403, 'Forbidden'],
  [404, 'Not Found'], [409, 'Conflict'], [413, 'Request Entity Too Large'], [500, 'Internal Server Error'], [501, 'Not Implemented'], [503, 'Service Unavailable'],
]);

/** Go's http.CanonicalHeaderKey: `content-type` → `Content-Type`, `API-Version` → `Api-Version`. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}


interface ParsedRequest { req: ApiRequest; keepAlive: boolean; upgrade: boolean }

/** Reads one request; null at a clean end of the connection, 'bad' for one that is not HTTP. */
async function readRequest(r: BufferedReader): Promise<ParsedRequest | null | 'bad'> {
  let headBytes = await r.until('\r\n\r\n', MAX_HEAD);
  if (!headBytes) return r.buffered > 0 ? 'bad' : null;
  // Blank lines before a request are allowed (RFC 9112 §2.2).
  while (headBytes.length === 0) {
    headBytes = await r.until('\r\n\r\n', MAX_HEAD);
    if (!headBytes) return null;
  }
  const [line = '', ...rest] = latin1.decode(headBytes).split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.([01])$/.exec(line);
  if (!m) return 'bad';
  const headers = new Map<string, string>();
  for (const h of rest) {
    const colon = h.indexOf(':');
    if (colon <= 0) return 'bad';
    const name = h.slice(0, colon).trim().toLowerCase();
    const value = h.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  let body: Uint8Array | null = null;
  if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const sizeLine = await r.until('\r\n', 1024);
      if (!sizeLine) return 'bad';
      const n = parseInt(latin1.decode(sizeLine).split(';')[0]!.trim(), 16);
      if (!Number.isFinite(n) || n < 0 || size + n > MAX_BODY) return 'bad';
      if (n === 0) { await r.until('\r\n', MAX_HEAD); break; }
      const piece = await r.exactly(n);
      if (!piece || !(await r.until('\r\n', 2))) return 'bad';
      parts.push(piece);
      size += n;
    }
    body = new Uint8Array(size);
    let off = 0;
    for (const p of parts) { body.set(p, off); off += p.length; }
  } else if (headers.has('content-length')) {
    const n = Number(headers.get('content-length'));
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_BODY) return 'bad';
    body = n > 0 ? await r.exactly(n) : null;
    if (n > 0 && !body) return 'bad';
  }
  const target = m[2]!.replace(/#.*/, '');
  const q = target.indexOf('?');
  // An absolute-form target (http://localhost/v1.50/…) names its path after the authority.
  const path = (q < 0 ? target : target.slice(0, q)).replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '') || '/';
  const query = new Map<string, string>();
  const queryAll = new Map<string, string[]>();
  for (const [k, v] of parseQuery(q < 0 ? '' : target.slice(q + 1))) {
    query.set(k, v);
    queryAll.set(k, [...(queryAll.get(k) ?? []), v]);
  }
  const connection = (headers.get('connection') ?? '').toLowerCase();
  return {
    req: { method: m[1]!, path, query, queryAll, headers, body },
    keepAlive: m[3] === '1' ? !connection.includes('close') : connection.includes('keep-alive'),
    upgrade: connection.includes('upgrade') && (headers.get('upgrade') ?? '') !== '',
  };
}

/** A query string as Go's url.ParseQuery reads it: `&`-separated pairs, `+` a space, %XX decoded (a pair that does not decode is dropped). */
function parseQuery(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const decode = (s: string): string | null => {
    try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return null; }
  };
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    const v = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (k !== null && v !== null) out.push([k, v]);
  }
  return out;
}

/** The head of an answer: status line, the engine's and the route's headers in Go's (sorted) order, then `extra`. */
function headOf(status: number, routeHeaders: Record<string, string> | undefined, extra: Array<[string, string]>, statusLine?: string): string {
  const map = new Map<string, string>();
  for (const [k, v] of [...ENGINE_HEADERS, ...Object.entries(routeHeaders ?? {})]) map.set(canonical(k), v);
  const sorted = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [statusLine ?? `HTTP/1.1 ${status} ${STATUS_TEXT.get(status) ?? 'Unknown'}`, ...[...sorted, ...extra].map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A JSON body as Go's encoder writes it (dockerd's): <, > and & escaped, then a newline. */
function goJson(value: unknown): Uint8Array {
  return enc.encode(`${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
}

/** The connection as a hijacked stream for attach and exec: bytes both ways until either side closes. */
function hijacked(conn: UnixStream, r: BufferedReader): HijackedConnection {
  let done = (): void => {};
  const closed = new Promise<void>((resolve) => { done = resolve; });
  let isClosed = false;
  const close = (): void => { if (!isClosed) { isClosed = true; conn.shutdownWrite(); done(); } };
  return {
    write: async (chunk) => {
      if (isClosed) return;
      try { await conn.write(chunk, io); } catch { close(); }
    },
    read: async () => {
      if (r.buffered > 0) return r.take(r.buffered);
      if (!(await r.fill())) { done(); return null; }
      return r.take(r.buffered);
    },
    close,
    closed,
  };
}

/**
 * Serves one connection to the socket: requests in order until the client
 * closes (or asks to), each answered through `client`. Drops `conn` at the end.
 */
export async function serveDockerSocket(conn: UnixStream, client: EngineClient, now: () => number): Promise<void> {
  const r = new BufferedReader(() => conn.read(65536, io));
  const write = async (b: Uint8Array | string): Promise<void> => { await conn.write(typeof b === 'string' ? enc.encode(b) : b, io); };
  try {
    for (let n = 0; n < MAX_REQUESTS; n++) {
      const got = await readRequest(r);
      if (got === null) return;
      if (got === 'bad') {
        // As Go's server answers what it cannot parse.
        await write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
        return;
      }
      const { req, keepAlive, upgrade } = got;
      const res = await client.send(req);
      const date: [string, string] = ['Date', new Date(now()).toUTCString()];
      if (res.hijack) {
        await serveHijack(res, upgrade, write, conn, r);
        return;
      }
      const closing: Array<[string, string]> = keepAlive ? [] : [['Connection', 'close']];
      if (res.stream) {
        await write(headOf(res.status, res.headers, [date, ...closing, ['Transfer-Encoding', 'chunked']]));
        await serveStream(res, write, r);
        if (!keepAlive) return;
        continue;
      }
      const body = bodyOf(res);
      const noBody = res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200);
      const headers = res.json !== undefined ? { 'Content-Type': 'application/json', ...res.headers } : res.headers;
      await write(headOf(res.status, headers, [date, ...(noBody ? [] : [['Content-Length', String(body.length)] as [string, string]]), ...closing]));
      if (!noBody && req.method !== 'HEAD' && body.length > 0) await write(body);
      if (!keepAlive) return;
    }
  } catch {
    // The client went away mid-answer: nothing left to tell it.
  } finally {
    conn.drop();
  }
}

function bodyOf(res: ApiResponse): Uint8Array {
  if (res.json !== undefined) return goJson(res.json);
  if (typeof res.body === 'string') return enc.encode(res.body);
  return res.body ?? new Uint8Array(0);
}

/** A streamed answer, chunk by chunk, until it ends or the client goes away (its end of file, or a failed write). */
async function serveStream(res: ApiResponse, write: (b: Uint8Array | string) => Promise<void>, r: BufferedReader): Promise<void> {
  let gone = (): void => {};
  const closed = new Promise<void>((resolve) => { gone = resolve; });
  let ended = false;
  // A client that closes its end mid-stream (curl ended by ^C) ends the stream.
  void (async () => { while (!ended && (await r.fill())); if (!ended) gone(); })();
  try {
    await res.stream!(async (chunk) => {
      if (chunk.length === 0) return;
      try {
        await write(`${chunk.length.toString(16)}\r\n`);
        await write(chunk);
        await write('\r\n');
      } catch { gone(); }
    }, closed);
    await write('0\r\n\r\n');
  } finally {
    ended = true;
  }
}

/** attach / exec start: dockerd's upgrade answer (or a plain 200 when the client did not ask to upgrade), then the raw stream. */
async function serveHijack(res: ApiResponse, upgrade: boolean, write: (b: Uint8Array | string) => Promise<void>, conn: UnixStream, r: BufferedReader): Promise<void> {
  if (res.status >= 400) {
    await write(headOf(res.status, { 'Content-Type': 'application/json' }, [['Content-Length', String(bodyOf(res).length)]]));
    await write(bodyOf(res));
    return;
  }
  const rest = Object.fromEntries(Object.entries(res.headers ?? {}).filter(([k]) => !['content-type', 'connection', 'upgrade'].includes(k.toLowerCase())));
  const type = Object.entries(res.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/vnd.docker.raw-stream';
  const first = upgrade
    ? `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${type}\r\nConnection: Upgrade\r\nUpgrade: tcp`
    : `HTTP/1.1 200 OK\r\nContent-Type: ${type}`;
  await write(headOf(res.status, rest, [], first));
  await res.hijack!(hijacked(conn, r));
}
