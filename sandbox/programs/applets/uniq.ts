// uniq [-cdui] [FILE]: collapses adjacent duplicate lines.
import type { Program } from '../../kernel/process.ts';
import { eachInput, lines, out, parseArgs } from './lib.ts';

export const uniq: Program = async (p) => {
  const args = await parseArgs(p, 'cdui');
  if (!args) return 1;
  const f = args.flags;
  let prev: string | null = null;
  let count = 0;
  const flush = async (): Promise<void> => {
    if (prev === null) return;
    if (f.has('d') && count < 2) return;
    if (f.has('u') && count > 1) return;
    await out(p, (f.has('c') ? `${String(count).padStart(7)} ` : '') + prev + '\n');
  };
  const status = await eachInput(p, args.operands.slice(0, 1), async (fd) => {
    for await (const l of lines(p, fd)) {
      if (prev !== null && (f.has('i') ? prev.toLowerCase() === l.toLowerCase() : prev === l)) { count++; continue; }
      await flush();
      prev = l;
      count = 1;
    }
  });
  await flush();
  return status;
};
