// redis-server's configuration: a config file and/or `--name value`
// options, read as redis does (options become config lines after the
// file's), with its fatal error report for a bad line. Only the directives
// the playground's server acts on are known; any other is refused the way
// redis refuses a directive it does not have.
import { globMatch } from './keyspace.ts';
import { splitArgs } from './resp.ts';
import { REDIS_VERSION } from './version.ts';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';

export interface Config {
  port: number;
  bind: string[];
  dir: string;
  dbfilename: string;
  appendonly: boolean;
  appendfilename: string;
  appenddirname: string;
  appendfsync: string;
  /** Save points: [seconds, changes]. */
  save: Array<[number, number]>;
  databases: number;
  requirepass: string;
  loglevel: LogLevel;
  logfile: string;
  daemonize: boolean;
  pidfile: string;
  maxmemory: number;
  maxmemoryPolicy: string;
  maxclients: number;
  protectedMode: boolean;
  hz: number;
  timeout: number;
  tcpKeepalive: number;
}

export function defaultConfig(): Config {
  return {
    port: 6379, bind: ['*', '-::*'], dir: '', dbfilename: 'dump.rdb', appendonly: false, appendfilename: 'appendonly.aof',
    appenddirname: 'appendonlydir', appendfsync: 'everysec', save: [[3600, 1], [300, 100], [60, 10000]], databases: 16,
    requirepass: '', loglevel: 'notice', logfile: '', daemonize: false, pidfile: '', maxmemory: 0, maxmemoryPolicy: 'noeviction',
    maxclients: 10000,
    // The official image builds redis with protected mode off (docker-library/redis patches config.c).
    protectedMode: false, hz: 10, timeout: 0, tcpKeepalive: 300,
  };
}

export class ConfigError extends Error {
  constructor(readonly line: number, readonly text: string, readonly reason: string) { super(reason); }
}

/** The fatal report redis prints for a bad configuration line. */
export function fatalReport(e: ConfigError): string {
  return `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\nReading the configuration file, at line ${e.line}\n>>> '${e.text}'\n${e.reason}\n`;
}

const yesNo = (v: string): boolean => {
  const l = v.toLowerCase();
  if (l !== 'yes' && l !== 'no') throw new Error("argument must be 'yes' or 'no'");
  return l === 'yes';
};

const int = (v: string, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
  if (!/^-?\d+$/.test(v)) throw new Error("argument couldn't be parsed into an integer");
  const n = Number(v);
  if (n < min || n > max) throw new Error(`argument must be between ${min} and ${max} inclusive`);
  return n;
};

/** 100mb, 1gb, 512k… as redis's memtoull. */
function memory(v: string): number {
  const m = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(v);
  if (!m) throw new Error('argument must be a memory value');
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  return Number(m[1]) * mult[unit]!;
}

type Apply = (c: Config, args: string[]) => void;

/** Directives taking one argument. */
const ONE: ReadonlyMap<string, Apply> = new Map<string, Apply>([
  ['port', (c, [v]) => { c.port = int(v!, 0, 65535); }],
  ['dir', (c, [v]) => { c.dir = v!; }],
  ['dbfilename', (c, [v]) => {
    if (v!.includes('/')) throw new Error('dbfilename can\'t be a path, just a filename');
    c.dbfilename = v!;
  }],
  ['appendonly', (c, [v]) => { c.appendonly = yesNo(v!); }],
  ['appendfilename', (c, [v]) => { c.appendfilename = v!; }],
  ['appenddirname', (c, [v]) => { c.appenddirname = v!; }],
  ['appendfsync', (c, [v]) => {
    if (!['always', 'everysec', 'no'].includes(v!.toLowerCase())) throw new Error('argument(s) must be one of the following: always, everysec, no');
    c.appendfsync = v!.toLowerCase();
  }],
  ['databases', (c, [v]) => { c.databases = int(v!, 1, 16); }],
  ['requirepass', (c, [v]) => { c.requirepass = v!; }],
  ['loglevel', (c, [v]) => {
    const l = v!.toLowerCase();
    if (!['debug', 'verbose', 'notice', 'warning', 'nothing'].includes(l)) throw new Error('argument(s) must be one of the following: debug, verbose, notice, warning, nothing');
    c.loglevel = l as LogLevel;
  }],
  ['logfile', (c, [v]) => { c.logfile = v!; }],
  ['daemonize', (c, [v]) => { c.daemonize = yesNo(v!); }],
  ['pidfile', (c, [v]) => { c.pidfile = v!; }],
  ['maxmemory', (c, [v]) => { c.maxmemory = memory(v!); }],
  ['maxmemory-policy', (c, [v]) => {
    const ok = ['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction'];
    if (!ok.includes(v!.toLowerCase())) throw new Error(`argument(s) must be one of the following: ${ok.join(', ')}`);
    c.maxmemoryPolicy = v!.toLowerCase();
  }],
  ['maxclients', (c, [v]) => { c.maxclients = int(v!, 1); }],
  ['protected-mode', (c, [v]) => { c.protectedMode = yesNo(v!); }],
  ['hz', (c, [v]) => { c.hz = int(v!, 1, 500); }],
  ['timeout', (c, [v]) => { c.timeout = int(v!); }],
  ['tcp-keepalive', (c, [v]) => { c.tcpKeepalive = int(v!); }],
  // Accepted and shown by CONFIG GET, with no effect on this server.
  ...['rdbcompression', 'rdbchecksum', 'stop-writes-on-bgsave-error', 'always-show-logo', 'aof-use-rdb-preamble']
    .map((name): [string, Apply] => [name, (_c, [v]) => { yesNo(v!); }]),
]);

