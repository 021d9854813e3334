// The process model: PIDs and namespaces, exit and reaping, pipes with
// backpressure, signals with Linux's rules (init ignores what it does not
// handle), and cgroup limits that really bite (pids.max, memory.max, cpu.max).
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory.ts';
import { Cgroup } from './cgroup.ts';
import { SysError } from './errno.ts';
import { FdTable, NullFile, SinkFile } from './fd.ts';
import { Kernel } from './kernel.ts';
import type { Process, Program } from './process.ts';
import { SIGINT, SIGKILL, SIGTERM } from './signals.ts';
import type { Task } from './task.ts';

function setup(limits: ConstructorParameters<typeof Cgroup>[2] = {}) {
  const kernel = new Kernel();
  const cgroup = new Cgroup('/docker/test', kernel.rootCgroup, limits);
  let out = '';
  const start = (program: Program, argv = ['prog'], newPidns = true): Task => {
    const fds = new FdTable();
    fds.set(0, new NullFile());
    fds.set(1, new SinkFile((d) => { out += new TextDecoder().decode(d); }));
    fds.set(2, new SinkFile((d) => { out += new TextDecoder().decode(d); }));
    return kernel.spawn({
      program, argv, env: new Map([['PATH', '/bin']]), cwd: '/', creds: { uid: 0, gid: 0, groups: [] },
      fs: new MemoryFs(), fds, cgroup, uts: { hostname: 'test' }, parent: null, newPidns,
    });
  };
  return { kernel, cgroup, start, output: () => out };
}

/** `yes`: writes y lines until the pipe breaks. */
const yes: Program = async (p) => {
  const line = new TextEncoder().encode('y\n'.repeat(512));
  for (;;) {
    await p.write(1, line);
    const t = p.tick(); if (t) await t;
  }
};

/** `head -1`: copies the first line of stdin. */
const head1: Program = async (p) => {
  let buf = '';
  for (;;) {
    const chunk = await p.read(0, 16);
    if (!chunk) break;
    buf += new TextDecoder().decode(chunk);
    const nl = buf.indexOf('\n');
    if (nl >= 0) { await p.write(1, buf.slice(0, nl + 1)); return 0; }
  }
  await p.write(1, buf);
  return 0;
};

const sleepForever: Program = async (p) => { await p.sleep(1e9); return 0; };

describe('processes', () => {
  it('gives a container init PID 1 inside and another PID on the host', async () => {
    const { kernel, start } = setup();
    const seen: number[] = [];
    start(async () => 0, ['host-process'], false);
    const init = start(async (p) => {
      seen.push(p.pid, p.ppid);
      const child = p.spawn(async (c) => { seen.push(c.pid, c.ppid); return 3; }, { argv: ['child'] });
      const status = await p.waitChild(child);
      return status.code;
    });
    const status = await kernel.waitExit(init);
    expect(status).toEqual({ code: 3, signal: null });
    expect(seen).toEqual([1, 0, 2, 1]);
    expect(init.pid).not.toBe(1);
    expect(kernel.task(init.pid)).toBeUndefined();
  });

  it('keeps an exited child as a zombie until its parent waits, then reaps it', async () => {
    const { kernel, start } = setup();
    let child!: Task;
    const init = start(async (p) => {
      child = p.spawn(async () => 0, { argv: ['quick'] });
      await p.sleep(20);
      expect(child.state).toBe('zombie');
      expect(kernel.task(child.pid)).toBe(child);
      await p.waitChild(child);
      expect(child.state).toBe('reaped');
      return 0;
    });
    expect((await kernel.waitExit(init)).code).toBe(0);
  });

  it('when init exits, every other task in its namespace is killed', async () => {
    const { kernel, start } = setup();
    let orphan!: Task;
    const init = start(async (p) => {
      orphan = p.spawn(sleepForever, { argv: ['sleep'] });
      return 0;
    });
    await kernel.waitExit(init);
    expect(await kernel.waitExit(orphan)).toEqual({ code: 137, signal: SIGKILL });
  });
});

