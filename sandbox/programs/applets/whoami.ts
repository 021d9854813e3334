// whoami: the effective user name.
import type { Program } from '../../kernel/process.ts';
import { err, out } from './lib.ts';
import { nameOf } from './info-lib.ts';

export const whoami: Program = async (p) => {
  const user = nameOf(p, '/etc/passwd', p.uid);
  if (!user) { await err(p, `unknown uid ${p.uid}`); return 1; }
  await out(p, user + '\n');
  return 0;
};
