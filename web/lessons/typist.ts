// Click-to-run: typing command lines into the page's host terminal as a
// student would — each line once the shell's prompt is back, so the student
// sees every command and its output appear in the terminal. A line the
// student had half typed at the prompt is cleared first (^E ^U); while a
// program runs (no prompt at the end of the screen), the typist waits for
// it, as a student would. The prompt is recognised as the lessons' runner
// does (lessons/kit/runner.ts): `student@playground:<dir>$ ` at the end.
import type { TerminalTap } from '../engine/connection.ts';

/** Escape sequences the line editor draws with (CSI …, OSC …). */
const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;
/** The prompt on the last line (after any output that did not end its line: `printf hi`). */
const PROMPT_LINE = /^.*student@playground:[^$]*\$ (.*)$/;

/**
 * Whether the screen's end (`tail`) shows the host prompt, and what is typed
 * after it: null while something else is on the last line (a program runs).
 * @example promptState('…\r\nstudent@playground:~$ ') // { typed: '' }
 */
export function promptState(tail: string): { typed: string } | null {
  const clean = tail.replace(ESCAPES, '');
  const last = clean.slice(Math.max(clean.lastIndexOf('\n'), clean.lastIndexOf('\r')) + 1);
  const m = PROMPT_LINE.exec(last);
  return m ? { typed: m[1]! } : null;
}

/** A run block's lines as they are typed: trimmed, blank lines skipped (as lesson:check reads them). */
export const linesOf = (code: string): string[] => code.split('\n').map((l) => l.trim()).filter(Boolean);

export class TypingStopped extends Error {
  override name = 'TypingStopped';
  constructor(message = 'stopped') { super(message); }
}

export interface TypeOptions {
  signal?: AbortSignal;
  /** Give up waiting for a prompt after this long (ms); no limit by default (the student may press Ctrl+C). */
  timeoutMs?: number;
}

/** Resolves once `ready()` holds, checking at each output and every 200 ms. */
function until(term: TerminalTap, ready: () => boolean, what: string, opts: TypeOptions): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const done = (e?: Error): void => {
      stop();
      clearInterval(timer);
      opts.signal?.removeEventListener('abort', abort);
      if (e) reject(e); else resolve();
    };
    const check = (): void => {
      if (ready()) done();
      else if (!term.open) done(new Error('the terminal\'s shell has ended: press Enter in the terminal for a new one'));
      else if (opts.timeoutMs !== undefined && Date.now() - start > opts.timeoutMs) done(new Error(`the prompt did not come back within ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}`));
    };
    const abort = (): void => done(new TypingStopped());
    const stop = term.onOutput(() => queueMicrotask(check));
    const timer = setInterval(check, 200);
    opts.signal?.addEventListener('abort', abort);
    if (opts.signal?.aborted) abort();
  });
}

/**
 * Types `line` at the prompt of `term` and resolves when the prompt is back
 * (the command has finished). Waits first for the prompt if a program runs.
 * @example await typeLine(engine.hostTerminal()!, 'docker ps');
 */
export async function typeLine(term: TerminalTap, line: string, opts: TypeOptions = {}): Promise<void> {
  if (/[\r\n]/.test(line)) throw new Error('one line at a time');
  await until(term, () => promptState(term.tail) !== null, 'the prompt', opts);
  if (promptState(term.tail)!.typed !== '') {
    // The student's half-typed line goes, as Ctrl+E Ctrl+U would take it.
    term.input('\x05\x15');
    await until(term, () => promptState(term.tail)?.typed === '', 'the line to clear', opts);
  }
  let seen = '';
  let entered = false;
  const stop = term.onOutput((text) => {
    seen += text;
    // Our line echoed, then the Enter's new line (the line editor redraws with \r as keys arrive).
    // Output that was on its way before (a command the student had just entered) comes first and is passed over.
    if (!entered) {
      const clean = seen.replace(ESCAPES, '');
      const at = clean.lastIndexOf(line);
      entered = at >= 0 && clean.includes('\n', at + line.length);
      if (entered) seen = clean.slice(at + line.length);
    }
    seen = seen.slice(-4096);
  });
  try {
    term.input(`${line}\r`);
    // A fresh, empty prompt after it: the command has run.
    await until(term, () => entered && promptState(seen)?.typed === '', `"${line}"`, opts);
  } finally {
    stop();
  }
}
