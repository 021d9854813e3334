// An express app's start-up (issue 8, target ≤ 200 ms): `docker run -d -p`
// of an image holding an express 5 app (node_modules laid out as npm
// installs them, from the project's npm-store-express tree), timed from the
// command to the first request answered through the published port — what
// a student waits for between starting the app and seeing it in the preview.
// The first two runs of a fresh engine are reported apart — the first
// starts workers and compiles cold while a spare worker takes the built-ins'
// snapshot; after it, the engine's code cache compiles express's files into
// the next snapshot — then the p50 of the runs after them.
// Run alone: node --import tsx bench/node-express.ts
import { runCli } from '../sandbox/cli/testing/run-cli.ts';
import { Daemon } from '../sandbox/daemon/daemon.ts';
import { contextOf } from '../sandbox/daemon/testing/harness.ts';
import { fetchPublished, inProcessClient } from '../sandbox/index.ts';
import { npmTree } from '../sandbox/programs/node/testing/npm-tree.ts';
import { installNodeGuestWorkers } from '../sandbox/programs/node/workers.node.ts';
import { percentile } from './stats.ts';

const RUNS = 20;

const APP = `const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('Hello World!'));
app.listen(3000, () => console.log('listening on port 3000'));
`;

/** One GET / through the engine's published port, as the preview asks; null while nothing answers there. */
async function ask(daemon: Daemon, port: number): Promise<string | null> {
  try {
    const res = await fetchPublished(daemon, port, { method: 'GET', path: '/', headers: [], body: null });
    return new TextDecoder().decode(res.body);
  } catch {
    return null;
  }
}

export async function benchExpressStart(): Promise<void> {
  installNodeGuestWorkers();
  const daemon = await Daemon.create();
  await daemon.build({
    context: contextOf({ Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "app.js"]\n', ...npmTree(['express']), 'app.js': APP, 'package.json': '{"name":"app","version":"1.0.0","main":"app.js"}' }),
    tags: ['express-app'],
  });
  const client = inProcessClient(daemon);
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const port = 4100 + i;
    const t = performance.now();
    const started = await runCli(client, ['run', '-d', '--name', `app${i}`, '-p', `${port}:3000`, 'express-app']);
    if (started.code !== 0) throw new Error(`docker run failed: ${started.err}`);
    let answer: string | null = null;
    while (answer === null) {
      answer = await ask(daemon, port);
      if (answer === null) await new Promise((r) => setTimeout(r, 1));
    }
    times.push(performance.now() - t);
    if (!answer.endsWith('Hello World!')) throw new Error(`unexpected answer: ${answer}`);
    await runCli(client, ['rm', '-f', `app${i}`]);
  }
  const [first, second, ...rest] = times;
  if (process.env.BENCH_VERBOSE) console.log(times.map((t) => t.toFixed(0)).join(' '));
  console.log(`express 5 app: docker run -d -p → first answered request (${RUNS} runs after the engine's first two)`);
  console.log(`  p50 ${percentile(rest, 50).toFixed(0)} ms  p90 ${percentile(rest, 90).toFixed(0)} ms  min ${Math.min(...rest).toFixed(0)} ms   target p50 ≤ 200 ms   (a fresh engine's first run ${first!.toFixed(0)} ms, second ${second!.toFixed(0)} ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchExpressStart();
  process.exit(0);
}
