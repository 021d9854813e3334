// Container events in dockerd's order and words: rm -f of a running
// container is kill (9) → die → destroy; stop's kill names the image's
// STOPSIGNAL; an event at exactly `until` is still in the answer.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('container events', () => {
  it('rm -f: kill, die, destroy; stop: the STOPSIGNAL; until includes its own instant', async () => {
    const d = await Daemon.create();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '100'] });
    d.containers.start(c);
    await settle();
    d.containers.remove(c, true);
    await settle();
    const actions = d.events.past(null, null).filter((e) => e.Actor.ID === c.id).map((e) => `${e.Action}${e.Actor.Attributes.signal ? `:${e.Actor.Attributes.signal}` : ''}`);
    expect(actions).toEqual(['create', 'start', 'kill:9', 'die', 'destroy']);
    const web = d.containers.create({ image: d.images.mustResolve('nginx'), cmd: ['sleep', '100'] });
    d.containers.start(web);
    await settle();
    await d.containers.stop(web, 0);
    expect(d.events.past(null, null).find((e) => e.Actor.ID === web.id && e.Action === 'kill')?.Actor.Attributes.signal).toBe('3');
    const last = d.events.past(null, null).at(-1)!;
    expect(d.events.past(null, last.timeNano / 1e9).at(-1)).toBe(last);
  });
});
