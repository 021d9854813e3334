// The init `docker run --init` puts in front of a command (Docker ships
// tini as /sbin/docker-init): it runs the command as its child, forwards the
// signals it gets to it (so `docker stop` reaches a program that was not
// written to be PID 1), reaps orphans, and exits with the child's status.
import type { Process, Program } from '../kernel/process.ts';
import { SIGHUP, SIGINT, SIGTERM, SIGNALS } from '../kernel/signals.ts';
import { Interrupted } from '../kernel/task.ts';

const FORWARDED = [SIGTERM, SIGINT, SIGHUP, SIGNALS.SIGQUIT, SIGNALS.SIGUSR1, SIGNALS.SIGUSR2, SIGNALS.SIGWINCH];

export function initProgram(child: Program, childArgv: string[]): Program {
  return async (p: Process) => {
    for (const sig of FORWARDED) p.setDisposition(sig, 'catch');
    const task = p.spawn(child, { argv: childArgv });
    for (;;) {
      try {
        const status = await p.waitChild(task, true);
        return status.code;
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        for (const sig of p.takeSignals()) {
          try { p.kill(task.nsPid, sig); } catch { /* already gone */ }
        }
      }
    }
  };
}
