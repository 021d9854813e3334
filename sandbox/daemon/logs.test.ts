// docker logs: streams kept apart, --tail, --since, -t, and -f following a
// container that prints over time.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { followLogs, logTimestamp, readLogs } from './logs.ts';

const dec = new TextDecoder();
const join = (es: Array<{ data: Uint8Array }>): string => es.map((e) => dec.decode(e.data)).join('');

describe('docker logs', () => {
  it('filters streams, tails lines and stamps them', async () => {
    const d = await Daemon.create({ newId: sequentialIds('log') });
    const { container: c } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'seq 5; echo oops >&2; printf partial'] });
    expect(join(readLogs(c))).toBe('1\n2\n3\n4\n5\noops\npartial');
    expect(join(readLogs(c, { stdout: true }))).toBe('1\n2\n3\n4\n5\npartial');
    expect(join(readLogs(c, { stderr: true }))).toBe('oops\n');
    expect(join(readLogs(c, { tail: 2 }))).toBe('oops\npartial');
    expect(join(readLogs(c, { tail: 0 }))).toBe('');
    expect(join(readLogs(c, { since: Date.now() + 60_000 }))).toBe('');
    const stampedLines = join(readLogs(c, { tail: 1, stdout: true, timestamps: true }));
    expect(stampedLines).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z partial$/);
    expect(logTimestamp(Date.UTC(2026, 10, 23, 20, 0, 0, 123))).toBe('2026-11-23T20:00:00.123000000Z');
  });

  it('-f shows lines as they are written and ends with the container', async () => {
    const d = await Daemon.create({ newId: sequentialIds('log') });
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'for i in 1 2 3; do echo tick $i; sleep 0.05; done'] });
    d.containers.start(c);
    const seen: Array<{ text: string; at: number }> = [];
    const f = followLogs(c, {}, (e) => seen.push({ text: dec.decode(e.data), at: performance.now() }));
    await f.done;
    expect(seen.map((s) => s.text)).toEqual(['tick 1\n', 'tick 2\n', 'tick 3\n']);
    // Streamed as written: the lines arrived spread over the run, not all at the end.
    expect(seen[2]!.at - seen[0]!.at).toBeGreaterThan(50);
  });
});
