// What curl sends: the data of -d/--data-raw/--data-binary/--data-urlencode
// joined by `&` (as the POST body, or with -G as the URL's query), and the
// request head — its own Host, User-Agent and Accept, overridden or dropped
// by -H, then the other -H headers, then the body's length and type.
import type { Process } from '../../kernel/process.ts';
import { readInput } from '../applets/lib.ts';
import type { DataPiece } from './options.ts';

export interface Target { host: string; port: number; path: string }

/** --data-urlencode's encoding: curl_easy_escape (all but A-Z a-z 0-9 - . _ ~ as %XX of the UTF-8 bytes), then %20 as +. */
export function urlEncode(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The data pieces as one string: @file reads a file (@- stdin), -d strips
 * its newlines, --data-binary keeps them; --data-urlencode takes content,
 * =content, name=content, @file or name@file and encodes the content.
 * Null when there is no data; a file that cannot be read warns and counts as empty.
 */
export async function composeData(p: Process, data: DataPiece[]): Promise<string | null> {
  if (data.length === 0) return null;
  const parts: string[] = [];
  const fileText = async (name: string): Promise<string> => {
    const text = await readUpload(p, name);
    if (text !== null) return text;
    await p.write(2, `Warning: Couldn't read data from file "${name}", this makes an empty POST.\n`);
    return '';
  };
  for (const d of data) {
    if (d.kind === 'urlencode') {
      // name=content, else name@file: a '=' anywhere wins over '@'
      const at = d.value.includes('=') ? d.value.indexOf('=') : d.value.indexOf('@');
      if (at < 0) { parts.push(urlEncode(d.value)); continue; }
      const name = d.value.slice(0, at);
      const content = d.value[at] === '@' ? await fileText(d.value.slice(at + 1)) : d.value.slice(at + 1);
      parts.push(name ? `${name}=${urlEncode(content)}` : urlEncode(content));
      continue;
    }
    if (d.kind === 'raw' || !d.value.startsWith('@')) { parts.push(d.value); continue; }
    const text = await fileText(d.value.slice(1));
    parts.push(d.kind === 'binary' ? text : text.replace(/[\r\n]/g, ''));
  }
  return parts.join('&');
}

/**
 * The URL with `query` added to its query (-G), as curl's URL API appends
 * one: after a `&` unless the query is empty or ends in one, before any
 * #fragment, its %XX escapes lower-cased.
 */
export function withQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  const q = query.replace(/%[0-9A-Fa-f]{2}/g, (m) => m.toLowerCase());
  const sep = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${q}${fragment}`;
}

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

/** The request line and headers as curl writes them. */
export function requestHead(method: string, target: Target, agent: string, extra: string[], body: Uint8Array | null): string {
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

/** The contents of an upload file (`-` is stdin), read whole as curl does (the cgroup's memory bounds it); null when it cannot be read. */
async function readUpload(p: Process, name: string): Promise<string | null> {
  try {
    return new TextDecoder().decode(await readInput(p, name));
  } catch {
    return null;
  }
}
