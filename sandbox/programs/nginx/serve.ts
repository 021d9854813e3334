// One HTTP request as an nginx worker answers it: choose the server and
// location, then return, try_files, static files with index and autoindex,
// proxy_pass to an upstream, error pages (its own or error_page's), and a
// line in the access log (and the error log, for a failed upstream).
import { normalizePath } from '../../fs/path.ts';
import type { Process } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import type { Location, Server, Site } from './site.ts';
import { MIME_TYPES } from '../applets/net-lib.ts';
import { proxyRequest } from './proxy.ts';

export const NGINX_VERSION = '1.27.4';
const enc = new TextEncoder();
const dec = new TextDecoder();
const MAX_HEADER = 16 * 1024;
const MAX_INTERNAL_REDIRECTS = 10;


const REASONS = new Map([[200, 'OK'], [201, 'Created'], [204, 'No Content'], [301, 'Moved Permanently'], [302, 'Moved Temporarily'], [304, 'Not Modified'], [400, 'Bad Request'],
  [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'Not Found'], [405, 'Not Allowed'], [500, 'Internal Server Error'], [502, 'Bad Gateway'], [503, 'Service Temporarily Unavailable'],
  [504, 'Gateway Time-out']]);

function errorBody(code: number): string {
  const t = `${code} ${REASONS.get(code) ?? ''}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}

export interface Request { method: string; uri: string; path: string; version: string; headers: Map<string, string>; raw: string; rest: Uint8Array }

/** Where the head ends (after its blank line) in `buf`, or -1. */
function headEnd(buf: Uint8Array): number {
  for (let i = 0; i + 1 < buf.length; i++) {
    if (buf[i] === 0x0a && buf[i + 1] === 0x0a) return i + 2;
    if (buf[i] === 0x0a && buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Reads the request head (and keeps any body bytes that came with it); null when the client sent nothing usable. */
export async function readRequest(p: Process, fd: number): Promise<Request | null> {
  let buf = new Uint8Array(0);
  let end = -1;
  while ((end = headEnd(buf)) < 0) {
    if (buf.length > MAX_HEADER) return null;
    const c = await p.read(fd, 8192);
    if (!c) break;
    const next = new Uint8Array(buf.length + c.length);
    next.set(buf);
    next.set(c, buf.length);
    buf = next;
  }
  const text = dec.decode(end < 0 ? buf : buf.subarray(0, end));
  const rest = end < 0 ? new Uint8Array(0) : buf.slice(end);
  const lines = text.split(/\r?\n/);
  const [method = '', uri = '', version = 'HTTP/1.0'] = (lines[0] ?? '').split(' ');
  if (!method || !uri.startsWith('/')) return null;
  const headers = new Map<string, string>();
  for (const l of lines.slice(1)) {
    if (!l) break;
    const i = l.indexOf(':');
    if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
  }
  let path = uri.split('?')[0]!;
  try { path = decodeURIComponent(path); } catch { /* keep raw */ }
  return { method, uri, path: normalizePath(path, '/') + (path.endsWith('/') && path !== '/' ? '/' : ''), version, headers, raw: lines[0] ?? '', rest };
}

function pickServer(site: Site, port: number, host: string): Server | null {
  const on = site.servers.filter((s) => s.ports.includes(port));
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return on.find((s) => s.names.some((n) => n.toLowerCase() === name)) ?? on.find((s) => s.defaultServer) ?? on[0] ?? null;
}

function pickLocation(s: Server, path: string): Location | null {
  const exact = s.locations.find((l) => l.modifier === '=' && l.path === path);
  if (exact) return exact;
  let best: Location | null = null;
  for (const l of s.locations) {
    if ((l.modifier === '' || l.modifier === '^~') && path.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  if (best?.modifier === '^~') return best;
  for (const l of s.locations) if (l.re && l.re.test(path)) return l;
  return best;
}

interface Reply { code: number; headers: Array<[string, string]>; body: Uint8Array; type: string | null; lastModified?: number; reason?: string }

const htmlReply = (code: number): Reply => ({ code, headers: [], body: enc.encode(errorBody(code)), type: 'text/html' });

/** Answers one request (a Reply, before error_page and logging). */
function answer(p: Process, site: Site, s: Server, req: Request, port: number, depth = 0): Reply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return htmlReply(405);
  const loc = pickLocation(s, req.path);
  const headers = [...s.headers, ...(loc?.headers ?? [])];
  const r = loc?.ret ?? s.ret;
  if (r) {
    if (r.code >= 300 && r.code < 400) return { code: r.code, headers: [...headers, ['Location', r.text]], body: enc.encode(errorBody(r.code)), type: 'text/html' };
    return { code: r.code, headers, body: enc.encode(r.text || (r.code >= 400 ? errorBody(r.code) : '')), type: r.text ? site.defaultType : 'text/html' };
  }
  const root = loc?.root ?? s.root;
  const fileFor = (uri: string): string => (loc?.alias != null && uri.startsWith(loc.path) ? normalizePath(loc.alias + uri.slice(loc.path.length), '/') : normalizePath('.' + uri, root));
  const index = loc?.index ?? s.index;
  const stat = (f: string) => { try { return p.fs.statSync(f); } catch { return null; } };
  const serveFile = (file: string): Reply => {
    try {
      const fd = p.open(openPath(p.fs, file, { read: true }, p.task.creds, p.fds));
      p.close(fd);
    } catch { return htmlReply(403); }
    const st = stat(file)!;
    const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    return { code: 200, headers, body: p.fs.readFileSync(file), type: MIME_TYPES.get(ext) ?? site.defaultType, lastModified: st.mtimeMs };
  };
  const tryFiles = loc?.tryFiles ?? s.tryFiles;
  if (tryFiles && tryFiles.length > 0) {
    for (const cand of tryFiles.slice(0, -1)) {
      const uri = cand.replace(/\$uri/g, req.path);
      const f = fileFor(uri);
      const st = stat(f);
      if (st?.type === 'file') return serveFile(f);
      if (st?.type === 'dir' && uri.endsWith('/')) {
        for (const i of index) if (stat(normalizePath(i, f))?.type === 'file') return serveFile(normalizePath(i, f));
      }
    }
    const last = tryFiles[tryFiles.length - 1]!;
    if (/^=\d{3}$/.test(last)) return htmlReply(Number(last.slice(1)));
    if (depth >= MAX_INTERNAL_REDIRECTS) return htmlReply(500);
    return answer(p, site, s, { ...req, path: last.replace(/\$uri/g, req.path).split('?')[0]! }, port, depth + 1);
  }
  const f = fileFor(req.path);
  const st = stat(f);
  if (st?.type === 'dir') {
    if (!req.path.endsWith('/')) {
      const host = req.headers.get('host') ?? 'localhost';
      return { code: 301, headers: [...headers, ['Location', `http://${host}${req.path}/`]], body: enc.encode(errorBody(301)), type: 'text/html' };
    }
    for (const i of index) if (stat(normalizePath(i, f))?.type === 'file') return serveFile(normalizePath(i, f));
    if (loc?.autoindex ?? s.autoindex) {
      const items = p.fs.readdirSync(f).filter((n) => !n.startsWith('.')).sort();
      const list = items.map((n) => `<a href="${n}${stat(normalizePath(n, f))?.type === 'dir' ? '/' : ''}">${n}</a>`).join('\r\n');
      return { code: 200, headers, body: enc.encode(`<html>\r\n<head><title>Index of ${req.path}</title></head>\r\n<body>\r\n<h1>Index of ${req.path}</h1><hr><pre><a href="../">../</a>\r\n${list}\r\n</pre><hr></body>\r\n</html>\r\n`), type: 'text/html' };
    }
    return htmlReply(403);
  }
  if (st?.type === 'file') return serveFile(f);
  return htmlReply(404);
}

