// docker top's ps_args: the default -ef table, aux, -o with procps keywords
// (and header renames), and ps's / dockerd's errors.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';

describe('docker top ps_args', () => {
  it('lists the container\'s processes in the format asked for', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'sleep 100 & wait'] });
    d.containers.start(c);
    await new Promise((r) => setTimeout(r, 20));
    expect(d.containers.top(c).Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(d.containers.top(c, 'aux').Titles).toEqual(['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND']);
    const o = d.containers.top(c, '-o pid,comm,args=WHAT');
    expect(o.Titles).toEqual(['PID', 'COMMAND', 'WHAT']);
    expect(o.Processes.map((r) => r.slice(1))).toEqual([['sh', 'sh -c sleep 100 & wait'], ['sleep', 'sleep 100']]);
    expect(Number(o.Processes[0]![0])).toBe(c.init!.pid);
    expect(() => d.containers.top(c, '-o comm')).toThrow("Couldn't find PID field in ps output");
    expect(() => d.containers.top(c, '-o pid,bogus')).toThrow('error: unknown user-defined format specifier "bogus"');
    d.containers.remove(c, true);
  });
});
