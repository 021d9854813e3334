// The curl invocations in the commands the student ran, as checks read them:
// which method curl sent (-X, or what -d/--json/-I imply), to which URL —
// its path and query — over which Unix socket (--unix-socket), with which
// Content-Type, as curl itself decides them. A check can then ask "did they
// POST JSON to /containers/create over the Docker socket?" and, when the
// engine's state says it did not work, tell which mistake the command made.
//
// Like dockerCalls, this reads what was typed (words split as the shell
// would, no expansions), not whether it worked: grade the engine's state.
import { shellCommands } from './commands.ts';

export interface CurlCall {
  /** The words after `curl`. */
  args: string[];
  /** The method curl sends: -X, else HEAD for -I, POST with a body (-d, --data…, --json), else GET. */
  method: string;
  /** The first URL, as typed; null when there is none. */
  url: string | null;
  /** The URL's path ('/' when it has none), without the query. */
  path: string;
  /** The URL's query parameters (the last of repeated ones). */
  query: Map<string, string>;
  /** --unix-socket's path; null for a TCP request. */
  unixSocket: string | null;
  /** -H values as given (`Name: value`). */
  headers: string[];
  /** Whether a body is sent (-d, --data, --data-raw, --data-binary, --json). */
  hasBody: boolean;
  /** The body arguments as the shell passed them (`@file` names a file), in order. */
  data: string[];
  /** The Content-Type curl sends: -H's, application/json for --json, application/x-www-form-urlencoded for a bare -d; null without a body or header. */
  contentType: string | null;
  /** The whole command line it came from. */
  line: string;
}

const DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode']);
/** curl options that take a value (the ones the playground's curl knows, and the usual others). */
const TAKES = new Set([...DATA, '--json', '-o', '-X', '-H', '-A', '-w', '-m', '-u', '-e', '-b', '-c', '-T', '-x', '--connect-timeout', '--output', '--request',
  '--header', '--user-agent', '--write-out', '--max-time', '--user', '--referer', '--unix-socket', '--cookie', '--cookie-jar', '--upload-file', '--proxy']);

function splitUrl(url: string): { path: string; query: Map<string, string> } {
  const noScheme = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '');
  const slash = noScheme.search(/[/?]/);
  const rest = slash < 0 ? '' : noScheme.slice(slash);
  const q = rest.indexOf('?');
  const path = (q < 0 ? rest : rest.slice(0, q)).replace(/#.*/, '') || '/';
  const query = new Map<string, string>();
  for (const pair of (q < 0 ? '' : rest.slice(q + 1).replace(/#.*/, '')).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string): string => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
    query.set(decode(eq < 0 ? pair : pair.slice(0, eq)), decode(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return { path: path.startsWith('/') ? path : `/${path}`, query };
}

/** Every curl invocation in `commands`, in order. */
export function curlCalls(commands: readonly string[]): CurlCall[] {
  const out: CurlCall[] = [];
  for (const line of commands) {
    for (const words of shellCommands(line)) {
      if (words[0] !== 'curl' && !words[0]!.endsWith('/curl')) continue;
      const args = words.slice(1);
      let method: string | null = null;
      let head = false;
      let hasBody = false;
      let json = false;
      let unixSocket: string | null = null;
      let url: string | null = null;
      const headers: string[] = [];
      const data: string[] = [];
      const take = (key: string, value: string): void => {
        if (key === '-X' || key === '--request') method = value;
        else if (DATA.has(key)) { hasBody = true; data.push(value); }
        else if (key === '--json') { hasBody = true; json = true; data.push(value); }
        else if (key === '-H' || key === '--header') headers.push(value);
        else if (key === '--unix-socket') unixSocket = value;
      };
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a.startsWith('--')) {
          const eq = a.indexOf('=');
          const name = eq > 0 ? a.slice(0, eq) : a;
          if (TAKES.has(name)) take(name, eq > 0 ? a.slice(eq + 1) : args[++i] ?? '');
          else if (name === '--head') head = true;
          continue;
        }
        if (a.startsWith('-') && a.length > 1) {
          // A cluster of short options (-sS, -si, -XPOST, -sd '{}'): the first that takes a value takes the rest, or the next word.
          for (let k = 1; k < a.length; k++) {
            const key = `-${a[k]}`;
            if (TAKES.has(key)) { take(key, k + 1 < a.length ? a.slice(k + 1) : args[++i] ?? ''); break; }
            if (key === '-I') head = true;
          }
          continue;
        }
        url ??= a;
      }
      const typeHeader = headers.map((h) => /^\s*content-type\s*:(.*)$/i.exec(h)?.[1]?.trim()).filter((v) => v !== undefined).pop();
      const contentType = typeHeader !== undefined ? typeHeader || null : json ? 'application/json' : hasBody ? 'application/x-www-form-urlencoded' : null;
      out.push({
        args, method: method ?? (head ? 'HEAD' : hasBody ? 'POST' : 'GET'), url, ...splitUrl(url ?? ''), unixSocket, headers, hasBody, data, contentType, line,
      });
    }
  }
  return out;
}

/** The API version a Docker Engine API path pins (`/v1.50/containers/json` → '1.50'), or null. */
export function apiVersionOf(path: string): string | null {
  return /^\/v(\d+\.\d+)(?:\/|$)/.exec(path)?.[1] ?? null;
}

/** The path without its /vX.Y prefix: what route it names. */
export function apiRoute(path: string): string {
  return path.replace(/^\/v\d+\.\d+(?=\/|$)/, '') || '/';
}
