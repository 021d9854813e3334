// tty: the terminal on standard input (/dev/pts/0 under `docker run -t`), or
// "not a tty" and status 1. -s only sets the status.
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

export const tty: Program = async (p) => {
  const args = p.argv.slice(1);
  const silent = args.includes('-s');
  const on = p.tty(0) !== null;
  if (!silent) await out(p, on ? '/dev/pts/0\n' : 'not a tty\n');
  return on ? 0 : 1;
};
