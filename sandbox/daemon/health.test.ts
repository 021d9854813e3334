// Health checks as dockerd runs them: a passing probe makes a starting
// container healthy, Retries failures in a row make it unhealthy, failures in
// the start period do not count (and StartInterval paces the probes there), a
// probe that outlives Timeout is killed and fails, output is capped at 4096
// bytes. Time is a manual clock: the probes run when it reaches them.
import { describe, expect, it } from 'vitest';
import { ContainerError } from './errors.ts';
import { at, healthRig, probeEvents, SECOND, startWithHealthcheck } from './testing/health.ts';

describe('health probes', () => {
  it('a passing probe: starting, then healthy at the first interval, with its exec events', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'echo ok'], Interval: 10 * SECOND });
    expect(c.health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    await rig.clock.advance(9_999);
    expect(c.health?.Log).toEqual([]);
    await rig.clock.advance(1);
    expect(c.health).toEqual({ Status: 'healthy', FailingStreak: 0, Log: [{ Start: at(10), End: at(10), ExitCode: 0, Output: 'ok\n' }] });
    await rig.clock.advance(10_000);
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(10), at(20)]);
    expect(rig.events).toEqual([
      ...probeEvents('/bin/sh -c echo ok', 'c0ffee600000', 0),
      'health_status: healthy (image=busybox, name=web)',
      ...probeEvents('/bin/sh -c echo ok', 'c0ffee700000', 0),
    ]);
  });

  it('Retries failures in a row make it unhealthy; the log keeps the last five probes', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD', 'sh', '-c', 'echo down >&2; exit 2'], Interval: SECOND, Retries: 2 });
    await rig.clock.advance(1000);
    expect(c.health).toEqual({ Status: 'starting', FailingStreak: 1, Log: [{ Start: at(1), End: at(1), ExitCode: 2, Output: 'down\n' }] });
    await rig.clock.advance(5000);
    expect(c.health?.Status).toBe('unhealthy');
    expect(c.health?.FailingStreak).toBe(6);
    expect(c.health?.Log.map((r) => `${r.Start} ${r.ExitCode}`)).toEqual([2, 3, 4, 5, 6].map((s) => `${at(s)} 2`));
    expect(rig.events.filter((e) => e.startsWith('health_status'))).toEqual(['health_status: unhealthy (image=busybox, name=web)']);
    expect(rig.events.slice(0, 3)).toEqual(probeEvents('sh -c echo down >&2; exit 2', 'c0ffee600000', 2));
  });

  it('the default retries are 3, the default interval 30s', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD', 'false'] });
    await rig.clock.advance(60_000);
    expect(c.health?.Status).toBe('starting');
    await rig.clock.advance(30_000);
    expect(c.health).toEqual({
      Status: 'unhealthy', FailingStreak: 3,
      Log: [30, 60, 90].map((s) => ({ Start: at(s), End: at(s), ExitCode: 1, Output: '' })),
    });
    // A CMD probe's exec names the command alone (Docker's "exec_create: false ").
    expect(rig.events[0]).toBe('exec_create: false  (execID=c0ffee600000, image=busybox, name=web)');
  });

  it('a healthy container turns unhealthy after Retries failures, and healthy again after a pass', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'test -f /tmp/up'], Interval: SECOND, Retries: 2 });
    c.rootfs.writeFileSync('/tmp/up', '');
    await rig.clock.advance(1000);
    c.rootfs.rmSync('/tmp/up');
    await rig.clock.advance(2000);
    c.rootfs.writeFileSync('/tmp/up', '');
    await rig.clock.advance(1000);
    expect(c.health?.Log.map((r) => r.ExitCode)).toEqual([0, 1, 1, 0]);
    expect(rig.events.filter((e) => e.startsWith('health_status'))).toEqual([
      'health_status: healthy (image=busybox, name=web)',
      'health_status: unhealthy (image=busybox, name=web)',
      'health_status: healthy (image=busybox, name=web)',
    ]);
  });
});

