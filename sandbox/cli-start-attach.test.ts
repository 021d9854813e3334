// docker start -a of a container that has run before: attached before the
// start, it follows the new run — its output and its exit status — as it
// does for a container that was only created (the attach of an exited
// container used to end at once, and the run's output was lost).
import { expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import { createEngine, inProcessClient } from './index.ts';

it('docker start -a of an exited container prints the new run and returns its status', async () => {
  const client = inProcessClient(await createEngine());
  const script = 'echo "Hola desde $(hostname)" >> /apunte.txt; cat /apunte.txt; exit 3';
  const first = await runCli(client, ['run', '--name', 'apunte', 'busybox', 'sh', '-c', script]);
  expect(first.code).toBe(3);
  const host = first.out.trim().split(' ').at(-1)!;
  // Same container, same writable layer: the file it wrote keeps its first line.
  expect(await runCli(client, ['start', '-a', 'apunte'])).toEqual({ out: `Hola desde ${host}\nHola desde ${host}\n`, err: '', code: 3 });
  expect((await runCli(client, ['start', '-a', 'apunte'])).out.split('\n').filter(Boolean)).toHaveLength(3);
});
