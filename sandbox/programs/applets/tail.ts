// tail [-n N] [FILE]...: the last lines (reads to the end).
import type { Program } from '../../kernel/process.ts';
import { eachInput, lines, out, parseArgs } from './lib.ts';

export const tail: Program = async (p) => {
  const argv = p.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const args = await parseArgs(p, 'n:fqv', argv);
  if (!args) return 1;
  const spec = args.values.get('n') ?? '10';
  const fromStart = spec.startsWith('+');
  const n = Number(spec.replace(/^[+-]/, ''));
  return eachInput(p, args.operands, async (fd) => {
    const keep: string[] = [];
    let index = 0;
    for await (const line of lines(p, fd)) {
      index++;
      if (fromStart) { if (index >= n) await out(p, line + '\n'); continue; }
      keep.push(line);
      if (keep.length > n) keep.shift();
    }
    if (!fromStart && n > 0) await out(p, keep.map((l) => l + '\n').join(''));
  });
};
