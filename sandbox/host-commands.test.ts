// The host's command history as an event: HostMachine.onCommand reports each
// command line the student runs at an interactive shell (whole, as entered),
// which is what lessons grade "the commands you ran" from.
import { describe, expect, it } from 'vitest';
import { createEngine, HostMachine, inProcessClient, MemoryFs, type HostTerminal } from './index.ts';

const PROMPT = 'student@playground:~$ ';

function screenOf(t: HostTerminal): { waitFor: (text: string, from?: number) => Promise<number> } {
  let screen = '';
  let wake: (() => void) | null = null;
  const dec = new TextDecoder();
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  return {
    async waitFor(text, from = 0) {
      for (;;) {
        const at = screen.indexOf(text, from);
        if (at >= 0) return at + text.length;
        await new Promise<void>((r) => { wake = r; });
      }
    },
  };
}

describe('HostMachine.onCommand', () => {
  it('reports the lines run at the prompt — whole multi-line commands, not blank lines, ^C-dropped lines or scripts', async () => {
    const fs = new MemoryFs();
    const host = new HostMachine({ client: inProcessClient(await createEngine({ hostFs: fs })), fs });
    const ran: string[] = [];
    const stop = host.onCommand((line) => ran.push(line));
    const t = host.openTerminal();
    const s = screenOf(t);
    let at = await s.waitFor(PROMPT);
    t.input('docker ps -a\r');
    at = await s.waitFor(PROMPT, at);
    t.input('   \r');
    at = await s.waitFor(PROMPT, at);
    t.input('for i in 1 2; do\r');
    at = await s.waitFor('> ', at);
    t.input('echo $i; done\r');
    at = await s.waitFor(PROMPT, at);
    t.input('echo dropped\x03');
    at = await s.waitFor(PROMPT, at);
    t.input("sh -c 'echo inner'\r");
    at = await s.waitFor(PROMPT, at);
    expect(ran).toEqual(['docker ps -a', 'for i in 1 2; do\necho $i; done', "sh -c 'echo inner'"]);
    stop();
    t.input('echo after\r');
    await s.waitFor(PROMPT, at);
    expect(ran).toHaveLength(3);
  });
});