/** Parses and applies one configuration line's arguments (the directive first). */
export function applyDirective(c: Config, args: string[]): void {
  const name = args[0]!.toLowerCase();
  if (name === 'save') {
    const rest = args.slice(1);
    if (rest.length === 1 && rest[0] === '') { c.save = []; return; }
    if (rest.length === 0 || rest.length % 2 !== 0) throw new Error('Invalid save parameters');
    const points: Array<[number, number]> = [];
    for (let i = 0; i < rest.length; i += 2) {
      if (!/^\d+$/.test(rest[i]!) || !/^\d+$/.test(rest[i + 1]!)) throw new Error('Invalid save parameters');
      points.push([Number(rest[i]), Number(rest[i + 1])]);
    }
    c.save = points;
    return;
  }
  if (name === 'bind') {
    if (args.length < 2) throw new Error('Bad directive or wrong number of arguments');
    c.bind = args.slice(1);
    return;
  }
  const apply = ONE.get(name);
  if (!apply || args.length !== 2) throw new Error('Bad directive or wrong number of arguments');
  apply(c, args.slice(1));
}

/** redis's sdscatrepr of an option's argument, as the combined config text shows it. */
function repr(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * The configuration text redis builds: the file's lines, then each
 * `--name args…` option as a line of its own (after a newline, so options
 * alone start at line 2).
 */
export function configText(fileText: string, options: string[]): string {
  let text = fileText;
  let line = '';
  const flush = (): void => { if (line) text += `\n${line.trimEnd()}`; line = ''; };
  for (const o of options) {
    if (o.startsWith('--') && o.length > 2) { flush(); line = o.slice(2) + ' '; continue; }
    if (!line) { flush(); line = ''; }
    line += `${repr(o)} `;
  }
  flush();
  return text;
}

/** Reads a whole configuration text; throws ConfigError for the first bad line. */
export function parseConfig(text: string, into = defaultConfig()): Config {
  const lines = text.split('\n');
  let savesSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw || raw.startsWith('#')) continue;
    const args = splitArgs(raw);
    if (args === null) throw new ConfigError(i + 1, raw, 'Unbalanced quotes in configuration line');
    if (args.length === 0) continue;
    // The first save line replaces the default save points; later ones add to them.
    if (args[0]!.toLowerCase() === 'save' && savesSeen && !(args.length === 2 && args[1] === '')) {
      const before = into.save;
      try { applyDirective(into, args); } catch (e) { throw new ConfigError(i + 1, raw, (e as Error).message); }
      into.save = [...before, ...into.save];
      continue;
    }
    if (args[0]!.toLowerCase() === 'save') savesSeen = true;
    try { applyDirective(into, args); } catch (e) { throw new ConfigError(i + 1, raw, (e as Error).message); }
  }
  return into;
}

/** Every parameter CONFIG GET knows, with its current value, in a stable order. */
export function configPairs(c: Config, cwd: string): Array<[string, string]> {
  return [
    ['bind', c.bind.join(' ')], ['port', String(c.port)], ['dir', cwd], ['dbfilename', c.dbfilename],
    ['appendonly', c.appendonly ? 'yes' : 'no'], ['appendfilename', c.appendfilename], ['appenddirname', c.appenddirname],
    ['appendfsync', c.appendfsync], ['save', c.save.map(([s, n]) => `${s} ${n}`).join(' ')], ['databases', String(c.databases)],
    ['requirepass', c.requirepass], ['loglevel', c.loglevel], ['logfile', c.logfile], ['daemonize', c.daemonize ? 'yes' : 'no'],
    ['pidfile', c.pidfile], ['maxmemory', String(c.maxmemory)], ['maxmemory-policy', c.maxmemoryPolicy],
    ['maxclients', String(c.maxclients)], ['protected-mode', c.protectedMode ? 'yes' : 'no'], ['hz', String(c.hz)],
    ['timeout', String(c.timeout)], ['tcp-keepalive', String(c.tcpKeepalive)],
  ];
}

export function configMatching(c: Config, cwd: string, pattern: string): Array<[string, string]> {
  return configPairs(c, cwd).filter(([k]) => globMatch(pattern, k, true));
}
