// Hostile programs are contained per container: fork bombs, memory bombs
// with and without -m (the machine's OOM killer), CPU loops in sh and node, endless output, deep
// recursion, writing without end to the writable layer. Each runs beside a
// bystander container; the engine keeps answering the API quickly, the
// bystander keeps working, `docker rm -f` always ends the hostile one, and
// what it may take (pids, memory, log bytes, disk) stays bounded.
import { describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import { createEngine, inProcessClient, type EngineClient } from './index.ts';

interface Inspect { State: { Status: string; Running: boolean; ExitCode: number; OOMKilled: boolean } }

/** Runs `args` as a detached container named bad beside a busy bystander, watching the API for `ms`. */
async function contained(args: string[], ms = 1500, disk?: { layerBytes?: number; layerEntries?: number; capacity?: number }, probe?: (client: EngineClient) => Promise<void>, done?: (s: Inspect['State']) => boolean) {
  const client = inProcessClient(await createEngine(disk ? { disk } : {}));
  expect(await runCli(client, ['run', '-d', '--name', 'bystander', 'busybox', 'sh', '-c', 'while :; do date > /tmp/t; sleep 0.1; done'])).toMatchObject({ code: 0 });
  expect(await runCli(client, ['run', '-d', '--name', 'bad', ...args])).toMatchObject({ code: 0 });
  let slowest = 0;
  // Watch for `ms` — or, with `done`, until it holds (at most 20 s: a loaded machine is slow).
  for (const until = Date.now() + (done ? 20_000 : ms); Date.now() < until;) {
    if (done?.((await client.json<Inspect>('GET', '/containers/bad/json')).State)) break;
    const t = Date.now();
    await client.json('GET', '/containers/json');
    slowest = Math.max(slowest, Date.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  const bad = await client.json<Inspect>('GET', '/containers/bad/json');
  await probe?.(client);
  const bystander = await runCli(client, ['exec', 'bystander', 'cat', '/tmp/t']);
  const removed = await runCli(client, ['rm', '-f', 'bad']);
  const after = await client.json<Array<{ Names: string[] }>>('GET', '/containers/json', { query: { all: 1 } });
  return { client, bad, slowest, bystander, removed, after };
}

/** Watches the host process's resident memory; stop() gives how far it rose above where it started. */
function peakRss(): { stop(): number } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  return { stop: () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss) - start; } };
}

function expectContained(r: Awaited<ReturnType<typeof contained>>): void {
  // The API kept answering: a blocked event loop would not answer for the whole watch. (How fast it
  // answers — the 500 ms — is for `npm run bench` to say: bench/hostile.ts.)
  expect(r.slowest).toBeLessThan(5000);
  expect(r.bystander.code).toBe(0);
  expect(r.bystander.out).toMatch(/\d\d:\d\d:\d\d/);
  expect(r.removed).toMatchObject({ code: 0, out: 'bad\n' });
  expect(r.after.map((c) => c.Names[0])).toEqual(['/bystander']);
}

