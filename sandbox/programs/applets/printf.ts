// printf FORMAT [ARG]...
import type { Program } from '../../kernel/process.ts';
import { encodeRaw } from '../sh/escapes.ts';
import { formatPrintf } from '../sh/printf.ts';
import { err, out } from './lib.ts';

export const printf: Program = async (p) => {
  if (p.argv.length < 2) { await err(p, 'usage: printf FORMAT [ARGUMENT...]'); return 1; }
  const r = formatPrintf(p.argv[1]!, p.argv.slice(2));
  await out(p, encodeRaw(r.text));
  for (const w of r.warnings) await err(p, w);
  return r.warnings.length > 0 ? 1 : 0;
};
