// head [-n N] [-c N] [FILE]...: the first lines (or bytes); stops reading early.
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, lines, out, parseArgs } from './lib.ts';

export const head: Program = async (p) => {
  const argv = p.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const args = await parseArgs(p, 'n:c:qv', argv);
  if (!args) return 1;
  const n = Number(args.values.get('n') ?? 10);
  const bytes = args.values.has('c') ? Number(args.values.get('c')) : null;
  if (!Number.isInteger(n) || n < 0) { await err(p, `invalid number '${args.values.get('n')}'`); return 1; }
  const many = args.operands.length > 1;
  let first = true;
  return eachInput(p, args.operands, async (fd, name) => {
    if (many) { await out(p, `${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`); first = false; }
    if (bytes !== null) {
      let left = bytes;
      while (left > 0) {
        const c = await p.read(fd, left);
        if (!c) break;
        await p.write(1, c);
        left -= c.length;
      }
      return;
    }
    if (n === 0) return;
    let count = 0;
    for await (const line of lines(p, fd)) {
      await out(p, line + '\n');
      if (++count >= n) break;
    }
  });
};
