// Running a WebAssembly (WASI preview1) module as a process: an executable
// file that starts with the wasm magic, or any container run with
// `--platform wasi/wasm`. In a worker thread when the host has them (a
// module that never returns is then killable and leaves the engine free);
// otherwise in this thread, where stdin reads and sleeps cannot wait.
import { contentBytes } from '../../fs/content.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';
import { GuestKilled } from '../node/sys-error.ts';
import { runGuestInWorker } from '../node/guest-host.ts';
import { spawnGuestWorker } from '../node/workers.ts';
import { WasiGuest, type WasiSpec } from './guest.ts';
import { WasiSystem } from './system.ts';

const MAX_MEMORY = 4 * 1024 * 1024 * 1024;

/** The program that runs the module at `path`. */
export function wasiProgram(path: string): Program {
  return async (p: Process) => {
    const module = contentBytes(p.fs.readContentSync(path));
    const room = p.memoryHeadroom();
    const spec: WasiSpec = {
      path: p.argv[0] ?? path, args: [...p.argv], env: [...p.env].map(([k, v]) => `${k}=${v}`), module,
      memoryLimit: Number.isFinite(room) ? Math.min(room, MAX_MEMORY) : MAX_MEMORY,
    };
    const worker = spawnGuestWorker();
    const system = new WasiSystem(p, worker !== null);
    try {
      if (worker) return await runGuestInWorker(p, worker, { kind: 'wasi', spec }, (op, args) => system.call(op, args));
      const code = await new WasiGuest({ call: (op, args) => system.call(op, args), killed: () => p.task.killedBy }, spec).run();
      await system.finish();
      return code;
    } catch (e) {
      if (e instanceof GuestKilled) throw new Killed(e.signal);
      throw e;
    } finally {
      system.release();
    }
  };
}
