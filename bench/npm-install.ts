// `npm install express` from the offline store inside a container (issue 8,
// target ≤ 1 s): the tutorial's install step, in a node:22-alpine container
// with an empty project, timed from `docker run` to its exit (npm resolving
// the tree, checking every tarball's sha512, unpacking and writing
// node_modules, the lock and the hidden lock). npm is a built-in program of
// the engine, not a guest: it runs in the engine's thread.
// Run alone: node --import tsx bench/npm-install.ts
import { Daemon } from '../sandbox/daemon/daemon.ts';
import { logText } from '../sandbox/daemon/testing/harness.ts';
import { installNodePackageStore } from '../sandbox/programs/npm/store.node.ts';
import { percentile } from './stats.ts';

const RUNS = 10;

export async function benchNpmInstall(): Promise<void> {
  installNodePackageStore();
  const daemon = await Daemon.create();
  const node = daemon.images.mustResolve('node:22-alpine');
  const times: number[] = [];
  let packages = '';
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const { container, exitCode } = await daemon.run({
      image: node, entrypoint: [], rm: true,
      cmd: ['sh', '-c', 'mkdir /app && cd /app && echo \'{"name":"app","version":"1.0.0"}\' > package.json && npm install express --no-fund --no-audit'],
    });
    if (exitCode !== 0) throw new Error(`npm install failed (${exitCode}): ${logText(container, 'stderr')}`);
    packages = logText(container).trim();
    if (i >= 2) times.push(performance.now() - t);
  }
  console.log(`npm install express from the offline store in a node:22-alpine container (${RUNS} runs)`);
  console.log(`  p50 ${percentile(times, 50).toFixed(0)} ms  max ${Math.max(...times).toFixed(0)} ms   target ≤ 1000 ms   (${packages})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchNpmInstall();
