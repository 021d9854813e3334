// What nginx serves, built from its configuration: servers with their
// ports, names, roots and locations (exact, prefix, ^~ and regex), index,
// try_files, return, error_page, alias, autoindex, add_header, proxy_pass
// to an http upstream (with proxy_set_header), and the logs. Directives it
// does not know are refused as nginx refuses them;
// those the playground cannot honour are refused saying so.
import type { Directive } from './config.ts';
import { ConfigError } from './config.ts';

export interface Location {
  modifier: '' | '=' | '^~' | '~' | '~*';
  path: string;
  re: RegExp | null;
  root: string | null;
  alias: string | null;
  index: string[] | null;
  tryFiles: string[] | null;
  ret: { code: number; text: string } | null;
  autoindex: boolean | null;
  headers: Array<[string, string]>;
  errorPages: Map<number, string>;
  proxy: Upstream | null;
  /** proxy_set_header here (null: the server's apply). */
  proxyHeaders: Array<[string, string]> | null;
}

/** proxy_pass http://host[:port][/uri]: where a location's requests go. */
export interface Upstream {
  /** host:port as written (nginx's "upstream" in messages). */
  name: string;
  host: string;
  port: number;
  /** The URI part, when given: it replaces the location's prefix. */
  uri: string | null;
  /** The address the host resolved to when the configuration was read. */
  addr: string | null;
  /** file:line of the directive. */
  where: string;
}

export interface Server {
  ports: number[];
  defaultServer: boolean;
  names: string[];
  root: string;
  index: string[];
  tryFiles: string[] | null;
  ret: { code: number; text: string } | null;
  autoindex: boolean;
  headers: Array<[string, string]>;
  errorPages: Map<number, string>;
  locations: Location[];
  proxyHeaders: Array<[string, string]>;
}

export interface Site {
  servers: Server[];
  workers: number;
  daemon: boolean;
  user: string;
  pidFile: string;
  errorLog: string;
  accessLog: string | null;
  defaultType: string;
}

const IGNORED = new Set([
  'worker_connections', 'sendfile', 'tcp_nopush', 'tcp_nodelay', 'keepalive_timeout', 'gzip', 'gzip_types', 'gzip_vary', 'gzip_min_length',
  'gzip_comp_level', 'gzip_proxied', 'log_format', 'types', 'charset', 'server_tokens', 'client_max_body_size', 'expires',
  'multi_accept', 'use', 'worker_rlimit_nofile', 'types_hash_max_size', 'server_names_hash_bucket_size', 'etag', 'absolute_redirect', 'port_in_redirect',
  'load_module', 'pcre_jit', 'include', 'proxy_http_version', 'proxy_read_timeout', 'proxy_connect_timeout', 'proxy_send_timeout',
  'proxy_buffering', 'proxy_redirect', 'proxy_cache_bypass',
]);
const UNAVAILABLE = new Set([
  'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'ssl_certificate', 'ssl_certificate_key', 'upstream', 'stream', 'mail',
  'auth_basic', 'auth_basic_user_file', 'limit_req', 'limit_req_zone', 'rewrite', 'if', 'set', 'map',
]);

const where = (d: Directive): string => `${d.file}:${d.line}`;

function check(d: Directive, known: Set<string>): void {
  if (known.has(d.name) || IGNORED.has(d.name)) return;
  if (UNAVAILABLE.has(d.name)) throw new ConfigError(`"${d.name}" directive is not available in the playground in ${where(d)}`);
  throw new ConfigError(`unknown directive "${d.name}" in ${where(d)}`);
}

