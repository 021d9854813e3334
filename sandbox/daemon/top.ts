// docker top's table: dockerd runs the host's ps with the client's ps_args
// (`-ef` by default) and keeps the rows of the container's processes. Here
// the table is built from our kernel's tasks in the formats people pass:
// -ef (the default), aux, and -o with procps's format keywords. Other
// arguments fail as ps would, and a format without a PID column fails as
// dockerd does.
import type { Task } from '../kernel/task.ts';
import { ContainerError } from './errors.ts';

export interface TopTable { Titles: string[]; Processes: string[][] }

interface Column { title: string; value(t: Task, now: number): string }

const hms = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const user = (t: Task): string => (t.creds.uid === 0 ? 'root' : String(t.creds.uid));
const hhmm = (t: Task): string => new Date(t.startedAt).toISOString().slice(11, 16);
const mmss = (ms: number): string => { const s = Math.floor(ms / 1000); return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`; };
const kb = (t: Task): string => String(Math.round(t.memory / 1024));
const cmd = (t: Task): string => t.argv.join(' ');

/** procps's format keywords (the common ones) and their headers. */
const KEYWORDS = new Map<string, Column>([
  ['pid', { title: 'PID', value: (t) => String(t.pid) }],
  ['ppid', { title: 'PPID', value: (t) => String(t.parent?.pid ?? 0) }],
  ['user', { title: 'USER', value: user }], ['uid', { title: 'UID', value: (t) => String(t.creds.uid) }],
  ['comm', { title: 'COMMAND', value: (t) => t.comm }],
  ['args', { title: 'COMMAND', value: cmd }], ['command', { title: 'COMMAND', value: cmd }], ['cmd', { title: 'CMD', value: cmd }],
  ['time', { title: 'TIME', value: (t) => hms(t.cpuMs) }], ['etime', { title: 'ELAPSED', value: (t, now) => mmss(now - t.startedAt) }],
  ['stat', { title: 'STAT', value: (t) => (t.state === 'zombie' ? 'Z' : 'S') }],
  ['rss', { title: 'RSS', value: kb }], ['vsz', { title: 'VSZ', value: kb }],
  ['%cpu', { title: '%CPU', value: () => '0.0' }], ['pcpu', { title: '%CPU', value: () => '0.0' }],
  ['%mem', { title: '%MEM', value: () => '0.0' }], ['pmem', { title: '%MEM', value: () => '0.0' }],
  ['tty', { title: 'TT', value: () => '?' }], ['stime', { title: 'STIME', value: hhmm }],
]);

const EF: Column[] = [
  { title: 'UID', value: user }, KEYWORDS.get('pid')!, KEYWORDS.get('ppid')!, { title: 'C', value: () => '0' },
  { title: 'STIME', value: hhmm }, { title: 'TTY', value: () => '?' }, KEYWORDS.get('time')!, { title: 'CMD', value: cmd },
];
const AUX: Column[] = [
  { title: 'USER', value: user }, KEYWORDS.get('pid')!, { title: '%CPU', value: () => '0.0' }, { title: '%MEM', value: () => '0.0' },
  { title: 'VSZ', value: kb }, { title: 'RSS', value: kb }, { title: 'TTY', value: () => '?' }, KEYWORDS.get('stat')!,
  { title: 'START', value: hhmm }, { title: 'TIME', value: (t) => mmss(t.cpuMs).replace(/^0/, '') }, { title: 'COMMAND', value: cmd },
];

function columnsOf(psArgs: string): Column[] {
  const words = psArgs.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return EF;
  if (words.every((w) => /^-[ef]+$/.test(w) || w === '-A')) return EF;
  if (words.length === 1 && /^-?[auxwe]+$/.test(words[0]!) && words[0]!.replace('-', '').includes('u')) return AUX;
  const cols: Column[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-e' || w === '-A' || w === '-f' || w === 'ax' || w === '-ax') continue;
    const spec = w === '-o' || w === 'o' ? words[++i] : w.startsWith('-o') ? w.slice(2) : null;
    if (spec === null || spec === undefined) throw new ContainerError(`Error running ps: exit status 1: error: unsupported option (BSD syntax)`, 500);
    for (const key of spec.split(',')) {
      const [name = '', header] = key.split('=');
      const col = KEYWORDS.get(name.toLowerCase());
      if (!col) throw new ContainerError(`Error running ps: exit status 1: error: unknown user-defined format specifier "${name}"`, 500);
      cols.push(header !== undefined ? { ...col, title: header } : col);
    }
  }
  return cols.length > 0 ? cols : EF;
}

/** The container's processes as `ps <psArgs>` would list them. */
export function topTable(tasks: Task[], psArgs: string, now: number): TopTable {
  const cols = columnsOf(psArgs);
  if (!cols.some((c) => c.title === 'PID')) throw new ContainerError(`Couldn't find PID field in ps output`, 500);
  return { Titles: cols.map((c) => c.title), Processes: tasks.map((t) => cols.map((c) => c.value(t, now))) };
}
