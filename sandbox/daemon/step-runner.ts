// Runs a build step's command in a throw-away container: an overlay on the
// image's root, the step's user, working directory and environment. The
// command executes through the stand-in shell (programs/standin) until the
// process model exists; this interface is the final one.
import { OverlayFs } from '../fs/overlay.ts';
import { normalizePath } from '../fs/path.ts';
import type { RunStepRequest, RunStepResult } from '../builder/backend.ts';
import { runProgram } from '../programs/standin/sh.ts';
import { resolveUser } from './users.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class ContainerStartError extends Error {
  override name = 'ContainerStartError';
}

const OCI_PREFIX = 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

/** Finds argv[0] the way runc's exec does. */
function lookPath(fs: OverlayFs, cmd: string, path: string, cwd: string): string {
  if (cmd.includes('/')) {
    const abs = normalizePath(cmd, cwd);
    if (!fs.existsSync(abs)) throw new ContainerStartError(`${OCI_PREFIX}exec: "${cmd}": stat ${cmd}: no such file or directory: unknown`);
    return abs;
  }
  for (const dir of path.split(':')) {
    const candidate = normalizePath(`${dir}/${cmd}`);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new ContainerStartError(`${OCI_PREFIX}exec: "${cmd}": executable file not found in $PATH: unknown`);
}

export async function runBuildStep(req: RunStepRequest, now: () => number): Promise<RunStepResult> {
  const fs = new OverlayFs(req.rootfs, { now });
  let creds;
  try {
    creds = resolveUser(fs, req.user);
  } catch (e) {
    throw new ContainerStartError(`${OCI_PREFIX}${(e as Error).message}: unknown`);
  }
  const env = new Map<string, string>();
  for (const kv of req.env) {
    const eq = kv.indexOf('=');
    env.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
  }
  if (!env.has('PATH')) env.set('PATH', DEFAULT_PATH);
  env.set('HOSTNAME', req.containerId.slice(0, 12));
  if (!env.has('HOME')) env.set('HOME', creds.home);
  const cwd = normalizePath(req.workdir || '/');
  fs.mkdirSync(cwd, { recursive: true });
  const argv = [...req.argv];
  if (argv.length === 0) throw new ContainerStartError(`${OCI_PREFIX}exec: no command: unknown`);
  lookPath(fs, argv[0]!, env.get('PATH')!, cwd);
  const encoder = new TextEncoder();
  const exitCode = await runProgram(argv, {
    fs, env, cwd, uid: creds.uid, gid: creds.gid,
    stdout: (d) => req.onStdout(typeof d === 'string' ? encoder.encode(d) : d),
    stderr: (d) => req.onStderr(typeof d === 'string' ? encoder.encode(d) : d),
  });
  return { exitCode, changes: fs.upper };
}
