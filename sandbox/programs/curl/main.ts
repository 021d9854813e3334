// The `curl` program (what `apk add curl` installs, and the host machine's
// /usr/bin/curl): HTTP over the virtual network — or over a Unix socket with
// --unix-socket, as one talks to dockerd on /var/run/docker.sock — with
// curl's options, headers, messages and exit codes: -s -S -f -L -o -O -I -i
// -v -g -X -d/--data/--data-raw/--data-binary (@file, @-) --json -H -A -w,
// and its URL globbing ({a,b}, [1-3]). The body reaches the output as it arrives (a streamed answer shows while it is
// produced); binary output to a terminal is refused as curl refuses it, and
// the progress meter goes to stderr when the output is not a terminal. No
// TLS in the sandbox: https is refused plainly.
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { resolveHost } from '../applets/net-lib.ts';
import { expandGlob } from './glob.ts';
import { HttpResponseReader } from './response.ts';

const enc = new TextEncoder();
const MAX_REDIRECTS = 50;
const MAX_BODY = 512 * 1024 * 1024;
const MAX_UPLOAD = 64 * 1024 * 1024;
const VERSION = '8.12.1';

interface Target { host: string; port: number; path: string }

function parse(url: string): Target | { scheme: string } | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http') return { scheme };
  const path = m[4] || '/';
  return { host: m[2]!, port: m[3] ? Number(m[3]) : 80, path: path.startsWith('/') ? path : `/${path}` };
}

