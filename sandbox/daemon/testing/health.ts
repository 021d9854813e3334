// Test helpers for health checks: a daemon on a manual clock (so a minute of
// probes runs in milliseconds, the same way every time), a busybox container
// with a given Healthcheck started on it, and its events as `docker events`
// words them (attributes sorted, exec IDs shortened).
import type { HealthConfig } from '../../image/config.ts';
import type { Container } from '../container.ts';
import { Daemon } from '../daemon.ts';
import { sequentialIds } from '../ids.ts';
import { ManualClock } from './clock.ts';
import { T0 } from './harness.ts';

export const SECOND = 1e9;

export interface HealthRig {
  d: Daemon;
  clock: ManualClock;
  /** Container events since the rig was made, one line each. */
  events: string[];
}

export async function healthRig(): Promise<HealthRig> {
  // wget loads on first use (applets/index.ts), which takes real time; on this manual clock a first check would
  // still be loading it when a test advances past its interval. Loaded here, the check starts at once.
  await import('../../programs/applets/wget.ts');
  const clock = new ManualClock(T0);
  const d = await Daemon.create({ clock, newId: sequentialIds() });
  const events: string[] = [];
  d.events.subscribe((e) => {
    const attrs = Object.entries(e.Actor.Attributes).sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${k === 'execID' ? v.slice(0, 12) : v}`);
    events.push(`${e.Action} (${attrs.join(', ')})`);
  });
  return { d, clock, events };
}

/** A `busybox sleep 1000` container named `web` with `healthcheck`, started. */
export async function startWithHealthcheck(rig: HealthRig, healthcheck?: HealthConfig, image = 'busybox'): Promise<Container> {
  const c = rig.d.containers.create({ image: await rig.d.getImage(image), imageRef: image, name: 'web', cmd: ['sleep', '1000'], ...(healthcheck && { healthcheck }) });
  rig.d.containers.start(c);
  rig.events.length = 0;
  return c;
}

/** The wall-clock time `s` seconds after the rig's start, as State.Health.Log stamps it. */
export function at(s: number): string {
  return new Date(T0 + s * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The event lines one probe gives: exec_create, exec_start, exec_die. */
export function probeEvents(command: string, execID: string, exitCode: number, image = 'busybox'): string[] {
  return [
    `exec_create: ${command} (execID=${execID}, image=${image}, name=web)`,
    `exec_start: ${command} (execID=${execID}, image=${image}, name=web)`,
    `exec_die (execID=${execID}, exitCode=${exitCode}, image=${image}, name=web)`,
  ];
}
