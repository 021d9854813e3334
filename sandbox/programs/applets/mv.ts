// mv SRC... DEST: moves or renames.
import { isFsError } from '../../fs/errors.ts';
import { basename, joinPath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, statOrNull } from './fsutils-lib.ts';

export const mv: Program = async (p) => {
  const args = await parseArgs(p, 'fin');
  if (!args) return 1;
  const ops = args.operands;
  if (ops.length < 2) { await err(p, 'missing file operand'); return 1; }
  const dest = ops.pop()!;
  const destPath = abs(p, dest);
  const destIsDir = statOrNull(p, destPath)?.type === 'dir';
  let status = 0;
  for (const src of ops) {
    const from = abs(p, src);
    const to = destIsDir ? joinPath(destPath, basename(from)) : destPath;
    try { checkParentWritable(p, from); checkParentWritable(p, to); p.fs.renameSync(from, to); } catch (e) {
      await err(p, isFsError(e, 'ENOENT') ? `can't rename '${src}': No such file or directory` : `can't rename '${src}': ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};
