// POST /build tags what it built as dockerd does — through the image
// service, which logs one image `tag` event per tag (what `docker events`
// shows after `docker build -t app .`) — and a build without -t, or one
// that fails, tags nothing.
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { Daemon } from '../../daemon/daemon.ts';
import { engineRouter } from '../index.ts';

const dec = new TextDecoder();

/** A build context holding only this Dockerfile. */
async function contextOf(dockerfile: string): Promise<Uint8Array> {
  const pack = tar.pack();
  const parts: Uint8Array[] = [];
  pack.on('data', (c: unknown) => parts.push((c as Uint8Array).slice()));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.finalize();
  await done;
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

async function setup() {
  let now = Date.parse('2024-05-01T10:00:00Z');
  const d = await Daemon.create({ now: () => now });
  const router = engineRouter(d);
  const read = async (method: string, path: string, query: Record<string, string>, body: Uint8Array | null = null): Promise<string> => {
    const r = await router.handle({ method, path, query: new Map(Object.entries(query)), queryAll: new Map(Object.entries(query).map(([k, v]) => [k, [v]])), headers: new Map(), body });
    if (!r.stream) return r.json !== undefined ? JSON.stringify(r.json) : String(r.body ?? '');
    let text = '';
    await r.stream(async (c) => { text += dec.decode(c); }, new Promise(() => {}));
    return text;
  };
  const build = async (dockerfile: string, query: Record<string, string>): Promise<string> =>
    read('POST', '/build', query, await contextOf(dockerfile));
  /** Image events so far, as GET /events answers them (since 0, until a second ago). */
  const imageEvents = async (): Promise<Array<{ Action: string; Actor: { ID: string; Attributes: Record<string, string> } }>> => {
    now += 2000;
    const until = String(Math.floor(now / 1000) - 1);
    const text = await read('GET', '/events', { since: '0', until, filters: JSON.stringify({ type: ['image'] }) });
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> } });
  };
  return { build, imageEvents };
}

describe('POST /build and image tag events', () => {
  it('logs an image tag event for every tag the build applies', async () => {
    const { build, imageEvents } = await setup();
    const out = await build('FROM busybox\nENV A=1\n', { t: 'app' });
    const id = /"aux":\{"ID":"(sha256:[0-9a-f]{64})"/.exec(out)?.[1];
    expect(id).toBeDefined();
    const tags = (await imageEvents()).filter((e) => e.Action === 'tag');
    expect(tags.map((e) => [e.Actor.ID, e.Actor.Attributes.name])).toEqual([[id, 'app:latest']]);
  });

  it('tags nothing when the build has no -t or fails', async () => {
    const { build, imageEvents } = await setup();
    await build('FROM busybox\nENV A=1\n', {});
    const failed = await build('FROM busybox\nRUN exit 3\n', { t: 'broken' });
    expect(failed).toContain('"errorDetail"');
    expect((await imageEvents()).filter((e) => e.Action === 'tag')).toEqual([]);
  });
});
