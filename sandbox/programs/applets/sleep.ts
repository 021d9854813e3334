// sleep N[smhd]...: waits; a signal with no handler ends it (143 for TERM).
import type { Program } from '../../kernel/process.ts';
import { err } from './lib.ts';

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export const sleep: Program = async (p) => {
  const args = p.argv.slice(1);
  if (args.length === 0) { await err(p, 'usage: sleep [N]...'); return 1; }
  let seconds = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) { await err(p, `invalid number '${a}'`); return 1; }
    seconds += Number(m[1]) * UNIT[m[2]!]!;
  }
  await p.sleep(seconds * 1000);
  return 0;
};
