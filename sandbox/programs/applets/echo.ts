// echo [-neE] [ARG]...: as the shell builtin, as a program (env echo, xargs echo).
import type { Program } from '../../kernel/process.ts';
import { encodeRaw, unescape } from '../sh/escapes.ts';
import { out } from './lib.ts';

export const echo: Program = async (p) => {
  let args = p.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) { if (c === 'n') newline = false; else escapes = c === 'e'; }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) { text = text.slice(0, cut); newline = false; }
    text = unescape(text);
  }
  await out(p, encodeRaw(text + (newline ? '\n' : '')));
  return 0;
};
