// What the docker CLI talks to: its output streams (a terminal or not), its
// input, and its size — the browser's xterm, or a test's buffers.

/** The files the CLI sees (the page's workspace): for build contexts, cp, save -o, load -i. */
export interface WorkspaceFs {
  statSync(path: string): { type: 'file' | 'dir' | 'symlink'; mode: number; size: number; mtimeMs: number };
  lstatSync(path: string): { type: 'file' | 'dir' | 'symlink'; mode: number; size: number; mtimeMs: number };
  readdirSync(path: string): string[];
  readFileSync(path: string): Uint8Array;
  readlinkSync(path: string): string;
  writeFileSync(path: string, data: Uint8Array | string): void;
}

export interface CliIO {
  /** The workspace and the directory commands run in ('/' by default). */
  files?: WorkspaceFs;
  cwd?: string;
  /** The caller's environment (what compose interpolates ${VARS} from). */
  env?: ReadonlyMap<string, string>;
  stdout(data: string | Uint8Array): void;
  stderr(data: string | Uint8Array): void;
  /** Input from the user (keys at a terminal, piped bytes); null at its end. */
  readStdin?(): Promise<Uint8Array | null>;
  /** Whether stdout/stdin are a terminal (`-t` needs one). */
  isTTY: boolean;
  /**
   * Resolves when the user interrupts (^C, SIGINT): the CLI then ends with
   * 130 as docker does (streams and attached connections closed), except
   * `run`/`start -a`/`attach` without a tty, which forward it to the
   * container (--sig-proxy).
   */
  interrupt?: Promise<void>;
  /** Puts the terminal in raw mode (keys straight to a container's tty) or back; `-it` does. */
  setRawMode?(raw: boolean): void;
  columns?: number;
  rows?: number;
  /**
   * Whether the engine answers at a daemon address (-H, DOCKER_HOST), e.g.
   * `unix:///var/run/docker.sock` on the host machine; elsewhere the CLI
   * finds no daemon. Unset: the engine is wherever the CLI is pointed.
   */
  engineAt?(host: string): boolean;
}

/** All of stdin, to its end (nothing when the CLI has none): `docker build -`, `docker cp - c:/dir`. */
export async function readAllStdin(io: CliIO): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for (let chunk = await io.readStdin?.(); chunk; chunk = await io.readStdin?.()) { parts.push(chunk); n += chunk.length; }
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Runs `fn` with the terminal in raw mode when `raw` (docker -it), restoring it after. */
export async function withRawTerminal<T>(io: CliIO, raw: boolean, fn: () => Promise<T>): Promise<T> {
  if (!raw || !io.setRawMode) return fn();
  io.setRawMode(true);
  try {
    return await fn();
  } finally {
    io.setRawMode(false);
  }
}
