// The `redis-cli` program: `redis-cli [-h host] [-p port] [-n db] [-a pass]
// [-u uri] [-r n] [-i secs] [-x] [-e] [--raw|--no-raw] [cmd args…]`. With a
// command it sends it, prints the reply and exits (`redis-cli ping` is the
// usual healthcheck: it exits 1 when nothing answers). Without one it reads
// commands a line at a time — with a `host:port>` prompt at a terminal.
// Replies print as redis-cli prints them: at a terminal `(integer) 1`,
// `"value"` quoted, `(nil)`, numbered list items; otherwise raw.
import type { Process, Program } from '../../kernel/process.ts';
import { netReason, resolveHost } from '../applets/net-lib.ts';
import { binOfText, bytesOf, command, parseReply, splitArgs, type Reply } from './resp.ts';
import { REDIS_VERSION } from './version.ts';

const HELP = `redis-cli ${REDIS_VERSION}

Usage: redis-cli [OPTIONS] [cmd [arg [arg ...]]]
  -h <hostname>      Server hostname (default: 127.0.0.1).
  -p <port>          Server port (default: 6379).
  -a <password>      Password to use when connecting to the server.
                     You can also use the REDISCLI_AUTH environment
                     variable to pass this password more safely
                     (if both are used, this argument takes precedence).
  -u <uri>           Server URI on format redis://[username:password@]host:port/db
  -r <repeat>        Execute specified command N times.
  -i <interval>      When -r is used, waits <interval> seconds per command.
                     It is possible to specify sub-second times like -i 0.1.
  -n <db>            Database number.
  -x                 Read last argument from STDIN.
  -e                 Return exit error code when command execution fails.
  --raw              Use raw formatting for replies (default when STDOUT is
                     not a tty).
  --no-raw           Force formatted output even when STDOUT is not a tty.
  --no-auth-warning  Don't show warning message when using password on command
                     line interface.
  --help             Output this help and exit.
  -v, --version      Output version and exit.

Examples:
  redis-cli -h db ping
  redis-cli incr mycounter
  redis-cli -r 100 lpush mylist x
  cat /etc/passwd | redis-cli -x set mypasswd
  redis-cli --raw get mypasswd

When no command is given, redis-cli starts in interactive mode.
Type "help" in interactive mode for information on available commands
and settings.
`;

const REPL_HELP = `redis-cli ${REDIS_VERSION}
To get help about Redis commands type:
      "help @<group>" to get a list of commands in <group>
      "help <command>" for help on <command>
      "help <tab>" to get a list of possible help topics
      "quit" to exit

To set redis-cli preferences:
      ":set hints" enable online hints
      ":set nohints" disable online hints
Set your preferences in ~/.redisclirc
`;

/** sdscatrepr: a string quoted, with \n, \", \xNN escapes. */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

