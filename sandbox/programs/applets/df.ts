// df [-hk] [PATH]: the container's filesystems (the overlay root and its tmpfs mounts).
import type { Program } from '../../kernel/process.ts';
import { out, parseArgs } from './lib.ts';

export const df: Program = async (p) => {
  const args = await parseArgs(p, 'hkmPTa');
  if (!args) return 1;
  let root = p.task.cgroup;
  while (root.parent) root = root.parent;
  const total = Math.round((root.limits.memoryMax ?? 1024 ** 3) / 1024);
  const used = Math.round(root.memoryCurrent / 1024);
  const human = (k: number): string => (k >= 1024 * 1024 ? `${(k / 1024 / 1024).toFixed(1)}G` : k >= 1024 ? `${(k / 1024).toFixed(1)}M` : `${k}K`);
  const col = (k: number): string => (args.flags.has('h') ? human(k) : String(k));
  const rows = [['overlay', '/'], ['tmpfs', '/dev'], ['shm', '/dev/shm']];
  let text = `Filesystem           ${args.flags.has('h') ? '     Size' : '1K-blocks'}      Used Available Use% Mounted on\n`;
  for (const [fs, mount] of rows) {
    const u = mount === '/' ? used : 0;
    const t = mount === '/dev/shm' ? 65536 : mount === '/dev' ? 65536 : total;
    text += `${fs!.padEnd(20)} ${col(t).padStart(9)} ${col(u).padStart(9)} ${col(t - u).padStart(9)} ${String(Math.round((u / t) * 100)).padStart(3)}% ${mount}\n`;
  }
  await out(p, text);
  return 0;
};
