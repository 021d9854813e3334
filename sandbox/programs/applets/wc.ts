// wc [-lwc] [FILE]...: counts lines, words and bytes.
import type { Program } from '../../kernel/process.ts';
import { eachInput, out, parseArgs } from './lib.ts';

export const wc: Program = async (p) => {
  const args = await parseArgs(p, 'lwcmL');
  if (!args) return 1;
  const f = args.flags;
  const show = f.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'c', 'm'].filter((x) => f.has(x));
  const total = { l: 0, w: 0, c: 0, m: 0 };
  const rows: Array<[typeof total, string]> = [];
  const status = await eachInput(p, args.operands, async (fd, name) => {
    const t = { l: 0, w: 0, c: 0, m: 0 };
    let inWord = false;
    for (;;) {
      const chunk = await p.read(fd);
      if (!chunk) break;
      t.c += chunk.length;
      for (const b of chunk) {
        if (b === 10) t.l++;
        if ((b & 0xc0) !== 0x80) t.m++;
        const space = b === 32 || (b >= 9 && b <= 13);
        if (!space && !inWord) t.w++;
        inWord = !space;
      }
    }
    for (const k of ['l', 'w', 'c', 'm'] as const) total[k] += t[k];
    rows.push([t, args.operands.length > 0 ? name : '']);
  });
  if (rows.length > 1) rows.push([total, 'total']);
  const single = rows.length === 1 && show.length === 1;
  for (const [t, name] of rows) {
    const cols = show.map((k) => (single ? String(t[k as keyof typeof t]) : String(t[k as keyof typeof t]).padStart(7)));
    await out(p, cols.join(single ? '' : ' ') + (name ? ` ${name}` : '') + '\n');
  }
  return status;
};