describe('hostile programs are contained', () => {
  it('forking without end under --pids-limit: the limit holds', async () => {
    let pids = 0;
    // The forking subshell stops at the first refused fork (ash gives up); its sleepers stay.
    const r = await contained(['--pids-limit', '40', 'busybox', 'sh', '-c', '(while :; do sleep 100 & done) & sleep 1000'], 1500, undefined, async (client) => {
      pids = (await client.json<{ pids_stats: { current: number; limit: number } }>('GET', '/containers/bad/stats', { query: { stream: 0 } })).pids_stats.current;
    });
    expect(pids).toBeGreaterThanOrEqual(36);
    expect(pids).toBeLessThanOrEqual(40);
    expectContained(r);
  }, 60_000);

  it('fork bombs without a limit: bounded by the engine, the bystander still forks', async () => {
    expectContained(await contained(['busybox', 'sh', '-c', 'f() { f | f & }; f; sleep 100']));
    expectContained(await contained(['busybox', 'sh', '-c', 'while :; do sleep 100 & done']));
  }, 60_000);

  it('a memory bomb under -m is OOM-killed (137)', async () => {
    const r = await contained(['-m', '32m', 'busybox', 'sh', '-c', 'x=aaaaaaaaaaaaaaaa; while :; do x=$x$x; done'], 0, undefined, undefined, (s) => !s.Running);
    expect(r.bad.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: true });
    expectContained(r);
  }, 60_000);

  // node's memory is its QuickJS instance's linear memory, whose maximum is the cgroup's limit (plus
  // the 16 MiB it starts with) and whose every grow is charged first: the host's own memory rises by
  // about the container's limit, never more, however the program allocates (big arrays, strings and
  // typed arrays too, which QuickJS's malloc limit alone does not bound in this build).
  it('node allocating without end under -m is OOM-killed (137), and the host\'s memory rises by about the limit', async () => {
    const rss = peakRss();
    const r = await contained(['-m', '64m', 'node:22-alpine', 'node', '-e', 'const a = []; for (;;) a.push(new Array(1e5).fill(7))'], 0, undefined, undefined, (s) => !s.Running);
    const grew = rss.stop();
    expect(r.bad.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: true });
    expect(grew).toBeLessThan(200 * 1024 * 1024);
    expectContained(r);
  }, 60_000);

  it('node catching its own out-of-memory errors under -m still dies by the OOM killer', async () => {
    const rss = peakRss();
    const bomb = 'const a = []; for (;;) { try { a.push(new Uint8Array(1 << 20).fill(1), "x".repeat(1 << 20)) } catch (e) { console.log("caught", e.message) } }';
    const r = await contained(['-m', '64m', 'node:22-alpine', 'node', '-e', bomb], 0, undefined, undefined, (s) => !s.Running);
    const grew = rss.stop();
    expect(r.bad.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: true });
    expect(grew).toBeLessThan(200 * 1024 * 1024);
    expect((await runCli(r.client, ['logs', 'bad'])).out).not.toContain('caught');
    expectContained(r);
  }, 60_000);

  // Without -m nothing but the machine bounds a container: when the machine's memory (MemTotal,
  // the engine's root cgroup) is exhausted, Linux's global OOM killer ends the task holding the
  // most, and cgroup v2 counts the kill in that container's memory.events oom_kill — which is
  // what containerd reports as TaskOOM: exit 137, OOMKilled true, an `oom` event.
  it('a memory bomb in sh without -m: the machine\'s OOM killer ends it (137, OOMKilled, an oom event)', async () => {
    const rss = peakRss();
    let oomEvents = '';
    const r = await contained(['busybox', 'sh', '-c', 'x=a; while true; do x="$x$x"; done'], 0, undefined, async (client) => {
      oomEvents = (await runCli(client, ['events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', 'event=oom', '--format', '{{.Actor.Attributes.name}} {{.Action}}'])).out;
    }, (s) => !s.Running);
    const grew = rss.stop();
    expect(r.bad.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: true });
    expect(oomEvents).toBe('bad oom\n');
    // The tab's own memory hardly moved (the machine's memory is charged, not taken from the page).
    expect(grew).toBeLessThan(256 * 1024 * 1024);
    expectContained(r);
  }, 60_000);

  // Without -m the bound is the machine's memory (512 MiB): the host's memory rises by about that
  // much before the global OOM killer ends it — before, up to the 2 GiB a WASM instance addresses.
  it('node allocating without end without -m: the machine\'s OOM killer ends it (137, OOMKilled, an oom event)', async () => {
    const rss = peakRss();
    let oomEvents = '';
    const r = await contained(['node:22-alpine', 'node', '-e', 'const a = []; for (;;) a.push(new Array(1e6).fill(1))'], 0, undefined, async (client) => {
      oomEvents = (await runCli(client, ['events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', 'event=oom', '--format', '{{.Actor.Attributes.name}} {{.Action}}'])).out;
    }, (s) => !s.Running);
    const grew = rss.stop();
    expect(r.bad.State).toMatchObject({ Status: 'exited', ExitCode: 137, OOMKilled: true });
    expect(oomEvents).toBe('bad oom\n');
    expect(grew).toBeLessThan(640 * 1024 * 1024);
    expectContained(r);
  }, 60_000);

  it('CPU loops in sh and in node leave the engine and the bystander running', async () => {
    expectContained(await contained(['busybox', 'sh', '-c', 'while :; do :; done']));
    expectContained(await contained(['node:22-alpine', 'node', '-e', 'while (true) {}']));
  }, 60_000);

  it('endless output: the log keeps at most its bound', async () => {
    let kept = 0;
    const r = await contained(['busybox', 'yes', 'x'.repeat(1000)], 4000, undefined, async (client) => {
      kept = (await (await client.request('GET', '/containers/bad/logs', { query: { stdout: 1 } })).bytes()).length;
    });
    expect(kept).toBeLessThanOrEqual(8 * 1024 * 1024 * 1.01);
    expectContained(r);
  }, 60_000);

  it('deep recursion ends the program, not the engine', async () => {
    const sh = await contained(['busybox', 'sh', '-c', 'f() { f; }; f']);
    expect(sh.bad.State.Running).toBe(false);
    expectContained(sh);
    const node = await contained(['node:22-alpine', 'node', '-e', 'function f() { return f() + 1 } f()']);
    expect(node.bad.State).toMatchObject({ Status: 'exited', ExitCode: 1 });
    expectContained(node);
  }, 60_000);

  it('writing without end fills only its writable layer: No space left on device, then the space comes back', async () => {
    const disk = { layerBytes: 4 << 20, layerEntries: 500, capacity: 6 << 20 };
    const r = await contained(['busybox', 'sh', '-c', 'yes > /tmp/big; echo "yes ended: $?"; i=0; while : > /tmp/f$i; do i=$((i+1)); done; echo "files: $i"; sleep 100'], 3000, disk);
    expectContained(r);
    // The same engine: another container still has room, and the removed one's space is back.
    const again = await runCli(r.client, ['run', '--rm', 'busybox', 'sh', '-c', 'dd if=/dev/zero of=/tmp/x bs=1k count=3000 2>&1 | tail -1']);
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('3072000 bytes') });
  }, 60_000);

  it('what a hostile container saw: ENOSPC on its data and on its files', async () => {
    const client: EngineClient = inProcessClient(await createEngine({ disk: { layerBytes: 1 << 20, layerEntries: 50, capacity: 4 << 20 } }));
    const out = await runCli(client, ['run', '--name', 'filler', 'busybox', 'sh', '-c',
      'dd if=/dev/zero of=/tmp/big bs=64k count=100 2>&1 | head -1; rm /tmp/big; i=0; while : > /tmp/f$i; do i=$((i+1)); done; echo "made $i"; echo more > /tmp/f0 && echo "rewrote f0"']);
    expect(out.out).toBe("dd: error writing '/tmp/big': No space left on device\nmade 50\nrewrote f0\n");
    expect(out.err).toBe("sh: can't create /tmp/f50: No space left on device\n");
  }, 60_000);
});
