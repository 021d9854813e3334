// Runs a build step's command in a throw-away container on the step's root:
// the same containers `docker run` makes, with the step's user, working
// directory and environment; its writable layer is the step's change set.
import type { RunStepRequest, RunStepResult } from '../builder/backend.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Userland } from '../programs/registry.ts';
import { Container, StartError } from './container.ts';
import type { EngineDisk } from './disk.ts';

export class ContainerStartError extends Error {
  override name = 'ContainerStartError';
}

export async function runBuildStep(req: RunStepRequest, kernel: Kernel, userland: Userland, now: () => number, disk?: EngineDisk): Promise<RunStepResult> {
  const c = new Container({
    id: req.containerId,
    name: req.containerId.slice(0, 12),
    image: null,
    config: { Env: req.env, Cmd: req.argv, Entrypoint: null, User: req.user, WorkingDir: req.workdir, Hostname: req.containerId.slice(0, 12) },
    limits: {},
    created: now(),
    ...(disk && { disk }),
  }, req.rootfs, kernel.rootCgroup, now);
  c.onLog((e) => (e.stream === 'stdout' ? req.onStdout(e.data) : req.onStderr(e.data)));
  try {
    c.start(kernel, userland);
  } catch (e) {
    if (e instanceof StartError) throw new ContainerStartError(e.message);
    throw e;
  }
  const exitCode = await c.wait();
  // The change set becomes a layer (the layer store's); the step's container is gone.
  c.releaseDisk();
  return { exitCode, changes: c.fs.upper };
}
