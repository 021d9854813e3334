// dirname NAME
import { dirname as dir } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, out } from './lib.ts';

export const dirname: Program = async (p) => {
  const name = p.argv[1];
  if (name === undefined) { await err(p, 'missing operand'); return 1; }
  await out(p, (name.includes('/') ? dir(name.replace(/\/+$/, '') || '/') : '.') + '\n');
  return 0;
};
