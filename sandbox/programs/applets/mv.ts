// mv SRC... DEST: moves or renames.
import { isFsError } from '../../fs/errors.ts';
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, sourcesAndTarget } from './fsutils-lib.ts';

export const mv: Program = async (p) => {
  const args = await parseArgs(p, 'fin');
  if (!args) return 1;
  const plan = await sourcesAndTarget(p, args.operands);
  if (!plan) return 1;
  let status = 0;
  for (const src of plan.sources) {
    const from = abs(p, src);
    const to = plan.targetOf(src);
    try { checkParentWritable(p, from); checkParentWritable(p, to); p.fs.renameSync(from, to); } catch (e) {
      await err(p, isFsError(e, 'ENOENT') ? `can't rename '${src}': No such file or directory` : `can't rename '${src}': ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};
