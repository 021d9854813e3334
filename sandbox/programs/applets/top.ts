// top [-b] [-n COUNT] [-d SEC]: busybox's process table from /proc —
// memory, load and each process's share of CPU since the last refresh.
// On a terminal it repaints until q or ^C; -b prints plain snapshots.
import type { Process, Program } from '../../kernel/process.ts';
import { Interrupted } from '../../kernel/task.ts';
import { SIGINT } from '../../kernel/signals.ts';
import type { Termios } from '../../kernel/tty.ts';
import { nameOf } from './info-lib.ts';
import { err, out } from './lib.ts';

const dec = new TextDecoder();

interface Sample { pid: number; ppid: number; user: string; state: string; vszKb: number; ticks: number; cmd: string }

function read(p: Process, path: string): string {
  try { return dec.decode(p.fs.readFileSync(path)); } catch { return ''; }
}

function sample(p: Process): Sample[] {
  let pids: number[] = [];
  try { pids = p.fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number); } catch { /* no /proc */ }
  const rows: Sample[] = [];
  for (const pid of pids) {
    const stat = read(p, `/proc/${pid}/stat`).replace(/\(.*\)/, (m) => m.replace(/ /g, '_')).split(' ');
    if (stat.length < 23) continue;
    const status = read(p, `/proc/${pid}/status`);
    const uid = Number(/Uid:\t(\d+)/.exec(status)?.[1] ?? 0);
    const cmd = read(p, `/proc/${pid}/cmdline`).split('\0').filter(Boolean).join(' ') || `[${/Name:\t(.*)/.exec(status)?.[1] ?? ''}]`;
    rows.push({
      pid, ppid: Number(stat[3]), user: (nameOf(p, '/etc/passwd', uid) ?? String(uid)).slice(0, 8), state: stat[2] ?? 'S',
      vszKb: Math.floor(Number(stat[22]) / 1024), ticks: Number(stat[13]) + Number(stat[14] ?? 0), cmd,
    });
  }
  return rows;
}

const vsz = (kb: number): string => (kb >= 100000 ? `${Math.round(kb / 1024)}m` : String(kb));

function screen(p: Process, rows: Sample[], previous: Map<number, number>, elapsedTicks: number, width: number): string {
  const mem = read(p, '/proc/meminfo');
  const field = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(mem)?.[1] ?? 0);
  const total = field('MemTotal');
  const free = field('MemFree');
  const load = read(p, '/proc/loadavg').trim();
  const cpu = new Map(rows.map((r) => [r.pid, elapsedTicks > 0 ? Math.round(((r.ticks - (previous.get(r.pid) ?? r.ticks)) / elapsedTicks) * 100) : 0]));
  const busy = Math.min(100, [...cpu.values()].reduce((a, b) => a + b, 0));
  const sorted = [...rows].sort((a, b) => cpu.get(b.pid)! - cpu.get(a.pid)! || b.pid - a.pid);
  const lines = [
    `Mem: ${total - free}K used, ${free}K free, 0K shrd, 0K buff, 0K cached`,
    `CPU: ${String(busy).padStart(3)}% usr   0% sys   0% nic ${String(100 - busy).padStart(3)}% idle   0% io   0% irq   0% sirq`,
    `Load average: ${load}`,
    '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND',
    ...sorted.map((r) => {
      const pvsz = total ? Math.round((r.vszKb / total) * 100) : 0;
      return `${String(r.pid).padStart(5)} ${String(r.ppid).padStart(5)} ${r.user.padEnd(8)} ${r.state.padEnd(4)} ${vsz(r.vszKb).padStart(5)} ${String(pvsz).padStart(3)}% ${String(cpu.get(r.pid)).padStart(3)}% ${r.cmd}`.slice(0, width);
    }),
  ];
  return lines.map((l) => l + '\n').join('');
}

export const top: Program = async (p) => {
  const argv = p.argv.slice(1);
  let batch = false;
  let count = Infinity;
  let delay = 5;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-b') batch = true;
    else if (a === '-n' || a === '-d') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) { await err(p, `invalid number '${argv[i] ?? ''}'`); return 1; }
      if (a === '-n') count = v; else delay = v;
    } else if (/^-n\d+$/.test(a)) count = Number(a.slice(2));
    else if (/^-d\d+$/.test(a)) delay = Number(a.slice(2));
    else { await err(p, `unrecognized option '${a}'`); return 1; }
  }
  const tty = batch ? null : p.tty(0) ?? p.tty(1);
  const width = tty ? tty.size.cols : 1024;
  let quit = false;
  let saved: Termios | null = null;
  if (tty) {
    saved = { ...tty.termios };
    tty.termios = { ...tty.termios, icanon: false, echo: false };
    // Keys while we show: q quits.
    void (async () => {
      try {
        for (;;) {
          const k = await p.read(0, 16);
          if (!k || k.includes(0x71) || k.includes(0x03)) { quit = true; break; }
        }
      } catch { /* exiting */ }
    })();
  }
  p.setDisposition(SIGINT, 'catch');
  let previous = new Map<number, number>();
  let lastTime = p.now();
  try {
    for (let n = 0; n < count && !quit; n++) {
      const rows = sample(p);
      const now = p.now();
      const text = screen(p, rows, previous, n === 0 ? 0 : ((now - lastTime) / 1000) * 100, width);
      previous = new Map(rows.map((r) => [r.pid, r.ticks]));
      lastTime = now;
      await out(p, tty ? `\x1b[H\x1b[J${text}` : batch ? text + (count > 1 ? '\n' : '') : text);
      if (n + 1 < count) {
        const until = p.now() + delay * 1000;
        while (!quit && p.now() < until) await p.sleep(Math.min(100, until - p.now()));
      }
    }
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
  } finally {
    if (tty && saved) tty.termios = saved;
  }
  return 0;
};
