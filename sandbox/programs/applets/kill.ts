// kill [-s SIG | -SIG] PID...: sends signals (-l lists them).
import type { Program } from '../../kernel/process.ts';
import { parseSignal, SIGNALS } from '../../kernel/signals.ts';
import { err, out } from './lib.ts';

export const kill: Program = async (p) => {
  let args = p.argv.slice(1);
  let sig = 15;
  if (args[0] === '-l') { await out(p, Object.keys(SIGNALS).map((n) => n.slice(3)).join(' ') + '\n'); return 0; }
  if (args[0] === '-s' && args[1]) { sig = parseSignal(args[1]) ?? -1; args = args.slice(2); }
  else if (args[0]?.startsWith('-') && args[0].length > 1) { sig = parseSignal(args[0].slice(1)) ?? -1; args = args.slice(1); }
  if (sig < 0) { await err(p, 'bad signal name'); return 1; }
  let status = 0;
  for (const a of args) {
    try { p.kill(Number(a), sig); } catch { await err(p, `can't kill pid ${a}: No such process`); status = 1; }
  }
  return status;
};
