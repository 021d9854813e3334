// --retry, as curl's post_per_transfer decides it: a timeout (and a failed
// name lookup) is always transient, a refused connection only with
// --retry-connrefused, an HTTP 408/429/500/502/503/504 when the transfer
// otherwise worked (or failed only through -f), anything at all with
// --retry-all-errors. The wait starts at 1 s and doubles up to 10 minutes,
// or is --retry-delay; a Retry-After header can lengthen it; no retry starts
// once --retry-max-time has passed. Plus curl's warnf: its messages wrapped
// to the terminal's width with the prefix on every line.
import type { Options } from './options.ts';

/** How one attempt ended. */
export interface Outcome {
  /** curl's exit code for it (0: the transfer worked, whatever the HTTP status). */
  code: number;
  /** The HTTP status, 0 when there was no response. */
  httpCode: number;
  /** Why a connect failed (ECONNREFUSED…), for code 7. */
  errno?: string;
  /** A Retry-After header's wait, in seconds. */
  retryAfter?: number;
}

export interface RetryState {
  remaining: number;
  sleepMs: number;
  /** When the first attempt started (the clock of --retry-max-time). */
  start: number;
}

const RETRY_SLEEP_DEFAULT = 1000;
const RETRY_SLEEP_MAX = 10 * 60 * 1000;
const TRANSIENT_HTTP = new Set([408, 429, 500, 502, 503, 504]);

export function retryState(o: Options, now: number): RetryState {
  return { remaining: o.retry, sleepMs: o.retryDelay ? o.retryDelay * 1000 : RETRY_SLEEP_DEFAULT, start: now };
}

/** What to do after an attempt: wait and retry (with the warning to show), or stop (maybe with a warning). */
export type Decision = { retry: true; sleepMs: number; warning: string } | { retry: false; warning: string | null };

export function decide(o: Options, st: RetryState, out: Outcome, now: number): Decision {
  if (st.remaining <= 0 || (o.retryMaxTime > 0 && now - st.start >= o.retryMaxTime * 1000)) return { retry: false, warning: null };
  let why: string | null = null;
  if (out.code === 28 || out.code === 6) why = ': timeout';
  else if (o.retryConnrefused && out.code === 7) { if (out.errno === 'ECONNREFUSED') why = ': connection refused'; }
  else if ((out.code === 0 || (o.fail && out.code === 22)) && TRANSIENT_HTTP.has(out.httpCode)) why = ': HTTP error';
  if (out.code !== 0 && why === null && o.retryAllErrors) why = '(retrying all errors)';
  if (why === null) return { retry: false, warning: null };
  let sleepMs = st.sleepMs;
  if (why === ': HTTP error' && out.retryAfter) {
    if (out.retryAfter * 1000 > sleepMs) sleepMs = out.retryAfter * 1000;
    if (o.retryMaxTime > 0 && Math.floor((now - st.start) / 1000) + out.retryAfter > o.retryMaxTime) {
      return { retry: false, warning: 'The Retry-After: time would make this command line exceed the maximum allowed time for retries.' };
    }
  }
  const warning = `Problem ${why}. Will retry in ${Math.floor(sleepMs / 1000)} seconds. ${st.remaining} retries left.`;
  st.remaining--;
  if (!o.retryDelay) st.sleepMs = Math.min(st.sleepMs * 2, RETRY_SLEEP_MAX);
  return { retry: true, sleepMs, warning };
}

/** A Retry-After value: seconds, or an HTTP date (how long until then); undefined when absent or past. */
export function retryAfterOf(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) || undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= nowMs) return undefined;
  return Math.floor((at - nowMs) / 1000) || undefined;
}

/**
 * curl's voutf: `prefix` before each line, the text cut at the last blank
 * that keeps a line within `columns` (the blank stays at the line's end).
 * @example wrapped('Warning: ', 'a b', 79) === 'Warning: a b\n'
 */
export function wrapped(prefix: string, text: string, columns: number): string {
  const width = Math.max(2, columns - prefix.length);
  let out = '';
  let rest = text;
  while (rest.length > 0) {
    if (rest.length <= width) { out += `${prefix}${rest}\n`; break; }
    let cut = width - 1;
    while (cut > 0 && rest[cut] !== ' ' && rest[cut] !== '\t') cut--;
    if (cut === 0) cut = width - 1;
    out += `${prefix}${rest.slice(0, cut + 1)}\n`;
    rest = rest.slice(cut + 1);
  }
  return out;
}
