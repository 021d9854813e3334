// tar, gzip, gunzip and zcat through sh: round trips, listings and errors as busybox shows them.
import { describe, expect, it } from 'vitest';
import { shTranscript } from '../testing/run.ts';

const sh = (script: string): Promise<string> => shTranscript(script);

const SITE = 'cd /tmp && mkdir -p site/css && echo hello > site/index.html && echo "body{}" > site/css/a.css && ln -s index.html site/home.html';

describe('tar', () => {
  it('creates, lists (-t, -tv) and extracts gzipped archives, old style and new', async () => {
    expect(await sh(`${SITE}; tar czf site.tgz site && tar -tzf site.tgz && tar tvzf site.tgz site/css | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}/DATE/"`)).toBe(
      'site/\nsite/css/\nsite/css/a.css\nsite/home.html\nsite/index.html\n'
      + 'drwxr-xr-x root/root         0 DATE site/css/\n-rw-r--r-- root/root         7 DATE site/css/a.css\n');
    expect(await sh(`${SITE}; tar -czf s.tgz site; mkdir out; tar -xzf s.tgz -C out; cat out/site/index.html; ls -l out/site/home.html | sed "s/.*-> //"; tar -xOzf s.tgz site/css/a.css`))
      .toBe('hello\nindex.html\nbody{}\n');
  });

  it('-v names files, strips leading slashes, pipes through stdin and stdout', async () => {
    expect(await sh(`${SITE}; tar cvf x.tar site/css`)).toBe('site/css/\nsite/css/a.css\n');
    expect(await sh('echo hi > /tmp/h; tar cf - /tmp/h | tar t')).toBe("tmp/h\n[stderr]tar: removing leading '/' from member names\n");
  });

  it('reports what busybox reports', async () => {
    expect(await sh('tar xf /nope.tar')).toBe("[stderr]tar: can't open '/nope.tar': No such file or directory\n[exit 1]");
    expect(await sh('tar cf /tmp/a.tar /missing')).toBe('[stderr]tar: /missing: No such file or directory\n[exit 1]');
    expect(await sh('tar')).toMatch(/^\[stderr\]BusyBox v1\.37\.0 multi-call binary\.\n\nUsage: tar c\|x\|t/);
  });
});

describe('gzip, gunzip, zcat', () => {
  it('replace a file by its .gz and back, keep it with -k, stream with -c and zcat', async () => {
    expect(await sh('cd /tmp; echo data > f; gzip f; ls f*; gunzip f.gz; ls f*; cat f; gzip -k f; ls f*; gzip -c f | zcat; zcat f.gz')).toBe('f.gz\nf\ndata\nf\nf.gz\ndata\ndata\n');
  });

  it('refuse bad input and existing targets', async () => {
    expect(await sh('echo notgz | gunzip')).toBe('[stderr]gunzip: invalid magic\n[exit 1]');
    expect(await sh('cd /tmp; echo a > g; gunzip g')).toBe('[stderr]gunzip: g: unknown suffix - ignored\n[exit 1]');
    expect(await sh('cd /tmp; echo a > g; gzip -k g; gzip g')).toBe("[stderr]gzip: can't open 'g.gz': File exists\n[exit 1]");
  });
});
