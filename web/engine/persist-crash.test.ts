// A tab killed at any moment loses nothing that was saved: the stored
// machine is always one whole save — the last one that committed — so it
// boots, with every workspace file and every tagged image it had. Killed
// in the middle of a save (IndexedDB ends the transaction: here it is
// aborted at each of its writes in turn), in the middle of a `docker build`
// (mid-RUN, while the saves the worker makes meanwhile commit or not), and
// while a container keeps writing to a volume and to the workspace.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { bootMachine, crashAtWrite, manualPersistence, nextPage, WS, wsText, type Machine } from '../testing/machine.ts';

afterEach(() => { vi.restoreAllMocks(); });

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** What a student would call their machine: files, tagged images (by ID), volumes, containers. */
function summary(m: Machine): string {
  const e = m.engine;
  const tags = e.images.list().flatMap((i) => e.images.refsOf(i.id).filter((r) => !/\/(busybox|alpine|nginx|node|redis)(:|$)/.test(r)).map((r) => `${r}=${i.id.slice(7, 19)}`)).sort();
  const files = ['kept.txt', 'Dockerfile.a', 'notes/today.md'].map((f) => `${f}:${wsText(m, f)}`);
  const volumes = e.volumes.list().map((v) => v.name).sort();
  const containers = e.containers.list().map((c) => c.name).sort();
  return JSON.stringify({ tags, files, volumes, containers });
}

/** A student's machine with work saved: files, an image built and tagged, a volume, a container. */
async function savedMachine() {
  const factory = new IDBFactory();
  const m = await bootMachine();
  await m.shell.run("mkdir notes && echo 'dia 1' > notes/today.md && echo guardado > kept.txt && printf 'FROM busybox\\nRUN echo one > /one\\n' > Dockerfile.a");
  await m.shell.run('docker build -q -f Dockerfile.a -t keep:v1 . && docker volume create data && docker run --name once -v data:/data busybox sh -c "echo v1 > /data/v"');
  return { factory, m };
}

describe('a tab killed during a save', () => {
  it('at any of the save\'s writes: the machine saved before boots whole', async () => {
    const { factory, m } = await savedMachine();
    const { save } = await manualPersistence(factory, m);
    expect(await save()).toBe(true);
    const before = summary(m);
    // A save with much to write and to delete: a new image and tag, a file changed, a volume and a container gone, new ones.
    await m.shell.run("printf 'FROM busybox\\nRUN echo two > /two\\n' > Dockerfile.a && docker build -q -f Dockerfile.a -t keep:v1 . && docker tag keep:v1 keep:v2 && echo cambiado > kept.txt");
    await m.shell.run('docker rm once && docker volume rm data && docker volume create other && docker run --name twice busybox true');
    const after = summary(m);
    expect(after).not.toBe(before);
    // The save is tried again and again, cut at its first write, then its second…, until one attempt has fewer writes than the cut.
    let n = 0;
    for (let ok = false; !ok;) {
      n++;
      const crash = crashAtWrite(n);
      ok = await save();
      crash.restore();
      const { machine, warnings } = await nextPage(factory);
      expect(warnings).toEqual([]);
      expect(summary(machine)).toBe(ok ? after : before);
      expect(n).toBeLessThan(200);
    }
    // Blobs put, the manifest, blobs deleted: each was the last thing a dying tab did, once.
    expect(n - 1).toBeGreaterThan(5);
  }, 60_000);
});

