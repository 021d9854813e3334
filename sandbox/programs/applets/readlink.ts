// readlink [-fnv] FILE: a symlink's target; -f the canonical path (every
// link resolved). Prints nothing and fails for what is not a link.
import { normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, out, parseArgs } from './lib.ts';

export const readlink: Program = async (p) => {
  const a = await parseArgs(p, 'fnvse');
  if (!a) return 1;
  const name = a.operands[0];
  if (name === undefined) { await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: readlink [-fnv] FILE\n'); return 1; }
  const path = normalizePath(name, p.cwd);
  let result: string;
  try {
    result = a.flags.has('f') || a.flags.has('e') ? p.fs.realpathSync(path) : p.fs.readlinkSync(path);
  } catch (e) {
    if (a.flags.has('v')) await err(p, `${name}: ${(e as { description?: string }).description ?? 'Invalid argument'}`);
    return 1;
  }
  await out(p, result + (a.flags.has('n') ? '' : '\n'));
  return 0;
};
