// Output helpers the docker CLI's formatting uses: Go's text/tabwriter as
// docker sets it up (min width 10, padding 3), sizes as go-units prints them
// (4.28MB, 1.5kB), ages ("2 minutes ago"), and truncated IDs.

/** Aligns tab-separated lines in columns as tabwriter.NewWriter(out, 10, 1, 3, ' ', 0) does. */
export function tabwrite(text: string): string {
  const lines = text.split('\n');
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[] = [];
  // tabwriter aligns runs of lines that have a cell in a column; docker's tables are uniform.
  for (const row of cells) {
    for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, [...row[i]!].length);
  }
  return cells.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(Math.max(10, widths[i]! + 3)) : cell)).join('')).join('\n');
}

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** go-units HumanSizeWithPrecision(size, 3): 4.28MB, 724B, 1.5GB. */
export function humanSize(bytes: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < DECIMAL.length - 1) { size /= 1000; i++; }
  return `${Number(size.toPrecision(3))}${DECIMAL[i]}`;
}

/** go-units HumanDuration. */
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

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Docker's Ellipsis: cut to `max` characters with a trailing "…". */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
