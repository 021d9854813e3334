// basename NAME [SUFFIX]
import { basename as base } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, out } from './lib.ts';

export const basename: Program = async (p) => {
  const [name, suffix] = p.argv.slice(1);
  if (name === undefined) { await err(p, 'missing operand'); return 1; }
  let b = base(name);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  await out(p, b + '\n');
  return 0;
};
