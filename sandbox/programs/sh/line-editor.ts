// The interactive shell's line editor (busybox's "lineedit"): the terminal
// in raw mode, the line redrawn as keys arrive — arrows and Home/End, ^A ^E
// ^B ^F, Backspace/Delete, ^U ^K ^W, history with Up/Down, Tab completion,
// ^C to drop the line, ^D at an empty line for end of input, ^L to clear.
import type { Process } from '../../kernel/process.ts';
import type { Tty } from '../../kernel/tty.ts';

const enc = new TextEncoder();
const MAX_HISTORY = 1000;
const MAX_LINE = 16 * 1024;

/**
 * Candidates for the word before the cursor: `before` is the line up to the
 * cursor, `word` its last word, `first` whether that word is the command.
 */
export type Completer = (before: string, word: string, first: boolean) => string[] | Promise<string[]>;

export class LineEditor {
  readonly history: string[] = [];
  /** The last readLine ended with ^C (the shell then sets $? to 130, as ash does). */
  interrupted = false;

  constructor(private readonly p: Process, private readonly tty: Tty, private readonly complete: Completer) {}

  private out(s: string): void {
    this.tty.write(enc.encode(s));
  }

  /** Reads one line; null at end of input (^D on an empty line, hang-up). '' after ^C. */
  async readLine(prompt: string): Promise<string | null> {
    this.interrupted = false;
    const saved = { ...this.tty.termios };
    // Raw: keys one by one, no echo, and ^C as a key (the editor drops the line).
    this.tty.termios = { ...saved, icanon: false, echo: false, isig: false };
    const pending: number[] = [];
    try {
      return await this.edit(prompt, pending);
    } finally {
      this.tty.termios = saved;
      // Typeahead after the line stays for whoever reads next (the command, or the next prompt).
      this.tty.unread(pending);
    }
  }

  private async edit(prompt: string, pending: number[]): Promise<string | null> {
    let line: string[] = [];
    let cursor = 0;
    let hist = this.history.length;
    let draft: string[] = [];
    const redraw = (): void => {
      const tail = line.length - cursor;
      this.out(`\r${prompt}${line.join('')}\x1b[K${tail > 0 ? `\x1b[${tail}D` : ''}`);
    };
    this.out(prompt);
    const next = async (): Promise<number | null> => {
      while (pending.length === 0) {
        const bytes = await this.p.read(0, 256);
        if (!bytes) return null;
        pending.push(...bytes);
      }
      return pending.shift()!;
    };
    for (;;) {
      const b = await next();
      if (b === null) return line.length > 0 ? line.join('') : null;
      switch (b) {
        case 0x0d: case 0x0a: {
          this.out('\n');
          const text = line.join('');
          if (text.trim() && this.history[this.history.length - 1] !== text) {
            this.history.push(text);
            if (this.history.length > MAX_HISTORY) this.history.shift();
          }
          return text;
        }
        case 0x03: this.out('^C\n'); this.interrupted = true; return '';
        case 0x04:
          if (line.length === 0) { this.out('\n'); return null; }
          if (cursor < line.length) { line.splice(cursor, 1); redraw(); }
          continue;
        case 0x7f: case 0x08:
          if (cursor > 0) { line.splice(--cursor, 1); redraw(); }
          continue;
        case 0x01: cursor = 0; redraw(); continue;
        case 0x05: cursor = line.length; redraw(); continue;
        case 0x02: if (cursor > 0) { cursor--; redraw(); } continue;
        case 0x06: if (cursor < line.length) { cursor++; redraw(); } continue;
        case 0x0b: line = line.slice(0, cursor); redraw(); continue;
        case 0x15: line = line.slice(cursor); cursor = 0; redraw(); continue;
        case 0x17: {
          let start = cursor;
          while (start > 0 && line[start - 1] === ' ') start--;
          while (start > 0 && line[start - 1] !== ' ') start--;
          line.splice(start, cursor - start);
          cursor = start;
          redraw();
          continue;
        }
        case 0x0c: this.out('\x1b[H\x1b[2J'); redraw(); continue;
        case 0x09: {
          const before = line.slice(0, cursor).join('');
          const word = /[^\s]*$/.exec(before)![0];
          const first = before.trim() === word;
          const matches = await this.complete(before, word, first);
          if (matches.length === 1) {
            const add = matches[0]!.slice(word.length) + (matches[0]!.endsWith('/') ? '' : ' ');
            line.splice(cursor, 0, ...add);
            cursor += add.length;
            redraw();
          } else if (matches.length > 1) {
            let common = matches[0]!;
            for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
            if (common.length > word.length) {
              const add = common.slice(word.length);
              line.splice(cursor, 0, ...add);
              cursor += add.length;
              redraw();
            } else {
              this.out(`\n${matches.join('  ')}\n`);
              redraw();
            }
          }
          continue;
        }
        case 0x1b: {
          const c1 = await next();
          if (c1 !== 0x5b && c1 !== 0x4f) continue;
          let c2 = await next();
          let param = '';
          while (c2 !== null && c2 >= 0x30 && c2 <= 0x39) { param += String.fromCharCode(c2); c2 = await next(); }
          switch (c2) {
            case 0x41: // up
              if (hist > 0) { if (hist === this.history.length) draft = line; hist--; line = [...this.history[hist]!]; cursor = line.length; redraw(); }
              break;
            case 0x42: // down
              if (hist < this.history.length) { hist++; line = hist === this.history.length ? draft : [...this.history[hist]!]; cursor = line.length; redraw(); }
              break;
            case 0x43: if (cursor < line.length) { cursor++; redraw(); } break;
            case 0x44: if (cursor > 0) { cursor--; redraw(); } break;
            case 0x48: cursor = 0; redraw(); break;
            case 0x46: cursor = line.length; redraw(); break;
            case 0x7e:
              if (param === '3' && cursor < line.length) { line.splice(cursor, 1); redraw(); }
              if (param === '1' || param === '7') { cursor = 0; redraw(); }
              if (param === '4' || param === '8') { cursor = line.length; redraw(); }
              break;
          }
          continue;
        }
        default: {
          if (b < 0x20 || line.length >= MAX_LINE) continue;
          let ch = String.fromCharCode(b);
          if (b >= 0xc0) {
            // A UTF-8 sequence: gather its continuation bytes, insert one character.
            const n = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
            const seq = [b];
            for (let k = 0; k < n; k++) { const c = await next(); if (c === null) break; seq.push(c); }
            ch = new TextDecoder().decode(new Uint8Array(seq));
          } else if (b >= 0x80) continue;
          line.splice(cursor++, 0, ch);
          if (cursor === line.length) this.out(ch);
          else redraw();
        }
      }
    }
  }
}