describe('start period and start interval', () => {
  it('failures in the start period do not count; probes come every StartInterval until it ends', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'test -f /tmp/ready'], Interval: 30 * SECOND, StartPeriod: 10 * SECOND, StartInterval: 2 * SECOND, Retries: 1 });
    await rig.clock.advance(9000);
    expect(c.health?.Status).toBe('starting');
    expect(c.health?.FailingStreak).toBe(0);
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(2), at(4), at(6), at(8)]);
    // The probe at 10s is past the start period: its failure counts (Retries 1).
    await rig.clock.advance(1000);
    expect(c.health?.Status).toBe('unhealthy');
    expect(c.health?.FailingStreak).toBe(1);
    // Then the regular interval.
    c.rootfs.writeFileSync('/tmp/ready', '');
    await rig.clock.advance(29_999);
    expect(c.health?.Status).toBe('unhealthy');
    await rig.clock.advance(1);
    expect(c.health?.Status).toBe('healthy');
    expect(c.health?.Log.map((r) => `${r.Start} ${r.ExitCode}`)).toEqual([`${at(4)} 1`, `${at(6)} 1`, `${at(8)} 1`, `${at(10)} 1`, `${at(40)} 0`]);
  });

  it('a pass in the start period makes it healthy at once, and the interval becomes the regular one', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'test -f /tmp/ready'], Interval: 30 * SECOND, StartPeriod: 60 * SECOND, StartInterval: SECOND });
    await rig.clock.advance(2500);
    c.rootfs.writeFileSync('/tmp/ready', '');
    await rig.clock.advance(500);
    expect(c.health).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    await rig.clock.advance(29_000);
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(1), at(2), at(3)]);
    await rig.clock.advance(1000);
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(1), at(2), at(3), at(33)]);
  });
});

describe('timeouts, output, exec failures', () => {
  it('a probe over Timeout is killed: exit -1, Docker\'s message with what it printed', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'echo checking; sleep 60'], Interval: SECOND, Timeout: 1500e6, Retries: 1 });
    await rig.clock.advance(2499);
    expect(c.health?.Log).toEqual([]);
    await rig.clock.advance(1);
    expect(c.health).toEqual({
      Status: 'unhealthy', FailingStreak: 1,
      Log: [{ Start: at(1), End: at(2.5), ExitCode: -1, Output: 'Health check exceeded timeout (1.5s): checking\n' }],
    });
    expect(rig.events).toEqual([
      ...probeEvents('/bin/sh -c echo checking; sleep 60', 'c0ffee600000', 137),
      'health_status: unhealthy (image=busybox, name=web)',
    ]);
  });

  it('a silent probe over the default 30s timeout', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD', 'sleep', '100'], Interval: SECOND });
    await rig.clock.advance(31_000);
    expect(c.health?.Log).toEqual([{ Start: at(1), End: at(31), ExitCode: -1, Output: 'Health check exceeded timeout (30s)' }]);
  });

  it('output is kept up to 4096 bytes, then "..."', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD-SHELL', 'i=0; while [ $i -lt 500 ]; do echo 0123456789; i=$((i+1)); done'], Interval: SECOND });
    await rig.clock.advance(1000);
    expect(c.health?.Log[0]?.Output).toBe(`${'0123456789\n'.repeat(372)}0123...`);
  });

  it('a CMD probe that cannot start fails with the exec error', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD', 'curl', '-f', 'http://localhost/'], Interval: SECOND });
    await rig.clock.advance(1000);
    expect(c.health?.Log).toEqual([{
      Start: at(1), End: at(1), ExitCode: -1,
      Output: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown',
    }]);
    expect(rig.events).toEqual(probeEvents('curl -f http://localhost/', 'c0ffee600000', 0).slice(0, 2));
  });
});

describe('create checks the Healthcheck as dockerd does', () => {
  it.each([
    [{ Test: ['CMD', 'true'], Interval: 500_000 }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], Timeout: -1 }, 'Timeout in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], Retries: -1 }, 'Retries in Healthcheck cannot be negative'],
    [{ Test: ['CMD', 'true'], StartPeriod: 1 }, 'StartPeriod in Healthcheck cannot be less than 1ms'],
    [{ Test: ['CMD', 'true'], StartInterval: 999_999 }, 'StartInterval in Healthcheck cannot be less than 1ms'],
  ])('%j → %s', async (healthcheck, message) => {
    const rig = await healthRig();
    const image = await rig.d.getImage('busybox');
    let err: unknown;
    try { rig.d.containers.create({ image, healthcheck }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ContainerError);
    expect([(err as ContainerError).status, (err as Error).message]).toEqual([400, message]);
    expect(rig.d.containers.list()).toEqual([]);
  });
});
