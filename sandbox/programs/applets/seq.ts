// seq [-s SEP] [-w] [FIRST [STEP]] LAST
import type { Program } from '../../kernel/process.ts';
import { err, out, parseArgs } from './lib.ts';

export const seq: Program = async (p) => {
  const args = await parseArgs(p, 's:w', p.argv.slice(1).filter((a, i, all) => !(/^-\d/.test(a) && i > 0) || all[i - 1] === '-s'));
  if (!args) return 1;
  const nums = p.argv.slice(1).filter((a) => /^-?\d+(\.\d+)?$/.test(a)).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (nums.length === 0 || step === 0) { await err(p, 'invalid argument'); return 1; }
  const sep = args.values.get('s') ?? '\n';
  const width = args.flags.has('w') ? String(Math.max(Math.abs(first), Math.abs(last))).length : 0;
  let buf = '';
  let firstOut = true;
  for (let v = first, n = 0; step > 0 ? v <= last : v >= last; v = first + step * ++n) {
    buf += (firstOut ? '' : sep) + String(v).padStart(width, '0');
    firstOut = false;
    if (buf.length > 8192) { await out(p, buf); buf = ''; const t = p.tick(); if (t) await t; }
  }
  if (!firstOut) buf += '\n';
  await out(p, buf);
  return 0;
};