describe('a tab killed during a docker build, mid-RUN', () => {
  it('keeps the image the tag named and the files saved before; a save made mid-RUN boots as well', async () => {
    const { factory, m } = await savedMachine();
    let crash = false;
    const { save } = await manualPersistence(factory, m, { onSaveTransaction: (tx) => { if (crash) tx.abort(); } });
    expect(await save()).toBe(true);
    const oldId = m.engine.images.mustResolve('keep:v1').id;
    // The same tag rebuilt; its RUN writes files, then waits (the tab dies before it ends).
    await m.shell.run("printf 'FROM busybox\\nENV STEP=2\\nARG WAIT=0\\nRUN i=0 && while [ $i -lt 200 ]; do echo $i > /n$((i %% 10)); i=$((i+1)); done && echo running-$((40+2)) && sleep $WAIT\\n' > Dockerfile.a");
    expect(await save()).toBe(true);
    const stored = summary(m);
    await m.shell.run('docker build --build-arg WAIT=1000 -f Dockerfile.a -t keep:v1 .', 'running-42');
    const outcomes: string[] = [];
    let notes = 'dia 1\n';
    // The worker saves during the build (the student edits a note meanwhile): some saves commit, some are cut short by the crash.
    for (const [round, cut] of [true, false, true, false].entries()) {
      crash = cut;
      m.fs.writeFileSync(`${WS}/notes/today.md`, `dia ${round + 2}\n`);
      const ok = await save();
      outcomes.push(`${cut ? 'cut' : 'committed'}:${ok}`);
      if (ok) notes = `dia ${round + 2}\n`;
      const { machine, warnings } = await nextPage(factory);
      expect(warnings).toEqual([]);
      // The build had not ended: keep:v1 is still the image saved before, whole.
      expect(machine.engine.images.mustResolve('keep:v1').id).toBe(oldId);
      expect(summary(machine)).toBe(stored.replace('notes/today.md:dia 1\\n', `notes/today.md:${notes.replace('\n', '\\n')}`));
      // No container of the build's steps comes back.
      expect(machine.engine.containers.list().map((c) => c.name)).toEqual(['once']);
      const out = await machine.shell.run('docker run --rm keep:v1 cat /one; cat kept.txt notes/today.md');
      expect(out).toContain(`one\r\nguardado\r\n${notes.replace('\n', '\r\n')}`);
      // The build that was cut short can be made again on the booted machine.
      if (round === 0) expect(await machine.shell.run('docker build -q -f Dockerfile.a -t keep:v1 . && docker run --rm keep:v1 sh -c \'echo "n=$(cat /n9) step=$STEP"\'')).toContain('n=199 step=2');
    }
    expect(outcomes).toEqual(['cut:false', 'committed:true', 'cut:false', 'committed:true']);
    m.shell.keys('\x03');
  }, 60_000);
});

describe('a tab killed while a container writes', () => {
  it('boots the last committed save each time: the volume and the workspace never go back, nothing is damaged', async () => {
    const { factory, m } = await savedMachine();
    let crash = false;
    const { save } = await manualPersistence(factory, m, { onSaveTransaction: (tx) => { if (crash) tx.abort(); } });
    await m.shell.run('mkdir out && docker run -d --name writer -v data:/data -v /home/student/out:/out busybox sh -c \'i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo $i > /data/n; echo $i > /out/n; done\'');
    await until(() => m.engine.volumes.get('data').fs.existsSync('/n'));
    let committed = 0;
    let committedOut = 0;
    for (let round = 0; round < 8; round++) {
      // Let it write, then save — the odd rounds are cut short (a crash mid-save; the even ones commit).
      await new Promise((r) => setTimeout(r, 30));
      crash = round % 2 === 1;
      const ok = await save();
      expect(ok).toBe(!crash);
      const { machine, warnings } = await nextPage(factory);
      expect(warnings).toEqual([]);
      const vol = Number(new TextDecoder().decode(machine.engine.volumes.get('data').fs.readFileSync('/n')));
      const out = Number(wsText(machine, 'out/n'));
      // A cut save leaves what the last committed one stored; a committed one moves on; neither goes back.
      if (crash) expect([vol, out]).toEqual([committed, committedOut]);
      else expect(vol >= committed && out >= committedOut).toBe(true);
      [committed, committedOut] = [vol, out];
      expect(out).toBeGreaterThan(0);
      expect(wsText(machine, 'kept.txt')).toBe('guardado\n');
      expect(machine.engine.images.resolve('keep:v1')).toBeDefined();
      // Running when the tab died: stopped as dockerd finds it after a crash.
      expect(machine.engine.containers.get('writer').state).toMatchObject({ Running: false, ExitCode: 255 });
    }
    expect(committed).toBeGreaterThan(0);
    m.engine.containers.kill(m.engine.containers.get('writer'), 9);
  }, 60_000);
});
