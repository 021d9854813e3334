// Applets end to end through sh: outputs and exit codes as busybox gives them.
import { describe, expect, it } from 'vitest';
import { shTranscript } from '../testing/run.ts';

const sh = shTranscript;

describe('applets', () => {
  it.each([
    ['printf "a\\nb\\n" > /tmp/f; sed "s/a/A/" /tmp/f', 'A\nb\n'],
    ['echo "listen 80;" | sed -E "s,listen +80;,listen 80;\\n    listen [::]:80;,"', 'listen 80;\n    listen [::]:80;\n'],
    ['printf "1\\n2\\n3\\n" | sed -n "2p"', '2\n'],
    ['printf "1\\n2\\n3\\n" | sed "2d"', '1\n3\n'],
    ['printf "x\\ny\\n" > /tmp/g; sed -i "s/x/z/" /tmp/g; cat /tmp/g', 'z\ny\n'],
    ['echo hello | sed "s/\\(h\\)\\(e\\)/\\2\\1/"', 'ehllo\n'],
    ['echo aaa | sed "s/a/b/g"', 'bbb\n'],
    ['printf "b\\na\\n" | sed "1!G;h;\\$!d"', 'a\nb\n'],
    ['mkdir -p /t/a/b; touch /t/a/b/c.txt /t/a/d.log; find /t -name "*.txt"', '/t/a/b/c.txt\n'],
    ['mkdir -p /t/x; touch /t/x/f; find /t -type f', '/t/x/f\n'],
    ['mkdir -p /t/y; cd /t && find . -maxdepth 1', '.\n./y\n'],
    ['mkdir /e; touch /e/a /e/b; find /e -mindepth 1 -maxdepth 1 -type f -print -quit', '/e/a\n'],
    ['mkdir /e; touch /e/a /e/b; find /e -type f -exec echo found {} \\;', 'found /e/a\nfound /e/b\n'],
    ['mkdir /u; touch /u/a /u/b; chown app:app /u/b; find /u \\! -user app; find /u -group app; find /u -user 1000', '/u\n/u/a\n/u/b\n/u/b\n'],
    ['mkdir /u; touch /u/a; find /u ! -user app -exec chown app {} +; find /u -user app', '/u\n/u/a\n'],
    ['printf "a b\\nc\\n" | xargs echo', 'a b c\n'],
    ['printf "1\\n2\\n3\\n" | xargs -n 2 echo', '1 2\n3\n'],
    ['printf "x\\ny\\n" | xargs -I{} echo item-{}', 'item-x\nitem-y\n'],
    ['echo -n hello | sha256sum', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  -\n'],
    ['echo -n hello | md5sum', '5d41402abc4b2a76b9719d911017c592  -\n'],
    ['echo hello | base64; echo aGVsbG8K | base64 -d', 'aGVsbG8K\nhello\n'],
    ['which sh ls; which nosuch', '/bin/sh\n/bin/ls\n[exit 1]'],
    ['printf "10-b.sh\\n9-a.sh\\n2.10\\n2.9\\n" | sort -V', '2.9\n2.10\n9-a.sh\n10-b.sh\n'],
    ['env FOO=bar printenv FOO', 'bar\n'],
    ['env -i A=1', 'A=1\n'],
    ['date +%Y | grep -c "^20"', '1\n'],
    ['nproc', '2\n'],
    ['stat -c "%n %s %a %U" /etc/passwd', '/etc/passwd 110 644 root\n'],
    ['head -c 2k /dev/zero | wc -c; head -c 1m /dev/zero | wc -c; head -c 3b /dev/zero | wc -c', '2048\n1048576\n1536\n'],
    ['head -c 256M /dev/zero; head -n x /dev/null', '[stderr]head: invalid number \'256M\'\nhead: invalid number \'x\'\n[exit 1]'],
    ['printf abcdef | head -c -2; echo; printf "a\\nb\\nc\\n" | head -n -1; printf "1\\n2\\n3\\n4\\n5\\n" | head -n -2', 'abcd\na\nb\n1\n2\n3\n'],
    ['touch /tmp/e; stat /tmp/e | head -n 2', '  File: /tmp/e\n  Size: 0         \tBlocks: 0          IO Block: 4096   regular empty file\n'],
  ])('%j', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('nproc ignores cpu.max, as in Docker (--cpus limits time, not CPUs)', async () => {
    expect(await sh('nproc', { limits: { cpuQuotaUs: 50_000, cpuPeriodUs: 100_000 } })).toBe('2\n');
  });
});
