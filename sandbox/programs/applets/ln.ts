// ln [-sfn] TARGET [LINK]: makes links (symbolic with -s; hard links become copies).
import { basename, joinPath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, statOrNull } from './fsutils-lib.ts';

export const ln: Program = async (p) => {
  const args = await parseArgs(p, 'sfnv');
  if (!args) return 1;
  const [target, linkArg] = args.operands;
  if (!target) { await err(p, 'missing file operand'); return 1; }
  let link = abs(p, linkArg ?? basename(target));
  if (statOrNull(p, link)?.type === 'dir' && !args.flags.has('n')) link = joinPath(link, basename(target));
  try {
    if (args.flags.has('f')) p.fs.rmSync(link, { force: true });
    checkParentWritable(p, link);
    if (args.flags.has('s')) p.fs.symlinkSync(target, link, { uid: p.uid, gid: p.gid });
    else p.fs.writeFileSync(link, p.fs.readContentSync(abs(p, target)), { mode: p.fs.statSync(abs(p, target)).mode });
    return 0;
  } catch (e) {
    await err(p, `${linkArg ?? target}: ${reason(e)}`);
    return 1;
  }
};
