// wget [-q] [-O FILE] [-S] [--spider] [-T SEC] [-U AGENT] [--header H] URL:
// busybox's HTTP client over the virtual network. HTTP only (no TLS, and
// nothing outside the engine is reachable); messages and exit codes as
// busybox's.
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, err, out } from './lib.ts';
import { netReason, readResponse, resolveHost } from './net-lib.ts';

const MAX_REDIRECTS = 20;

interface Url { host: string; port: number; path: string }

function parseUrl(s: string): Url | 'https' | null {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(s);
  if (!m) return null;
  if (m[1]?.toLowerCase() === 'https') return 'https';
  return { host: m[2]!, port: m[3] ? Number(m[3]) : 80, path: m[4] || '/' };
}

export const wget: Program = async (p) => {
  const argv = p.argv.slice(1);
  let quiet = false;
  let output: string | null = null;
  let spider = false;
  let showHeaders = false;
  let agent = 'Wget';
  const headers: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = (): string => inline ?? argv[++i] ?? '';
      if (name === '--quiet') quiet = true;
      else if (name === '--output-document') output = value();
      else if (name === '--spider') spider = true;
      else if (name === '--server-response') showHeaders = true;
      else if (name === '--timeout' || name === '--tries') value();
      else if (name === '--user-agent') agent = value();
      else if (name === '--header') headers.push(value());
      else if (name === '--continue' || name === '--no-check-certificate') { /* accepted */ }
      else { await err(p, `unrecognized option '${a}'`); return 1; }
      continue;
    }
    if (!a.startsWith('-') || a === '-') { urls.push(a); continue; }
    // Bundled short options: -qO- , -qO file, -SO-.
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'q') quiet = true;
      else if (c === 'S') showHeaders = true;
      else if (c === 'c' || c === 's') { /* accepted */ }
      else if ('OTtUPoY'.includes(c)) {
        const v = a.slice(j + 1) || argv[++i] || '';
        if (c === 'O') output = v;
        if (c === 'U') agent = v;
        break;
      } else { await err(p, `unrecognized option '${a}'`); return 1; }
    }
  }
  if (urls.length === 0) {
    await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const note = async (s: string): Promise<void> => { if (!quiet) await p.write(2, s); };
  let status = 0;
  for (const first of urls) {
    let target = parseUrl(first);
    let body: Uint8Array | null = null;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (target === 'https') { await err(p, 'not an http or ftp url: TLS is not available in the sandbox'); return 1; }
      if (!target) { await err(p, `not an http or ftp url: ${first}`); return 1; }
      const addr = resolveHost(p, target.host);
      if (!addr) { await err(p, `bad address '${target.host}'`); return 1; }
      await note(`Connecting to ${target.host}${target.port !== 80 || first.includes(`:${target.port}`) ? `:${target.port}` : ':80'} (${addr}:${target.port})\n`);
      let fd: number;
      try {
        fd = await p.connect(addr, target.port);
      } catch (e) {
        await err(p, `can't connect to remote host (${addr}): ${netReason(e)}`);
        return 1;
      }
      const hostHeader = target.port === 80 ? target.host : `${target.host}:${target.port}`;
      const req = `${spider ? 'HEAD' : 'GET'} ${target.path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: ${agent}\r\n${headers.map((h) => h + '\r\n').join('')}Connection: close\r\n\r\n`;
      await p.write(fd, req);
      const res = await readResponse(p, fd, spider);
      p.close(fd);
      if (!res) { await err(p, 'error getting response: Connection reset by peer'); return 1; }
      if (showHeaders) await p.write(2, [res.statusLine, ...res.headerLines].map((l) => `  ${l}\n`).join(''));
      if (res.code >= 300 && res.code < 400 && res.headers.has('location')) {
        const loc = res.headers.get('location')!;
        target = loc.startsWith('/') ? { ...target, path: loc } : parseUrl(loc);
        continue;
      }
      if (res.code < 200 || res.code >= 300) {
        await err(p, `server returned error: ${res.statusLine}`);
        return 1;
      }
      if (spider) await note('remote file exists\n');
      body = res.body;
      break;
    }
    if (!body) { await err(p, 'too many redirections'); return 1; }
    if (spider) continue;
    const name = output ?? (() => {
      const path = (target as Url).path.split('?')[0]!;
      const base = path.slice(path.lastIndexOf('/') + 1);
      return base || 'index.html';
    })();
    if (name === '-') {
      await note('writing to stdout\n');
      await out(p, body);
      await note('written to stdout\n');
      continue;
    }
    const abs = normalizePath(name, p.cwd);
    let fd: number;
    try {
      if (output === null && p.fs.existsSync(abs)) { await err(p, `can't open '${name}': File exists`); return 1; }
      fd = p.open(openPath(p.fs, abs, { write: true, create: true, truncate: true }, p.task.creds, p.fds));
    } catch (e) {
      await err(p, `can't open '${name}': ${describe(e)}`);
      return 1;
    }
    await note(`saving to '${name}'\n`);
    await p.write(fd, body);
    p.close(fd);
    await note(`${name.slice(0, 20).padEnd(20)} 100% |${'*'.repeat(32)}| ${String(body.length).padStart(5)}  0:00:00 ETA\n'${name}' saved\n`);
    status = 0;
  }
  return status;
};
