// RUN <command>   |   RUN ["executable", "param1", "param2"]   |   RUN <<EOF ... EOF
// Runs in a throw-away container on the current image; its writable layer
// becomes the step's layer. Build args in scope are in its environment and
// in the cache key (`|2 A=1 B=2 /bin/sh -c make`), as in the legacy builder.
import { BuildError } from '../backend.ts';
import { commitStep, type DispatchContext } from '../context.ts';
import type { RunInstruction } from '../instructions.ts';

/** The argv a RUN executes. A lone heredoc is run as the script (BuildKit). */
export function runArgv(d: DispatchContext, ins: RunInstruction): string[] {
  if ('exec' in ins.command) return [...ins.command.exec];
  const shell = d.state.shell();
  const line = ins.command.shell;
  if (ins.heredocs.length === 1 && /^<<-?(["']?)[A-Za-z0-9_]+\1$/.test(line.trim())) return [...shell, ins.heredocs[0]!.content];
  if (ins.heredocs.length === 0) return [...shell, line];
  const bodies = ins.heredocs.map((h) => `${h.content}${h.name}\n`).join('');
  return [...shell, `${line}\n${bodies}`];
}

export async function dispatchRun(d: DispatchContext, ins: RunInstruction): Promise<void> {
  const argv = runArgv(d, ins);
  const argEnv = d.state.buildArgEnv();
  const saved = argEnv.length > 0 ? [`|${argEnv.length}`, ...argEnv, ...argv] : argv;
  const createdBy = saved.join(' ');
  await commitStep(d, {
    createdBy,
    cacheKey: createdBy,
    container: true,
    run: async (containerId) => {
      const decoders = [new TextDecoder(), new TextDecoder()];
      const result = await d.backend.runStep({
        containerId,
        rootfs: d.backend.layers.rootOf(d.state.top),
        argv,
        env: [...(d.state.config.Env ?? []), ...argEnv],
        user: d.state.config.User ?? '',
        workdir: d.state.config.WorkingDir || '/',
        onStdout: (c) => d.out(decoders[0]!.decode(c, { stream: true })),
        onStderr: (c) => d.out(decoders[1]!.decode(c, { stream: true })),
      });
      for (const dec of decoders) { const rest = dec.decode(); if (rest) d.out(rest); }
      if (result.exitCode !== 0) {
        throw new BuildError(`The command '${argv.join(' ')}' returned a non-zero code: ${result.exitCode}`);
      }
      return result.changes;
    },
  });
}
