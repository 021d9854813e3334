// The Engine API's answer time beside hostile programs (issue 7: the API
// keeps answering in under 500 ms whatever a container does). For each
// program, a busy bystander and the hostile container run while
// GET /containers/json is timed every 50 ms for 2 s; p50 and the slowest
// call are printed. The tests only check that the API answers at all.
// Run alone: node --import tsx bench/hostile.ts
import { runCli } from '../sandbox/cli/testing/run-cli.ts';
import { createEngine, inProcessClient } from '../sandbox/index.ts';
import { installNodeGuestWorkers } from '../sandbox/programs/node/workers.node.ts';
import { fmt, percentile } from './stats.ts';

const CASES: Array<[string, string[]]> = [
  ['fork bomb, no limit', ['busybox', 'sh', '-c', 'f() { f | f & }; f; sleep 100']],
  ['forking under --pids-limit 40', ['--pids-limit', '40', 'busybox', 'sh', '-c', '(while :; do sleep 100 & done) & sleep 1000']],
  ['CPU loop in sh', ['busybox', 'sh', '-c', 'while :; do :; done']],
  ['CPU loop in node', ['node:22-alpine', 'node', '-e', 'while (true) {}']],
  ['endless output (yes)', ['busybox', 'yes', 'x'.repeat(1000)]],
  ['sh memory bomb under -m 32m', ['-m', '32m', 'busybox', 'sh', '-c', 'x=aaaaaaaaaaaaaaaa; while :; do x=$x$x; done']],
];

export async function benchHostile(): Promise<void> {
  installNodeGuestWorkers();
  console.log('Engine API beside a hostile container and a busy bystander (GET /containers/json every 50 ms for 2 s)');
  for (const [label, args] of CASES) {
    const client = inProcessClient(await createEngine());
    await runCli(client, ['run', '-d', '--name', 'bystander', 'busybox', 'sh', '-c', 'while :; do date > /tmp/t; sleep 0.1; done']);
    const started = await runCli(client, ['run', '-d', '--name', 'bad', ...args]);
    if (started.code !== 0) throw new Error(`${label}: docker run failed: ${started.err}`);
    const times: number[] = [];
    for (const until = Date.now() + 2000; Date.now() < until;) {
      const t = performance.now();
      await client.json('GET', '/containers/json');
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    await runCli(client, ['rm', '-f', 'bad', 'bystander']);
    console.log(`  ${label.padEnd(30)} p50 ${fmt(percentile(times, 50))}  slowest ${fmt(Math.max(...times))}   target < 500 ms`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostile();
