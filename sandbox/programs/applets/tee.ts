// tee [-a] FILE...: copies stdin to stdout and files.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { openPath } from '../../kernel/vfs.ts';
import { describe, err, parseArgs } from './lib.ts';

export const tee: Program = async (p) => {
  const args = await parseArgs(p, 'ai');
  if (!args) return 1;
  const fds: number[] = [];
  let status = 0;
  for (const f of args.operands) {
    try {
      fds.push(p.open(openPath(p.fs, normalizePath(f, p.cwd), { write: true, create: true, truncate: !args.flags.has('a'), append: args.flags.has('a') }, p.task.creds, p.fds)));
    } catch (e) { await err(p, `${f}: ${describe(e)}`); status = 1; }
  }
  for (;;) {
    const c = await p.read(0);
    if (!c) break;
    await p.write(1, c);
    for (const fd of fds) await p.write(fd, c);
  }
  return status;
};
