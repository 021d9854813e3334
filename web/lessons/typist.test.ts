// Click-to-run typing against the real host shell (its line editor redraws
// the line as keys arrive): a line is typed once the prompt is there and
// done once a fresh prompt is back; a half-typed line is cleared first; a
// running program is waited for; output without a final new line still
// gives the prompt back; stopping and an ended shell are said.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, HostMachine, inProcessClient, MemoryFs, type HostTerminal } from '../../sandbox/index.ts';
import type { TerminalTap } from '../engine/connection.ts';
import { linesOf, promptState, typeLine, TypingStopped } from './typist.ts';

function tapOf(t: HostTerminal): TerminalTap & { screen: () => string } {
  const listeners = new Set<(text: string) => void>();
  let screen = '';
  const tap = {
    tail: '', open: true,
    input: (d: string) => t.input(d),
    onOutput: (fn: (text: string) => void) => { listeners.add(fn); return () => { listeners.delete(fn); }; },
    screen: () => screen,
  };
  const dec = new TextDecoder();
  t.onOutput((d) => { const text = dec.decode(d, { stream: true }); screen += text; tap.tail = (tap.tail + text).slice(-4096); for (const fn of listeners) fn(text); });
  void t.exited.then(() => { tap.open = false; });
  return tap;
}

/** What the student typed has shown on the screen (its echo). */
async function shown(tap: { screen(): string }, text: string): Promise<void> {
  for (let i = 0; i < 200 && !tap.screen().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
}

let term: HostTerminal | null = null;
afterEach(() => { term?.close(); term = null; });

async function shell() {
  const fs = new MemoryFs();
  const host = new HostMachine({ client: inProcessClient(await createEngine({ hostFs: fs })), fs });
  term = host.openTerminal({ cols: 100, rows: 30 });
  const tap = tapOf(term);
  const commands: string[] = [];
  host.onCommand((l) => commands.push(l));
  return { tap, commands };
}

describe('typing at the host terminal', () => {
  it('reads the prompt at the end of the screen', () => {
    expect(promptState('hola\r\nstudent@playground:~$ ')).toEqual({ typed: '' });
    expect(promptState('\rstudent@playground:~/app$ docker p\x1b[K')).toEqual({ typed: 'docker p' });
    expect(promptState('hi' + 'student@playground:~$ ')).toEqual({ typed: '' });
    expect(promptState('student@playground:~$ sleep 5\r\n')).toBeNull();
    expect(linesOf('docker ps\n\n  docker ps -a  \n')).toEqual(['docker ps', 'docker ps -a']);
  });

  it('types each line once the prompt is back, as the student would', async () => {
    const { tap, commands } = await shell();
    await typeLine(tap, 'echo uno');
    await typeLine(tap, 'printf sin-salto');
    await typeLine(tap, 'echo dos');
    expect(commands).toEqual(['echo uno', 'printf sin-salto', 'echo dos']);
    expect(tap.screen()).toContain('uno\r\n');
    expect(tap.screen()).toContain('sin-salto');
  });

  it('clears a half-typed line and waits for a running program', async () => {
    const { tap, commands } = await shell();
    await typeLine(tap, 'true');
    tap.input('echo a medias');
    await shown(tap, 'a medias');
    await typeLine(tap, 'echo limpio');
    tap.input('sleep 1\r');
    await shown(tap, 'sleep 1\r\n');
    const t0 = Date.now();
    await typeLine(tap, 'echo despues');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(commands).toEqual(['true', 'echo limpio', 'sleep 1', 'echo despues']);
  });

  it('stops when asked, and says when the shell has ended', async () => {
    const { tap } = await shell();
    await typeLine(tap, 'true');
    tap.input('sleep 30\r');
    await shown(tap, 'sleep 30\r\n');
    const stop = new AbortController();
    const typing = typeLine(tap, 'echo nunca', { signal: stop.signal });
    stop.abort();
    await expect(typing).rejects.toBeInstanceOf(TypingStopped);
    await expect(typeLine(tap, 'echo tarde', { timeoutMs: 300 })).rejects.toThrow('did not come back within');
    tap.input('\x03');
    await typeLine(tap, 'exit').catch(() => {});
    await expect(typeLine(tap, 'echo nadie')).rejects.toThrow('shell has ended');
  });
});
