// docker run -i / -it and exec -it: stdin from the client, a terminal with
// its line discipline, and busybox's interactive shell on it (prompt, echo,
// ^C to the foreground job, history, completion, ^D to leave).
import { describe, expect, it } from 'vitest';
import type { Container } from './container.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text, until } from './testing/harness.ts';

const dec = new TextDecoder();

async function started(opts: { cmd: string[]; tty?: boolean; interactive?: boolean }): Promise<{ d: Daemon; c: Container }> {
  const d = await Daemon.create({ newId: sequentialIds('tty') });
  const c = d.containers.create({ image: d.images.mustResolve('busybox'), ...opts });
  d.containers.start(c);
  return { d, c };
}

describe('docker run -i (stdin, no terminal)', () => {
  it('cat copies what the client sends until it closes stdin', async () => {
    const { c } = await started({ cmd: ['cat'], interactive: true });
    c.stdio!.input('hello\n');
    c.stdio!.input('world\n');
    c.stdio!.closeInput();
    expect(await c.wait()).toBe(0);
    expect(text(c)).toBe('hello\nworld\n');
  });

  it('sh reads a script from stdin; stdin is not a terminal', async () => {
    const { c } = await started({ cmd: ['sh'], interactive: true });
    c.stdio!.input('echo $((6*7))\n[ -t 0 ] && echo tty || echo notty\ntty\n');
    c.stdio!.closeInput();
    expect(await c.wait()).toBe(1);
    expect(text(c)).toBe('42\nnotty\nnot a tty\n');
  });

  it('without -i stdin is /dev/null', async () => {
    const { c } = await started({ cmd: ['cat'] });
    expect(await c.wait()).toBe(0);
    expect(text(c)).toBe('');
  });
});

