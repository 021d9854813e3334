// `docker logs`: a container's output as the json-file driver keeps it — one
// record per line with its stream and time — filtered by stream, --since,
// --until and --tail, with -t timestamps; and -f, which goes on with what
// arrives until the container stops.
import type { Container, LogEntry } from './container.ts';

export interface LogOptions {
  stdout?: boolean;
  stderr?: boolean;
  /** The last N lines ('all' or undefined: every line). */
  tail?: number | 'all';
  /** ms since the epoch. */
  since?: number;
  until?: number;
  timestamps?: boolean;
}

const enc = new TextEncoder();

/** RFC 3339 with a fixed nine-digit fraction (Go's RFC3339NanoFixed), as `docker logs -t` prints. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Splits write chunks into line records (a trailing partial line is a record of its own). */
function lineRecords(entries: LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  for (const e of entries) {
    let start = 0;
    for (let i = 0; i < e.data.length; i++) {
      if (e.data[i] === 0x0a) { out.push({ ...e, data: e.data.subarray(start, i + 1) }); start = i + 1; }
    }
    if (start < e.data.length) out.push({ ...e, data: e.data.subarray(start) });
  }
  return out;
}

function wanted(e: LogEntry, o: LogOptions): boolean {
  const streams = o.stdout === undefined && o.stderr === undefined ? null : { stdout: !!o.stdout, stderr: !!o.stderr };
  if (streams && !streams[e.stream]) return false;
  if (o.since !== undefined && e.time < o.since) return false;
  if (o.until !== undefined && e.time > o.until) return false;
  return true;
}

function stamped(e: LogEntry, o: LogOptions): LogEntry {
  if (!o.timestamps) return e;
  const prefix = enc.encode(logTimestamp(e.time) + ' ');
  const data = new Uint8Array(prefix.length + e.data.length);
  data.set(prefix);
  data.set(e.data, prefix.length);
  return { ...e, data };
}

/** What `docker logs` prints now. */
export function readLogs(c: Container, o: LogOptions = {}): LogEntry[] {
  let lines = lineRecords(c.logs).filter((e) => wanted(e, o));
  if (typeof o.tail === 'number') lines = o.tail <= 0 ? [] : lines.slice(-o.tail);
  return lines.map((e) => stamped(e, o));
}

/**
 * `docker logs -f`: the current lines, then each new record as it comes;
 * resolves when the container is no longer running (or `stop()` is called).
 */
export function followLogs(c: Container, o: LogOptions, onEntry: (e: LogEntry) => void): { done: Promise<void>; stop(): void } {
  for (const e of readLogs(c, o)) onEntry(e);
  let stop = (): void => {};
  const done = new Promise<void>((resolve) => {
    if (!c.state.Running) { resolve(); return; }
    const off = c.onLog((e) => { for (const line of lineRecords([e])) if (wanted(line, o)) onEntry(stamped(line, o)); });
    let finished = false;
    stop = (): void => { if (finished) return; finished = true; off(); resolve(); };
    void c.wait().then(() => stop());
  });
  return { done, stop: () => stop() };
}
