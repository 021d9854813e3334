// cat [FILE]...: copies files (or stdin) to stdout, streaming.
import type { Program } from '../../kernel/process.ts';
import { eachInput, parseArgs } from './lib.ts';

export const cat: Program = async (p) => {
  const args = await parseArgs(p, 'nbeuvtA');
  if (!args) return 1;
  return eachInput(p, args.operands, async (fd) => {
    for (;;) {
      const chunk = await p.read(fd);
      if (!chunk) break;
      await p.write(1, chunk);
      const t = p.tick(); if (t) await t;
    }
  });
};
