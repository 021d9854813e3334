// grep's options through sh: context (-A -B -C and their `--`), -m, -c, -l,
// -L, -o, -w, -x, -F, -r/-R, exit statuses and the command line. Each answer
// was checked against busybox 1.35's grep (its grep.c is 1.37's); messages
// about the command line are musl's, as Alpine's busybox prints them.
import { describe, expect, it } from 'vitest';
import { shTranscript as sh } from '../testing/run.ts';

/** Lines l1…l12 then l3 again, in ./n. */
const N = "cd /tmp; seq 1 12 | sed 's/^/l/' > n; printf 'l3\\n' >> n; ";

describe('grep context', () => {
  it.each([
    // -A: the lines after, a `--` between groups that do not touch
    [`${N}grep -A1 -e l3 -e l7 -e l8 n`, 'l3\nl4\n--\nl7\nl8\nl9\n--\nl3\n'],
    // -B with -n: `N-` for context, `N:` for matches
    [`${N}grep -B2 -n -e l3 -e l7 n`, '1-l1\n2-l2\n3:l3\n--\n5-l5\n6-l6\n7:l7\n--\n11-l11\n12-l12\n13:l3\n'],
    [`${N}grep -C1 -n l1 n`, '1:l1\n2-l2\n--\n9-l9\n10:l10\n11:l11\n12:l12\n13-l3\n'],
    // names take the same `:`/`-`; the separator also parts two files
    [`${N}grep -C1 -n l12 n n`, 'n-11-l11\nn:12:l12\nn-13-l3\n--\nn-11-l11\nn:12:l12\nn-13-l3\n'],
    // -C0 and -A0: no context, so no separator
    ["printf 'a\\nb\\nc\\n' | grep -C0 -e a -e c", 'a\nc\n'],
    ["printf 'x\\na\\n' | grep -A1 -H a", '(standard input):a\n'],
    // -o with context: busybox separates even two parts of one line
    ['echo abab | grep -o -A1 b', 'b\n--\nb\n'],
    ["printf 'ab\\nx\\nab\\n' | grep -on -B1 b", '1:b\n2-x\n3:b\n'],
    // -c, -l, -L, -q print no context (nor line numbers)
    ["printf 'a\\nb\\n' | grep -c -A1 -n a; printf 'a\\nb\\n' | grep -l -B1 a", '1\n(standard input)\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('-C N sets both; an -A or -B after it wins, one before it loses', async () => {
    expect(await sh("printf '1\\n2\\nx\\n4\\n5\\n' > /tmp/f; grep -C1 -A0 x /tmp/f; echo; grep -A0 -C1 x /tmp/f"))
      .toBe('2\nx\n\n2\nx\n4\n');
  });
});

describe('grep -m', () => {
  it.each([
    [`${N}grep -m2 l1 n`, 'l1\nl10\n'],
    // after the last match its -A context is printed, up to the next match
    [`${N}grep -m2 -A3 l1 n`, 'l1\nl2\nl3\nl4\n--\nl10\n'],
    ["printf 'a\\nb\\na\\nc\\na\\n' | grep -m1 -A5 a", 'a\nb\n'],
    ["printf 'a\\nb\\na\\nc\\n' | grep -vm1 -A1 a", 'b\na\n'],
    [`${N}grep -m1 -c l n; grep -c -m2 l n n`, '1\nn:2\nn:2\n'],
    // -m0 reads one line: busybox counts it as a match when it would be one
    ["printf 'a\\nb\\n' | grep -c -m0 a; printf 'b\\na\\n' | grep -c -m0 a; printf 'a\\n' | grep -m0 a; echo rc=$?", '1\n0\nrc=0\n'],
    ['echo foo | grep -m x foo', "[stderr]grep: invalid number 'x'\n[exit 2]"],
    ['echo foo | grep -A -1 foo', "[stderr]grep: invalid number '-1'\n[exit 2]"],
    ['echo foo | grep -B 2147483648 foo; echo foo | grep -m 99999999999 foo',
      "[stderr]grep: number 2147483648 is not in 0..2147483647 range\ngrep: invalid number '99999999999'\n[exit 2]"],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});

describe('grep -l -L -c -q and the exit status', () => {
  it.each([
    // -L prints the files with no selected line; its status says whether it printed one
    [`${N}grep -L zz n; echo rc=$?; grep -L l n; echo rc=$?`, 'n\nrc=0\nrc=1\n'],
    [`${N}grep -lv l n; echo rc=$?; grep -Lv l n; echo rc=$?`, 'rc=1\nn\nrc=0\n'],
    // a missing file: its message, status 2 even when another file matched, and with -s
    ["cd /tmp; echo foo > a; grep foo a nope; echo rc=$?; grep -s foo a nope; echo rc=$?",
      'a:foo\nrc=2\na:foo\nrc=2\n[stderr]grep: nope: No such file or directory\n'],
    // -q: 0 at the first match whatever came before; 2 when nothing matched and a file was missing
    ['cd /tmp; echo foo > a; grep -q foo nope a; echo rc=$?; grep -sq foo nope; echo rc=$?',
      'rc=0\nrc=2\n[stderr]grep: nope: No such file or directory\n'],
    // a directory without -r reads as empty, silently
    ['cd /tmp; mkdir d; grep foo d; echo rc=$?; grep -c foo d', 'rc=1\n0\n[exit 1]'],
    ['echo a | grep -f /nonexist', '[stderr]grep: /nonexist: No such file or directory\n[exit 2]'],
    // -f with an empty file selects nothing (-v: everything), -x too
    ["printf 'x\\n' | grep -f /dev/null; echo rc=$?; printf 'x\\n' | grep -vc -f /dev/null; printf 'x\\n' | grep -x -f /dev/null; echo rc=$?",
      'rc=1\n1\nrc=1\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('a bad regexp is found when the first line needs it: with no input, no complaint', async () => {
    expect(await sh("grep -E '(' /dev/null; echo rc=$?; echo a | grep -E '('; echo rc=$?"))
      .toBe("rc=1\nrc=2\n[stderr]grep: bad regex '(': Unmatched ( or \\(\n");
  });
});

describe('grep -o -w -x -F', () => {
  it.each([
    ['echo AbcAB | grep -oin ab', '1:Ab\n1:AB\n'],
    // POSIX's longest match at the leftmost place
    ["echo abcd | grep -oE 'a|ab|abc'; echo 'if ifelse' | grep -oE 'if|ifelse'", 'abc\nif\nifelse\n'],
    // -w: the first match with no word character around it, searching on after each miss
    ['echo "foobar foo" | grep -ow foo; echo foobar | grep -w foo; echo rc=$?', 'foo\nrc=1\n'],
    // busybox checks only the first part -o prints for -w
    ['echo "foo foobar" | grep -ow foo', 'foo\nfoo\n'],
    ['echo "xfoo foo" | grep -ow "x*foo"', 'xfoo\nfoo\n'],
    // an empty match ends -w's search
    ['echo "foo bar" | grep -w "o*"; echo rc=$?; echo foo | grep -w ""; echo rc=$?', 'rc=1\nrc=1\n'],
    // -x: the longest match must be the whole line
    ["echo abc | grep -x -e ab -e abc; echo abc | grep -xE 'a|abc'; echo | grep -x ''", 'abc\nabc\n\n'],
    // -F -o prints the pattern once per line, as typed
    ['echo abAB | grep -oF ab; echo abAB | grep -oiF AB; echo abc | grep -oF ""', 'ab\nAB\n\n'],
    ['echo "xab ab" | grep -wF ab; echo "xab abx" | grep -wF ab; echo rc=$?', 'xab ab\nrc=1\n'],
    // -o never prints an empty match, and -o -v prints nothing
    ["echo abc | grep -o ''; echo rc=$?; printf 'abc\\nxyz\\n' | grep -ov b; echo rc=$?", 'rc=0\nrc=0\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});

describe('grep -r -R', () => {
  const TREE = "cd /tmp; mkdir -p d/sub; printf 'foo\\nbar\\n' > d/a; printf 'xfoo\\n' > d/sub/b; printf 'no\\n' > d/c; ";

  it.each([
    // a directory operand is walked; names are shown (not with -h)
    [`${TREE}grep -r foo d | sort; grep -rh foo d | sort`, 'd/a:foo\nd/sub/b:xfoo\nfoo\nxfoo\n'],
    [`${TREE}grep -rc foo d | sort; grep -rl foo d | sort; grep -rL foo d`, 'd/a:1\nd/c:0\nd/sub/b:1\nd/a\nd/sub/b\nd/c\n'],
    // a trailing slash is not doubled; a file operand is read as usual
    [`${TREE}grep -r foo d/ | sort; grep -r foo d/a`, 'd/a:foo\nd/sub/b:xfoo\nfoo\n'],
    [`${TREE}cd d; grep -r foo . | sort`, './a:foo\n./sub/b:xfoo\n'],
    // with no operand busybox reads standard input, -r or not
    [`${TREE}cd d; echo foo | grep -r foo; grep -r foo </dev/null; echo rc=$?`, 'foo\nrc=1\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('-r reads links to files but not to directories; -R follows both', async () => {
    const tree = "cd /tmp; mkdir -p d/s; echo foo > d/a; echo foo > d/s/x; ln -s a d/alink; ln -s s d/slink; ";
    expect(await sh(`${tree}grep -r foo d | sort; echo; grep -R foo d | sort`))
      .toBe('d/a:foo\nd/alink:foo\nd/s/x:foo\n\nd/a:foo\nd/alink:foo\nd/s/x:foo\nd/slink/x:foo\n');
  });

  it('a dangling link: its message (not with -r -s), and no status 2', async () => {
    const tree = 'cd /tmp; mkdir d; echo foo > d/a; ln -s nowhere d/dangling; ';
    expect(await sh(`${tree}grep -rs foo d; echo rc=$?; grep -R foo d >/dev/null; echo rc=$?`))
      .toBe('d/a:foo\nrc=0\nrc=0\n[stderr]grep: d/dangling: No such file or directory\n');
  });

  it('-R through a loop of links stops where the kernel does (ELOOP)', async () => {
    const out = await sh('cd /tmp; mkdir -p d/sub; echo foo > d/a; ln -s .. d/sub/up; grep -R foo d | wc -l');
    expect(out).toMatch(/^\d+\n\[stderr\](grep: d\/sub\/up\/.*: Symbolic link loop\n)+$/);
  });
});

describe('grep command line', () => {
  it('--color is accepted and ignored, as -a and -I', async () => {
    expect(await sh('echo foo | grep --color=auto foo; echo foo | grep --col foo; echo foo | grep -aI foo')).toBe('foo\nfoo\nfoo\n');
  });

  it("an unknown option: musl's message and the usage, status 2", async () => {
    const out = await sh('echo x | grep -z x');
    expect(out).toMatch(/^\[stderr\]grep: unrecognized option: z\nBusyBox v1\.37\.0 multi-call binary\.\n\nUsage: grep \[-HhnlLoqvsrRiwFE\] /);
    expect(out).toMatch(/\[exit 2\]$/);
    expect(await sh('echo x | grep --colour x')).toMatch(/^\[stderr\]grep: unrecognized option: colour\n/);
    expect(await sh('echo x | grep -e')).toMatch(/^\[stderr\]grep: option requires an argument: e\n/);
  });

  it('--help alone prints the usage on stdout; no pattern prints it on stderr', async () => {
    expect(await sh('grep --help | head -n 3')).toBe('BusyBox v1.37.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    expect(await sh('grep 2>&1 >/dev/null | sed -n 3p; grep 2>/dev/null; echo rc=$?')).toMatch(/^Usage: grep \[-HhnlLoqvsrRiwFE\] .*\nrc=2\n$/);
  });

  it('-H after -h wins, -h after -H wins', async () => {
    expect(await sh('echo a | grep -hH a; echo a | grep -Hh a')).toBe('(standard input):a\na\n');
  });
});

describe('grep in a pipeline', () => {
  it('writes what it found before it waits for more input (tail -f | grep works)', async () => {
    expect(await sh(': > /tmp/seen; (echo foo; sleep 0.3; cat /tmp/seen) | grep foo > /tmp/seen; cat /tmp/seen')).toBe('foo\nfoo\n');
  });
});

describe('grep on a long line', () => {
  it('stays linear: a*b and a|aa over 1 MB of a (backtracking would take minutes)', async () => {
    const t0 = performance.now();
    expect(await sh("head -c 1000000 /dev/zero | tr '\\0' a > /tmp/big; grep -c 'a*b' /tmp/big; grep -oE 'a|aa' /tmp/big | wc -l"))
      .toBe('0\n500000\n');
    // measured, not asserted (shared machines): ~0.6 s here
    console.log(`grep over a 1 MB line: ${Math.round(performance.now() - t0)} ms`);
  });
});
