// The `curl` program (what `apk add curl` installs, and the host machine's
// /usr/bin/curl): HTTP over the virtual network — or over a Unix socket with
// --unix-socket, as one talks to dockerd on /var/run/docker.sock — with
// curl's options, headers, messages and exit codes: -s -S -f -L -o -O -I -i
// -v -g -G -X -d/--data/--data-raw/--data-binary/--data-urlencode (@file,
// @-) --json -H -A -w -m --connect-timeout, --retry and its companions
// (retry.ts), and its URL globbing ({a,b}, [1-3]). The body reaches the
// output as it arrives (a streamed answer shows while it is produced);
// binary output to a terminal is refused as curl refuses it, and the
// progress meter goes to stderr when the output is not a terminal. No TLS in
// the sandbox: https is refused plainly.
import { normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { resolveHost } from '../applets/net-lib.ts';
import { expandGlob } from './glob.ts';
import { parseOptions, VERSION, type Options } from './options.ts';
import { composeData, requestHead, withQuery, type Target } from './request.ts';
import { HttpResponseReader } from './response.ts';
import { decide, retryAfterOf, retryState, wrapped, type Outcome } from './retry.ts';

const enc = new TextEncoder();
const MAX_REDIRECTS = 50;
const MAX_BODY = 512 * 1024 * 1024;
/** curl's default limit on the connection phase. */
const CONNECT_TIMEOUT_DEFAULT = 300;

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

const BINARY_WARNING = 'Binary output can mess up your terminal. Use "--output -" to tell curl to output it to your terminal anyway, or consider "--output <FILE>" to save to a file.';

class BinaryRefused extends Error {}
class TimedOut extends Error {}

/** `work`, unless `ms` (null: no limit) passes first: then TimedOut, and `work` is left to settle unheard. */
async function within<T>(p: Process, work: Promise<T>, ms: number | null): Promise<T> {
  if (ms === null) return work;
  let settled = false;
  let value: T | undefined;
  let failure: unknown = null;
  const tracked = work.then((v) => { settled = true; value = v; }, (e: unknown) => { settled = true; failure = e ?? new Error('failed'); });
  await p.waitAny(tracked, Math.max(0, ms));
  if (!settled) throw new TimedOut();
  if (failure !== null) throw failure;
  return value as T;
}

export const curl: Program = async (p: Process) => {
  const parsed = parseOptions(p.argv.slice(1));
  if (parsed === 'version') {
    // Only what this curl does: plain HTTP, and Unix sockets.
    await p.write(1, `curl ${VERSION} (x86_64-alpine-linux-musl) libcurl/${VERSION}\nRelease-Date: 2025-02-13\nProtocols: http\nFeatures: IPv4 Largefile UnixSockets\n`);
    return 0;
  }
  if ('error' in parsed) {
    await p.write(2, `curl: ${parsed.error}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  const o: Options = parsed;
  if (o.urls.length === 0) { await p.write(2, "curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
  // get_terminal_columns: COLUMNS (21-9999), else the terminal on stdin, else 79.
  const env = Number(p.env.get('COLUMNS'));
  const columns = Number.isInteger(env) && env > 20 && env < 10000 ? env : p.tty(0)?.size.cols || 79;
  /** warnf/notef: not with -s, even with -S. */
  const notice = async (prefix: string, text: string): Promise<void> => { if (!o.silent) await p.write(2, wrapped(prefix, text, columns)); };
  const error = async (code: number, msg: string): Promise<number> => {
    if (!o.silent || o.showError) await p.write(2, `curl: (${code}) ${msg}\n`);
    return code;
  };
  const data = await composeData(p, o.data);
  const body = data !== null && !o.get ? enc.encode(data) : null;
  const targets: string[] = [];
  for (const u of o.urls) {
    const glob = o.globoff ? { urls: [u] } : expandGlob(u);
    if ('error' in glob) return error(3, glob.error);
    targets.push(...glob.urls.map((x) => (o.get && data !== null ? withQuery(x, data) : x)));
  }
  // Each URL in turn, each with its own retries; the status is the last one's, as curl's.
  let status = 0;
  for (const url of targets) {
    const st = retryState(o, p.now());
    for (;;) {
      const { outcome, size, savedBytes } = await transfer(url);
      const next = decide(o, st, outcome, p.now());
      if (next.warning) await notice('Warning: ', next.warning);
      if (next.retry) {
        if (savedBytes > 0) await notice('Note: ', `Throwing away ${savedBytes} bytes`);
        await p.sleep(next.sleepMs);
        continue;
      }
      if (o.writeOut !== null) await p.write(1, o.writeOut.replace(/%\{http_code\}/g, String(outcome.httpCode).padStart(3, '0')).replace(/%\{size_download\}/g, String(size)).replace(/\\n/g, '\n'));
      status = outcome.code;
      break;
    }
  }
  return status;

  /** One attempt at one URL (following redirects with -L). */
  async function transfer(url: string): Promise<{ outcome: Outcome; size: number; savedBytes: number }> {
    const started = p.now();
    const deadline = o.maxTime === null ? null : started + o.maxTime * 1000;
    const left = (): number | null => (deadline === null ? null : deadline - p.now());
    const failed = async (code: number, msg: string, more: Partial<Outcome> = {}): Promise<{ outcome: Outcome; size: number; savedBytes: number }> =>
      ({ outcome: { code: await error(code, msg), httpCode: 0, ...more }, size: 0, savedBytes: 0 });
    let target = parse(url);
    for (let hop = 0; ; hop++) {
      if (!target) return failed(3, 'URL rejected: Malformed input to a URL function');
      if ('scheme' in target) return failed(1, `Protocol "${target.scheme}" not supported${target.scheme === 'https' ? ' in the playground (no TLS here: use http://)' : ''}`);
      let fd: number;
      let where: string;
      const connectLimit = Math.min((o.connectTimeout ?? CONNECT_TIMEOUT_DEFAULT) * 1000, left() ?? Infinity);
      const connectFailed = (e: unknown): Promise<{ outcome: Outcome; size: number; savedBytes: number }> => {
        const ms = Math.round(p.now() - started);
        if (e instanceof TimedOut) return failed(28, `Failed to connect to ${(target as Target).host} port ${(target as Target).port} after ${ms} ms: Timeout was reached`);
        return failed(7, `Failed to connect to ${(target as Target).host} port ${(target as Target).port} after ${ms} ms: Couldn't connect to server`, e instanceof SysError ? { errno: e.errno } : {});
      };
      if (o.socketPath !== null) {
        // The URL's host only names the server in the Host header: the socket is the way there.
        if (o.verbose) await p.write(2, `*   Trying ${o.socketPath}:0...\n`);
        try {
          fd = p.connectUnix(o.socketPath);
        } catch (e) {
          if (o.verbose) await p.write(2, `* Immediate connect fail for ${o.socketPath}: ${(e as { description?: string }).description ?? String(e)}\n`);
          return connectFailed(e);
        }
        where = `${target.host} (${o.socketPath}) port ${target.port}`;
      } else {
        const addr = resolveHost(p, target.host);
        if (!addr) return failed(6, `Could not resolve host: ${target.host}`);
        if (o.verbose) await p.write(2, `*   Trying ${addr}:${target.port}...\n`);
        try {
          fd = await within(p, p.connect(addr, target.port), connectLimit);
        } catch (e) {
          return connectFailed(e);
        }
        where = `${target.host} (${addr}) port ${target.port}`;
      }
      const m = o.method ?? (o.head ? 'HEAD' : body !== null ? 'POST' : 'GET');
      const request = requestHead(m, target, o.agent, o.headers, body);
      if (o.verbose) await p.write(2, `* Connected to ${where}\n${request.trimEnd().split('\r\n').map((l) => `> ${l}\n`).join('')}> \n`);
      let size = 0;
      let expected: string | undefined;
      let outFd = 1;
      const close = (): void => { p.close(fd); if (outFd !== 1) p.close(outFd); outFd = 1; };
      try {
        await p.write(fd, request);
        if (body) await p.write(fd, body);
        const reader = new HttpResponseReader(p, fd, () => within(p, p.read(fd, 65536), left()));
        const res = await reader.head();
        if (!res) { close(); return failed(52, 'Empty reply from server'); }
        if (o.verbose) await p.write(2, `${[res.statusLine, ...res.headerLines].map((l) => `< ${l}\n`).join('')}< \n`);
        expected = res.headers.get('content-length');
        const got: Outcome = { code: 0, httpCode: res.code, retryAfter: retryAfterOf(res.headers.get('retry-after'), Date.now()) };
        if (o.follow && res.code >= 300 && res.code < 400 && res.headers.has('location') && hop < MAX_REDIRECTS) {
          close();
          const loc = res.headers.get('location')!;
          target = loc.startsWith('/') ? { ...target, path: loc } : parse(loc);
          continue;
        }
        if (o.fail && res.code >= 400) { close(); return failed(22, `The requested URL returned error: ${res.code}`, { httpCode: res.code, ...(got.retryAfter && { retryAfter: got.retryAfter }) }); }
        const name = o.output ?? (o.remoteName ? (target.path.split('?')[0]!.split('/').pop() || '') : null);
        if (o.remoteName && !name) { close(); return failed(23, 'Remote file name has no length'); }
        if (name !== null && name !== '-') {
          try { outFd = p.open(openPath(p.fs, normalizePath(name, p.cwd), { write: true, create: true, truncate: true }, p.task.creds, p.fds)); } catch {
            close();
            return failed(23, 'Failure writing output to destination, passed 0 returned 0');
          }
        }
        const toFile = outFd !== 1;
        const toTerminal = !toFile && p.tty(1) !== null;
        if (o.head || o.include) await p.write(outFd, enc.encode(`${toTerminal ? boldNames(res.head) : res.head}\r\n\r\n`));
        let refused = false;
        if (!o.head) {
          // Binary to a terminal: curl stops at the first piece with a NUL byte, unless told --output -.
          const checkBinary = toTerminal && o.output !== '-';
          try {
            await reader.body(res, m, MAX_BODY, async (chunk) => {
              if (checkBinary && chunk.includes(0)) { refused = true; throw new BinaryRefused(); }
              await p.write(outFd, chunk);
              size += chunk.length;
            });
          } catch (e) {
            if (!(e instanceof BinaryRefused)) throw e;
          }
        }
        close();
        if (!o.silent && !o.verbose && !toTerminal) await p.write(2, meter(size, (p.now() - started) / 1000));
        if (refused) {
          await notice('Warning: ', BINARY_WARNING);
          return { outcome: { ...got, code: 23 }, size, savedBytes: 0 };
        }
        return { outcome: got, size, savedBytes: toFile ? size : 0 };
      } catch (e) {
        if (!(e instanceof TimedOut)) throw e;
        close();
        const ms = Math.round(p.now() - started);
        return { ...(await failed(28, `Operation timed out after ${ms} milliseconds with ${size}${expected ? ` out of ${expected}` : ''} bytes received`)), size };
      }
    }
  }
};

/** Response header names in bold, as curl shows them on a terminal. */
function boldNames(head: string): string {
  const [status, ...rest] = head.split('\r\n');
  return [status, ...rest.map((l) => (l.includes(':') ? `\x1b[1m${l.slice(0, l.indexOf(':'))}\x1b[0m${l.slice(l.indexOf(':'))}` : l))].join('\r\n');
}
