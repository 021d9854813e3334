// cut -f LIST [-d SEP] [-s] | -c LIST [FILE]...
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, lines, out, parseArgs } from './lib.ts';

export const cut: Program = async (p) => {
  const args = await parseArgs(p, 'd:f:c:b:s');
  if (!args) return 1;
  const listSpec = args.values.get('f') ?? args.values.get('c') ?? args.values.get('b');
  if (!listSpec) { await err(p, 'must specify a list of bytes, characters, or fields'); return 1; }
  const ranges = listSpec.split(',').map((r) => {
    const [s, e] = r.includes('-') ? r.split('-') : [r, r];
    return [s ? Number(s) : 1, e ? Number(e) : Infinity] as const;
  });
  const pick = (n: number): boolean => ranges.some(([s, e]) => n >= s && n <= e);
  const delim = args.values.get('d') ?? '\t';
  const byField = args.values.has('f');
  return eachInput(p, args.operands, async (fd) => {
    for await (const line of lines(p, fd)) {
      if (byField) {
        if (!line.includes(delim)) { if (!args.flags.has('s')) await out(p, line + '\n'); continue; }
        await out(p, line.split(delim).filter((_, i) => pick(i + 1)).join(delim) + '\n');
      } else {
        await out(p, [...line].filter((_, i) => pick(i + 1)).join('') + '\n');
      }
    }
  });
};
