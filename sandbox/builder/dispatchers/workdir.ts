// WORKDIR /path/to/workdir   (relative paths build on the previous WORKDIR;
// the directory is created when missing, as its own layer)
import { OverlayFs } from '../../fs/overlay.ts';
import { normalizePath } from '../../fs/path.ts';
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
      fs.mkdirSync(path, { recursive: true });
      return fs.upper;
    },
  });
}
