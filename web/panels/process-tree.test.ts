// `docker top` rows as a process tree, with PID 1 named from State.Pid.
import { describe, expect, it } from 'vitest';
import { processTree } from './process-tree.ts';

const TITLES = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
const p = (pid: number, ppid: number, cmd: string): string[] => ['root', String(pid), String(ppid), '0', '10:00', '?', '00:00:00', cmd];

describe('processTree', () => {
  it('puts children under their parent and marks the container\'s PID 1', () => {
    const rows = processTree({ Titles: TITLES, Processes: [p(4301, 4280, 'sh -c nginx'), p(4320, 4301, 'nginx: master'), p(4333, 4320, 'nginx: worker'), p(4350, 4301, 'sleep 5')] }, 4301);
    expect(rows.map((r) => [r.hostPid, r.nsPid, r.depth, r.cmd])).toEqual([
      [4301, 1, 0, 'sh -c nginx'],
      [4320, null, 1, 'nginx: master'],
      [4333, null, 2, 'nginx: worker'],
      [4350, null, 1, 'sleep 5'],
    ]);
  });

  it('reads the columns by title (ps_args may reorder them) and survives odd input', () => {
    const rows = processTree({ Titles: ['PID', 'USER', 'COMMAND'], Processes: [['7', 'app', 'node server.js']] }, 7);
    expect(rows).toEqual([{ hostPid: 7, hostPpid: 0, nsPid: 1, user: 'app', time: '', cmd: 'node server.js', depth: 0 }]);
    expect(processTree({ Titles: ['CMD'], Processes: [['x']] }, 1)).toEqual([]);
    // A loop (impossible from a real ps) is still listed, once.
    expect(processTree({ Titles: TITLES, Processes: [p(2, 3, 'a'), p(3, 2, 'b')] }, 1).map((r) => r.hostPid)).toEqual([2, 3]);
  });
});

describe('pairInside', () => {
  it('pairs docker top rows with ps inside by command line in PID order; the looking ps pairs with nothing', async () => {
    const { pairInside } = await import('./process-tree.ts');
    const host = [{ hostPid: 12, cmd: 'sleep 5' }, { hostPid: 9, cmd: 'sh -c x' }, { hostPid: 11, cmd: 'sleep 5' }];
    const inside = [
      { pid: 1, ppid: 0, args: 'sh -c x', self: false }, { pid: 3, ppid: 1, args: 'sleep 5', self: false },
      { pid: 4, ppid: 1, args: 'sleep 5', self: false }, { pid: 9, ppid: 0, args: 'ps -o pid,ppid,args', self: true },
    ];
    expect([...pairInside(host, inside)].sort((a, b) => a[0] - b[0])).toEqual([[9, 1], [11, 3], [12, 4]]);
  });
});
