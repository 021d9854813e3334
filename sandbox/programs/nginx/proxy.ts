// proxy_pass: a request for a proxied location goes to its upstream (the
// address its host name resolved to when nginx read its configuration) as
// nginx sends it — HTTP/1.0, `Host: $proxy_host`, `Connection: close`, the
// client's other headers, proxy_set_header's — and the upstream's answer
// comes back to the client. A refused or broken upstream is a 502 with
// nginx's error log line.
import type { Process } from '../../kernel/process.ts';
import { netReason, readResponse } from '../applets/net-lib.ts';
import type { Location, Server, Upstream } from './site.ts';

const MAX_BODY = 64 * 1024 * 1024;

/** What a proxied request needs from the request nginx read. */
export interface ProxiedRequest {
  method: string;
  uri: string;
  raw: string;
  headers: Map<string, string>;
  /** Body bytes read with the head. */
  rest: Uint8Array;
}

export type ProxyResult =
  | { ok: true; code: number; reason: string; headers: Array<[string, string]>; body: Uint8Array }
  | { ok: false; code: 502; error: string };

/** Connection-level headers that are not passed on (nginx drops these and sets its own). */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'content-length', 'server', 'date']);

/** $host, $http_host, $remote_addr, $proxy_add_x_forwarded_for… in a proxy_set_header value. */
function expand(value: string, vars: Map<string, string>): string {
  return value.replace(/\$(\w+)|\$\{(\w+)\}/g, (_m, a?: string, b?: string) => vars.get((a ?? b)!) ?? '');
}

/** The URI the upstream gets: the request's, or with the location's prefix replaced by proxy_pass's URI. */
export function upstreamUri(up: Upstream, loc: Location, uri: string): string {
  if (up.uri === null) return uri;
  if (loc.modifier === '' || loc.modifier === '^~') return up.uri + uri.slice(loc.path.length);
  return up.uri;
}

/** Sends the request to the upstream and reads its whole answer. */
export async function proxyRequest(p: Process, clientFd: number, req: ProxiedRequest, s: Server, loc: Location, remote: string, port: number): Promise<ProxyResult> {
  const up = loc.proxy!;
  const uri = upstreamUri(up, loc, req.uri);
  const where = `upstream: "http://${up.addr}:${up.port}${uri}", host: "${req.headers.get('host') ?? ''}"`;
  const vars = new Map<string, string>([
    ['host', (req.headers.get('host') ?? s.names[0] ?? '').replace(/:\d+$/, '')], ['http_host', req.headers.get('host') ?? ''],
    ['remote_addr', remote], ['scheme', 'http'], ['request_uri', req.uri], ['server_port', String(port)], ['proxy_host', up.name],
    ['proxy_add_x_forwarded_for', req.headers.get('x-forwarded-for') ? `${req.headers.get('x-forwarded-for')}, ${remote}` : remote],
  ]);
  for (const [k, v] of req.headers) vars.set(`http_${k.replace(/-/g, '_')}`, v);
  const set = loc.proxyHeaders ?? s.proxyHeaders;
  const setNames = new Set(set.map(([k]) => k.toLowerCase()));
  const lines = [`${req.method} ${uri} HTTP/1.0`];
  if (!setNames.has('host')) lines.push(`Host: ${up.name}`);
  if (!setNames.has('connection')) lines.push('Connection: close');
  for (const [k, v] of set) { const x = expand(v, vars); if (x !== '') lines.push(`${k}: ${x}`); }
  for (const [k, v] of req.headers) if (k !== 'host' && !HOP.has(k) && !setNames.has(k)) lines.push(`${k}: ${v}`);
  // The request body: what came with the head, then the rest of Content-Length.
  const length = Number(req.headers.get('content-length') ?? 0) || 0;
  let body = req.rest.subarray(0, length);
  if (body.length < length && length <= MAX_BODY) {
    const parts = [body];
    let got = body.length;
    while (got < length) {
      const c = await p.read(clientFd, 65536);
      if (!c) break;
      parts.push(c);
      got += c.length;
    }
    body = new Uint8Array(got);
    let at = 0;
    for (const x of parts) { body.set(x, at); at += x.length; }
  }
  if (length > 0) lines.push(`Content-Length: ${body.length}`);
  let fd: number;
  try {
    fd = await p.connect(up.addr!, up.port);
  } catch (e) {
    const errno = /refused/i.test(netReason(e)) ? '111' : /unreachable/i.test(netReason(e)) ? '113' : '110';
    return { ok: false, code: 502, error: `connect() failed (${errno}: ${netReason(e)}) while connecting to upstream, client: ${remote}, server: ${s.names[0] ?? ''}, request: "${req.raw}", ${where}` };
  }
  try {
    await p.write(fd, lines.join('\r\n') + '\r\n\r\n');
    if (body.length) await p.write(fd, body);
    const res = await readResponse(p, fd, req.method === 'HEAD', MAX_BODY);
    if (!res || !Number.isInteger(res.code)) {
      return { ok: false, code: 502, error: `upstream prematurely closed connection while reading response header from upstream, client: ${remote}, server: ${s.names[0] ?? ''}, request: "${req.raw}", ${where}` };
    }
    const headers: Array<[string, string]> = [];
    for (const l of res.headerLines) {
      const i = l.indexOf(':');
      if (i <= 0) continue;
      const name = l.slice(0, i).trim();
      if (!HOP.has(name.toLowerCase())) headers.push([name, l.slice(i + 1).trim()]);
    }
    return { ok: true, code: res.code, reason: res.statusLine.split(' ').slice(2).join(' '), headers, body: res.body };
  } finally {
    p.close(fd);
  }
}
