// rm [-rf] FILE...: removes files and (with -r) directories.
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, statOrNull } from './fsutils-lib.ts';

export const rm: Program = async (p) => {
  const args = await parseArgs(p, 'rRfiv');
  if (!args) return 1;
  const recursive = args.flags.has('r') || args.flags.has('R');
  let status = 0;
  for (const f of args.operands) {
    const path = abs(p, f);
    const st = statOrNull(p, path, false);
    if (!st) { if (!args.flags.has('f')) { await err(p, `can't remove '${f}': No such file or directory`); status = 1; } continue; }
    if (st.type === 'dir' && !recursive) { await err(p, `'${f}' is a directory`); status = 1; continue; }
    try { checkParentWritable(p, path); p.fs.rmSync(path, { recursive: true }); } catch (e) { await err(p, `can't remove '${f}': ${reason(e)}`); status = 1; }
  }
  return status;
};
