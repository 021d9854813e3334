// WORKDIR /path/to/workdir   (relative paths build on the previous WORKDIR;
// the directory is created when missing, as its own layer)
import { isFsError } from '../../fs/errors.ts';
import { OverlayFs } from '../../fs/overlay.ts';
import { normalizePath } from '../../fs/path.ts';
import { BuildError } from '../backend.ts';
import { commitStep, nopCreatedBy, type DispatchContext } from '../context.ts';
import type { WorkdirInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchWorkdir(d: DispatchContext, ins: WorkdirInstruction): Promise<void> {
  const path = normalizePath(expandWord(ins.path, d.state.vars(), d.escape), d.state.config.WorkingDir || '/');
  d.state.config.WorkingDir = path;
  const createdBy = nopCreatedBy(d, `WORKDIR ${path}`, false);
  await commitStep(d, {
    createdBy,
    cacheKey: createdBy,
    container: true,
    run: async () => {
      const fs = new OverlayFs(d.backend.layers.rootOf(d.state.top), { now: () => d.backend.now() });
      try {
        fs.mkdirSync(path, { recursive: true });
      } catch (e) {
        // dockerd's SetupWorkingDirectory: the path is a file; or a file on the way to it.
        if (isFsError(e, 'EEXIST')) throw new BuildError(`Cannot mkdir: ${path} is not a directory`);
        if (isFsError(e, 'ENOTDIR')) throw new BuildError(`mkdir ${path}: not a directory`);
        throw e;
      }
      return fs.upper;
    },
  });
}
