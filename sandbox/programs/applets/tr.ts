// tr [-ds] SET1 [SET2]: translates or deletes characters (ranges, [:classes:]).
import type { Program } from '../../kernel/process.ts';
import { out, parseArgs } from './lib.ts';
import { expandSet } from './text-lib.ts';

export const tr: Program = async (p) => {
  const args = await parseArgs(p, 'dsc');
  if (!args) return 1;
  const [a = '', b = ''] = args.operands;
  const from = expandSet(a);
  const to = expandSet(b);
  const del = args.flags.has('d');
  const squeeze = args.flags.has('s');
  const dec = new TextDecoder();
  let last = '';
  for (;;) {
    const c = await p.read(0);
    if (!c) break;
    let s = '';
    for (const ch of dec.decode(c, { stream: true })) {
      const k = from.indexOf(ch);
      let o = ch;
      if (k >= 0) { if (del) continue; if (to) o = to[Math.min(k, to.length - 1)]!; }
      if (squeeze && o === last && (to || from).includes(o)) continue;
      s += o;
      last = o;
    }
    await out(p, s);
  }
  return 0;
};
