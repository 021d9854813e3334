// touch [-c] FILE...: creates files or updates their times.
import type { Program } from '../../kernel/process.ts';
import { mayAccess, W_OK } from '../../kernel/vfs.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, statOrNull } from './fsutils-lib.ts';

export const touch: Program = async (p) => {
  const args = await parseArgs(p, 'cam');
  if (!args) return 1;
  let status = 0;
  for (const f of args.operands) {
    const path = abs(p, f);
    try {
      const st = statOrNull(p, path);
      if (st) {
        if (p.uid !== 0 && st.uid !== p.uid && !mayAccess(st, p.task.creds, W_OK)) throw Object.assign(new Error(), { description: 'Permission denied' });
        p.fs.utimesSync(path, Date.now());
      } else if (!args.flags.has('c')) {
        checkParentWritable(p, path);
        p.fs.writeFileSync(path, '', { mode: 0o644, uid: p.uid, gid: p.gid });
      }
    } catch (e) {
      await err(p, `${f}: ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};
