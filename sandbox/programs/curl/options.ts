// curl's command line: the options this curl takes, read as curl's getparam
// reads them (short flags bundled, `--long` names, a value in the next
// word), with its messages for a missing or malformed value.

export interface DataPiece {
  value: string;
  /** -d (strips newlines from @file), --data-raw (no @), --data-binary (keeps them), --data-urlencode. */
  kind: 'data' | 'raw' | 'binary' | 'urlencode';
}

export interface Options {
  silent: boolean;
  showError: boolean;
  fail: boolean;
  follow: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  /** -G: the data goes in the URL's query, and the method is GET (HEAD with -I). */
  get: boolean;
  output: string | null;
  remoteName: boolean;
  method: string | null;
  agent: string;
  writeOut: string | null;
  socketPath: string | null;
  globoff: boolean;
  data: DataPiece[];
  headers: string[];
  urls: string[];
  /** --retry N: how many times a transient failure is tried again. */
  retry: number;
  /** --retry-delay S (0: the doubling backoff from 1 s). */
  retryDelay: number;
  /** --retry-max-time S (0: no limit): no retry starts after this long. */
  retryMaxTime: number;
  retryConnrefused: boolean;
  retryAllErrors: boolean;
  /** -m/--max-time, seconds (fractions allowed); null: no limit. */
  maxTime: number | null;
  /** --connect-timeout, seconds; null: curl's 300. */
  connectTimeout: number | null;
}

export const VERSION = '8.12.1';

const TAKES = new Set(['-o', '-X', '-d', '-H', '-A', '-w', '-m', '-u', '-e', '--connect-timeout', '--output', '--request', '--data', '--data-raw',
  '--data-binary', '--data-ascii', '--data-urlencode', '--json', '--header', '--user-agent', '--write-out', '--max-time', '--user', '--referer',
  '--unix-socket', '--retry', '--retry-delay', '--retry-max-time']);
const LONG_FLAGS = new Map([['--silent', 's'], ['--show-error', 'S'], ['--fail', 'f'], ['--location', 'L'], ['--head', 'I'], ['--include', 'i'],
  ['--verbose', 'v'], ['--remote-name', 'O'], ['--insecure', 'k'], ['--globoff', 'g'], ['--get', 'G']]);
const SWITCHES = new Set(['--retry-connrefused', '--retry-all-errors']);

/** A whole number as curl's str2unum takes it. */
function whole(opt: string, v: string): number | string {
  if (/^\d+$/.test(v)) return Number(v);
  return `option ${opt}: expected a ${/^-\d+$/.test(v) ? 'positive' : 'proper'} numerical parameter`;
}

/** Seconds with a fraction, as curl's str2udouble takes them. */
function seconds(opt: string, v: string): number | string {
  if (/^(\d+\.?\d*|\.\d+)$/.test(v)) return Number(v);
  return `option ${opt}: expected a ${/^-(\d+\.?\d*|\.\d+)$/.test(v) ? 'positive' : 'proper'} numerical parameter`;
}

/** `--version`, the options, or a usage error's message (curl exits 2 with it). */
export function parseOptions(argv: string[]): Options | 'version' | { error: string } {
  const o: Options = {
    silent: false, showError: false, fail: false, follow: false, head: false, include: false, verbose: false, get: false,
    output: null, remoteName: false, method: null, agent: `curl/${VERSION}`, writeOut: null, socketPath: null, globoff: false,
    data: [], headers: [], urls: [], retry: 0, retryDelay: 0, retryMaxTime: 0, retryConnrefused: false, retryAllErrors: false,
    maxTime: null, connectTimeout: null,
  };
  const words = [...argv];
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    if (TAKES.has(a)) {
      const v = words[++i];
      if (v === undefined) return { error: `option ${a}: requires parameter` };
      let n: number | string = 0;
      if (a === '-o' || a === '--output') o.output = v;
      else if (a === '-X' || a === '--request') o.method = v;
      else if (a === '-d' || a === '--data' || a === '--data-ascii') o.data.push({ value: v, kind: 'data' });
      else if (a === '--data-raw') o.data.push({ value: v, kind: 'raw' });
      else if (a === '--data-binary') o.data.push({ value: v, kind: 'binary' });
      else if (a === '--data-urlencode') o.data.push({ value: v, kind: 'urlencode' });
      else if (a === '--json') {
        o.data.push({ value: v, kind: 'binary' });
        o.headers.push('Content-Type: application/json', 'Accept: application/json');
      } else if (a === '-H' || a === '--header') o.headers.push(v);
      else if (a === '-A' || a === '--user-agent') o.agent = v;
      else if (a === '-w' || a === '--write-out') o.writeOut = v;
      else if (a === '-e' || a === '--referer') o.headers.push(`Referer: ${v}`);
      else if (a === '--unix-socket') o.socketPath = v;
      else if (a === '--retry') { n = whole(a, v); if (typeof n === 'number') o.retry = n; }
      else if (a === '--retry-delay') { n = whole(a, v); if (typeof n === 'number') o.retryDelay = n; }
      else if (a === '--retry-max-time') { n = whole(a, v); if (typeof n === 'number') o.retryMaxTime = n; }
      else if (a === '-m' || a === '--max-time') { n = seconds(a, v); if (typeof n === 'number') o.maxTime = n > 0 ? n : null; }
      else if (a === '--connect-timeout') { n = seconds(a, v); if (typeof n === 'number') o.connectTimeout = n > 0 ? n : null; }
      if (typeof n === 'string') return { error: n };
      continue;
    }
    if (a === '--version' || a === '-V') return 'version';
    if (SWITCHES.has(a)) {
      if (a === '--retry-connrefused') o.retryConnrefused = true;
      else o.retryAllErrors = true;
      continue;
    }
    if (a.startsWith('--')) {
      const c = LONG_FLAGS.get(a);
      if (!c) return { error: `option ${a}: is unknown` };
      words[i] = `-${c}`;
      i--;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 's') o.silent = true; else if (c === 'S') o.showError = true; else if (c === 'f') o.fail = true; else if (c === 'L') o.follow = true;
        else if (c === 'I') o.head = true; else if (c === 'i') o.include = true; else if (c === 'v') o.verbose = true; else if (c === 'O') o.remoteName = true;
        else if (c === 'g') o.globoff = true; else if (c === 'G') o.get = true;
        else if (c === 'k' || c === '#') { /* accepted */ }
        else return { error: `option -${c}: is unknown` };
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}