/** cliFormatReplyTTY: what redis-cli shows at a terminal. */
export function formatTty(r: Reply, prefix = ''): string {
  switch (r.type) {
    case 'error': return `(error) ${r.str}\n`;
    case 'status': return `${r.str}\n`;
    case 'integer': return `(integer) ${r.int}\n`;
    case 'string': return `${repr(r.str)}\n`;
    case 'nil': return '(nil)\n';
    case 'array': {
      if (r.items.length === 0) return '(empty array)\n';
      const width = String(r.items.length).length;
      const inner = prefix + ' '.repeat(width + 2);
      let out = '';
      r.items.forEach((item, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) `;
        out += formatTty(item, inner);
      });
      return out;
    }
  }
}

/** cliFormatReplyRaw: bare values, array items one per line, nil as nothing. */
export function formatRaw(r: Reply): string {
  switch (r.type) {
    case 'error': return `${r.str}\n`;
    case 'status': case 'string': return r.str;
    case 'integer': return r.int;
    case 'nil': return '';
    case 'array': return r.items.map(formatRaw).join('\n');
  }
}

/** A reply as printed for this command: INFO and CLIENT LIST/INFO verbatim, else formatted or raw. */
function format(r: Reply, args: string[], rawOut: boolean): string {
  const cmd = args[0]?.toLowerCase() ?? '';
  const verbatim = cmd === 'info' || (cmd === 'client' && ['list', 'info'].includes(args[1]?.toLowerCase() ?? ''));
  if (verbatim) return formatRaw(r);
  return rawOut ? formatRaw(r) + '\n' : formatTty(r);
}

interface Options {
  host: string;
  port: number;
  db: number;
  password: string | null;
  repeat: number;
  intervalMs: number;
  stdinArg: boolean;
  errCode: boolean;
  raw: boolean | null;
  authWarning: boolean;
  args: string[];
}

class Connection {
  private buf = new Uint8Array(0);
  constructor(private readonly p: Process, readonly fd: number) {}

  async send(args: string[]): Promise<void> {
    await this.p.write(this.fd, bytesOf(command(args)));
  }

  /** The next reply; null when the server closed the connection first. */
  async reply(): Promise<Reply | null> {
    for (;;) {
      const r = parseReply(this.buf, 0);
      if (r) { this.buf = this.buf.slice(r.next); return r.reply; }
      const chunk = await this.p.read(this.fd, 64 * 1024);
      if (!chunk) return null;
      const next = new Uint8Array(this.buf.length + chunk.length);
      next.set(this.buf);
      next.set(chunk, this.buf.length);
      this.buf = next;
    }
  }

  close(): void {
    try { this.p.close(this.fd); } catch { /* closed */ }
  }
}

async function connect(p: Process, o: Options, quietFail = false): Promise<Connection | null> {
  const fail = async (why: string): Promise<null> => {
    if (!quietFail) await p.write(2, `Could not connect to Redis at ${o.host}:${o.port}: ${why}\n`);
    return null;
  };
  const addr = o.host === 'localhost' ? '127.0.0.1' : resolveHost(p, o.host);
  if (!addr) return fail('Name does not resolve');
  let fd: number;
  try {
    fd = await p.connect(addr, o.port);
  } catch (e) {
    return fail(netReason(e));
  }
  const conn = new Connection(p, fd);
  if (o.password !== null) {
    await conn.send(['AUTH', o.password]);
    const r = await conn.reply();
    if (r?.type === 'error') { await p.write(2, `AUTH failed: ${r.str}\n`); }
  }
  if (o.db !== 0) {
    await conn.send(['SELECT', String(o.db)]);
    const r = await conn.reply();
    if (r?.type === 'error') await p.write(2, `SELECT ${o.db} failed: ${r.str}\n`);
  }
  return conn;
}

function parseOptions(argv: string[], env: Map<string, string>): Options | string {
  const o: Options = { host: '127.0.0.1', port: 6379, db: 0, password: env.get('REDISCLI_AUTH') ?? null, repeat: 1, intervalMs: 0, stdinArg: false, errCode: false, raw: null, authWarning: true, args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const last = i === argv.length - 1;
    const takes = ['-h', '-p', '-a', '-u', '-r', '-i', '-n', '--user', '--pass'];
    if (takes.includes(a) && !last) {
      const v = argv[++i]!;
      if (a === '-h') o.host = v;
      else if (a === '-p') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) return 'Invalid server port.';
        o.port = n;
      } else if (a === '-a' || a === '--pass') o.password = v;
      else if (a === '-n') o.db = Number.parseInt(v, 10) || 0;
      else if (a === '-r') o.repeat = Number.parseInt(v, 10) || 0;
      else if (a === '-i') o.intervalMs = Math.max(0, Number(v) * 1000 || 0);
      else if (a === '-u') {
        const m = /^rediss?:\/\/(?:([^:@]*)(?::([^@]*))?@)?([^:/]*)(?::(\d+))?(?:\/(\d+))?$/.exec(v);
        if (!m) return `Invalid URI scheme`;
        if (m[2] !== undefined) o.password = decodeURIComponent(m[2]);
        if (m[3]) o.host = m[3];
        if (m[4]) o.port = Number(m[4]);
        if (m[5]) o.db = Number(m[5]);
      }
      continue;
    }
    if (a === '-x') { o.stdinArg = true; continue; }
    if (a === '-e') { o.errCode = true; continue; }
    if (a === '--raw') { o.raw = true; continue; }
    if (a === '--no-raw') { o.raw = false; continue; }
    if (a === '--no-auth-warning') { o.authWarning = false; continue; }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      if (a === '-h' && last) return 'help';
      return `Unrecognized option or bad number of args for: '${a}'`;
    }
    break;
  }
  o.args = argv.slice(i);
  return o;
}

async function readAll(p: Process): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for (let c = await p.read(0); c; c = await p.read(0)) { parts.push(c); n += c.length; if (n > 512 * 1024 * 1024) break; }
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of parts) { all.set(c, at); at += c.length; }
  let s = '';
  for (let k = 0; k < all.length; k += 8192) s += String.fromCharCode(...all.subarray(k, k + 8192));
  return s;
}

/** Reads one line from stdin (null at end of input). */
async function readLine(p: Process, pending: { buf: string }): Promise<string | null> {
  for (;;) {
    const nl = pending.buf.indexOf('\n');
    if (nl >= 0) {
      const line = pending.buf.slice(0, nl).replace(/\r$/, '');
      pending.buf = pending.buf.slice(nl + 1);
      return line;
    }
    const c = await p.read(0, 4096);
    if (!c) {
      if (!pending.buf) return null;
      const line = pending.buf;
      pending.buf = '';
      return line;
    }
    if (pending.buf.length > 64 * 1024 * 1024) return null;
    pending.buf += new TextDecoder().decode(c);
  }
}

async function repl(p: Process, o: Options, tty: boolean, rawOut: boolean): Promise<number> {
  let conn = await connect(p, o);
  const prompt = (): string => (conn ? `${o.host}:${o.port}${o.db ? `[${o.db}]` : ''}> ` : 'not connected> ');
  const pending = { buf: '' };
  for (;;) {
    if (tty) await p.write(1, prompt());
    const line = await readLine(p, pending);
    if (line === null) return 0;
    if (!line.trim()) continue;
    const parsed = splitArgs(line);
    if (parsed === null) { await p.write(1, 'Invalid argument(s)\n'); continue; }
    const args = parsed.map(binOfText);
    const cmd = args[0]!.toLowerCase();
    if (cmd === 'quit' || cmd === 'exit') return 0;
    if (cmd === 'help' || cmd === '?') { await p.write(1, REPL_HELP); continue; }
    if (cmd === 'clear') { await p.write(1, '\x1b[H\x1b[2J'); continue; }
    if (cmd === 'connect' && args.length >= 2) {
      conn?.close();
      o.host = args[1]!;
      if (args[2]) o.port = Number(args[2]);
      conn = await connect(p, o);
      continue;
    }
    if (!conn) conn = await connect(p, o);
    if (!conn) continue;
    await conn.send(args);
    const r = await conn.reply();
    if (!r) {
      conn.close();
      conn = null;
      if (cmd === 'shutdown') continue;
      await p.write(2, 'Error: Server closed the connection\n');
      continue;
    }
    if (cmd === 'select' && r.type !== 'error') o.db = Number.parseInt(args[1] ?? '0', 10) || 0;
    await p.write(1, bytesOf(format(r, args, rawOut)));
  }
}

export const redisCli: Program = async (p) => {
  const parsed = parseOptions(p.argv.slice(1), p.env);
  if (parsed === 'help' || p.argv.includes('--help')) { await p.write(1, HELP); return 0; }
  if (p.argv[1] === '-v' || p.argv[1] === '--version') { await p.write(1, `redis-cli ${REDIS_VERSION}\n`); return 0; }
  if (typeof parsed === 'string') { await p.write(2, `${parsed}\n`); return 1; }
  const o = parsed;
  if (o.password !== null && o.authWarning && p.argv.some((a) => a === '-a' || a === '-u' || a === '--pass')) {
    await p.write(2, "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n");
  }
  const rawOut = o.raw ?? p.tty(1) === null;
  if (o.args.length === 0 && !o.stdinArg) return repl(p, o, p.tty(0) !== null, rawOut);
  const args = o.args.map(binOfText);
  if (o.stdinArg) args.push(await readAll(p));
  const conn = await connect(p, o);
  if (!conn) return 1;
  const cmd = args[0]?.toLowerCase() ?? '';
  for (let n = 0; o.repeat < 0 || n < o.repeat; n++) {
    await conn.send(args);
    const r = await conn.reply();
    if (!r) {
      if (cmd === 'shutdown') return 0;
      await p.write(2, 'Error: Server closed the connection\n');
      return 1;
    }
    if (r.type === 'error' && o.errCode) { await p.write(2, `${r.str}\n`); return 1; }
    await p.write(1, bytesOf(format(r, args, rawOut)));
    if (o.intervalMs > 0 && n + 1 < o.repeat) await p.sleep(o.intervalMs);
    const t = p.tick();
    if (t) await t;
  }
  conn.close();
  return 0;
};
