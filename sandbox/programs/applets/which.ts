// which [-a] COMMAND...: the executables PATH finds.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { mayAccess, X_OK } from '../../kernel/vfs.ts';
import { out, parseArgs } from './lib.ts';

export const which: Program = async (p) => {
  const args = await parseArgs(p, 'a');
  if (!args) return 1;
  let status = 0;
  for (const name of args.operands) {
    let found = false;
    const dirs = name.includes('/') ? [''] : (p.env.get('PATH') ?? '').split(':');
    for (const dir of dirs) {
      const path = name.includes('/') ? normalizePath(name, p.cwd) : normalizePath(`${dir || '.'}/${name}`, p.cwd);
      try {
        const st = p.fs.statSync(path);
        if (st.type === 'file' && mayAccess(st, p.task.creds, X_OK)) {
          await out(p, `${name.includes('/') ? name : `${dir}/${name}`}\n`);
          found = true;
          if (!args.flags.has('a')) break;
        }
      } catch { /* not here */ }
    }
    if (!found) status = 1;
  }
  return status;
};
