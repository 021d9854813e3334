// The docker CLI as a program of the host: `docker …` typed at the
// student's shell runs sandbox/cli with the process's terminal, files and
// working directory, talking to the engine only through the Engine API
// client — as /usr/bin/docker talks to dockerd over its socket (the one
// -H and DOCKER_HOST may name; other addresses find no daemon). ^C (SIGINT)
// reaches the CLI as CliIO.interrupt; `-it` puts the host terminal in raw
// mode so keys go to the container's own terminal. The CLI's code loads on
// first use (the host's prompt does not need it): loadDockerCli().
import type { EngineClient } from '../client/client.ts';
import type { CliIO } from '../cli/io.ts';
import type { Program } from '../kernel/process.ts';
import { SIGNALS } from '../kernel/signals.ts';
import { Interrupted } from '../kernel/task.ts';
import type { ArgCompleter } from '../programs/sh/interp.ts';
import { DOCKER_SOCKET } from './docker-socket.ts';

type CliModule = typeof import('../cli/main.ts');
/** The CLI's module once loaded: docker then starts without waiting a turn. */
let loadedCli: CliModule | null = null;

/**
 * The docker CLI's code (import() loads it once). A host that shows its
 * prompt first may call this when idle, so the first command typed does not
 * wait for it.
 */
export async function loadDockerCli(): Promise<CliModule> {
  return (loadedCli ??= await import('../cli/main.ts'));
}

/** `docker` for the host's userland: the CLI over `client`. */
export function dockerProgram(client: EngineClient, now: () => number): Program {
  return async (p) => {
    let done = false;
    let caught = 0;
    let resolveInterrupt = (): void => {};
    const interrupt = new Promise<void>((r) => { resolveInterrupt = r; });
    // Writes keep their order; the process's own write waits for a slow reader.
    let writes: Promise<unknown> = Promise.resolve();
    const write = (fd: number, d: string | Uint8Array): void => {
      if (done) return;
      writes = writes.then(() => p.write(fd, d)).catch(() => { /* reader gone (EPIPE): the CLI carries on as docker does */ });
    };
    const stdinTty = p.tty(0);
    const stdoutTty = p.tty(1);
    const io: CliIO = {
      files: p.fs,
      cwd: p.cwd,
      env: p.env,
      isTTY: stdinTty !== null && stdoutTty !== null,
      columns: stdoutTty?.size.cols,
      rows: stdoutTty?.size.rows,
      stdout: (d) => write(1, d),
      stderr: (d) => write(2, d),
      // Once the CLI has ended, a read it left pending ends too (the keys stay for the shell).
      readStdin: async () => (done ? null : p.read(0).catch(() => null)),
      interrupt,
      // dockerd answers on its socket only (-H unix:///var/run/docker.sock, or /run/docker.sock): nothing listens on TCP here.
      engineAt: (host) => {
        const m = /^unix:\/\/(\/.*)$/.exec(host);
        if (!m) return false;
        try { return p.fs.realpathSync(m[1]!) === DOCKER_SOCKET.real; } catch { return false; }
      },
      setRawMode: (raw) => {
        if (!stdinTty) return;
        stdinTty.termios = raw
          ? { ...stdinTty.termios, icanon: false, echo: false, isig: false, onlcr: false }
          : { ...stdinTty.termios, icanon: true, echo: true, isig: true, onlcr: true };
      },
    };
    for (const sig of CAUGHT) p.setDisposition(sig, 'catch');
    // A signal while the code loads reaches the CLI as its interrupt, as one just after it started would.
    const cli = loadedCli ? loadedCli.docker(p.argv.slice(1), client, io, now) : loadDockerCli().then(({ docker }) => docker(p.argv.slice(1), client, io, now));
    try {
      // Signals arrive while the CLI runs: the first is its interrupt (streams close, status 128+n).
      for (;;) {
        try {
          await p.waitAny(cli, null);
          break;
        } catch (e) {
          if (!(e instanceof Interrupted)) throw e;
          const sig = p.takeSignals()[0];
          if (sig !== undefined && caught === 0) { caught = sig; resolveInterrupt(); }
        }
      }
      const status = await cli;
      await writes;
      return status === 130 && caught ? 128 + caught : status;
    } finally {
      done = true;
    }
  };
}

const CAUGHT = [SIGNALS.SIGINT, SIGNALS.SIGTERM, SIGNALS.SIGHUP];

/** Tab completion for `docker …` at the host's shell. */
export function dockerCompleter(client: EngineClient): ArgCompleter {
  return async (words) => (await import('../cli/completion.ts')).completeDocker(words, client);
}