function ret(d: Directive): { code: number; text: string } {
  const [a = '', b = ''] = d.args;
  if (/^\d{3}$/.test(a)) return { code: Number(a), text: b };
  if (/^https?:\/\//.test(a) || a.startsWith('$scheme')) return { code: 302, text: a };
  throw new ConfigError(`invalid return code "${a}" in ${where(d)}`);
}

function errorPages(d: Directive, into: Map<number, string>): void {
  const uri = d.args[d.args.length - 1] ?? '';
  for (const code of d.args.slice(0, -1)) if (/^\d{3}$/.test(code)) into.set(Number(code), uri);
}

const LOCATION_KEYS = new Set(['root', 'alias', 'index', 'try_files', 'return', 'autoindex', 'add_header', 'error_page', 'default_type', 'access_log', 'error_log', 'location', 'proxy_pass', 'proxy_set_header']);
const SERVER_KEYS = new Set(['listen', 'server_name', 'root', 'index', 'try_files', 'return', 'autoindex', 'add_header', 'error_page', 'location', 'access_log', 'error_log', 'default_type', 'proxy_set_header']);

// proxy_pass http://host[:port][/uri]
function upstream(d: Directive): Upstream {
  const url = d.args[0] ?? '';
  if (d.args.length !== 1) throw new ConfigError(`invalid number of arguments in "proxy_pass" directive in ${where(d)}`);
  if (url.includes('$')) throw new ConfigError(`variables in "proxy_pass" are not available in the playground in ${where(d)}`);
  if (/^https:\/\//i.test(url)) throw new ConfigError(`https upstreams are not available in the playground (no TLS) in ${where(d)}`);
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(url);
  if (!m) throw new ConfigError(`invalid URL prefix in ${where(d)}`);
  const port = m[2] ? Number(m[2]) : 80;
  if (port < 1 || port > 65535) throw new ConfigError(`invalid port in upstream "${url.slice(7)}" in ${where(d)}`);
  return { name: m[2] ? `${m[1]}:${m[2]}` : m[1]!, host: m[1]!, port, uri: m[3] ?? null, addr: null, where: where(d) };
}
const HTTP_KEYS = new Set(['server', 'default_type', 'access_log', 'error_log', 'root', 'index']);
const MAIN_KEYS = new Set(['user', 'worker_processes', 'error_log', 'pid', 'events', 'http', 'daemon']);

function location(d: Directive, out: Location[]): void {
  const [a = '', b] = d.args;
  const modifier = (b !== undefined ? a : '') as Location['modifier'];
  const path = b !== undefined ? b : a;
  if (!['', '=', '^~', '~', '~*'].includes(modifier)) throw new ConfigError(`invalid location modifier "${modifier}" in ${where(d)}`);
  let re: RegExp | null = null;
  if (modifier === '~' || modifier === '~*') {
    try { re = new RegExp(path, modifier === '~*' ? 'i' : ''); } catch { throw new ConfigError(`pcre2_compile() failed for "${path}" in ${where(d)}`); }
  }
  const loc: Location = { modifier, path, re, root: null, alias: null, index: null, tryFiles: null, ret: null, autoindex: null, headers: [], errorPages: new Map(), proxy: null, proxyHeaders: null };
  for (const x of d.block ?? []) {
    check(x, LOCATION_KEYS);
    if (shared(x, loc)) continue;
    switch (x.name) {
      case 'root': loc.root = x.args[0] ?? null; break;
      case 'alias': loc.alias = x.args[0] ?? null; break;
      case 'location': location(x, out); break;
      case 'proxy_pass': loc.proxy = upstream(x); break;
      case 'proxy_set_header': (loc.proxyHeaders ??= []).push([x.args[0] ?? '', x.args[1] ?? '']); break;
    }
  }
  out.push(loc);
}

/** The directives a server and a location take alike (index, try_files, return, autoindex, add_header, error_page): true when `x` was one. */
function shared(x: Directive, into: Pick<Server | Location, 'tryFiles' | 'ret' | 'headers' | 'errorPages'> & { index: string[] | null; autoindex: boolean | null }): boolean {
  switch (x.name) {
    case 'index': into.index = x.args; return true;
    case 'try_files': into.tryFiles = x.args; return true;
    case 'return': into.ret = ret(x); return true;
    case 'autoindex': into.autoindex = x.args[0] === 'on'; return true;
    case 'add_header': into.headers.push([x.args[0] ?? '', x.args[1] ?? '']); return true;
    case 'error_page': errorPages(x, into.errorPages); return true;
    default: return false;
  }
}

function server(d: Directive): Server {
  const s: Server = { ports: [], defaultServer: false, names: [], root: '/etc/nginx/html', index: ['index.html'], tryFiles: null, ret: null, autoindex: false, headers: [], errorPages: new Map(), locations: [], proxyHeaders: [] };
  for (const x of d.block ?? []) {
    check(x, SERVER_KEYS);
    if (shared(x, s)) continue;
    switch (x.name) {
      case 'listen': {
        const spec = x.args[0] ?? '';
        if (x.args.includes('ssl') || x.args.includes('quic')) throw new ConfigError(`"ssl" parameter is not available in the playground in ${where(x)}`);
        if (spec.startsWith('[')) break; // IPv6: the virtual network is IPv4 only.
        const port = Number(/(\d+)$/.exec(spec)?.[1] ?? NaN);
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`invalid port in "${spec}" of the "listen" directive in ${where(x)}`);
        if (!s.ports.includes(port)) s.ports.push(port);
        if (x.args.includes('default_server') || x.args.includes('default')) s.defaultServer = true;
        break;
      }
      case 'server_name': s.names.push(...x.args); break;
      case 'proxy_set_header': s.proxyHeaders.push([x.args[0] ?? '', x.args[1] ?? '']); break;
      case 'root': s.root = x.args[0] ?? s.root; break;
      case 'location': location(x, s.locations); break;
    }
  }
  if (s.ports.length === 0) s.ports.push(80);
  return s;
}

/** The site a configuration describes; `globals` are -g's directives. */
export function siteOf(main: Directive[], globals: Directive[]): Site {
  const site: Site = { servers: [], workers: 2, daemon: true, user: 'nobody', pidFile: '/run/nginx.pid', errorLog: '/var/log/nginx/error.log', accessLog: '/var/log/nginx/access.log', defaultType: 'text/plain' };
  for (const d of [...main, ...globals]) {
    check(d, MAIN_KEYS);
    switch (d.name) {
      case 'user': site.user = d.args[0] ?? site.user; break;
      case 'worker_processes': site.workers = d.args[0] === 'auto' ? 2 : Math.max(1, Math.min(8, Number(d.args[0]) || 1)); break;
      case 'pid': site.pidFile = d.args[0] ?? site.pidFile; break;
      case 'error_log': site.errorLog = d.args[0] ?? site.errorLog; break;
      case 'daemon': site.daemon = d.args[0] !== 'off'; break;
      case 'events': for (const x of d.block ?? []) check(x, new Set()); break;
      case 'http':
        for (const x of d.block ?? []) {
          check(x, HTTP_KEYS);
          if (x.name === 'server') site.servers.push(server(x));
          if (x.name === 'default_type') site.defaultType = x.args[0] ?? site.defaultType;
          if (x.name === 'access_log') site.accessLog = x.args[0] === 'off' ? null : x.args[0] ?? site.accessLog;
        }
        break;
    }
  }
  return site;
}
