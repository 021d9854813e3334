// chmod [-R] MODE FILE...: octal or symbolic (u+x, go-w) modes; only the owner or root.
import { joinPath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { err, parseArgs } from './lib.ts';
import { abs, applyMode, reason } from './fsutils-lib.ts';

export const chmod: Program = async (p) => {
  const args = await parseArgs(p, 'Rvcf');
  if (!args) return 1;
  const [spec = '', ...files] = args.operands;
  let status = 0;
  const apply = (path: string): void => {
    const st = p.fs.statSync(path);
    if (p.uid !== 0 && st.uid !== p.uid) throw Object.assign(new Error(), { description: 'Operation not permitted' });
    const mode = applyMode(spec, st.mode, st.type === 'dir');
    if (mode === null) throw Object.assign(new Error(), { description: `invalid mode '${spec}'` });
    p.fs.chmodSync(path, mode);
    if (args.flags.has('R') && st.type === 'dir') for (const n of p.fs.readdirSync(path)) apply(joinPath(path, n));
  };
  for (const f of files) {
    try { apply(abs(p, f)); } catch (e) { await err(p, `${f}: ${reason(e)}`); status = 1; }
  }
  return status;
};
