// The optional real Node.js: when the host installs a runner (the page's
// WebContainer, online and cross-origin isolated), `node` in a container
// runs there instead of on QuickJS. The process still lives in our kernel —
// ps shows it, signals and `docker kill` reach it, its output goes to the
// container's log — but its files are a copy of the container's working
// directory (and the script's), and what it does inside the runner (memory,
// CPU, sockets) is not governed by the container's limits or networks. The
// page says so when the mode is switched on.
import type { Process } from '../../kernel/process.ts';
import { Interrupted, Killed } from '../../kernel/task.ts';
import { normalizePath } from '../../fs/path.ts';
import { SIGNALS } from '../../kernel/signals.ts';

export interface RealNodeFile { path: string; data: Uint8Array; mode: number }

export interface RealNodeSpec {
  argv: string[];
  env: Array<[string, string]>;
  cwd: string;
  /** The container's files the process may need (its working directory, its script's directory). */
  files: RealNodeFile[];
}

export interface RealNodeProcess {
  /** Output as the runner produces it (a WebContainer merges stdout and stderr: stream 1). */
  onOutput(fn: (stream: 1 | 2, data: Uint8Array) => void): void;
  write(data: Uint8Array): void;
  closeStdin(): void;
  kill(signal: number): void;
  readonly exit: Promise<number>;
}

export type RealNodeRunner = (spec: RealNodeSpec) => Promise<RealNodeProcess>;

let runner: RealNodeRunner | null = null;

/** Installs (or with null removes) the host's real Node.js. */
export function setRealNode(r: RealNodeRunner | null): void {
  runner = r;
}

export function realNodeRunner(): RealNodeRunner | null {
  return runner;
}

const MAX_FILES = 5000;
const MAX_BYTES = 32 * 1024 * 1024;
const SKIP = new Set(['/proc', '/sys', '/dev']);

/** The files under `roots`, bounded. */
function collect(p: Process, roots: string[]): RealNodeFile[] {
  const out: RealNodeFile[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  const walk = (dir: string): void => {
    if (SKIP.has(dir) || seen.has(dir)) return;
    seen.add(dir);
    let names: string[];
    try { names = p.fs.readdirSync(dir); } catch { return; }
    for (const name of names) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      let st;
      try { st = p.fs.statSync(path); } catch { continue; }
      if (st.type === 'dir') { walk(path); continue; }
      if (st.type !== 'file' || seen.has(path)) continue;
      seen.add(path);
      if (out.length >= MAX_FILES || bytes + st.size > MAX_BYTES) throw new Error(`real Node.js: ${dir} holds more than ${MAX_FILES} files or ${MAX_BYTES / 1024 / 1024} MB to copy`);
      const data = p.fs.readFileSync(path);
      bytes += data.length;
      out.push({ path, data, mode: st.mode });
    }
  };
  for (const r of roots) walk(r);
  return out;
}

/** Runs `node …` in the host's real Node.js, as a process of ours. */
export async function runRealNode(p: Process, run: RealNodeRunner): Promise<number> {
  const script = p.argv.slice(1).find((a) => !a.startsWith('-'));
  const roots = new Set<string>();
  if (p.cwd !== '/') roots.add(p.cwd);
  if (script) {
    const abs = normalizePath(script, p.cwd);
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    if (dir !== '/' && ![...roots].some((r) => dir === r || dir.startsWith(`${r}/`))) roots.add(dir);
    else if (dir === '/') roots.add(abs);
  }
  let files: RealNodeFile[];
  try {
    files = [...roots].flatMap((r) => {
      try { return p.fs.statSync(r).type === 'file' ? [{ path: r, data: p.fs.readFileSync(r), mode: p.fs.statSync(r).mode }] : collect(p, [r]); } catch { return []; }
    });
  } catch (e) {
    await p.write(2, `node: ${(e as Error).message}\n`);
    return 1;
  }
  const proc = await p.wait(run({ argv: p.argv, env: [...p.env], cwd: p.cwd, files }));
  const writes: Promise<unknown>[] = [];
  proc.onOutput((stream, data) => { writes.push(p.write(stream, data).catch(() => {})); });
  // Our stdin goes to it until our end of file.
  void (async () => {
    try {
      for (let chunk = await p.read(0); chunk; chunk = await p.read(0)) proc.write(chunk);
      proc.closeStdin();
    } catch { /* the process ended */ }
  })();
  for (const sig of [SIGNALS.SIGINT, SIGNALS.SIGTERM, SIGNALS.SIGHUP, SIGNALS.SIGQUIT, SIGNALS.SIGUSR1, SIGNALS.SIGUSR2]) p.setDisposition(sig, 'catch');
  for (;;) {
    try {
      const code = await p.wait(proc.exit, true);
      await Promise.all(writes);
      return code;
    } catch (e) {
      if (e instanceof Interrupted) { for (const sig of p.takeSignals()) proc.kill(sig); continue; }
      if (e instanceof Killed) { proc.kill(SIGNALS.SIGKILL); throw e; }
      await Promise.all(writes);
      await p.write(2, `node: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
}
