// mkdir [-p] [-m MODE] DIR...: makes directories as the calling user.
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, checkParentWritable, reason, statOrNull } from './fsutils-lib.ts';

export const mkdir: Program = async (p) => {
  const args = await parseArgs(p, 'pm:v');
  if (!args) return 1;
  const mode = args.values.has('m') ? parseInt(args.values.get('m')!, 8) : 0o777 & ~0o022;
  let status = 0;
  for (const d of args.operands) {
    const path = abs(p, d);
    try {
      if (args.flags.has('p')) {
        let cur = '';
        for (const part of path.split('/').filter(Boolean)) {
          cur += '/' + part;
          const st = statOrNull(p, cur);
          if (st) { if (st.type !== 'dir') throw Object.assign(new Error(), { description: 'Not a directory' }); continue; }
          checkParentWritable(p, cur);
          p.fs.mkdirSync(cur, { mode, uid: p.uid, gid: p.gid });
        }
      } else {
        if (statOrNull(p, path, false)) throw Object.assign(new Error(), { description: 'File exists' });
        checkParentWritable(p, path);
        p.fs.mkdirSync(path, { mode, uid: p.uid, gid: p.gid });
      }
    } catch (e) {
      await err(p, `can't create directory '${d}': ${reason(e)}`);
      status = 1;
    }
  }
  return status;
};
