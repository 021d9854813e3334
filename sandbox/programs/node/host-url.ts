// WHATWG URL parsing for the guest's URL class. Node's URL parses in C++
// (ada) behind a binding; ours parses with the host's own URL (V8's under
// Node, the browser's on the page), both following the URL Standard. The
// guest keeps the components and asks again when a setter changes one.
import { SysCallError } from './sys-error.ts';

/** The host's URL class (both browsers and Node have it; sandbox/ compiles without their libraries). */
interface HostUrl {
  href: string; origin: string; protocol: string; username: string; password: string; host: string;
  hostname: string; port: string; pathname: string; search: string; hash: string;
}
const URL = (globalThis as unknown as { URL: new (input: string, base?: string) => HostUrl }).URL;

/** The components in the order the guest reads them. */
const PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'] as const;
const SETTABLE = new Set(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);

function parts(u: HostUrl): string[] {
  return PARTS.map((p) => u[p]);
}

/** url.parse(input, base?) → components, or null when the input is not a URL. */
function parse(input: string, base: string | undefined): string[] | null {
  try {
    return parts(base === undefined ? new URL(input) : new URL(input, base));
  } catch {
    return null;
  }
}

/** Sets one component of `href` as the URL setters do (an invalid value leaves it); null: href itself is invalid (only for 'href'). */
function set(href: string, prop: string, value: string): string[] | null {
  if (!SETTABLE.has(prop)) throw new SysCallError('EINVAL', 'url.set');
  if (prop === 'href') return parse(value, undefined);
  const u = new URL(href);
  (u as unknown as Record<string, string>)[prop] = value;
  return parts(u);
}

/** A domain in ASCII (punycode), as url.domainToASCII: '' for an invalid one. */
function toASCII(name: string): string {
  try {
    return new URL(`ws://${name}`).hostname;
  } catch {
    return '';
  }
}

/** The guest's url op: ['parse', input, base?] | ['set', href, prop, value] | ['toASCII', domain]. */
export function urlCall(op: string, a: unknown[]): unknown {
  switch (op) {
    case 'parse': return parse(String(a[0]), a[1] === undefined ? undefined : String(a[1]));
    case 'set': return set(String(a[0]), String(a[1]), String(a[2]));
    case 'toASCII': return toASCII(String(a[0]));
    default: throw new SysCallError('ENOSYS', `url.${op}`);
  }
}
