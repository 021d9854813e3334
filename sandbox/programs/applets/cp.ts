// cp [-rpa] SRC... DEST: copies files and (with -r) directories.
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, copyTree, reason, sourcesAndTarget, statOrNull } from './fsutils-lib.ts';

export const cp: Program = async (p) => {
  const args = await parseArgs(p, 'rRapfivdL');
  if (!args) return 1;
  const plan = await sourcesAndTarget(p, args.operands);
  if (!plan) return 1;
  if (plan.sources.length > 1 && !plan.destIsDir) { await err(p, `'${plan.dest}' is not a directory`); return 1; }
  const recursive = args.flags.has('r') || args.flags.has('R') || args.flags.has('a');
  let status = 0;
  for (const src of plan.sources) {
    const from = abs(p, src);
    const st = statOrNull(p, from);
    if (!st) { await err(p, `can't stat '${src}': No such file or directory`); status = 1; continue; }
    if (st.type === 'dir' && !recursive) { await err(p, `omitting directory '${src}'`); status = 1; continue; }
    const to = plan.targetOf(src);
    try { checkParentWritable(p, to); copyTree(p, from, to, args.flags.has('p') || args.flags.has('a')); } catch (e) { await err(p, `can't create '${to}': ${reason(e)}`); status = 1; }
  }
  return status;
};
