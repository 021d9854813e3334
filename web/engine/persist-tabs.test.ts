// Two tabs on one machine: each tab's worker boots the stored machine and
// then runs its own engine, and both save to the same IndexedDB database.
// What is stored is always the whole machine of the tab that saved last —
// never a mix of the two, never one naming blobs the other deleted — and
// it boots. (A save that counts on blobs the other tab's save deleted is
// refused inside its transaction and made again whole.) Each tab is told
// that the other has the machine open.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { bootMachine, crashAtWrite, manualPersistence, nextPage, WS, type Machine } from '../testing/machine.ts';
import { watchOtherTabs } from './other-tabs.ts';

function summary(m: Machine): string {
  const e = m.engine;
  const files = m.fs.readdirSync(WS).sort().map((f) => `${f}=${new TextDecoder().decode(m.fs.readFileSync(`${WS}/${f}`))}`);
  const tags = e.images.list().flatMap((i) => e.images.refsOf(i.id).filter((r) => r.includes('/tab-')).map((r) => `${r}=${i.id.slice(7, 19)}`)).sort();
  return JSON.stringify({ files, tags, volumes: e.volumes.list().map((v) => v.name).sort() });
}

describe('two tabs on one machine', () => {
  it('the store always holds the whole machine of the tab that saved last, and it boots', async () => {
    const factory = new IDBFactory();
    const a = await bootMachine();
    await a.shell.run('echo base > base.txt');
    const pa = await manualPersistence(factory, a);
    expect(await pa.save()).toBe(true);
    // The second tab opens: it boots what the first stored.
    const b = (await nextPage(factory)).machine;
    const pb = await manualPersistence(factory, b);
    expect(summary(b)).toBe(summary(a));

    // Seeded steps: a tab changes something of its own (a file, an image built and tagged, a volume) and saves.
    let seed = 7;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
    let last = summary(a);
    const tally = { a: 0, b: 0, cut: 0 };
    for (let step = 0; step < 18; step++) {
      const [name, m, p] = random(2) === 0 ? ['a', a, pa] as const : ['b', b, pb] as const;
      const change = random(3);
      if (change === 0) await m.shell.run(`echo ${name}-${step} > ${name}.txt`);
      else if (change === 1) await m.shell.run(`printf 'FROM busybox\\nRUN echo ${name}-${step} > /step\\n' > Dockerfile.${name} && docker build -q -f Dockerfile.${name} -t tab-${name}:${step} . >/dev/null`);
      else await m.shell.run(`docker volume create vol-${name}-${step} >/dev/null`);
      // One save in three is cut short at one of its first writes (if it has that many).
      const at = random(3) === 0 ? 1 + random(4) : Infinity;
      const crash = crashAtWrite(at);
      const ok = await p.save();
      crash.restore();
      const cut = crash.writes() >= at;
      expect(ok).toBe(!cut);
      if (ok) { last = summary(m); tally[name]++; } else tally.cut++;
      const { machine, warnings } = await nextPage(factory);
      expect(warnings).toEqual([]);
      expect(summary(machine)).toBe(last);
    }
    expect(tally.a).toBeGreaterThan(2);
    expect(tally.b).toBeGreaterThan(2);
    expect(tally.cut).toBeGreaterThan(2);
  }, 60_000);

  it('each tab hears of the other, once', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = watchOtherTabs('docker-playground-test', () => first.push('other'));
    await new Promise((r) => setTimeout(r, 20));
    expect(first).toEqual([]);
    const stopSecond = watchOtherTabs('docker-playground-test', () => second.push('other'));
    const stopEmbed = watchOtherTabs('docker-playground-embed-test', () => second.push('embed'));
    await new Promise((r) => setTimeout(r, 50));
    const stopThird = watchOtherTabs('docker-playground-test', () => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(first).toEqual(['other']);
    expect(second).toEqual(['other']);
    for (const stop of [stopFirst, stopSecond, stopEmbed, stopThird]) stop();
  });
});
