// sed's commands through sh: the cycle (n N D P with their end-of-input
// rules), branches to labels, r and w, the missing last newline, and the
// command line — each answer checked against busybox 1.35's sed.
import { describe, expect, it } from 'vitest';
import { shTranscript as sh } from '../testing/run.ts';

describe('sed cycles and branches', () => {
  it.each([
    // join all lines: the loop N-reads until the last line
    [`printf 'a\\nb\\nc\\n' | sed ':a;N;$!ba;s/\\n/ /g'`, 'a b c\n'],
    // N with no next line ends the script and prints the pattern space
    [`printf 'a\\nb\\nc\\n' | sed 'N;s/\\n/-/'`, 'a-b\nc\n'],
    [`printf 'a\\nb\\n' | sed 'N;N;s/\\n/+/g'`, 'a\nb\n'],
    [`printf 'a\\nb\\nc\\n' | sed '$!N;s/\\n/-/'`, 'a-b\nc\n'],
    // n prints (unless -n) and reads the next line; with none it ends the script
    [`printf 'a\\nb\\nc\\nd\\n' | sed 'n;d'`, 'a\nc\n'],
    [`printf 'a\\nb\\nc\\n' | sed -n 'n;p'`, 'b\n'],
    [`printf 'a\\n' | sed 'n;s/a/X/'`, 'a\n'],
    // P and D: the classic uniq, and D restarting on what is left
    [`printf 'a\\nb\\nb\\nc\\n' | sed '$!N;/^\\(.*\\)\\n\\1$/!P;D'`, 'a\nb\nc\n'],
    [`printf 'a\\nb\\n' | sed 'N;D'`, 'b\n'],
    // t jumps after a substitution, T without one; b with no label goes to the end
    [`printf 'x1\\nx2\\n' | sed 's/x/y/;t;s/$/!/'`, 'y1\ny2\n'],
    [`printf 'x1\\nz2\\n' | sed -e 's/x/y/;ta' -e 's/$/!/;:a'`, 'y1\nz2!\n'],
    [`printf 'ab\\n' | sed 's/a/A/;T;s/b/B/'`, 'AB\n'],
    [`printf 'a\\nb\\n' | sed 'b end; s/a/X/; :end'`, 'a\nb\n'],
    // hold space, blocks, q
    [`printf 'one\\ntwo\\n' | sed '1!G;h;$!d'`, 'two\none\n'],
    [`printf 'a\\nb\\n' | sed '1{h;d};G'`, 'b\na\n'],
    [`printf 'a\\nb\\nc\\n' | sed -n '2{p;q}'`, 'b\n'],
    [`printf 'a\\nb\\nc\\n' | sed '2q'`, 'a\nb\n'],
    [`printf 'a\\nb\\nc\\n' | sed -n '/b/,$p'; printf '1\\n2\\n3\\n4\\n' | sed -n '2,3!p'`, 'b\nc\n1\n4\n'],
    [`printf 'a\\nb\\n' | sed -n '$='`, '2\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('a script that loops for ever can be killed', async () => {
    expect(await sh("sed ':a;ba' /etc/passwd & pid=$!; sleep 0.2; kill $pid; wait $pid; echo rc=$?")).toBe('rc=143\n');
  });
});

describe('sed r, w and the last newline', () => {
  it('r adds a file after the cycle (nothing when unreadable), in order with a', async () => {
    expect(await sh(`printf 'a\\nb\\n' > /tmp/rf; printf 'x\\ny\\n' | sed '1r /tmp/rf'; printf 'x\\n' | sed 'r /tmp/nope'; printf 'x\\n' | sed '1r /tmp/rf\na\\\napp'`))
      .toBe('x\na\nb\ny\nx\nx\na\nb\napp\n');
  });

  it('w writes the pattern space to a file it empties first; one it cannot open stops sed', async () => {
    expect(await sh(`echo old > /tmp/wf; printf 'x\\ny\\n' | sed -n '/y/w /tmp/wf'; cat /tmp/wf; printf 'x\\n' | sed -n 'w /nonexistent/f'`))
      .toBe("y\n[stderr]sed: can't open '/nonexistent/f': No such file or directory\n[exit 1]");
  });

  it('the last line keeps its missing newline (only the last thing written)', async () => {
    expect(await sh("printf 'a\\nb' | sed p | od -c; printf a | sed 'a x' | od -c; printf 'a\\nb' | sed 'N;P;D' | od -c"))
      .toBe('0000000   a  \\n   a  \\n   b  \\n   b\n0000007\n0000000   a  \\n   x  \\n\n0000004\n0000000   a  \\n   b\n0000003\n');
    expect(await sh("printf x > /tmp/a; printf 'y\\n' > /tmp/b; sed p /tmp/a /tmp/b; sed p /tmp/b /tmp/a | od -c"))
      .toBe('x\nx\ny\ny\n0000000   y  \\n   y  \\n   x  \\n   x\n0000007\n');
  });
});

describe('sed command line and errors', () => {
  it('bundled flags, -e and -f', async () => {
    expect(await sh(`printf 'x\\ny\\n' | sed -ne 's/x/X/p'; printf 'x\\ny\\n' | sed -n -e '/y/=' -e p; printf 's/x/Z/\\n' > /tmp/s.sed; echo x | sed -f /tmp/s.sed`))
      .toBe('X\nx\n2\ny\nZ\n');
  });

  it('-f - reads the script from standard input; a script it cannot open is an error (busybox xfopen_stdin)', async () => {
    expect(await sh("echo x > /tmp/in; echo 's/x/W/' | sed -f - /tmp/in; sed -f /nope /tmp/in")).toBe("W\n[stderr]sed: can't open '/nope': No such file or directory\n[exit 1]");
  });

  it('lets an unmatched { or } pass, as busybox does', async () => {
    expect(await sh("echo x | sed '{p'; echo y | sed 'p}'; echo z | sed -n '/q/{p'")).toBe('x\nx\ny\ny\n');
  });

  it.each([
    ["sed 'bnolabel' /dev/null", "sed: can't find label for jump to 'nolabel'"],
    ["sed '/x/{s/x/y/;b};s/y/z/' /dev/null", "sed: can't find label for jump to '}'"],
    ["sed 'Q' /dev/null", 'sed: unsupported command Q'],
    ["sed 'r' /dev/null", 'sed: empty filename'],
  ])('%s', async (script, message) => {
    expect(await sh(script)).toBe(`[stderr]${message}\n[exit 1]`);
  });

  it('no script: the usage', async () => {
    expect(await sh('sed')).toMatch(/^\[stderr\]BusyBox v1\.37\.0 multi-call binary\.\n\nUsage: sed \[-i\[SFX\]\] \[-nrE\] \[-f FILE\]\.\.\. \[-e CMD\]\.\.\. \[FILE\]\.\.\.\n[^]*\[exit 1\]$/);
  });
});
