// curl --retry and its companions, and -m/--max-time, against a scripted
// server in virtual time: what is retried (as curl 8's post_per_transfer
// decides), the waits (1 s doubling, --retry-delay, Retry-After), the
// "Warning: Problem …" lines (not with -s), and the per-attempt errors.
import { describe, expect, it } from 'vitest';
import { curlRun } from './testing.ts';
import { wrapped } from './retry.ts';

const URL = 'http://127.0.0.1:8080/';
const busy = { status: 503, body: 'busy\n' };
const hi = { status: 200, body: 'hi\n' };
/** The Warning/Note lines of stderr (the progress meter left out). */
const notices = (err: string): string => err.split('\n').filter((l) => /^(Warning|Note|curl):/.test(l)).join('\n');

describe('curl --retry', () => {
  it('retries a transient HTTP status with 1 s, then 2 s waits, saying so; each answer is output', async () => {
    const r = await curlRun(`curl --retry 3 ${URL} 2>err; echo rc=$?; cat err >&2`, [busy, busy, hi]);
    expect(r.out).toBe('busy\nbusy\nhi\nrc=0\n');
    expect(notices(r.err)).toBe('Warning: Problem : HTTP error. Will retry in 1 seconds. 3 retries left.\nWarning: Problem : HTTP error. Will retry in 2 seconds. 2 retries left.');
    expect(r.requests).toHaveLength(3);
    expect(r.elapsed).toBe(3000);
  });

  it('408 429 500 502 503 504 are transient; 404 and 501 are not', async () => {
    for (const status of [408, 429, 500, 502, 504]) expect((await curlRun(`curl -s --retry 1 ${URL}`, [{ status }, hi])).requests).toHaveLength(2);
    for (const status of [404, 501]) expect((await curlRun(`curl -s --retry 3 ${URL}`, [{ status }, hi])).requests).toHaveLength(1);
  });

  it('-s hides the warnings, -S keeps each attempt\'s error; with -f the status is the error and the exit code 22', async () => {
    const r = await curlRun(`curl -sSf --retry 2 ${URL}; echo rc=$?`, [{ status: 500 }]);
    expect(r.out).toBe('rc=22\n');
    expect(r.err).toBe('curl: (22) The requested URL returned error: 500\n'.repeat(3));
    expect(r.elapsed).toBe(3000);
  });

  it('a refused connection is retried only with --retry-connrefused', async () => {
    const plain = await curlRun('curl -S --retry 2 http://127.0.0.1:8081/; echo rc=$?');
    expect([plain.out, plain.err, plain.elapsed]).toEqual(['rc=7\n', "curl: (7) Failed to connect to 127.0.0.1 port 8081 after 0 ms: Couldn't connect to server\n", 0]);
    const r = await curlRun('curl --retry 2 --retry-connrefused http://127.0.0.1:8081/; echo rc=$?');
    expect(r.out).toBe('rc=7\n');
    expect(r.err).toBe("curl: (7) Failed to connect to 127.0.0.1 port 8081 after 0 ms: Couldn't connect to server\n"
      + 'Warning: Problem : connection refused. Will retry in 1 seconds. 2 retries left.\n'
      + "curl: (7) Failed to connect to 127.0.0.1 port 8081 after 0 ms: Couldn't connect to server\n"
      + 'Warning: Problem : connection refused. Will retry in 2 seconds. 1 retries left.\n'
      + "curl: (7) Failed to connect to 127.0.0.1 port 8081 after 0 ms: Couldn't connect to server\n");
  });

  it('--retry-all-errors retries any failure, -f 404 included', async () => {
    const r = await curlRun(`curl -f --retry 1 --retry-all-errors ${URL} 2>err; echo rc=$?; cat err >&2`, [{ status: 404 }, hi]);
    expect(r.out).toBe('hi\nrc=0\n');
    // 71 characters: wrapped at 79 columns as curl's warnf does
    expect(notices(r.err)).toBe('curl: (22) The requested URL returned error: 404\nWarning: Problem (retrying all errors). Will retry in 1 seconds. 1 retries \nWarning: left.');
  });

  it('a failed name lookup counts as a timeout, and is retried', async () => {
    const r = await curlRun('curl -sS --retry 1 http://nosuch/; echo rc=$?');
    expect([r.out, r.err, r.elapsed]).toEqual(['rc=6\n', 'curl: (6) Could not resolve host: nosuch\n'.repeat(2), 1000]);
  });

  it('--retry-delay is a fixed wait', async () => {
    const r = await curlRun(`curl -s --retry 2 --retry-delay 3 ${URL} 2>&1; echo rc=$?`, [busy]);
    expect(r.elapsed).toBe(6000);
    expect(r.requests).toHaveLength(3);
  });

  it('--retry-max-time: no retry starts once it has passed', async () => {
    const r = await curlRun(`curl --retry 10 --retry-max-time 2 ${URL} 2>err >/dev/null; echo rc=$?; cat err >&2`, [busy]);
    expect(r.requests).toHaveLength(3);
    expect(r.elapsed).toBe(3000);
    expect(notices(r.err)).toBe('Warning: Problem : HTTP error. Will retry in 1 seconds. 10 retries left.\nWarning: Problem : HTTP error. Will retry in 2 seconds. 9 retries left.');
  });

  it('Retry-After lengthens the wait, and stops the retries when it would pass --retry-max-time', async () => {
    const later = { status: 503, headers: ['Retry-After: 5'], body: '' };
    const r = await curlRun(`curl --retry 1 ${URL} 2>err; cat err >&2`, [later, hi]);
    expect(notices(r.err)).toBe('Warning: Problem : HTTP error. Will retry in 5 seconds. 1 retries left.');
    expect(r.elapsed).toBe(5000);
    const capped = await curlRun(`curl --retry 3 --retry-max-time 4 ${URL} 2>err; cat err >&2`, [later, hi]);
    expect(notices(capped.err)).toBe('Warning: The Retry-After: time would make this command line exceed the maximum \nWarning: allowed time for retries.');
    expect(capped.requests).toHaveLength(1);
  });

  it('an output file is truncated for the next attempt, with a note of the bytes thrown away', async () => {
    const r = await curlRun(`curl --retry 1 -o /tmp/page ${URL} 2>err; cat /tmp/page; cat err >&2`, [busy, hi]);
    expect(r.out).toBe('hi\n');
    expect(notices(r.err)).toBe('Warning: Problem : HTTP error. Will retry in 1 seconds. 1 retries left.\nNote: Throwing away 5 bytes');
  });

  it('-w is written once, for the last attempt', async () => {
    const r = await curlRun(`curl -s -o /dev/null -w '%{http_code}\\n' --retry 2 ${URL}`, [busy, busy, hi]);
    expect(r.out).toBe('200\n');
    expect((await curlRun('curl -s -w "%{http_code}\\n" http://127.0.0.1:8081/')).out).toBe('000\n');
  });

  it('the warning wraps at the terminal width (COLUMNS), "Warning: " on every line', async () => {
    const r = await curlRun(`curl --retry 1 ${URL} 2>err >/dev/null; cat err >&2`, [busy, hi], { COLUMNS: '40' });
    expect(notices(r.err)).toBe('Warning: Problem : HTTP error. Will \nWarning: retry in 1 seconds. 1 retries \nWarning: left.');
    expect(wrapped('Note: ', 'x'.repeat(30), 20)).toBe(`Note: ${'x'.repeat(14)}\nNote: ${'x'.repeat(14)}\nNote: xx\n`);
  });

  it('refuses malformed numbers as curl does', async () => {
    const r = await curlRun('curl --retry x http://h/; curl --retry -1 http://h/; curl --retry-delay 1.5 http://h/; curl -m x http://h/; echo rc=$?');
    expect(r.err).toBe(['--retry: expected a proper', '--retry: expected a positive', '--retry-delay: expected a proper', '-m: expected a proper']
      .map((m) => `curl: option ${m} numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`).join(''));
    expect(r.out).toBe('rc=2\n');
  });
});

