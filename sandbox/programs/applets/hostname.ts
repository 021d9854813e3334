// hostname [-i] [-s]: the UTS namespace's host name (the container ID by
// default); -i prints the container's addresses instead.
import type { Program } from '../../kernel/process.ts';
import { err, out, parseArgs } from './lib.ts';

export const hostname: Program = async (p) => {
  const a = await parseArgs(p, 'isdfF:');
  if (!a) return 1;
  if (a.operands.length > 0) { await err(p, 'sethostname: Operation not permitted'); return 1; }
  if (a.flags.has('i')) {
    let addrs: string[] = [];
    try { addrs = p.net.interfaces().filter((i) => i.name !== 'lo').map((i) => i.address); } catch { /* none */ }
    await out(p, (addrs.length ? addrs.join(' ') : '127.0.0.1') + ' \n');
    return 0;
  }
  await out(p, (a.flags.has('s') ? p.hostname.split('.')[0] : p.hostname) + '\n');
  return 0;
};
