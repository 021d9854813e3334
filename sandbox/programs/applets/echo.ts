// echo [-neE] [ARG]...: as the shell builtin, as a program (env echo, xargs echo).
import type { Program } from '../../kernel/process.ts';
import { echoBytes } from '../sh/escapes.ts';
import { out } from './lib.ts';

export const echo: Program = async (p) => {
  await out(p, echoBytes(p.argv.slice(1)));
  return 0;
};
