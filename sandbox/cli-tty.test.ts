// The in-browser CLI at a terminal: `docker run -it` and `docker exec -it`
// forward keys to the container's tty (its line discipline echoes and
// edits) and end with the container's status; `-t` without a terminal is
// refused as docker refuses it.
import { describe, expect, it } from 'vitest';
import { docker, inProcessClient, type CliIO } from './index.ts';
import { Daemon } from './daemon/daemon.ts';

/** A terminal whose keys are typed once the output shows `waitFor`. */
function terminal(script: Array<[waitFor: string, keys: string]>): { io: CliIO; output: () => string } {
  let out = '';
  const dec = new TextDecoder();
  const queue = [...script];
  let wake: (() => void) | null = null;
  const io: CliIO = {
    isTTY: true, columns: 80, rows: 24,
    stdout: (s) => { out += typeof s === 'string' ? s : dec.decode(s); wake?.(); },
    stderr: (s) => { out += typeof s === 'string' ? s : dec.decode(s); wake?.(); },
    readStdin: async () => {
      const next = queue.shift();
      if (!next) return new Promise<null>(() => {});
      while (!out.includes(next[0])) await new Promise<void>((r) => { wake = r; });
      return new TextEncoder().encode(next[1]);
    },
  };
  return { io, output: () => out };
}

describe('docker run -it and exec -it in the page\'s terminal', () => {
  it('an interactive shell: prompt, echo, output, exit status', async () => {
    const d = await Daemon.create();
    const t = terminal([['/ # ', 'echo hola $((40+2))\r'], ['hola 42\r\n/ # ', 'exit 3\r']]);
    const code = await docker(['run', '-it', '--rm', 'busybox', 'sh'], inProcessClient(d), t.io);
    expect(t.output()).toContain('/ # echo hola $((40+2))\r\nhola 42\r\n/ # exit 3\r\n');
    expect(code).toBe(3);
  });

  it('exec -it into a running container', async () => {
    const d = await Daemon.create();
    const client = inProcessClient(d);
    const quiet: CliIO = { isTTY: false, stdout: () => {}, stderr: () => {} };
    expect(await docker(['run', '-d', '--name', 'box', 'busybox', 'sleep', '100'], client, quiet)).toBe(0);
    const t = terminal([['/ # ', 'hostname | wc -c\r'], ['13\r\n/ # ', 'exit\r']]);
    expect(await docker(['exec', '-it', 'box', 'sh'], client, t.io)).toBe(0);
    expect(t.output()).toContain('/ # hostname | wc -c\r\n13\r\n/ # exit\r\n');
  });

  it('-t needs a terminal', async () => {
    const d = await Daemon.create();
    let err = '';
    const code = await docker(['run', '-t', 'busybox', 'true'], inProcessClient(d), { isTTY: false, stdout: () => {}, stderr: (s) => { err += String(s); } });
    expect([code, err]).toEqual([1, 'the input device is not a TTY\n']);
  });
});
