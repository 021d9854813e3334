// yes [STRING]: repeats a line until the reader goes away (SIGPIPE).
import type { Program } from '../../kernel/process.ts';

export const yes: Program = async (p) => {
  const line = (p.argv.length > 1 ? p.argv.slice(1).join(' ') : 'y') + '\n';
  const block = new TextEncoder().encode(line.repeat(Math.max(1, Math.floor(4096 / line.length))));
  for (;;) {
    await p.write(1, block);
    const t = p.tick(); if (t) await t;
  }
};
