// env [-i] [NAME=VALUE]...: prints the environment.
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';
import { runCommand } from './spawn-hook.ts';

export const env: Program = async (p) => {
  const args = p.argv.slice(1);
  const vars = new Map(p.env);
  let i = 0;
  if (args[0] === '-i' || args[0] === '-') { vars.clear(); i++; }
  for (; i < args.length && args[i]!.includes('='); i++) {
    const eq = args[i]!.indexOf('=');
    vars.set(args[i]!.slice(0, eq), args[i]!.slice(eq + 1));
  }
  if (i >= args.length) {
    await out(p, [...vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  return runCommand(p, args.slice(i), vars);
};
