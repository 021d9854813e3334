// sort [-nrufb] [-t SEP] [-k N] [FILE]...
import type { Program } from '../../kernel/process.ts';
import { eachInput, lines, out, parseArgs } from './lib.ts';

export const sort: Program = async (p) => {
  const args = await parseArgs(p, 'nrufbVt:k:');
  if (!args) return 1;
  const all: string[] = [];
  const status = await eachInput(p, args.operands, async (fd) => { for await (const l of lines(p, fd)) { all.push(l); p.charge(l.length + 16); } });
  const f = args.flags;
  const key = (l: string): string => {
    const k = args.values.get('k');
    if (!k) return f.has('b') ? l.trimStart() : l;
    const fields = args.values.has('t') ? l.split(args.values.get('t')!) : l.trim().split(/\s+/);
    return fields.slice(Number(k.split(',')[0]) - 1).join(' ');
  };
  const cmp = (a: string, b: string): number => {
    const ka = key(a); const kb = key(b);
    let r: number;
    if (f.has('n')) r = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
    else if (f.has('V')) r = versionCompare(ka, kb);
    else { const x = f.has('f') ? ka.toUpperCase() : ka; const y = f.has('f') ? kb.toUpperCase() : kb; r = x < y ? -1 : x > y ? 1 : 0; }
    if (r === 0 && !f.has('u')) r = a < b ? -1 : a > b ? 1 : 0;
    return f.has('r') ? -r : r;
  };
  all.sort(cmp);
  const outLines = f.has('u') ? all.filter((l, i) => i === 0 || cmp(all[i - 1]!, l) !== 0) : all;
  await out(p, outLines.map((l) => l + '\n').join(''));
  return status;
};

/** sort -V: digit runs compare as numbers (1.2 < 1.10, 10-x.sh after 9-y.sh). */
function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return 0;
}
