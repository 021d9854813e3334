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

describe('bind mounts of the workspace', () => {
  it('docker run -v ./site:/usr/share/site:ro sees the editor\'s files; writes back need rw', async () => {
    const { MemoryFs } = await import('./fs/memory.ts');
    const workspace = new MemoryFs({ now: () => 0 });
    workspace.mkdirSync('/work/site', { recursive: true });
    workspace.writeFileSync('/work/site/index.html', '<h1>hola</h1>\n');
    const d = await Daemon.create({ hostFs: workspace });
    let out = '';
    let err = '';
    const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
    const io: CliIO = { isTTY: false, stdout: (s) => { out += text(s); }, stderr: (s) => { err += text(s); }, files: workspace, cwd: '/work' };
    const client = inProcessClient(d);
    expect(await docker(['run', '--rm', '-v', './site:/usr/share/site:ro', 'busybox', 'sh', '-c', 'cat /usr/share/site/index.html; echo x > /usr/share/site/new'], client, io)).toBe(1);
    expect(out).toBe('<h1>hola</h1>\n');
    expect(err).toBe("sh: can't create /usr/share/site/new: Read-only file system\n");
    out = '';
    expect(await docker(['run', '--rm', '-v', '/work/site:/data', 'busybox', 'sh', '-c', 'echo from the container > /data/made.txt'], client, io)).toBe(0);
    expect(new TextDecoder().decode(workspace.readFileSync('/work/site/made.txt'))).toBe('from the container\n');
  });

  it('without a workspace, host-path binds are refused plainly', async () => {
    const d = await Daemon.create();
    let err = '';
    const code = await docker(['run', '--rm', '-v', '/etc:/x', 'busybox', 'true'], inProcessClient(d), { isTTY: false, stdout: () => {}, stderr: (s) => { err += String(s); } });
    expect(code).toBe(125);
    expect(err).toBe("docker: Error response from daemon: bind mounts of host paths are not available here (/etc): use a named volume\n\nRun 'docker run --help' for more information\n");
  });
});
