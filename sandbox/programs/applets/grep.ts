// grep [-ivncqlEFwxhHo] [-e] PATTERN [FILE]...: BRE by default, -E extended, -F fixed.
import type { Program } from '../../kernel/process.ts';
import { eachInput, err, lines, out, parseArgs } from './lib.ts';
import { basicToExtended } from './text-lib.ts';

export const grep: Program = async (p) => {
  const args = await parseArgs(p, 'ivncqlEFwxhHe:sor');
  if (!args) return 1;
  const f = args.flags;
  const ops = [...args.operands];
  const pattern = args.values.get('e') ?? ops.shift();
  if (pattern === undefined) { await err(p, 'usage: grep [-ivncqlEFwx] PATTERN [FILE]...'); return 2; }
  const extended = f.has('E') || p.argv[0]?.endsWith('egrep');
  let source = f.has('F') || p.argv[0]?.endsWith('fgrep') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? pattern : basicToExtended(pattern);
  if (f.has('w')) source = `\\b(?:${source})\\b`;
  if (f.has('x')) source = `^(?:${source})$`;
  let re: RegExp;
  try { re = new RegExp(source, f.has('i') ? 'i' : ''); } catch { await err(p, `bad regex '${pattern}'`); return 2; }
  const names = ops.length > 1 || f.has('H');
  let matched = false;
  const status = await eachInput(p, ops, async (fd, name) => {
    let count = 0;
    let n = 0;
    for await (const line of lines(p, fd)) {
      n++;
      if (re.test(line) === f.has('v')) continue;
      matched = true;
      count++;
      if (f.has('q')) return;
      if (f.has('l')) { await out(p, `${name}\n`); return; }
      if (f.has('c')) continue;
      await out(p, `${names && !f.has('h') ? `${name}:` : ''}${f.has('n') ? `${n}:` : ''}${f.has('o') ? (line.match(re)?.[0] ?? '') : line}\n`);
    }
    if (f.has('c')) await out(p, `${names ? `${name}:` : ''}${count}\n`);
  });
  if (status !== 0 && !f.has('s')) return 2;
  return matched ? 0 : 1;
};
