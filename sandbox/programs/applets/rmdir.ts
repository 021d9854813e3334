// rmdir DIR...: removes empty directories.
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason } from './fsutils-lib.ts';

export const rmdir: Program = async (p) => {
  const args = await parseArgs(p, 'p');
  if (!args) return 1;
  let status = 0;
  for (const d of args.operands) {
    try { checkParentWritable(p, abs(p, d)); p.fs.rmdirSync(abs(p, d)); } catch (e) { await err(p, `'${d}': ${reason(e)}`); status = 1; }
  }
  return status;
};
