// clear: cursor home, then erase the screen (busybox writes ESC[H ESC[J).
import type { Program } from '../../kernel/process.ts';

export const clear: Program = async (p) => {
  await p.write(1, '\x1b[H\x1b[J');
  return 0;
};
