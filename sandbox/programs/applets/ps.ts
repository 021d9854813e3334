// ps [-o FIELDS]: the processes of this PID namespace, read from /proc the
// way busybox does (PID USER TIME COMMAND).
import type { Program } from '../../kernel/process.ts';
import { nameOf } from './info-lib.ts';
import { out } from './lib.ts';

export const ps: Program = async (p) => {
  let pids: number[];
  try {
    pids = p.fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  } catch {
    pids = [];
  }
  const rows = ['PID   USER     TIME  COMMAND'];
  for (const pid of pids) {
    try {
      const status = new TextDecoder().decode(p.fs.readFileSync(`/proc/${pid}/status`));
      const stat = new TextDecoder().decode(p.fs.readFileSync(`/proc/${pid}/stat`)).split(' ');
      const cmdline = new TextDecoder().decode(p.fs.readFileSync(`/proc/${pid}/cmdline`)).split('\0').filter(Boolean).join(' ');
      const uid = Number(/Uid:\t(\d+)/.exec(status)?.[1] ?? 0);
      const user = (nameOf(p, '/etc/passwd', uid) ?? String(uid)).slice(0, 8);
      const secs = Math.floor(Number(stat[13] ?? 0) / 100);
      const name = /Name:\t(.*)/.exec(status)?.[1] ?? '';
      rows.push(`${String(pid).padStart(5)} ${user.padEnd(8)} ${String(Math.floor(secs / 60)).padStart(2)}:${String(secs % 60).padStart(2, '0')} ${cmdline || `[${name}]`}`);
    } catch { /* exited meanwhile */ }
  }
  await out(p, rows.join('\n') + '\n');
  return 0;
};
