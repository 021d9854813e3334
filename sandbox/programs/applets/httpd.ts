// httpd [-f] [-v] [-p [IP:]PORT] [-h HOME]: busybox's static web server
// over the virtual network. Without -f it goes to the background (and a
// container whose PID 1 it is exits at once, as with the real one).
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { err, readAll } from './lib.ts';
import { MIME_TYPES, netReason } from './net-lib.ts';

const dec = new TextDecoder();
const enc = new TextEncoder();
const MAX_REQUEST = 16 * 1024;


const STATUS_TEXT = new Map([[200, 'OK'], [400, 'Bad Request'], [403, 'Forbidden'], [404, 'Not Found'], [501, 'Not Implemented']]);

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function errorPage(code: number): string {
  const t = `${code} ${STATUS_TEXT.get(code)}`;
  const what = code === 404 ? 'The requested URL was not found' : code === 403 ? 'Access to this resource is forbidden' : code === 501 ? 'The requested method is not recognized' : 'Unsupported method';
  return `<HTML><HEAD><TITLE>${t}</TITLE></HEAD>\n<BODY><H1>${t}</H1>\n${what}\n</BODY></HTML>\n`;
}

async function handle(p: Process, fd: number, home: string, verbose: boolean): Promise<void> {
  try {
    let req = '';
    while (!req.includes('\r\n\r\n') && !req.includes('\n\n') && req.length < MAX_REQUEST) {
      const c = await p.read(fd, 4096);
      if (!c) break;
      req += dec.decode(c);
    }
    const [method = '', rawPath = '/'] = (req.split(/\r?\n/)[0] ?? '').split(' ');
    const send = async (code: number, headers: string[], body: Uint8Array | string, head = false): Promise<void> => {
      const bytes = typeof body === 'string' ? enc.encode(body) : body;
      const lines = [`HTTP/1.1 ${code} ${STATUS_TEXT.get(code)}`, ...headers, `Date: ${httpDate(Date.now())}`, 'Connection: close'];
      if (code === 200) lines.push(`Content-Length: ${bytes.length}`);
      await p.write(fd, lines.join('\r\n') + '\r\n\r\n');
      if (!head) await p.write(fd, bytes);
    };
    if (verbose) await p.write(2, `${method} ${rawPath}\n`);
    if (method !== 'GET' && method !== 'HEAD') { await send(501, ['Content-type: text/html'], errorPage(501)); return; }
    let path = decodeURIComponent(rawPath.split('?')[0]!);
    if (path.split('/').includes('..')) { await send(400, ['Content-type: text/html'], errorPage(400)); return; }
    let abs = normalizePath('.' + path, home);
    let st;
    try { st = p.fs.statSync(abs); } catch { st = null; }
    if (st?.type === 'dir') {
      if (!path.endsWith('/')) {
        await p.write(fd, `HTTP/1.1 301 Moved Permanently\r\nLocation: ${path}/\r\nConnection: close\r\n\r\n`);
        return;
      }
      path += 'index.html';
      abs = normalizePath('index.html', abs);
      try { st = p.fs.statSync(abs); } catch { st = null; }
    }
    if (!st || st.type !== 'file') { await send(404, ['Content-type: text/html'], errorPage(404), method === 'HEAD'); return; }
    let body: Uint8Array;
    try {
      const f = p.open(openPath(p.fs, abs, { read: true }, p.task.creds, p.fds));
      body = await readAll(p, f);
      p.close(f);
    } catch {
      await send(403, ['Content-type: text/html'], errorPage(403), method === 'HEAD');
      return;
    }
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    const type = MIME_TYPES.get(ext) ?? 'application/octet-stream';
    const mtime = st.mtimeMs ?? Date.now();
    await send(200, [`Content-type: ${type}`, `Last-Modified: ${httpDate(mtime)}`, `ETag: "${Math.floor(mtime / 1000).toString(16)}-${body.length.toString(16)}"`, 'Accept-Ranges: bytes'], body, method === 'HEAD');
  } catch {
    /* the client went away */
  } finally {
    p.close(fd);
  }
}

export const httpd: Program = async (p) => {
  const argv = p.argv.slice(1);
  let foreground = false;
  let verbose = false;
  let portSpec = '80';
  let home = '.';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[fv]+$/.test(a)) { if (a.includes('f')) foreground = true; if (a.includes('v')) verbose = true; }
    else if (a === '-p') portSpec = argv[++i] ?? '';
    else if (a === '-h') home = argv[++i] ?? '';
    else if (a === '-c' || a === '-u' || a === '-r') i++;
    else { await err(p, `unrecognized option '${a}'`); return 1; }
  }
  const m = /^(?:(\d+\.\d+\.\d+\.\d+):)?(\d+)$/.exec(portSpec);
  if (!m || Number(m[2]) > 65535) { await err(p, `bad port '${portSpec}'`); return 1; }
  const homeAbs = normalizePath(home, p.cwd);
  try {
    if (p.fs.statSync(homeAbs).type !== 'dir') throw new Error();
  } catch {
    await err(p, `can't change directory to '${home}': No such file or directory`);
    return 1;
  }
  let lfd: number;
  try {
    lfd = p.listen(m[1] ?? '0.0.0.0', Number(m[2]));
  } catch (e) {
    await err(p, `bind: ${netReason(e)}`);
    return 1;
  }
  if (!foreground) {
    // Daemonize: a child keeps serving on the listening socket; we return at once.
    p.spawn(serveLoop(homeAbs, verbose), { argv: p.argv, fds: new Map([[3, lfd]]) });
    return 0;
  }
  return serveLoop(homeAbs, verbose, lfd)(p);
};

function serveLoop(home: string, verbose: boolean, lfd = 3): Program {
  return async (p) => {
    for (;;) {
      const fd = await p.accept(lfd);
      void handle(p, fd, home, verbose);
      const t = p.tick();
      if (t) await t;
    }
  };
}
