// A node process that signals itself (process.kill(process.pid, 'SIGTERM'))
// with a handler, in a worker thread and in the engine's own thread (hosts
// without workers), against the host's real Node.js: the handler runs when
// libuv would poll again — also when the timer that sent the signal was due
// before the loop's first wait, with nothing left to keep the loop alive —
// and not when the loop has nothing to wait for, as in Node. The programs
// busy-wait first, so that their timers are due when the loop starts, in
// Node as here, whatever the speed of either.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon/daemon.ts';
import { sequentialIds } from './daemon/ids.ts';
import { logText, T0 } from './daemon/testing/harness.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';
import { setGuestWorkers } from './programs/node/workers.ts';
import { nodeGuestWorker } from './programs/node/workers.node.ts';

const BUSY = 'const t0 = Date.now(); while (Date.now() - t0 < 60) {}';

const PROGRAMS: Record<string, string> = {
  // Both timers are due when the loop starts: the kill, the log, then the poll that delivers it.
  'due-timers.js': `process.on('SIGTERM', () => { console.log('SIGTERM handled'); process.exit(0); });\nsetTimeout(() => process.kill(process.pid, 'SIGTERM'), 5);\nsetTimeout(() => console.log('second timer'), 20);\n${BUSY}\n`,
  // The only timer sends it: the loop is still to poll once.
  'last-timer.js': `process.on('SIGTERM', (name, n) => console.log('handled', name, n));\nsetTimeout(() => { process.kill(process.pid, 'SIGTERM'); console.log('sent'); }, 5);\n${BUSY}\n`,
  // Sent from a later iteration's timer with nothing left: Node exits without running it.
  'nothing-left.js': `process.on('SIGTERM', () => console.log('handled'));\nsetTimeout(() => setTimeout(() => { process.kill(process.pid, 'SIGTERM'); console.log('sent'); }, 5), 5);\n${BUSY}\n`,
  // A server's loop: the handler closes it.
  'server.js': "const srv = require('http').createServer().listen(3000, () => { console.log('listening'); process.kill(process.pid, 'SIGTERM'); });\nprocess.on('SIGTERM', () => { console.log('SIGTERM'); srv.close(() => console.log('closed')); });\n",
  // Sent from the main script with an interval running.
  'interval.js': "const iv = setInterval(() => {}, 1000);\nprocess.once('SIGUSR2', () => { console.log('SIGUSR2'); clearInterval(iv); });\nprocess.kill(process.pid, 'SIGUSR2');\n",
};

async function inContainer(file: string): Promise<{ out: string; err: string; code: number }> {
  const d = await Daemon.create({ newId: sequentialIds('sig') });
  const setup = Object.entries(PROGRAMS).map(([name, text]) => `printf '%s' '${text.replaceAll("'", "'\\''")}' > ${name}`).join(' && ');
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('node'), entrypoint: [], workdir: '/app', cmd: ['sh', '-c', `${setup} && exec node ${file}`] });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

for (const mode of ['a worker thread', 'the engine\'s thread'] as const) {
  describe(`a node process signalling itself, in ${mode}`, () => {
    it('runs its handler where Node does', async () => {
      if (mode !== 'a worker thread') setGuestWorkers(null);
      try {
        for (const file of Object.keys(PROGRAMS)) {
          const host = await runOnHost(PROGRAMS, ['node', file], { mtimeMs: T0 });
          expect(await inContainer(file), file).toEqual({ out: host.out, err: host.err, code: host.code });
        }
      } finally {
        setGuestWorkers(nodeGuestWorker);
      }
    }, 60_000);
  });
}

it('the programs do what they are here for on the host (the handler runs in all but one)', async () => {
  const outs = await Promise.all(Object.keys(PROGRAMS).map(async (file) => (await runOnHost(PROGRAMS, ['node', file], { mtimeMs: T0 })).out));
  expect(outs).toEqual(['second timer\nSIGTERM handled\n', 'sent\nhandled SIGTERM 15\n', 'sent\n', 'listening\nSIGTERM\nclosed\n', 'SIGUSR2\n']);
});