function meter(total: number, secs: number): string {
  const speed = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}M` : n >= 1024 ? `${Math.round(n / 1024)}k` : String(n));
  const rate = speed(Math.round(total / Math.max(secs, 0.001)));
  return '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
    + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
    + `100 ${speed(total).padStart(5)}  100 ${speed(total).padStart(5)}    0     0 ${rate.padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${rate.padStart(6)}\n`;
}

const BINARY_WARNING = 'Warning: Binary output can mess up your terminal. Use "--output -" to tell \n'
  + 'Warning: curl to output it to your terminal anyway, or consider "--output \n'
  + 'Warning: <FILE>" to save to a file.\n';

const TAKES = new Set(['-o', '-X', '-d', '-H', '-A', '-w', '-m', '-u', '-e', '--connect-timeout', '--output', '--request', '--data', '--data-raw',
  '--data-binary', '--data-ascii', '--json', '--header', '--user-agent', '--write-out', '--max-time', '--user', '--referer', '--unix-socket']);
const LONG_FLAGS = new Map([['--silent', 's'], ['--show-error', 'S'], ['--fail', 'f'], ['--location', 'L'], ['--head', 'I'], ['--include', 'i'],
  ['--verbose', 'v'], ['--remote-name', 'O'], ['--insecure', 'k'], ['--globoff', 'g']]);

/** A request header line (`Name: value`, `Name:` to drop it, `Name;` for an empty one): its name, and its line or null. */
function headerOf(h: string): { name: string; line: string | null } {
  const colon = h.indexOf(':');
  if (colon < 0) {
    if (h.endsWith(';')) return { name: h.slice(0, -1).trim(), line: `${h.slice(0, -1).trim()}:` };
    return { name: h.trim(), line: null };
  }
  const name = h.slice(0, colon).trim();
  const value = h.slice(colon + 1).trim();
  return { name, line: value === '' ? null : `${name}: ${value}` };
}

export const curl: Program = async (p: Process) => {
  const argv = p.argv.slice(1);
  let silent = false; let showError = false; let fail = false; let follow = false; let head = false; let include = false; let verbose = false;
  let output: string | null = null; let remoteName = false; let method: string | null = null; let agent = `curl/${VERSION}`;
  let writeOut: string | null = null; let socketPath: string | null = null; let globoff = false;
  const data: Array<{ value: string; kind: 'data' | 'raw' | 'binary' }> = [];
  const headers: string[] = [];
  const urls: string[] = [];
  const usage = async (msg: string): Promise<number> => {
    await p.write(2, `curl: ${msg}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (TAKES.has(a)) {
      const v = argv[++i];
      if (v === undefined) return usage(`option ${a}: requires parameter`);
      if (a === '-o' || a === '--output') output = v;
      else if (a === '-X' || a === '--request') method = v;
      else if (a === '-d' || a === '--data' || a === '--data-ascii') data.push({ value: v, kind: 'data' });
      else if (a === '--data-raw') data.push({ value: v, kind: 'raw' });
      else if (a === '--data-binary') data.push({ value: v, kind: 'binary' });
      else if (a === '--json') {
        data.push({ value: v, kind: 'binary' });
        headers.push('Content-Type: application/json', 'Accept: application/json');
      } else if (a === '-H' || a === '--header') headers.push(v);
      else if (a === '-A' || a === '--user-agent') agent = v;
      else if (a === '-w' || a === '--write-out') writeOut = v;
      else if (a === '-e' || a === '--referer') headers.push(`Referer: ${v}`);
      else if (a === '--unix-socket') socketPath = v;
      continue;
    }
    if (a === '--version' || a === '-V') {
      // Only what this curl does: plain HTTP, and Unix sockets.
      await p.write(1, `curl ${VERSION} (x86_64-alpine-linux-musl) libcurl/${VERSION}\nRelease-Date: 2025-02-13\nProtocols: http\nFeatures: IPv4 Largefile UnixSockets\n`);
      return 0;
    }
    if (a.startsWith('--')) {
      const c = LONG_FLAGS.get(a);
      if (!c) return usage(`option ${a}: is unknown`);
      argv[i] = '-' + c;
      i--;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 's') silent = true; else if (c === 'S') showError = true; else if (c === 'f') fail = true; else if (c === 'L') follow = true;
        else if (c === 'I') head = true; else if (c === 'i') include = true; else if (c === 'v') verbose = true; else if (c === 'O') remoteName = true;
        else if (c === 'g') globoff = true;
        else if (c === 'k' || c === '#') { /* accepted */ }
        else return usage(`option -${c}: is unknown`);
      }
      continue;
    }
    urls.push(a);
  }
  const error = async (code: number, msg: string): Promise<number> => {
    if (!silent || showError) await p.write(2, `curl: (${code}) ${msg}\n`);
    return code;
  };
  if (urls.length === 0) { await p.write(2, "curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
  // The body: -d pieces joined by &; @file reads a file (@- stdin), -d strips its newlines, --data-binary keeps them.
  let body: Uint8Array | null = null;
  if (data.length > 0) {
    const parts: string[] = [];
    for (const d of data) {
      if (d.kind === 'raw' || !d.value.startsWith('@')) { parts.push(d.value); continue; }
      const name = d.value.slice(1);
      const text = await readUpload(p, name);
      if (text === null) {
        await p.write(2, `Warning: Couldn't read data from file "${name}", this makes an empty POST.\n`);
        parts.push('');
      } else parts.push(d.kind === 'binary' ? text : text.replace(/[\r\n]/g, ''));
    }
    body = enc.encode(parts.join('&'));
  }
  const targets: string[] = [];
  for (const u of urls) {
    const glob = globoff ? { urls: [u] } : expandGlob(u);
    if ('error' in glob) return error(3, glob.error);
    targets.push(...glob.urls);
  }
  // Each URL in turn; the status is the last one's, as curl's.
  let status = 0;
  for (const url of targets) status = await transfer(url);
  return status;

  async function transfer(url: string): Promise<number> {
    const started = p.now();
    let target = parse(url);
    for (let hop = 0; ; hop++) {
      if (!target) return error(3, 'URL rejected: Malformed input to a URL function');
      if ('scheme' in target) return error(1, `Protocol "${target.scheme}" not supported${target.scheme === 'https' ? ' in the playground (no TLS here: use http://)' : ''}`);
      let fd: number;
      let where: string;
      if (socketPath !== null) {
        // The URL's host only names the server in the Host header: the socket is the way there.
        if (verbose) await p.write(2, `*   Trying ${socketPath}:0...\n`);
        try {
          fd = p.connectUnix(socketPath);
        } catch (e) {
          if (verbose) await p.write(2, `* Immediate connect fail for ${socketPath}: ${(e as { description?: string }).description ?? String(e)}\n`);
          return error(7, `Failed to connect to ${target.host} port ${target.port} after ${Math.round(p.now() - started)} ms: Couldn't connect to server`);
        }
        where = `${target.host} (${socketPath}) port ${target.port}`;
      } else {
        const addr = resolveHost(p, target.host);
        if (!addr) return error(6, `Could not resolve host: ${target.host}`);
        if (verbose) await p.write(2, `*   Trying ${addr}:${target.port}...\n`);
        try {
          fd = await p.connect(addr, target.port);
        } catch {
          return error(7, `Failed to connect to ${target.host} port ${target.port} after ${Math.round(p.now() - started)} ms: Couldn't connect to server`);
        }
        where = `${target.host} (${addr}) port ${target.port}`;
      }
      const m = method ?? (head ? 'HEAD' : body !== null ? 'POST' : 'GET');
      const request = requestHead(m, target, agent, headers, body);
      if (verbose) await p.write(2, `* Connected to ${where}\n${request.trimEnd().split('\r\n').map((l) => `> ${l}\n`).join('')}> \n`);
      await p.write(fd, request);
      if (body) await p.write(fd, body);
      const reader = new HttpResponseReader(p, fd);
      const res = await reader.head();
      if (!res) { p.close(fd); return error(52, 'Empty reply from server'); }
      if (verbose) await p.write(2, `${[res.statusLine, ...res.headerLines].map((l) => `< ${l}\n`).join('')}< \n`);
      if (follow && res.code >= 300 && res.code < 400 && res.headers.has('location') && hop < MAX_REDIRECTS) {
        p.close(fd);
        const loc = res.headers.get('location')!;
        target = loc.startsWith('/') ? { ...target, path: loc } : parse(loc);
        continue;
      }
      if (fail && res.code >= 400) { p.close(fd); return error(22, `The requested URL returned error: ${res.code}`); }
      let outFd = 1;
      const name = output ?? (remoteName ? (target.path.split('?')[0]!.split('/').pop() || '') : null);
      if (remoteName && !name) { p.close(fd); return error(23, 'Remote file name has no length'); }
      if (name !== null && name !== '-') {
        try { outFd = p.open(openPath(p.fs, normalizePath(name, p.cwd), { write: true, create: true, truncate: true }, p.task.creds, p.fds)); } catch {
          p.close(fd);
          return error(23, 'Failure writing output to destination, passed 0 returned 0');
        }
      }
      const toTerminal = outFd === 1 && p.tty(1) !== null;
      if (head || include) {
        const shown = toTerminal ? boldNames(res.head) : res.head;
        await p.write(outFd, enc.encode(`${shown}\r\n\r\n`));
      }
      let size = 0;
      let refused = false;
      if (!head) {
        // Binary to a terminal: curl stops at the first piece with a NUL byte, unless told --output -.
        const checkBinary = toTerminal && output !== '-';
        try {
          size = await reader.body(res, m, MAX_BODY, async (chunk) => {
            if (checkBinary && chunk.includes(0)) { refused = true; throw new BinaryRefused(); }
            await p.write(outFd, chunk);
          });
        } catch (e) {
          if (!(e instanceof BinaryRefused)) throw e;
        }
      }
      p.close(fd);
      if (!silent && !verbose && !toTerminal) await p.write(2, meter(size, (p.now() - started) / 1000));
      if (outFd !== 1) p.close(outFd);
      if (refused) {
        if (!silent) await p.write(2, BINARY_WARNING);
        return 23;
      }
      if (writeOut !== null) await p.write(1, writeOut.replace(/%\{http_code\}/g, String(res.code)).replace(/%\{size_download\}/g, String(size)).replace(/\\n/g, '\n'));
      return 0;
    }
  }
};

class BinaryRefused extends Error {}

/** The request line and headers as curl writes them: its own (Host, User-Agent, Accept) overridden in place by -H, then the rest of -H, then the body's length and type. */
function requestHead(method: string, target: Target, agent: string, extra: string[], body: Uint8Array | null): string {
  const own: Array<[string, string]> = [['Host', target.port === 80 ? target.host : `${target.host}:${target.port}`], ['User-Agent', agent], ['Accept', '*/*']];
  const given = extra.map(headerOf);
  const lowered = (s: string): string => s.toLowerCase();
  const lines: string[] = [`${method} ${target.path} HTTP/1.1`];
  for (const [name, value] of own) {
    const over = given.filter((g) => lowered(g.name) === lowered(name)).pop();
    if (!over) lines.push(`${name}: ${value}`);
    else if (over.line !== null) lines.push(over.line);
  }
  const ownNames = new Set(own.map(([n]) => lowered(n)));
  for (const g of given) if (!ownNames.has(lowered(g.name)) && g.line !== null) lines.push(g.line);
  if (body) {
    lines.push(`Content-Length: ${body.length}`);
    if (!given.some((g) => lowered(g.name) === 'content-type')) lines.push('Content-Type: application/x-www-form-urlencoded');
  }
  return lines.join('\r\n') + '\r\n\r\n';
}

/** Response header names in bold, as curl shows them on a terminal. */
function boldNames(head: string): string {
  const [status, ...rest] = head.split('\r\n');
  return [status, ...rest.map((l) => (l.includes(':') ? `\x1b[1m${l.slice(0, l.indexOf(':'))}\x1b[0m${l.slice(l.indexOf(':'))}` : l))].join('\r\n');
}

/** The contents of an upload file (`-` is stdin); null when it cannot be read. */
async function readUpload(p: Process, name: string): Promise<string | null> {
  try {
    if (name === '-') {
      const parts: Uint8Array[] = [];
      let size = 0;
      for (let c = await p.read(0); c && size < MAX_UPLOAD; c = await p.read(0)) { parts.push(c); size += c.length; }
      const all = new Uint8Array(size);
      let off = 0;
      for (const c of parts) { all.set(c, off); off += c.length; }
      return new TextDecoder().decode(all);
    }
    const fd = p.open(openPath(p.fs, normalizePath(name, p.cwd), { read: true }, p.task.creds, p.fds));
    const parts: string[] = [];
    const dec = new TextDecoder();
    let size = 0;
    for (let c = await p.read(fd); c && size < MAX_UPLOAD; c = await p.read(fd)) { parts.push(dec.decode(c, { stream: true })); size += c.length; }
    p.close(fd);
    return parts.join('') + dec.decode();
  } catch {
    return null;
  }
}
