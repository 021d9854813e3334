// The shell end to end on the kernel: sh -c scripts with their full output,
// compared with what busybox ash prints.
import { describe, expect, it } from 'vitest';
import { shTranscript } from '../testing/run.ts';

const sh = shTranscript;

describe('sh: basics', () => {
  it.each([
    ['echo hello world', 'hello world\n'],
    ['echo -n a; echo b', 'ab\n'],
    ['x=1; echo $x ${x} "$x" \'$x\'', '1 1 1 $x\n'],
    ['a="x  y"; echo $a; echo "$a"', 'x y\nx  y\n'],
    ['set -- a "b c" d; for i in "$@"; do echo "[$i]"; done; echo $#', '[a]\n[b c]\n[d]\n3\n'],
    // No positional parameters: "$@" is no field at all, "" and "x$@" one, "$*" one empty (as busybox ash).
    ['set --; echo a "$@" b; echo c "" d; echo e "x$@" f; echo g "$*" h; sh -c \'echo i "$@" j\'', 'a b\nc  d\ne x f\ng  h\ni j\n'],
    ['echo $((1 + 2 * 3)) $((10 / 3)) $((2 ** 8))', '7 3 256\n'],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', '1\n2\n3\n'],
    ['if [ -d /tmp ]; then echo dir; else echo no; fi', 'dir\n'],
    ['case hello in h*) echo H;; *) echo other;; esac', 'H\n'],
    ['f() { echo "f:$1:$#"; return 3; }; f a b; echo $?', 'f:a:2\n3\n'],
    ['echo $(echo inner) `echo back`', 'inner back\n'],
    ['true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n'],
    ['x=${unset:-default}; echo $x ${#x}', 'default 7\n'],
    ['f=archive.tar.gz; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.}', 'archive.tar archive tar.gz gz\n'],
    ['printf "%s-%03d|%-4s|\\n" a 7 b', 'a-007|b   |\n'],
    ['echo a; exit 4; echo b', 'a\n[exit 4]'],
    ['nosuchcmd', '[stderr]sh: nosuchcmd: not found\n[exit 127]'],
    // sh -c execs a lone external command, but not a builtin that runs more after it.
    ['eval "ls /etc/passwd; echo after"', '/etc/passwd\nafter\n'],
    ['cd /nope', "[stderr]sh: cd: can't cd to /nope: No such file or directory\n[exit 2]"],
    ['echo "unterminated', '[stderr]sh: syntax error: unterminated quoted string\n[exit 2]'],
    ['echo $((1/0))', '[stderr]sh: divide by zero\n[exit 2]'],
    ['set -u; echo $nope', '[stderr]sh: nope: parameter not set\n[exit 2]'],
    // `return` outside a function ends the script with its status (ash).
    ['return 2; echo after', '[exit 2]'],
    ['eval "return 6"; echo after', '[exit 6]'],
    ['set -e; false; echo after', '[exit 1]'],
    ['set -e; false || true; if false; then :; fi; echo survived', 'survived\n'],
    ['for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done', '1\n2\n'],
    ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n'],
    ['echo ~ ~root', '/root /root\n'],
    ['x=5; : $((x+=2)); echo $x', '7\n'],
    ['echo $0 $$', '/bin/sh 1\n'],
    // PWD is set at start-up, before any cd (so -v "$PWD/x":/x works in a fresh shell).
    ['echo "[$PWD]"; cd /tmp; echo "[$PWD]"', '[/]\n[/tmp]\n'],
    ['type cd ls; command -v ls', 'cd is a shell builtin\nls is /bin/ls\n/bin/ls\n'],
  ])('%j', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});

describe('sh: files, redirections, pipes', () => {
  it.each([
    ['echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f', 'one\ntwo\n'],
    ['cat < /etc/group | head -n 1', 'root:x:0:\n'],
    ['echo err >&2', '[stderr]err\n'],
    ['ls /nope 2>&1 | cat', 'ls: /nope: No such file or directory\n'],
    ['echo a b c | wc -w', '3\n'],
    ['printf "b\\na\\nb\\n" | sort | uniq -c', '      1 a\n      2 b\n'],
    ['yes | head -n 2', 'y\ny\n'],
    ['cat <<EOF\nhello $HOME\nEOF', 'hello /root\n'],
    ["cat <<'EOF'\nhello $HOME\nEOF", 'hello $HOME\n'],
    ['mkdir -p /a/b && touch /a/b/c && ls /a/b', 'c\n'],
    ['cd /tmp && pwd && echo x > rel && cat /tmp/rel', '/tmp\nx\n'],
    ['echo hi > /dev/null; echo ok', 'ok\n'],
    ['cat /nofile', "[stderr]cat: /nofile: No such file or directory\n[exit 1]"],
    ['echo x > /nodir/f', "[stderr]sh: can't create /nodir/f: No such file or directory\n[exit 1]"],
    ['echo abc | tr a-c A-C', 'ABC\n'],
    ['echo "a:b:c" | cut -d: -f2', 'b\n'],
    ['seq 3 | grep -v 2', '1\n3\n'],
    ['echo *', 'bin etc home root tmp usr var\n'],
    ['cd /etc && echo *wd', 'passwd\n'],
    ['echo /nomatch/*', '/nomatch/*\n'],
    ['read a b <<EOF\none two three\nEOF\necho "$a|$b"', 'one|two three\n'],
    ['x=$(cat /etc/passwd | wc -l); echo $x', '3\n'],
    ['(cd /tmp; pwd); pwd', '/tmp\n/\n'],
    ['x=1; (x=2); echo $x', '1\n'],
  ])('%j', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});

describe('sh: users and permissions', () => {
  it('a non-root user cannot write a root-owned 0755 directory', async () => {
    expect(await sh('echo x > /etc/new', { uid: 1000 })).toBe("[stderr]sh: can't create /etc/new: Permission denied\n[exit 1]");
    expect(await sh('mkdir /etc/d', { uid: 1000 })).toBe("[stderr]mkdir: can't create directory '/etc/d': Permission denied\n[exit 1]");
    expect(await sh('touch /home/app/mine && ls -l /home/app | tail -n 1 | cut -c1-10', { uid: 1000 })).toBe('-rw-r--r--\n');
    expect(await sh('id', { uid: 1000 })).toBe('uid=1000(app) gid=1000(app) groups=1000(app)\n');
    expect(await sh('whoami')).toBe('root\n');
  });
});

describe('sh: expansion side effects happen once', () => {
  it.each([
    ['i=0; echo $((i+=1)) /tm*; echo $i', '1 /tmp\n1\n'],
    ['i=0; x=$((i+=1))$((i+=1)); echo $x $i', '12 2\n'],
    ['i=0; : ${j:=$((i+=1))}; echo $i $j', '1 1\n'],
  ])('%j', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});
