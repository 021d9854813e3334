// The `curl` program (what `apk add curl` installs): HTTP over the virtual
// network with curl's options, messages and exit codes — -s -S -f -L -o -O
// -I -i -v -X -d -H -A -w '%{http_code}' — and its progress meter when the
// output is not a terminal. No TLS in the sandbox: https is refused plainly.
import { normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { readResponse, resolveHost } from '../applets/net-lib.ts';

const enc = new TextEncoder();
const MAX_REDIRECTS = 50;
const MAX_BODY = 512 * 1024 * 1024;

interface Target { host: string; port: number; path: string }

function parse(url: string): Target | { scheme: string } | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http') return { scheme };
  return { host: m[2]!, port: m[3] ? Number(m[3]) : 80, path: m[4] || '/' };
}

function meter(total: number, secs: number): string {
  const speed = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}M` : n >= 1024 ? `${Math.round(n / 1024)}k` : String(n));
  const rate = speed(Math.round(total / Math.max(secs, 0.001)));
  return '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
    + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
    + `100 ${speed(total).padStart(5)}  100 ${speed(total).padStart(5)}    0     0 ${rate.padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${rate.padStart(6)}\n`;
}

export const curl: Program = async (p: Process) => {
  const argv = p.argv.slice(1);
  let silent = false; let showError = false; let fail = false; let follow = false; let head = false; let include = false; let verbose = false;
  let output: string | null = null; let remoteName = false; let method: string | null = null; let data: string | null = null;
  let agent = 'curl/8.12.1'; let writeOut: string | null = null;
  const headers: string[] = [];
  const urls: string[] = [];
  const takes = new Set(['-o', '-X', '-d', '-H', '-A', '-w', '-m', '--connect-timeout', '--output', '--request', '--data', '--data-raw', '--header', '--user-agent', '--write-out', '--max-time', '-u', '--user', '-e', '--referer']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (takes.has(a)) {
      const v = argv[++i];
      if (v === undefined) { await p.write(2, `curl: option ${a}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`); return 2; }
      if (a === '-o' || a === '--output') output = v;
      else if (a === '-X' || a === '--request') method = v;
      else if (a === '-d' || a === '--data' || a === '--data-raw') data = data === null ? v : `${data}&${v}`;
      else if (a === '-H' || a === '--header') headers.push(v);
      else if (a === '-A' || a === '--user-agent') agent = v;
      else if (a === '-w' || a === '--write-out') writeOut = v;
      else if (a === '-e' || a === '--referer') headers.push(`Referer: ${v}`);
      continue;
    }
    if (a === '--version' || a === '-V') {
      // Only what this curl does: plain HTTP.
      await p.write(1, 'curl 8.12.1 (x86_64-alpine-linux-musl) libcurl/8.12.1\nRelease-Date: 2025-02-13\nProtocols: http\nFeatures: IPv4 Largefile\n');
      return 0;
    }
    if (a.startsWith('--')) {
      const long = new Map([['--silent', 's'], ['--show-error', 'S'], ['--fail', 'f'], ['--location', 'L'], ['--head', 'I'], ['--include', 'i'], ['--verbose', 'v'], ['--remote-name', 'O'], ['--insecure', 'k']]);
      const c = long.get(a);
      if (!c) { await p.write(2, `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`); return 2; }
      argv[i] = '-' + c;
      i--;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 's') silent = true; else if (c === 'S') showError = true; else if (c === 'f') fail = true; else if (c === 'L') follow = true;
        else if (c === 'I') head = true; else if (c === 'i') include = true; else if (c === 'v') verbose = true; else if (c === 'O') remoteName = true;
        else if (c === 'k' || c === '#') { /* accepted */ }
        else { await p.write(2, `curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`); return 2; }
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
  const started = p.now();
  let target = parse(urls[0]!);
  for (let hop = 0; ; hop++) {
    if (!target) return error(3, 'URL rejected: Malformed input to a URL function');
    if ('scheme' in target) return error(1, `Protocol "${target.scheme}" not supported${target.scheme === 'https' ? ' in the playground (no TLS here: use http://)' : ''}`);
    const addr = resolveHost(p, target.host);
    if (!addr) return error(6, `Could not resolve host: ${target.host}`);
    let fd: number;
    try {
      fd = await p.connect(addr, target.port);
    } catch {
      return error(7, `Failed to connect to ${target.host} port ${target.port} after ${Math.round(p.now() - started)} ms: Couldn't connect to server`);
    }
    const m = method ?? (head ? 'HEAD' : data !== null ? 'POST' : 'GET');
    const hostHeader = target.port === 80 ? target.host : `${target.host}:${target.port}`;
    const lines = [`${m} ${target.path} HTTP/1.1`, `Host: ${hostHeader}`, `User-Agent: ${agent}`, 'Accept: */*'];
    const body = data !== null ? enc.encode(data) : null;
    if (body) lines.push(`Content-Length: ${body.length}`, 'Content-Type: application/x-www-form-urlencoded');
    lines.push(...headers, 'Connection: close');
    const request = lines.join('\r\n') + '\r\n\r\n';
    if (verbose) await p.write(2, `*   Trying ${addr}:${target.port}...\n* Connected to ${target.host} (${addr}) port ${target.port}\n${request.trimEnd().split('\r\n').map((l) => `> ${l}\n`).join('')}> \n`);
    await p.write(fd, request);
    if (body) await p.write(fd, body);
    const res = await readResponse(p, fd, m === 'HEAD', MAX_BODY);
    p.close(fd);
    if (!res) return error(52, 'Empty reply from server');
    const { code, headers: h, body: content } = res;
    if (verbose) await p.write(2, `${[res.statusLine, ...res.headerLines].map((l) => `< ${l}\n`).join('')}< \n`);
    if (follow && code >= 300 && code < 400 && h.has('location') && hop < MAX_REDIRECTS) {
      const loc = h.get('location')!;
      target = loc.startsWith('/') ? { ...target, path: loc } : parse(loc);
      continue;
    }
    if (fail && code >= 400) return error(22, `The requested URL returned error: ${code}`);
    const headText = enc.encode(res.head + '\r\n\r\n');
    const result = head ? headText : include ? new Uint8Array([...headText, ...content]) : content;
    let outFd = 1;
    const name = output ?? (remoteName ? (target.path.split('?')[0]!.split('/').pop() || '') : null);
    if (remoteName && !name) return error(23, 'Remote file name has no length');
    if (name !== null && name !== '-') {
      try { outFd = p.open(openPath(p.fs, normalizePath(name, p.cwd), { write: true, create: true, truncate: true }, p.task.creds, p.fds)); } catch {
        return error(23, `Failure writing output to destination, passed ${result.length} returned 0`);
      }
    }
    if (!silent && !verbose && (outFd !== 1 || !p.tty(1))) await p.write(2, meter(result.length, (p.now() - started) / 1000));
    await p.write(outFd, result);
    if (outFd !== 1) p.close(outFd);
    if (writeOut !== null) await p.write(1, writeOut.replace(/%\{http_code\}/g, String(code)).replace(/%\{size_download\}/g, String(content.length)).replace(/\\n/g, '\n'));
    return 0;
  }
};
