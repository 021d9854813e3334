// A crashed tab loses nothing that was saved (Chromium, the renderer killed
// through the DevTools protocol: the engine's worker dies with it, in the
// middle of whatever it was doing). The next tab boots the stored machine
// with no storage message, with the workspace files and the tagged images
// it had — during a `docker build` (mid-RUN, the same tag being rebuilt),
// while a container keeps writing to a volume and to the workspace, and in
// the middle of saving a big change (which then is either all there or not
// at all).
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';
import { crashTab, openTab, PROMPT, storedMachine, terminalShows, untilStored } from './testing/stored.ts';

/** Types `line`, which ends by echoing `done-$((…))`, and waits for that. */
async function run(page: Page, line: string, mark: string, timeout = 30_000): Promise<string> {
  await typeInTerminal(page, `clear; ${line}; echo ${mark}-$((40+2))`);
  await terminalShows(page, `${mark}-42`, timeout);
  return terminalText(page);
}

/** The next tab after a crash: booted, and no storage problem said. */
async function afterCrash(pg: Playground, page: Page): Promise<Page> {
  await crashTab(page);
  const next = await openTab(page.context(), pg.url, pg.errors);
  await terminalShows(next, PROMPT);
  expect(await next.getByTestId('machine-message').count()).toBe(0);
  return next;
}

describe.skipIf(!canRunBrowser)('a crashed tab', () => {
  let pg: Playground | undefined;
  afterEach(async () => { await pg?.close(); pg = undefined; });

  it('during a docker build, mid-RUN: the image the tag named and the files saved before are there', async () => {
    pg = await openPlayground();
    let page = pg.page;
    await terminalShows(page, PROMPT);
    await run(page, "echo guardado > kept.txt && printf 'FROM busybox\\nRUN echo one > /one\\n' > Dockerfile.a && docker build -q -f Dockerfile.a -t keep:v1 .", 'built');
    const before = await untilStored(page, (m) => m.tags.some(([r]) => r.endsWith('/keep:v1')) && m.texts['kept.txt'] === 'guardado\n', 'keep:v1 and kept.txt');
    const oldId = before.tags.find(([r]) => r.endsWith('/keep:v1'))![1];
    // The same tag rebuilt; its RUN writes files, says so, and goes on for long.
    await run(page, "printf 'FROM busybox\\nRUN for i in 1 2 3 4 5 6 7 8 9; do echo $i > /n$i; done && echo running-$((40+2)) && sleep 1000\\n' > Dockerfile.b", 'written');
    await typeInTerminal(page, 'clear; docker build -f Dockerfile.b -t keep:v1 .');
    await terminalShows(page, 'running-42', 30_000);
    // Saves go on meanwhile (the build's output); the tab dies mid-RUN.
    await page.waitForTimeout(1500);
    page = await afterCrash(pg, page);
    const text = await run(page, 'docker images keep:v1 --format "{{.ID}}"; docker run --rm keep:v1 cat /one; cat kept.txt; docker ps -aq | wc -l', 'checked');
    expect(text).toContain(oldId.slice(7, 19));
    expect(text).toMatch(/one\s+guardado\s+0\s/);
    expect(await storedMachine(page)).toMatchObject({ format: 2 });
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('while a container writes: each time, the files and the image saved before are there, and the volume reads', async () => {
    pg = await openPlayground();
    let page = pg.page;
    await terminalShows(page, PROMPT);
    await run(page, "echo guardado > kept.txt && mkdir out && printf 'FROM busybox\\n' > Dockerfile.a && docker build -q -f Dockerfile.a -t keep:v1 . && docker create --name writer -v data:/data -v /home/student/out:/out busybox sh -c 'i=$(cat /data/n 2>/dev/null || echo 0); while true; do i=$((i+1)); echo $i > /data/n; echo $i > /out/n; done'", 'made');
    await untilStored(page, (m) => m.containers.includes('writer') && m.texts['kept.txt'] === 'guardado\n', 'the writer and kept.txt');
    const seen: number[] = [];
    for (const ms of [400, 1200, 2500]) {
      await run(page, 'docker start writer >/dev/null', 'started');
      await page.waitForTimeout(ms);
      page = await afterCrash(pg, page);
      const text = await run(page, 'cat kept.txt; docker images -q keep:v1 | wc -l; docker inspect -f "{{.State.ExitCode}}" writer; docker run --rm -v data:/data busybox sh -c \'echo "n=$(cat /data/n 2>/dev/null || echo 0)"\'', 'checked');
      expect(text).toMatch(/guardado\s+1\s+255\s/);
      const n = Number(/n=(\d+)/.exec(text)?.[1] ?? 'NaN');
      // The writer counts on from what the volume holds: a committed save lost would show as a count going back.
      expect(n).toBeGreaterThanOrEqual(seen.at(-1) ?? 0);
      seen.push(n);
    }
    expect(seen.at(-1)).toBeGreaterThan(0);
    expect(pg.errors).toEqual([]);
  }, 60_000);

  it('in the middle of saving a big change: the change is all there or not at all, and what was saved before stays', async () => {
    pg = await openPlayground();
    let page = pg.page;
    await terminalShows(page, PROMPT);
    await run(page, 'echo guardado > kept.txt', 'kept');
    await untilStored(page, (m) => m.texts['kept.txt'] === 'guardado\n', 'kept.txt');
    for (const [i, ms] of [0, 150, 600].entries()) {
      // 6 MB of noise: its save (encoding, hashing, the IndexedDB write) is under way when the tab dies.
      await run(page, `dd if=/dev/urandom of=big${i}.bin bs=1M count=6 2>/dev/null`, `big${i}`);
      await page.waitForTimeout(ms);
      page = await afterCrash(pg, page);
      const stored = await storedMachine(page);
      expect(stored?.texts['kept.txt']).toBe('guardado\n');
      const size = stored?.files[`big${i}.bin`];
      expect([undefined, 6 * 1024 * 1024]).toContain(size);
      const text = await run(page, `cat kept.txt; ls big${i}.bin 2>/dev/null | wc -l`, 'checked');
      expect(text).toMatch(new RegExp(`guardado\\s+${size === undefined ? 0 : 1}\\s`));
    }
    expect(pg.errors).toEqual([]);
  }, 90_000);
});