describe('curl -m/--max-time', () => {
  it('gives up on a server that does not answer: (28), and --retry tries again', async () => {
    const r = await curlRun(`curl -sS -m 2 ${URL}; echo rc=$?`, [{ hang: true }]);
    expect([r.out, r.err, r.elapsed]).toEqual(['rc=28\n', 'curl: (28) Operation timed out after 2000 milliseconds with 0 bytes received\n', 2000]);
    const again = await curlRun(`curl -sS -m 1.5 --retry 1 ${URL}; echo rc=$?`, [{ hang: true }, hi]);
    expect([again.out, again.err, again.elapsed]).toEqual(['hi\nrc=0\n', 'curl: (28) Operation timed out after 1500 milliseconds with 0 bytes received\n', 2500]);
  });

  it('counts what arrived before the time ran out', async () => {
    const r = await curlRun(`curl -sS -m 1 ${URL}; rc=$?; echo; echo rc=$rc`, [{ status: 200, body: 'hello world', stallAfter: 5 }]);
    expect([r.out, r.err]).toEqual(['hello\nrc=28\n', 'curl: (28) Operation timed out after 1000 milliseconds with 5 out of 11 bytes received\n']);
  });

  it('does not cut a transfer that finishes in time', async () => {
    expect((await curlRun(`curl -s -m 1 ${URL}`, [hi])).out).toBe('hi\n');
  });
});
