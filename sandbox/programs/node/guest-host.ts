// Running a guest (a node program, a WASI module) in a worker thread, from
// the engine's side: start it with a channel buffer, answer its system
// calls, and wait for its exit — or kill it: a killed process's worker is
// terminated at once, wherever its guest was.
import type { Process } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';
import { ChannelServer, newChannelBuffer } from './channel.ts';
import type { GuestWorker } from './workers.ts';

/** Sends `init` (plus the channel buffer) to the worker and serves its calls until it exits. */
export async function runGuestInWorker(
  p: Process, worker: GuestWorker, init: Record<string, unknown>,
  handle: (op: string, args: unknown[]) => unknown,
): Promise<number> {
  const buffer = newChannelBuffer();
  const server = new ChannelServer(buffer, (request) => {
    const { op, args } = request as { op: string; args: unknown[] };
    return handle(op, args);
  });
  const exited = new Promise<number>((resolve, reject) => {
    worker.onMessage((message) => {
      const m = message as { type: string; code?: number; signal?: number; message?: string };
      if (m.type === 'wake') server.onWake();
      else if (m.type === 'exit') resolve(m.code ?? 0);
      else if (m.type === 'killed') reject(new Killed(m.signal ?? 9));
      else if (m.type === 'failed') reject(new Error(`guest worker failed: ${m.message}`));
    });
    worker.onError((e) => reject(e instanceof Error ? e : new Error(String(e))));
  });
  worker.post({ ...init, type: 'init', buffer, now: p.now() });
  let clean = false;
  try {
    const code = await p.wait(exited);
    clean = true;
    return code;
  } finally {
    if (clean) worker.release();
    else worker.terminate();
  }
}
