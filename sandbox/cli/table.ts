// Output helpers the docker CLI's formatting uses: Go's text/tabwriter as
// docker sets it up (min width 10, padding 3), sizes as go-units prints them
// (4.28MB, 1.5kB; shared with the server in api/units.ts), ages ("2 minutes
// ago"), and truncated IDs.

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

export { humanDuration, humanSize } from '../api/units.ts';

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Docker's Ellipsis: cut to `max` characters with a trailing "…". */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
