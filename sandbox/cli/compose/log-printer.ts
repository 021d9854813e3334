// Compose's log consumer: every line a service's container writes, behind
// its name padded to the longest (`web-1  | hello`), each container in its
// own colour at a terminal; and status lines (`web-1 exited with code 0`).
import type { CliIO } from '../io.ts';

/** Compose's rainbow: cyan, yellow, green, magenta, blue, then their intense forms. */
const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];
const MAX_PARTIAL = 64 * 1024;

interface Presenter { color: (s: string) => string; partial: [string, string] }

export class LogPrinter {
  private readonly presenters = new Map<string, Presenter>();
  private width = 0;
  private readonly dec = new TextDecoder();

  constructor(private readonly io: CliIO, private readonly prefix = true) {}

  /** Adds a container to the display (the prefix width follows the longest name). */
  register(name: string): void {
    if (this.presenters.has(name)) return;
    const code = RAINBOW[this.presenters.size % RAINBOW.length]!;
    const color = this.io.isTTY ? (s: string): string => `\x1b[${code}m${s}\x1b[0m` : (s: string): string => s;
    this.presenters.set(name, { color, partial: ['', ''] });
    this.width = Math.max(this.width, name.length + 1);
  }

  /** Bytes from a container's stdout (1) or stderr (2); whole lines are printed. */
  write(name: string, stream: 1 | 2, data: Uint8Array): void {
    this.register(name);
    const p = this.presenters.get(name)!;
    const i = stream - 1;
    let text = p.partial[i]! + this.dec.decode(data, { stream: true });
    const lines = text.split('\n');
    text = lines.pop()!;
    p.partial[i] = text.length > MAX_PARTIAL ? '' : text;
    if (text.length > MAX_PARTIAL) lines.push(text);
    for (const line of lines) this.line(name, stream, line.replace(/\r$/, ''));
  }

  /** Prints what is left of an unfinished line (the container has ended). */
  flush(name: string): void {
    const p = this.presenters.get(name);
    if (!p) return;
    for (const i of [0, 1] as const) {
      if (p.partial[i]) this.line(name, (i + 1) as 1 | 2, p.partial[i]!);
      p.partial[i] = '';
    }
  }

  private line(name: string, stream: 1 | 2, line: string): void {
    const p = this.presenters.get(name)!;
    const out = this.prefix ? `${p.color(`${name.padEnd(this.width)} | `)}${line}\n` : `${line}\n`;
    if (stream === 2) this.io.stderr(out);
    else this.io.stdout(out);
  }

  /** `web-1 exited with code 0`, in the container's colour. */
  status(name: string, message: string): void {
    this.register(name);
    this.io.stdout(this.presenters.get(name)!.color(`${this.io.isTTY ? '\r\x1b[K' : ''}${name} ${message}\n`));
  }
}