function date(ms: number): string {
  return new Date(ms).toUTCString();
}

/** nginx's $time_local: 23/Nov/2026:21:00:00 +0000. */
function timeLocal(ms: number): string {
  const d = new Date(ms);
  const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${m}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Serves one connection and logs it (combined format, as the image's log_format main; a failed upstream in the error log). */
export async function handleConnection(p: Process, fd: number, site: Site, port: number, remote: string, log: (line: string) => Promise<void>, errorLog: (msg: string) => Promise<void> = async () => {}): Promise<void> {
  try {
    const req = await readRequest(p, fd);
    if (!req) { await p.write(fd, `HTTP/1.1 400 Bad Request\r\nServer: nginx/${NGINX_VERSION}\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n${errorBody(400)}`); return; }
    const s = pickServer(site, port, req.headers.get('host') ?? '');
    const loc = s ? pickLocation(s, req.path) : null;
    let reply: Reply;
    if (s && loc?.proxy) {
      const r = await proxyRequest(p, fd, req, s, loc, remote, port);
      if (r.ok) {
        const ct = r.headers.find(([k]) => k.toLowerCase() === 'content-type');
        reply = { code: r.code, reason: r.reason, headers: [...r.headers.filter(([k]) => k.toLowerCase() !== 'content-type'), ...s.headers, ...loc.headers], body: r.body, type: ct ? ct[1] : null };
      } else {
        await errorLog(r.error);
        reply = htmlReply(502);
      }
    } else {
      reply = s ? answer(p, site, s, req, port) : htmlReply(404);
    }
    const page = s && reply.code >= 400 ? (pickLocation(s, req.path)?.errorPages.get(reply.code) ?? s.errorPages.get(reply.code)) : undefined;
    if (s && page) {
      const other = answer(p, site, s, { ...req, path: page }, port, 1);
      if (other.code === 200) reply = { ...other, code: reply.code };
    }
    const now = Date.now();
    const head = [
      `HTTP/1.1 ${reply.code} ${REASONS.get(reply.code) ?? reply.reason ?? ''}`, `Server: nginx/${NGINX_VERSION}`, `Date: ${date(now)}`,
      ...(reply.type !== null ? [`Content-Type: ${reply.type}`] : []),
      `Content-Length: ${reply.body.length}`,
      ...(reply.lastModified !== undefined ? [`Last-Modified: ${date(reply.lastModified)}`] : []),
      'Connection: close',
      ...(reply.lastModified !== undefined ? [`ETag: "${Math.floor(reply.lastModified / 1000).toString(16)}-${reply.body.length.toString(16)}"`, 'Accept-Ranges: bytes'] : []),
      ...reply.headers.map(([k, v]) => `${k}: ${v}`),
    ];
    await p.write(fd, head.join('\r\n') + '\r\n\r\n');
    if (req.method !== 'HEAD') await p.write(fd, reply.body);
    const ua = req.headers.get('user-agent') ?? '-';
    const ref = req.headers.get('referer') ?? '-';
    await log(`${remote} - - [${timeLocal(now)}] "${req.raw}" ${reply.code} ${req.method === 'HEAD' ? 0 : reply.body.length} "${ref}" "${ua}" "-"\n`);
  } catch {
    /* the client went away */
  } finally {
    p.close(fd);
  }
}
