// Which pages may drive an embedded playground: the origins its URL names.
// `/embed/?lesson=05-layers&origin=https://course.example` lets only
// https://course.example send commands (and receive events); every other
// sender is ignored. The list is read once from the embed URL — the page that
// frames us chooses it, and a page that is not on it cannot talk to us.

/** At most this many origins are taken from one URL (the rest are ignored). */
export const MAX_ORIGINS = 16;

/**
 * The origins an embed URL allows, normalised (`https://Course.example:443/`
 * → `https://course.example`). Given by `origin=` (repeatable) and/or
 * `origins=` (comma-separated). Only http(s) origins count; anything else
 * (`*`, `null`, paths, other schemes) is dropped, never widened.
 *
 * @example allowedOrigins(new URLSearchParams('origin=https://a.example&origins=http://localhost:8080'))
 *          // ['https://a.example', 'http://localhost:8080']
 */
export function allowedOrigins(params: URLSearchParams): string[] {
  const raw = [...params.getAll('origin'), ...params.getAll('origins').flatMap((v) => v.split(','))];
  const out: string[] = [];
  for (const value of raw) {
    if (out.length >= MAX_ORIGINS) break;
    const origin = normaliseOrigin(value.trim());
    if (origin && !out.includes(origin)) out.push(origin);
  }
  return out;
}

/** `value` as an origin (`scheme://host[:port]`), or null when it is not exactly one. */
export function normaliseOrigin(value: string): string | null {
  if (value.length === 0 || value.length > 2048) return null;
  let url: URL;
  try { url = new URL(value); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // An origin only: no credentials, path, query or fragment.
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

/** Whether a message's origin is on the list (exact match: `event.origin` is already normalised by the browser). */
export function isAllowed(origin: string, allowed: readonly string[]): boolean {
  return origin !== 'null' && allowed.includes(origin);
}
