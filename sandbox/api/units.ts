// Sizes and durations as Docker words them on the wire and on screen
// (go-units): "4.28MB", "About a minute", "Up 3 seconds". Shared by the
// server (status texts) and the CLI (tables). Imports nothing.

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
