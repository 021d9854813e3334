// Health checks through a container's life, as dockerd keeps them: stopping
// or pausing ends the monitor and leaves the status unhealthy (no event), a
// start begins again at "starting" with the log kept, unpausing resumes the
// probes; the run's Healthcheck goes over the image's HEALTHCHECK field by
// field, and NONE turns it off.
import { describe, expect, it } from 'vitest';
import { buildWith } from './testing/harness.ts';
import { at, healthRig, SECOND, startWithHealthcheck, type HealthRig } from './testing/health.ts';

const passing = { Test: ['CMD', 'true'], Interval: SECOND };

async function imageWithHealthcheck(rig: HealthRig): Promise<void> {
  const built = await buildWith(rig.d, { Dockerfile: 'FROM busybox\nHEALTHCHECK --interval=5s --retries=4 CMD wget -q -O- http://localhost/\n' }, { tags: ['checked'] });
  expect(built.error).toBeUndefined();
}

describe('the monitor follows the container', () => {
  it('stopping ends the probes and leaves it unhealthy; a new start is starting again, the log kept', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, passing);
    await rig.clock.advance(1000);
    expect(c.health?.Status).toBe('healthy');
    // sleep as PID 1 ignores TERM: the stop timeout (on the same clock) ends it with KILL.
    const stopped = rig.d.containers.stop(c, 0.5);
    await rig.clock.advance(500);
    await stopped;
    expect(c.health).toEqual({ Status: 'unhealthy', FailingStreak: 0, Log: [{ Start: at(1), End: at(1), ExitCode: 0, Output: '' }] });
    await rig.clock.advance(10_000);
    expect(c.health?.Log.length).toBe(1);
    expect(rig.events.filter((e) => /^(exec_create|health_status)/.test(e)).length).toBe(2);
    rig.d.containers.start(c);
    expect(c.health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [{ Start: at(1), End: at(1), ExitCode: 0, Output: '' }] });
    await rig.clock.advance(1000);
    expect(c.health?.Status).toBe('healthy');
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(1), at(12.5)]);
  });

  it('a container that exits by itself stops its monitor too', async () => {
    const rig = await healthRig();
    const c = rig.d.containers.create({ image: await rig.d.getImage('busybox'), name: 'web', cmd: ['sleep', '3'], healthcheck: passing });
    rig.d.containers.start(c);
    await rig.clock.advance(3000);
    expect(c.state.Status).toBe('exited');
    expect(c.health?.Status).toBe('unhealthy');
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(1), at(2)]);
    await rig.clock.advance(5000);
    expect(c.health?.Log.length).toBe(2);
  });

  it('a failing probe keeps failing while the container lives: the FailingStreak is not reset by time', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, { Test: ['CMD', 'false'], Interval: SECOND, Retries: 1 });
    await rig.clock.advance(3000);
    expect(c.health).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
    expect(c.state.Running).toBe(true);
  });

  it('pause stops the probes (unhealthy, no event); unpause resumes them', async () => {
    const rig = await healthRig();
    const c = await startWithHealthcheck(rig, passing);
    await rig.clock.advance(1000);
    rig.d.containers.pause(c);
    expect(c.health?.Status).toBe('unhealthy');
    await rig.clock.advance(5000);
    expect(c.health?.Log.length).toBe(1);
    rig.d.containers.unpause(c);
    await rig.clock.advance(1000);
    expect(c.health?.Log.map((r) => r.Start)).toEqual([at(1), at(7)]);
    expect(rig.events.filter((e) => /^(pause|unpause|health_status)/.test(e))).toEqual([
      'health_status: healthy (image=busybox, name=web)',
      'pause (image=busybox, name=web)',
      'unpause (image=busybox, name=web)',
      'health_status: healthy (image=busybox, name=web)',
    ]);
  });

  it('a restart policy\'s restarts start the monitor again', async () => {
    const rig = await healthRig();
    const c = rig.d.containers.create({ image: await rig.d.getImage('busybox'), name: 'web', cmd: ['sleep', '2'], restart: 'always', healthcheck: passing });
    rig.d.containers.start(c);
    await rig.clock.advance(1500);
    expect(c.health?.Status).toBe('healthy');
    // Exits at 2s, back after 100ms of back-off, its first probe a second later.
    await rig.clock.advance(1000);
    expect([c.restartCount, c.health?.Status]).toEqual([1, 'starting']);
    await rig.clock.advance(600);
    expect([c.health?.Status, c.health?.Log.map((r) => r.Start)]).toEqual(['healthy', [at(1), at(3.1)]]);
    rig.d.containers.kill(c);
  });
});

describe('the image\'s HEALTHCHECK and the run\'s', () => {
  it('the image\'s runs when the run gives none', async () => {
    const rig = await healthRig();
    await imageWithHealthcheck(rig);
    const c = await startWithHealthcheck(rig, undefined, 'checked');
    expect(c.config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q -O- http://localhost/'], Interval: 5 * SECOND, Timeout: 0, StartPeriod: 0, StartInterval: 0, Retries: 4 });
    await rig.clock.advance(20_000);
    expect(c.health).toMatchObject({ Status: 'unhealthy', FailingStreak: 4 });
    expect(c.health?.Log[0]?.Output).toBe('wget: can\'t connect to remote host (127.0.0.1): Connection refused\n');
  });

  it('the run\'s fields override the image\'s one by one', async () => {
    const rig = await healthRig();
    await imageWithHealthcheck(rig);
    const c = await startWithHealthcheck(rig, { Test: [], Interval: SECOND, Timeout: 3 * SECOND }, 'checked');
    expect(c.config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q -O- http://localhost/'], Interval: SECOND, Timeout: 3 * SECOND, StartPeriod: 0, StartInterval: 0, Retries: 4 });
    await rig.clock.advance(1000);
    expect(c.health?.Log.length).toBe(1);
  });

  it('NONE turns the image\'s off: no monitor, no State.Health', async () => {
    const rig = await healthRig();
    await imageWithHealthcheck(rig);
    const c = await startWithHealthcheck(rig, { Test: ['NONE'] }, 'checked');
    expect(c.config.Healthcheck).toEqual({ Test: ['NONE'], Interval: 5 * SECOND, Timeout: 0, StartPeriod: 0, StartInterval: 0, Retries: 4 });
    await rig.clock.advance(60_000);
    expect([c.health, rig.events]).toEqual([null, []]);
  });

  it('no HEALTHCHECK anywhere, or settings without a test: no monitor', async () => {
    const rig = await healthRig();
    const plain = await startWithHealthcheck(rig);
    await rig.clock.advance(60_000);
    expect([plain.config.Healthcheck, plain.health]).toEqual([undefined, null]);
    const rig2 = await healthRig();
    const settingsOnly = await startWithHealthcheck(rig2, { Test: [], Interval: SECOND });
    await rig2.clock.advance(5000);
    expect([settingsOnly.config.Healthcheck, settingsOnly.health, rig2.events]).toEqual([{ Test: [], Interval: SECOND }, null, []]);
  });
});
