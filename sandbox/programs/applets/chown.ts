// chown [-R] USER[:GROUP] FILE...: only root changes owners.
import { joinPath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, lookupId, reason } from './fsutils-lib.ts';

export const chown: Program = async (p) => {
  const args = await parseArgs(p, 'Rhvcf');
  if (!args) return 1;
  const [spec = '', ...files] = args.operands;
  const [u = '', g] = spec.split(/[:.]/);
  const uid = u === '' ? -1 : lookupId(p, '/etc/passwd', u);
  const gid = g === undefined || g === '' ? -1 : lookupId(p, '/etc/group', g);
  if (uid === null) { await err(p, `unknown user ${u}`); return 1; }
  if (gid === null) { await err(p, `unknown group ${g}`); return 1; }
  let status = 0;
  const apply = (path: string): void => {
    const st = p.fs.lstatSync(path);
    if (p.uid !== 0) throw Object.assign(new Error(), { description: 'Operation not permitted' });
    p.fs.lchownSync(path, uid < 0 ? st.uid : uid, gid < 0 ? st.gid : gid);
    if (args.flags.has('R') && st.type === 'dir') for (const n of p.fs.readdirSync(path)) apply(joinPath(path, n));
  };
  for (const f of files) {
    try { apply(abs(p, f)); } catch (e) { await err(p, `${f}: ${reason(e)}`); status = 1; }
  }
  return status;
};
