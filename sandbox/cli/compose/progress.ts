// Compose's progress display: at a terminal, the `[+] Running 2/2` block
// redrawn in place with a ✔ and a timer per resource; elsewhere, one plain
// line per event (` Container demo-web-1 Started `), as Compose's tty and
// plain writers print them.
import type { CliIO } from '../io.ts';

export type Status = 'working' | 'done' | 'error';

interface Task { id: string; text: string; status: Status; start: number; end: number | null }

const GREEN = (s: string): string => `\x1b[32m${s}\x1b[0m`;
const RED = (s: string): string => `\x1b[31m${s}\x1b[0m`;
const BLUE = (s: string): string => `\x1b[34m${s}\x1b[0m`;

export class Progress {
  private readonly tasks = new Map<string, Task>();
  private drawn = 0;
  private readonly tty: boolean;
  private finished = false;

  /**
   * `operation`: Running, Stopping… (the block's title at a terminal).
   * `hideStart`: at a terminal, Starting/Started are not shown (an attached
   * `up`, whose containers' output follows), as Compose's tty writer does.
   */
  constructor(private readonly io: CliIO, private readonly operation: string, private readonly clock: () => number = () => performance.now(), private readonly hideStart = false) {
    this.tty = io.isTTY;
  }

  /** The block is complete: later events print one line each (the containers' logs may follow). */
  done(): void {
    this.finished = true;
  }

  /** `id` is `Container demo-web-1`, `Network demo_default`…; `text` is Creating, Created, Started… */
  event(id: string, text: string, status: Status): void {
    if (this.tty && this.hideStart && (text === 'Starting' || text === 'Started')) return;
    if (this.tty && this.finished) {
      const color = status === 'done' ? GREEN : status === 'error' ? RED : (x: string): string => x;
      this.io.stdout(`${id} ${color(text)} \n`);
      return;
    }
    const now = this.clock();
    const t = this.tasks.get(id);
    if (t) {
      if (t.status === 'working' && status !== 'working') t.end = now;
      if (status === 'working' && t.status !== 'working') { t.start = now; t.end = null; }
      t.text = text;
      t.status = status;
    } else {
      this.tasks.set(id, { id, text, status, start: now, end: status === 'working' ? null : now });
    }
    if (this.tty) this.draw();
    else this.io.stdout(` ${id} ${text} \n`);
  }

  private draw(): void {
    const width = this.io.columns ?? 80;
    const tasks = [...this.tasks.values()];
    const done = tasks.filter((t) => t.status !== 'working').length;
    const idWidth = Math.max(...tasks.map((t) => t.id.length));
    let out = this.drawn > 0 ? `\x1b[?25l\x1b[${this.drawn}A\r` : '\x1b[?25l';
    out += `[+] ${this.operation} ${done}/${tasks.length}\x1b[K\n`;
    for (const t of tasks) {
      const mark = t.status === 'done' ? GREEN('✔') : t.status === 'error' ? RED('✘') : '⠿';
      const color = t.status === 'done' ? GREEN : t.status === 'error' ? RED : (s: string): string => s;
      const left = ` ${mark} ${t.id} ${' '.repeat(idWidth - t.id.length)}${color(t.text)} `;
      const timer = `${(((t.end ?? this.clock()) - t.start) / 1000).toFixed(1)}s `;
      const visible = 1 + 1 + 1 + t.id.length + 1 + (idWidth - t.id.length) + t.text.length + 1;
      out += `${left}${' '.repeat(Math.max(0, width - visible - timer.length))}${BLUE(timer)}\n`;
    }
    this.drawn = tasks.length + 1;
    this.io.stdout(`${out}\x1b[?25h`);
  }
}
