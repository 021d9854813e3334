// The Engine API over HTTP/1.1 for Node hosts (`npm run dockerd`): each
// request goes through the router; streamed bodies are sent chunked; attach
// upgrades the connection (101 UPGRADED, as dockerd answers) and hands the
// socket to the handler. Listens on TCP or a Unix socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_VERSION, ENGINE_VERSION, type ApiRequest, type ApiResponse, type HijackedConnection } from '../api/types.ts';
import type { Router } from './router.ts';

const MAX_BODY = 512 * 1024 * 1024;

function toRequest(req: IncomingMessage, body: Uint8Array): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://engine');
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k.toLowerCase(), v);
  const queryAll = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) queryAll.set(k, [...(queryAll.get(k) ?? []), v]);
  return { method: req.method ?? 'GET', path: url.pathname, query: new Map(url.searchParams), queryAll, headers, body: body.length > 0 ? body : null };
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > MAX_BODY) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function hijacked(socket: Duplex, early: Uint8Array = new Uint8Array(0)): HijackedConnection {
  const queue: Array<Uint8Array | null> = early.length > 0 ? [early] : [];
  const waiters: Array<(c: Uint8Array | null) => void> = [];
  const push = (c: Uint8Array | null): void => {
    const w = waiters.shift();
    if (w) w(c); else queue.push(c);
  };
  socket.on('data', (c: Buffer) => push(new Uint8Array(c)));
  socket.on('end', () => push(null));
  socket.resume();
  const closed = new Promise<void>((resolve) => { socket.on('close', () => resolve()); socket.on('error', () => resolve()); });
  return {
    write: (chunk) => new Promise((resolve) => { if (socket.destroyed) resolve(); else socket.write(chunk, () => resolve()); }),
    read: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiters.push(resolve))),
    close: () => { socket.end(); },
    closed,
  };
}

async function send(res: ServerResponse, r: ApiResponse, head: boolean): Promise<void> {
  const headers: Record<string, string> = { Server: `Docker/${ENGINE_VERSION} (linux)`, 'Api-Version': API_VERSION, ...r.headers };
  if (r.json !== undefined) {
    // As Go's encoder writes JSON (dockerd's): <, > and & escaped.
    const text = `${JSON.stringify(r.json).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
    res.writeHead(r.status, { 'Content-Type': 'application/json', ...headers });
    res.end(head ? undefined : text);
    return;
  }
  if (r.stream) {
    res.writeHead(r.status, headers);
    res.flushHeaders();
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
    await r.stream((chunk) => new Promise((resolve) => { if (res.destroyed) resolve(); else res.write(chunk, () => resolve()); }), closed);
    res.end();
    return;
  }
  res.writeHead(r.status, headers);
  res.end(head ? undefined : r.body ?? '');
}

export interface EngineServer { server: Server; close(): Promise<void> }

/** Serves `router` on host:port (or a Unix socket path). */
export function serveEngine(router: Router, listen: { host: string; port: number } | { path: string }): Promise<EngineServer> {
  const server = createServer((req, res) => {
    void (async () => {
      let body: Uint8Array;
      try {
        body = await readBody(req);
      } catch (e) {
        await send(res, { status: 413, json: { message: (e as Error).message } }, false);
        return;
      }
      const apiReq = toRequest(req, body);
      const r = await router.handle(apiReq);
      if (r.hijack) {
        // A client that did not ask to upgrade still gets the raw stream on its connection.
        res.writeHead(200, r.headers);
        res.flushHeaders();
        await r.hijack(hijacked(res.socket!));
        return;
      }
      await send(res, r, req.method === 'HEAD');
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(`${JSON.stringify({ message: e instanceof Error ? e.message : String(e) })}\n`);
    });
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    // The request's body (Content-Length bytes) may come with the upgrade or in later packets;
    // whatever follows it is the client's first stream data (stdin).
    const length = Number(req.headers['content-length'] ?? 0);
    void (async () => {
      let buffered: Buffer = head;
      while (buffered.length < length) {
        const more = await new Promise<Buffer | null>((resolve) => {
          const onData = (c: Buffer): void => { socket.pause(); cleanup(); resolve(c); };
          const onEnd = (): void => { cleanup(); resolve(null); };
          const cleanup = (): void => { socket.off('data', onData); socket.off('end', onEnd); socket.off('error', onEnd); };
          socket.on('data', onData);
          socket.on('end', onEnd);
          socket.on('error', onEnd);
        });
        if (!more) return;
        buffered = Buffer.concat([buffered, more]);
      }
      socket.pause();
      const body = new Uint8Array(buffered.subarray(0, length));
      const early = new Uint8Array(buffered.subarray(length));
      const r = await router.handle(toRequest(req, body));
      if (!r.hijack) {
        const text = JSON.stringify(r.json ?? { message: 'not upgradable' });
        socket.end(`HTTP/1.1 ${r.status} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text) + 1}\r\n\r\n${text}\n`);
        return;
      }
      const status = [`HTTP/1.1 101 UPGRADED`, ...Object.entries(r.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
      socket.write(`${status}\r\n\r\n`);
      await r.hijack(hijacked(socket, early));
    })().catch(() => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => resolve({ server, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    if ('path' in listen) server.listen(listen.path, done);
    else server.listen(listen.port, listen.host, done);
  });
}