describe('docker run -it (a terminal)', () => {
  it('an interactive shell: prompt, echo, \\r\\n, a terminal on 0', async () => {
    const { c } = await started({ cmd: ['sh'], tty: true, interactive: true });
    await until(() => text(c).includes('/ # '), 'the prompt');
    c.stdio!.input('tty; [ -t 1 ] && echo yes\r');
    await until(() => text(c).includes('yes\r\n'), 'the output');
    expect(text(c)).toBe('/ # tty; [ -t 1 ] && echo yes\r\n/dev/pts/0\r\nyes\r\n/ # ');
    c.stdio!.input('exit 3\r');
    expect(await c.wait()).toBe(3);
    // Everything went to stdout: a terminal has one stream.
    expect(text(c, 'stderr')).toBe('');
  });

  it('^C interrupts the foreground job, not the shell', async () => {
    const { c } = await started({ cmd: ['sh'], tty: true, interactive: true });
    await until(() => text(c).includes('/ # '), 'the prompt');
    c.stdio!.input('sleep 100; echo after $?\r');
    await until(() => c.logs.length > 0 && text(c).endsWith('\r\n'), 'the command to start');
    c.stdio!.input('\x03');
    await until(() => text(c).includes('after 130'), 'the interrupted sleep');
    await until(() => text(c).endsWith('/ # '), 'the prompt again');
    // ^C at the prompt drops the line; the shell goes on.
    c.stdio!.input('echo typed\x03');
    await until(() => text(c).match(/\/ # /g)!.length === 3, 'a fresh prompt');
    expect(c.state.Running).toBe(true);
    c.stdio!.input('\x04');
    expect(await c.wait()).toBe(130);
  });

  it('line editing: erase, cursor moves, history and tab completion', async () => {
    const { c } = await started({ cmd: ['sh'], tty: true, interactive: true });
    await until(() => text(c).includes('/ # '), 'the prompt');
    const run = async (keys: string, want: string): Promise<void> => {
      const before = text(c).length;
      c.stdio!.input(keys);
      await until(() => text(c).slice(before).includes(want), JSON.stringify(want));
    };
    await run('echo abx\x7fc\r', 'abc\r\n');
    await run('\x1b[A\r', 'abc\r\nabc\r\n'.slice(5));
    await run('echo 1\x1b[D0\r', '01\r\n');
    await run('ech\t zz\r', 'zz\r\n');
    await run('ls /e\t\r', 'group');
    // Typeahead: keys sent in one go reach the shell and then the command that reads them.
    await run('head -n1\rpasted\recho done\r', 'done\r\n');
    expect(text(c).match(/pasted\r\n/g)).toHaveLength(2);
    c.stdio!.input('exit\r');
    expect(await c.wait()).toBe(0);
  });

  it('docker exec -it gets a terminal of its own; resize sends SIGWINCH', async () => {
    const { d, c } = await started({ cmd: ['sleep', '100'] });
    const out: string[] = [];
    const ex = c.exec(d.kernel, d.userland, ['sh'], { tty: true, openStdin: true, onStdout: (b) => out.push(dec.decode(b)) });
    await until(() => out.join('').includes('/ # '), 'the prompt');
    ex.stdio.input("trap 'echo winch' WINCH; ps -o pid,pgid,comm\r");
    await until(() => out.join('').includes('PGID'), 'ps');
    expect(out.join('')).toContain('PID   PGID  COMMAND\r\n    1     1 sleep\r\n    2     2 sh\r\n    3     3 ps\r\n');
    ex.stdio.resize({ rows: 40, cols: 120 });
    ex.stdio.input('sleep 0\r');
    await until(() => out.join('').includes('winch'), 'the trap');
    ex.stdio.input('exit 0\r');
    expect(await ex.done).toBe(0);
    expect(c.state.Running).toBe(true);
    d.containers.kill(c);
    expect(await c.wait()).toBe(137);
  });

  it('top -b prints a snapshot; on a terminal it repaints until q', async () => {
    const { d, c } = await started({ cmd: ['sh', '-c', 'sleep 100 & top -b -n 1'] });
    expect(await c.wait()).toBe(0);
    const snap = text(c).split('\n');
    expect(snap[0]).toMatch(/^Mem: \d+K used, \d+K free, 0K shrd, 0K buff, 0K cached$/);
    expect(snap[1]).toMatch(/^CPU: +\d+% usr +0% sys +0% nic +\d+% idle +0% io +0% irq +0% sirq$/);
    expect(snap[2]).toMatch(/^Load average: /);
    expect(snap[3]).toBe('  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND');
    expect(snap.slice(4).filter(Boolean).map((l) => l.replace(/^ *(\d+) +(\d+) root .*% (.*)$/, '$1 $2 $3')).sort()).toEqual(['1 0 sh -c sleep 100 & top -b -n 1', '2 1 sleep 100', '3 1 top -b -n 1']);
    const t = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['top', '-d', '0.2'], tty: true, interactive: true });
    d.containers.start(t);
    await until(() => (text(t).match(/\x1b\[H\x1b\[J/g) ?? []).length >= 2, 'two screens');
    t.stdio!.input('q');
    expect(await t.wait()).toBe(0);
  });
});

describe('the environment a terminal adds', () => {
  it('run -t and exec -t get TERM=xterm after PATH and HOSTNAME, as dockerd gives it; -e TERM and -e HOSTNAME win', async () => {
    const d = await Daemon.create({ newId: sequentialIds('term') });
    const names = (c: Container): string[] => text(c).split(/\r?\n/).filter(Boolean).map((l) => l.slice(0, l.indexOf('=')));
    const plain = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['env'] });
    expect(names(plain.container)).toEqual(['PATH', 'HOSTNAME', 'HOME']);
    const tty = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['env'], tty: true });
    expect(names(tty.container)).toEqual(['PATH', 'HOSTNAME', 'TERM', 'HOME']);
    expect(text(tty.container)).toContain('TERM=xterm\r\n');
    const mine = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['env'], tty: true, env: ['TERM=dumb', 'HOSTNAME=box'] });
    expect(text(mine.container)).toMatch(/^PATH=.*\r\nHOSTNAME=box\r\nTERM=dumb\r\nHOME=\/root\r\n$/);
    const { d: d2, c } = await started({ cmd: ['sleep', '100'] });
    const out: string[] = [];
    const plainExec = c.exec(d2.kernel, d2.userland, ['printenv', 'TERM'], { onStdout: (b) => out.push(dec.decode(b)) });
    expect(await plainExec.done).toBe(1);
    const ttyExec = c.exec(d2.kernel, d2.userland, ['printenv', 'TERM'], { tty: true, onStdout: (b) => out.push(dec.decode(b)) });
    expect(await ttyExec.done).toBe(0);
    expect(out.join('')).toBe('xterm\r\n');
  });
});
