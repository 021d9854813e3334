// ls [-1alAdhFR] [FILE]...: directory listings in busybox's formats.
import { joinPath, normalizePath } from '../../fs/path.ts';
import type { Stat } from '../../fs/types.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { err, out, parseArgs } from './lib.ts';
import { modeString } from './ls-lib.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function names(p: Process, file: string): Map<number, string> {
  const m = new Map<number, string>();
  try {
    for (const line of new TextDecoder().decode(p.fs.readFileSync(file)).split('\n')) {
      const f = line.split(':');
      if (f[0] && f[2] !== undefined && !m.has(Number(f[2]))) m.set(Number(f[2]), f[0]);
    }
  } catch { /* none */ }
  return m;
}

function date(ms: number): string {
  const d = new Date(ms);
  const sixMonths = 182 * 24 * 3600 * 1000;
  const tail = Math.abs(Date.now() - ms) < sixMonths
    ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
    : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${tail}`;
}

export const ls: Program = async (p) => {
  const args = await parseArgs(p, '1alAdhFRtrSCx');
  if (!args) return 1;
  const f = args.flags;
  const long = f.has('l');
  const users = long ? names(p, '/etc/passwd') : new Map<number, string>();
  const groups = long ? names(p, '/etc/group') : new Map<number, string>();
  const targets = args.operands.length > 0 ? args.operands : ['.'];
  let status = 0;
  const fmt = (name: string, path: string, st: Stat): string => {
    let suffix = '';
    if (f.has('F')) suffix = st.type === 'dir' ? '/' : st.type === 'symlink' ? '@' : st.mode & 0o111 ? '*' : '';
    if (!long) return name + suffix;
    const target = st.type === 'symlink' ? ` -> ${p.fs.readlinkSync(path)}` : '';
    const size = f.has('h') ? human(st.size) : String(st.size);
    return `${modeString(st)} ${String(1).padStart(4)} ${(users.get(st.uid) ?? String(st.uid)).padEnd(8)} ${(groups.get(st.gid) ?? String(st.gid)).padEnd(8)} ${size.padStart(9)} ${date(st.mtimeMs)} ${name}${suffix}${target}`;
  };
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const path = normalizePath(t, p.cwd);
    let st: Stat;
    try { st = p.fs.lstatSync(path); if (st.type === 'symlink' && !long) st = p.fs.statSync(path); } catch {
      await err(p, `${t}: No such file or directory`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && !f.has('d')) dirs.push(t); else files.push(fmt(t, path, st));
  }
  if (files.length > 0) await out(p, files.join('\n') + '\n');
  const show = async (t: string, header: boolean): Promise<void> => {
    const path = normalizePath(t, p.cwd);
    let entries = p.fs.readdirSync(path).filter((n) => f.has('a') || f.has('A') || !n.startsWith('.'));
    if (f.has('a')) entries = ['.', '..', ...entries];
    const stats = entries.map((n) => [n, p.fs.lstatSync(n === '.' || n === '..' ? normalizePath(n, path) : joinPath(path, n))] as const);
    if (f.has('t')) stats.sort((a, b) => b[1].mtimeMs - a[1].mtimeMs);
    if (f.has('S')) stats.sort((a, b) => b[1].size - a[1].size);
    if (f.has('r')) stats.reverse();
    if (header) await out(p, `${files.length > 0 || dirs.indexOf(t) > 0 ? '\n' : ''}${t}:\n`);
    if (long) await out(p, `total ${stats.reduce((n, [, s]) => n + Math.ceil(s.size / 1024), 0)}\n`);
    if (stats.length > 0) await out(p, stats.map(([n, s]) => fmt(n, joinPath(path, n), s)).join('\n') + '\n');
    if (f.has('R')) for (const [n, s] of stats) if (s.type === 'dir' && n !== '.' && n !== '..') await show(t === '.' ? n : `${t}/${n}`, true);
  };
  for (const d of dirs) await show(d, dirs.length > 1 || files.length > 0 || f.has('R'));
  return status;
};

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return (v < 10 ? v.toFixed(1) : Math.round(v).toString()) + units[u];
}
