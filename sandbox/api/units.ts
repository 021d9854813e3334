// Sizes and durations as Docker words them on the wire and on screen
// (go-units, Go's time.Duration): "4.28MB", "About a minute", "Up 3 seconds",
// "1m30s". Shared by the server (status texts), the daemon and builder
// (health checks) and the CLI (tables, duration flags). Imports nothing.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** go-units HumanSizeWithPrecision: 4.28MB, 724B, 1.5GB (3 significant digits; the build context's size uses 4). */
export function humanSize(bytes: number, precision = 3): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < DECIMAL.length - 1) { size /= 1000; i++; }
  return `${Number(size.toPrecision(precision))}${DECIMAL[i]}`;
}

/** go-units HumanDuration: "Less than a second", "3 seconds", "About an hour", "2 years". */
export function humanDuration(ms: number): string {
  const secs = Math.max(0, Math.round(ms / 1000));
  if (secs < 1) return 'Less than a second';
  if (secs === 1) return '1 second';
  if (secs < 60) return `${secs} seconds`;
  const mins = Math.floor(secs / 60);
  if (mins === 1) return 'About a minute';
  if (mins < 60) return `${mins} minutes`;
  const hours = Math.round(secs / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** Joins byte chunks into one array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

const DURATION_UNITS = new Map<string, number>([['ns', 1], ['us', 1e3], ['µs', 1e3], ['μs', 1e3], ['ms', 1e6], ['s', 1e9], ['m', 60e9], ['h', 3600e9]]);

/**
 * Go's time.ParseDuration (what the CLI's duration flags and the builder's
 * HEALTHCHECK options take): nanoseconds, or Go's error text.
 * `1m30s` → 90e9; `500ms` → 5e8; `-1s` → -1e9; `5` → `time: missing unit in duration "5"`.
 */
export function goDurationOrError(s: string): number | { error: string } {
  const invalid = { error: `time: invalid duration "${s}"` };
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) { sign = rest.startsWith('-') ? -1 : 1; rest = rest.slice(1); }
  if (rest === '0') return 0;
  if (rest === '') return invalid;
  let total = 0;
  // Each round consumes one number and its unit; the string shrinks every time.
  while (rest !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if ((num[1] ?? '') === '' && (num[2] ?? '') === '') return invalid;
    rest = rest.slice(num[0].length);
    const unit = /^[^.\d]*/.exec(rest)![0];
    if (unit === '') return { error: `time: missing unit in duration "${s}"` };
    const scale = DURATION_UNITS.get(unit);
    if (scale === undefined) return { error: `time: unknown unit "${unit}" in duration "${s}"` };
    total += Number(`${num[1] || '0'}.${num[2] || '0'}`) * scale;
    rest = rest.slice(unit.length);
  }
  return sign * Math.round(total);
}

/** time.ParseDuration → nanoseconds, or null when malformed. */
export function parseGoDuration(s: string): number | null {
  const d = goDurationOrError(s);
  return typeof d === 'number' ? d : null;
}

/** A time.Duration as Go prints it (`1m30s`, `500ms`, `0s`) from nanoseconds. */
export function goDuration(ns: number): string {
  if (ns < 0) return `-${goDuration(-ns)}`;
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimFraction(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trimFraction(ns / 1e6)}ms`;
  let s = ns / 1e9;
  let out = '';
  const h = Math.floor(s / 3600);
  if (h > 0) { out += `${h}h`; s -= h * 3600; }
  const m = Math.floor(s / 60);
  if (h > 0 || m > 0) { out += `${m}m`; s -= m * 60; }
  return `${out}${trimFraction(s)}s`;
}

function trimFraction(n: number): string {
  return String(Number(n.toFixed(9)));
}