describe('pipes', () => {
  it('runs pipeline stages concurrently: yes | head -1 ends, yes dies of SIGPIPE', async () => {
    const { kernel, start, output } = setup();
    const statuses: number[] = [];
    const init = start(async (p) => {
      const [r, w] = p.pipe();
      const producer = p.spawn(yes, { argv: ['yes'], fds: new Map([[0, 0], [1, w], [2, 2]]) });
      const consumer = p.spawn(head1, { argv: ['head', '-1'], fds: new Map([[0, r], [1, 1], [2, 2]]) });
      p.close(r); p.close(w);
      statuses.push((await p.waitChild(consumer)).code, (await p.waitChild(producer)).code);
      return 0;
    });
    await kernel.waitExit(init);
    expect(output()).toBe('y\n');
    expect(statuses).toEqual([0, 141]);
  });

  it('blocks a writer while the pipe is full (backpressure) and reads everything in order', async () => {
    const { kernel, start } = setup();
    let maxBuffered = 0;
    let received = 0;
    const total = 1024 * 1024;
    const init = start(async (p) => {
      const [r, w] = p.pipe();
      const pipe = (p.fds.get(w) as unknown as { pipe: { buffered: number; capacity: number } }).pipe;
      const writer = p.spawn(async (c) => {
        for (let i = 0; i < total / 8192; i++) await c.write(1, new Uint8Array(8192).fill(i & 0xff));
        return 0;
      }, { argv: ['writer'], fds: new Map([[1, w]]) });
      p.close(w);
      for (let i = 0; ; i++) {
        maxBuffered = Math.max(maxBuffered, pipe.buffered);
        const chunk = await p.read(r, 4096);
        if (!chunk) break;
        received += chunk.length;
        if (i % 32 === 0) await p.sleep(0);
      }
      return (await p.waitChild(writer)).code;
    });
    expect((await kernel.waitExit(init)).code).toBe(0);
    expect(received).toBe(total);
    expect(maxBuffered).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('signals', () => {
  it('TERM ends a process with no handler (143); KILL always (137)', async () => {
    const { kernel, start } = setup();
    const codes: number[] = [];
    const init = start(async (p) => {
      const a = p.spawn(sleepForever, { argv: ['sleep'] });
      const b = p.spawn(async (c) => { c.setDisposition(SIGTERM, 'ignore'); await c.sleep(1e9); return 0; }, { argv: ['stubborn'] });
      await p.sleep(5);
      p.kill(a.nsPid, SIGTERM);
      p.kill(b.nsPid, SIGTERM);
      await p.sleep(5);
      expect(b.state).toBe('running');
      p.kill(b.nsPid, SIGKILL);
      codes.push((await p.waitChild(a)).code, (await p.waitChild(b)).code);
      return 0;
    });
    await kernel.waitExit(init);
    expect(codes).toEqual([143, 137]);
  });

  it('a caught signal interrupts a sleep and is handed to the program', async () => {
    const { kernel, start } = setup();
    const init = start(async (p) => {
      p.setDisposition(SIGTERM, 'catch');
      try { await p.sleep(1e9); } catch (e) { expect((e as Error).name).toBe('Interrupted'); }
      expect(p.takeSignals()).toEqual([SIGTERM]);
      return 0;
    });
    setTimeout(() => kernel.signal(init, SIGTERM), 10);
    expect(await kernel.waitExit(init)).toEqual({ code: 0, signal: null });
  });

  it('a container init ignores TERM and INT it has no handler for; KILL still ends it', async () => {
    const { kernel, start } = setup();
    const init = start(sleepForever);
    await new Promise((r) => setTimeout(r, 5));
    kernel.signal(init, SIGTERM);
    kernel.signal(init, SIGINT);
    await new Promise((r) => setTimeout(r, 5));
    expect(init.state).toBe('running');
    kernel.signal(init, SIGKILL);
    expect(await kernel.waitExit(init)).toEqual({ code: 137, signal: SIGKILL });
  });

  it('a kill interrupts a blocked read', async () => {
    const { kernel, start } = setup();
    const init = start(async (p) => {
      const [r, w] = p.pipe();
      const reader = p.spawn(async (c) => { await c.read(0); return 0; }, { argv: ['cat'], fds: new Map([[0, r]]) });
      await p.sleep(5);
      p.kill(reader.nsPid, SIGTERM);
      const s = await p.waitChild(reader);
      p.close(w);
      return s.code;
    });
    expect((await kernel.waitExit(init)).code).toBe(143);
  });
});

describe('cgroup limits', () => {
  it('pids.max: spawning beyond it fails with EAGAIN and the rest keeps working', async () => {
    const { kernel, start, cgroup } = setup({ pidsMax: 3 });
    const init = start(async (p) => {
      const kids: Task[] = [];
      let refused = 0;
      for (let i = 0; i < 5; i++) {
        try { kids.push(p.spawn(sleepForever, { argv: ['sleep'] })); } catch (e) { if (e instanceof SysError && e.errno === 'EAGAIN') refused++; }
      }
      expect(kids).toHaveLength(2);
      expect(refused).toBe(3);
      expect(cgroup.pidsCurrent).toBe(3);
      for (const k of kids) p.kill(k.nsPid, SIGKILL);
      for (const k of kids) await p.waitChild(k);
      return 0;
    });
    expect((await kernel.waitExit(init)).code).toBe(0);
    expect(cgroup.pidsCurrent).toBe(0);
  });

  it('memory.max: going over it OOM-kills the process (137) and records the event', async () => {
    const { kernel, start, cgroup } = setup({ memoryMax: 1024 * 1024 });
    const init = start(async (p) => {
      for (let i = 0; ; i++) {
        p.charge(64 * 1024);
        const t = p.tick(); if (t) await t;
      }
    });
    expect(await kernel.waitExit(init)).toEqual({ code: 137, signal: SIGKILL });
    expect(cgroup.memoryEvents.oom_kill).toBe(1);
    expect(cgroup.memoryPeak).toBeLessThanOrEqual(1024 * 1024);
    expect(cgroup.memoryCurrent).toBe(0);
  });

  it('cpu.max: a busy loop over its quota is throttled, and cpu.stat says so', async () => {
    const { kernel, start, cgroup } = setup({ cpuQuotaUs: 10_000, cpuPeriodUs: 50_000 });
    const init = start(async (p) => {
      const end = performance.now() + 120;
      while (performance.now() < end) { const t = p.tick(); if (t) await t; }
      return 0;
    });
    await kernel.waitExit(init);
    expect(cgroup.cpu.nr_throttled).toBeGreaterThan(0);
    // Counted per period, as CFS counts: never more throttled periods than periods.
    expect(cgroup.cpu.nr_throttled).toBeLessThanOrEqual(cgroup.cpu.nr_periods);
    expect(cgroup.cpu.throttled_usec).toBeGreaterThan(0);
    expect(cgroup.cpu.usage_usec).toBeGreaterThan(0);
  });

  it('cpu.max: two busy tasks of one group throttled in the same period count one throttled period', async () => {
    const { kernel, start, cgroup } = setup({ cpuQuotaUs: 10_000, cpuPeriodUs: 50_000 });
    const busy = async (p: Process): Promise<number> => {
      const end = performance.now() + 120;
      while (performance.now() < end) { const t = p.tick(); if (t) await t; }
      return 0;
    };
    const init = start(async (p) => {
      const child = p.spawn(busy, { argv: ['busy'] });
      await busy(p);
      await p.waitChild(child);
      return 0;
    });
    await kernel.waitExit(init);
    expect(cgroup.cpu.nr_throttled).toBeGreaterThan(0);
    expect(cgroup.cpu.nr_throttled).toBeLessThanOrEqual(cgroup.cpu.nr_periods);
  });

  it('pipe buffers count against memory until they are read', async () => {
    const { kernel, start, cgroup } = setup();
    let during = 0;
    const init = start(async (p: Process) => {
      const [r, w] = p.pipe();
      await p.write(w, new Uint8Array(10_000));
      during = cgroup.memoryCurrent;
      await p.read(r, 10_000);
      return 0;
    });
    await kernel.waitExit(init);
    expect(during).toBe(10_000);
    expect(cgroup.memoryCurrent).toBe(0);
  });
});
