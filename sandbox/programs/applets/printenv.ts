// printenv [NAME]...: prints environment variables.
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

export const printenv: Program = async (p) => {
  const names = p.argv.slice(1);
  if (names.length === 0) { await out(p, [...p.env].map(([k, v]) => `${k}=${v}\n`).join('')); return 0; }
  let status = 0;
  for (const n of names) { const v = p.env.get(n); if (v === undefined) status = 1; else await out(p, v + '\n'); }
  return status;
};
