// od, dd and raw bytes from printf/echo escapes: outputs as busybox gives them
// (checked against Debian's busybox; dd's transfer line is the one the
// busybox image's build prints).
import { describe, expect, it } from 'vitest';
import { shTranscript } from '../testing/run.ts';

const sh = (script: string): Promise<string> => shTranscript(script);

const IN = "printf 'abcdefghijklmnopqrstuvwxyz0123456789\\n' > /tmp/od.in;";

describe('od', () => {
  it.each([
    ['od /tmp/od.in', '0000000 061141 062143 063145 064147 065151 066153 067155 070157\n0000020 071161 072163 073165 074167 075171 030460 031462 032464\n0000040 033466 034470 000012\n0000045\n'],
    ['od -c /tmp/od.in', '0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z   0   1   2   3   4   5\n0000040   6   7   8   9  \\n\n0000045\n'],
    ['od -An -tx1 /tmp/od.in', ' 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n 71 72 73 74 75 76 77 78 79 7a 30 31 32 33 34 35\n 36 37 38 39 0a\n'],
    ['od -x -N 4 /tmp/od.in', '0000000 6261 6463\n0000004\n'],
    ['od -b -j 30 /tmp/od.in', '0000036 064 065 066 067 070 071 012\n0000045\n'],
    ['head -c 64 /dev/zero | od', '0000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n0000100\n'],
    ['head -c 64 /dev/zero | od -v -tx4 | head -2', '0000000 00000000 00000000 00000000 00000000\n0000020 00000000 00000000 00000000 00000000\n'],
    ['od -d /tmp/od.in | head -1', '0000000 25185 25699 26213 26727 27241 27755 28269 28783\n'],
    ['od -Ad -tu1 -N 5 /tmp/od.in', '0000000  97  98  99 100 101\n0000005\n'],
    ['od -tx2 -Ax -N 5 /tmp/od.in', '000000 6261 6463 0065\n000005\n'],
    ["printf '\\001\\200\\t\\n' | od -c", '0000000 001 200  \\t  \\n\n0000004\n'],
    ["printf 'ab' | od -t a", '0000000   a   b\n0000002\n'],
    ["echo -e '\\xff\\0101' | od -An -tx1", ' ff 41 0a\n'],
  ])('%s', async (cmd, want) => {
    expect(await sh(IN + cmd)).toBe(want);
  });
});

describe('tail -c and readlink', () => {
  it('tail -c takes bytes; readlink shows targets and canonical paths', async () => {
    expect(await sh("printf 'abcdef' | tail -c 2; echo; printf 'abcdef' | tail -c +3")).toBe('ef\ncdef');
    expect(await sh('ln -s /etc/passwd /tmp/l; readlink /tmp/l; readlink /etc/passwd; echo $?; readlink -f /tmp/../tmp/l; readlink -f /nope/x; echo $?'))
      .toBe('/etc/passwd\n1\n/etc/passwd\n1\n');
  });
});

describe('dd', () => {
  it('copies blocks, counts records, skips and seeks', async () => {
    expect(await sh('echo hello | dd bs=2 2>/dev/null; echo hello | dd bs=2 skip=1 count=2 2>/dev/null')).toBe('hello\nllo\n');
    expect(await sh("cd /tmp; printf 'abcdefgh' > f; printf 'XY' | dd of=f bs=1 seek=3 conv=notrunc 2>/dev/null; cat f; echo; dd if=f bs=2 skip=1 count=2 2>/dev/null"))
      .toBe('abcXYfgh\ncXYf');
    expect(await sh('cd /tmp; dd if=/dev/zero of=z bs=1k count=3 status=none; echo $? $(wc -c < z)')).toBe('0 3072\n');
    expect(await sh('dd if=/dev/zero bs=1 count=2 status=noxfer 2>&1 >/dev/null')).toBe('2+0 records in\n2+0 records out\n');
    expect(await sh('echo hello | dd bs=4 2>&1 >/dev/null | sed -E "s/[0-9.]+ seconds, .*/T/"')).toBe('1+1 records in\n1+1 records out\n6 bytes (6B) copied, T\n');
  });

  it('reports bad input like busybox', async () => {
    expect(await sh('dd if=/nope')).toBe("[stderr]dd: can't open '/nope': No such file or directory\n[exit 1]");
    expect(await sh('dd if=/dev/zero bs=1x count=2')).toBe("[stderr]dd: invalid number '1x'\n[exit 1]");
    expect(await sh('dd if=/dev/zero of=/dev/full bs=1k count=1 status=noxfer')).toBe("[stderr]dd: error writing '/dev/full': No space left on device\n1+0 records in\n0+0 records out\n[exit 1]");
    expect(await sh('dd if=/dev/zero of=/tmp/z bs=1M count=3 status=noxfer 2>&1; wc -c < /tmp/z')).toBe('3+0 records in\n3+0 records out\n3145728\n');
  });
});

describe('tr', () => {
  it.each([
    ["printf 'a\\r\\nb\\r\\n' | tr '\\r\\n' '_.'", 'a_.b_.'],
    ["printf 'a\\tb' | tr '\\t' ' '", 'a b'],
    ["printf 'x\\001y' | tr '\\001' '-'", 'x-y'],
    ["printf 'incr' | tr -d '\\r'", 'incr'],
    ["printf 'a\\\\b' | tr '\\\\' /", 'a/b'],
  ])('%s', async (cmd, want) => {
    expect(await sh(cmd)).toBe(want);
  });
});
