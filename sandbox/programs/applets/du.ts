// du [-s] [-h] [-a] [-k] [PATH]...: disk usage in 1K blocks.
import { joinPath, normalizePath } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { describe, err, out, parseArgs } from './lib.ts';

export const du: Program = async (p) => {
  const args = await parseArgs(p, 'shakcd:');
  if (!args) return 1;
  const human = (k: number): string => (args.flags.has('h') ? (k >= 1024 ? `${(k / 1024).toFixed(1)}M` : `${k}.0K`) : String(k));
  let status = 0;
  const lines: string[] = [];
  const walk = (pr: Process, path: string, shown: string, depth: number): number => {
    const st = pr.fs.lstatSync(path);
    let kb = st.type === 'dir' ? 4 : Math.ceil(st.size / 4096) * 4;
    if (st.type === 'dir') {
      for (const n of pr.fs.readdirSync(path)) kb += walk(pr, joinPath(path, n), shown === '.' ? `./${n}` : `${shown}/${n}`, depth + 1);
      if (!args.flags.has('s') || depth === 0) lines.push(`${human(kb)}\t${shown}`);
    } else if (args.flags.has('a') || depth === 0) lines.push(`${human(kb)}\t${shown}`);
    return kb;
  };
  for (const t of args.operands.length ? args.operands : ['.']) {
    try { walk(p, normalizePath(t, p.cwd), t, 0); } catch (e) { await err(p, `${t}: ${describe(e)}`); status = 1; }
  }
  await out(p, lines.map((l) => l + '\n').join(''));
  return status;
};
