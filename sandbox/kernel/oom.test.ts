// The OOM killers: a cgroup's (its memory.max reached) and the machine's
// (the root's memory.max is the machine's memory: the global OOM killer),
// each ending the task that holds the most memory in its domain. As cgroup
// v2 counts them, `oom` is the limit's own event; `oom_kill` counts, in the
// victim's cgroup and its ancestors, a kill by any kind of OOM killer — what
// containerd watches to report TaskOOM (dockerd's OOMKilled).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Cgroup, type CgroupEvent } from './cgroup.ts';
import { FdTable, NullFile, SinkFile } from './fd.ts';
import { Kernel } from './kernel.ts';
import type { Program } from './process.ts';
import { SIGKILL } from './signals.ts';
import type { Task } from './task.ts';

const MiB = 1024 * 1024;

function machine(memory: number | null) {
  const kernel = new Kernel({ rootCgroup: new Cgroup('/', null, { memoryMax: memory }) });
  let err = '';
  const spawn = (cgroup: Cgroup, program: Program): Task => {
    const fds = new FdTable();
    fds.set(0, new NullFile());
    fds.set(1, new NullFile());
    fds.set(2, new SinkFile((d) => { err += new TextDecoder().decode(d); }));
    return kernel.spawn({
      program, argv: ['prog'], env: new Map(), cwd: '/', creds: { uid: 0, gid: 0, groups: [] },
      fs: new MemoryFs(), fds, cgroup, uts: { hostname: 'test' }, parent: null, newPidns: true,
    });
  };
  const events = (cg: Cgroup): CgroupEvent['type'][] => {
    const seen: CgroupEvent['type'][] = [];
    cg.onEvent((e) => seen.push(e.type));
    return seen;
  };
  return { kernel, spawn, events, stderr: () => err };
}

/** Holds `mib` MiB, then waits to be killed. */
const holder = (mib: number): Program => async (p) => {
  p.charge(mib * MiB);
  await new Promise<void>(() => {});
  return 0;
};

/** Grows by 1 MiB a tick without end. */
const bomb: Program = async (p) => {
  for (;;) {
    p.charge(MiB);
    await new Promise((r) => setTimeout(r, 0));
  }
};

describe('the global OOM killer', () => {
  it('when the machine\'s memory is exhausted, the task holding the most is killed (137) wherever it is, and its cgroup counts oom_kill', async () => {
    const { kernel, spawn, events } = machine(64 * MiB);
    const a = new Cgroup('/docker/a', kernel.rootCgroup);
    const b = new Cgroup('/docker/b', kernel.rootCgroup);
    const [aEvents, bEvents] = [events(a), events(b)];
    const bystander = spawn(a, holder(8));
    const grower = spawn(b, bomb);
    expect(await kernel.waitExit(grower)).toEqual({ code: 137, signal: SIGKILL });
    expect(bystander.state).toBe('running');
    // No limit of b's was reached (no `oom` there); a process of b was killed by the machine's OOM killer.
    expect(b.memoryEvents).toMatchObject({ oom: 0, oom_kill: 1 });
    expect(a.memoryEvents).toMatchObject({ oom: 0, oom_kill: 0 });
    expect([aEvents, bEvents]).toEqual([[], ['oom']]);
    expect(kernel.rootCgroup.memoryPeak).toBeLessThanOrEqual(64 * MiB);
    expect(kernel.rootCgroup.memoryCurrent).toBe(8 * MiB);
    kernel.kill(bystander, SIGKILL);
  });

  it('the victim is the biggest task, not the one asking: a late small allocation kills the hog', async () => {
    const { kernel, spawn } = machine(32 * MiB);
    const a = new Cgroup('/docker/a', kernel.rootCgroup);
    const b = new Cgroup('/docker/b', kernel.rootCgroup);
    const hog = spawn(a, holder(30));
    await new Promise((r) => setTimeout(r, 5));
    const small = spawn(b, async (p) => { p.charge(4 * MiB); return 0; });
    expect(await kernel.waitExit(hog)).toEqual({ code: 137, signal: SIGKILL });
    expect(await kernel.waitExit(small)).toEqual({ code: 0, signal: null });
    expect([a.memoryEvents.oom_kill, b.memoryEvents.oom_kill]).toEqual([1, 0]);
  });

  it('a cgroup\'s own limit: its OOM killer, `oom` and `oom_kill` in that cgroup (and oom_kill in its ancestors)', async () => {
    const { kernel, spawn } = machine(64 * MiB);
    const c = new Cgroup('/docker/c', kernel.rootCgroup, { memoryMax: 4 * MiB });
    const t = spawn(c, bomb);
    expect(await kernel.waitExit(t)).toEqual({ code: 137, signal: SIGKILL });
    expect(c.memoryEvents).toMatchObject({ oom: 1, oom_kill: 1 });
    expect(kernel.rootCgroup.memoryEvents).toMatchObject({ oom: 0, oom_kill: 1 });
  });

  it('an allocation the host\'s engine refuses for its size (more than the machine has) is the OOM killer\'s: 137', async () => {
    const { kernel, spawn, stderr } = machine(64 * MiB);
    const c = new Cgroup('/docker/c', kernel.rootCgroup);
    const t = spawn(c, async (p) => {
      p.charge(MiB);
      // What V8 throws for a string past its maximum length.
      throw new RangeError('Invalid string length');
    });
    expect(await kernel.waitExit(t)).toEqual({ code: 137, signal: SIGKILL });
    expect(c.memoryEvents.oom_kill).toBe(1);
    expect(stderr()).toBe('');
  });

  it('with nothing bounding memory, such a failure stays the program\'s own error', async () => {
    const { kernel, spawn, stderr } = machine(null);
    const t = spawn(kernel.rootCgroup, async () => { throw new RangeError('Array buffer allocation failed'); });
    expect(await kernel.waitExit(t)).toEqual({ code: 1, signal: null });
    expect(stderr()).toBe('prog: internal error: Array buffer allocation failed\n');
  });
});
