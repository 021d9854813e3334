// ps [-o FIELDS]: the processes of this PID namespace, read from /proc the
// way busybox does (PID USER TIME COMMAND by default). -o takes busybox's
// fields (pid ppid pgid user group comm args time etime vsz rss stat), with
// `field=HEADER` to rename a column.
import type { Process, Program } from '../../kernel/process.ts';
import { nameOf } from './info-lib.ts';
import { out } from './lib.ts';

interface ProcInfo {
  pid: number;
  stat: string[];
  status: string;
  cmdline: string;
  uptime: number;
}

type Field = { header: string; width: number; left?: boolean; value: (i: ProcInfo, p: Process) => string };

const clockTime = (secs: number): string => `${String(Math.floor(secs / 60)).padStart(2)}:${String(secs % 60).padStart(2, '0')}`;

const FIELDS: Record<string, Field> = {
  pid: { header: 'PID', width: 5, value: (i) => String(i.pid) },
  ppid: { header: 'PPID', width: 5, value: (i) => i.stat[3] ?? '0' },
  pgid: { header: 'PGID', width: 5, value: (i) => i.stat[4] ?? '0' },
  user: { header: 'USER', width: 8, left: true, value: (i, p) => idName(p, '/etc/passwd', i.status, 'Uid') },
  group: { header: 'GROUP', width: 8, left: true, value: (i, p) => idName(p, '/etc/group', i.status, 'Gid') },
  comm: { header: 'COMMAND', width: 16, left: true, value: (i) => /Name:\t(.*)/.exec(i.status)?.[1] ?? '' },
  args: { header: 'COMMAND', width: 0, left: true, value: (i) => i.cmdline || `[${/Name:\t(.*)/.exec(i.status)?.[1] ?? ''}]` },
  time: { header: 'TIME', width: 5, value: (i) => clockTime(Math.floor(Number(i.stat[13] ?? 0) / 100)) },
  etime: { header: 'ELAPSED', width: 7, value: (i) => clockTime(Math.max(0, Math.floor(i.uptime - Number(i.stat[21] ?? 0) / 100))) },
  vsz: { header: 'VSZ', width: 4, value: (i) => kb(Math.floor(Number(i.stat[22] ?? 0) / 1024)) },
  rss: { header: 'RSS', width: 4, value: (i) => kb(Number(i.stat[23] ?? 0) * 4) },
  stat: { header: 'STAT', width: 4, left: true, value: (i) => i.stat[2] ?? 'R' },
};
FIELDS.command = FIELDS.args!;
FIELDS.cmd = FIELDS.args!;

/** Kilobytes in 4 columns, as busybox shows them: 9384, then 37m. */
const kb = (n: number): string => (n > 9999 ? `${Math.round(n / 1024)}m` : String(n));

function idName(p: Process, file: string, status: string, key: string): string {
  const id = Number(new RegExp(`${key}:\\t(\\d+)`).exec(status)?.[1] ?? 0);
  return (nameOf(p, file, id) ?? String(id)).slice(0, 8);
}

const dec = new TextDecoder();

export const ps: Program = async (p) => {
  const args = p.argv.slice(1);
  const columns: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o') {
      const spec = args[++i];
      if (spec === undefined) { await p.write(2, 'ps: option requires an argument -- o\n'); return 1; }
      for (const item of spec.split(',')) {
        const eq = item.indexOf('=');
        const name = eq < 0 ? item : item.slice(0, eq);
        const f = FIELDS[name];
        if (!f) { await p.write(2, `ps: bad -o argument '${name}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,time,vsz,rss,stat\n`); return 1; }
        columns.push(eq < 0 ? f : { ...f, header: item.slice(eq + 1), width: item.length - eq - 1 });
      }
    } else if (/^-[AefTwl]+$/.test(a) || a === 'aux' || a === 'ax') {
      // busybox accepts and ignores these (it always lists every process).
    } else {
      await p.write(2, `ps: unrecognized option: ${a.replace(/^-/, '')}\nBusyBox v1.37.0 multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n`);
      return 1;
    }
  }
  const defaults = [FIELDS.pid!, FIELDS.user!, FIELDS.time!, FIELDS.args!];
  const cols = columns.length ? columns : defaults;
  let pids: number[];
  try {
    pids = p.fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  } catch {
    pids = [];
  }
  let uptime = 0;
  try { uptime = Number(dec.decode(p.fs.readFileSync('/proc/uptime')).split(' ')[0]); } catch { /* no /proc */ }
  const cell = (f: Field, v: string, last: boolean): string => (last && f.left ? v : f.left ? v.padEnd(f.width) : v.padStart(f.width));
  const line = (vals: string[]): string => vals.map((v, k) => cell(cols[k]!, v, k === cols.length - 1)).join(' ').trimEnd();
  // Headers are left-aligned in their column.
  const header = cols.map((c, k) => (k === cols.length - 1 ? c.header : c.header.padEnd(c.width))).join(' ').trimEnd();
  const rows = [columns.length ? header : 'PID   USER     TIME  COMMAND'];
  for (const pid of pids) {
    try {
      const info: ProcInfo = {
        pid, uptime,
        status: dec.decode(p.fs.readFileSync(`/proc/${pid}/status`)),
        stat: dec.decode(p.fs.readFileSync(`/proc/${pid}/stat`)).replace(/\(.*\)/, (m) => m.replace(/ /g, '_')).split(' '),
        cmdline: dec.decode(p.fs.readFileSync(`/proc/${pid}/cmdline`)).split('\0').filter(Boolean).join(' '),
      };
      rows.push(line(cols.map((c) => c.value(info, p))));
    } catch { /* exited meanwhile */ }
  }
  await out(p, rows.join('\n') + '\n');
  return 0;
};
