// Test helpers for the userland: a small busybox root filesystem, and a way
// to run `sh -c` in it on a fresh kernel and collect what it printed.
import { programBinary } from '../../fs/executable.ts';
import { MemoryFs } from '../../fs/memory.ts';
import { OverlayFs } from '../../fs/overlay.ts';
import { Cgroup, type CgroupLimits } from '../../kernel/cgroup.ts';
import { FdTable, NullFile, PipeReadEnd, SinkFile } from '../../kernel/fd.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { Pipe } from '../../kernel/pipe.ts';
import type { Task } from '../../kernel/task.ts';
import { APPLETS } from '../applets/index.ts';
import { Userland } from '../registry.ts';

/** A root filesystem like busybox's image: /bin/busybox, applet links, users, /tmp. */
export function busyboxRoot(): MemoryFs {
  const fs = new MemoryFs({ now: () => 0 });
  for (const d of ['/bin', '/etc', '/tmp', '/root', '/home/app', '/usr/bin', '/var']) fs.mkdirSync(d, { recursive: true });
  fs.chmodSync('/tmp', 0o1777);
  fs.chmodSync('/root', 0o700);
  fs.writeFileSync('/bin/busybox', programBinary('busybox', 1_000_000), { mode: 0o755 });
  for (const name of ['sh', 'ash', ...APPLETS.keys()]) fs.symlinkSync('busybox', `/bin/${name}`);
  fs.writeFileSync('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  fs.writeFileSync('/etc/group', 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
  fs.chownSync('/home/app', 1000, 1000);
  return fs;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  signal: number | null;
  task: Task;
  kernel: Kernel;
  cgroup: Cgroup;
  fs: OverlayFs;
}

export interface RunOptions {
  uid?: number;
  gid?: number;
  stdin?: string;
  limits?: Partial<CgroupLimits>;
  env?: Record<string, string>;
  cwd?: string;
  argv?: string[];
  /** Called once the process is running (to send signals…). */
  started?: (task: Task, kernel: Kernel) => void;
}

/** Runs `sh -c script` as PID 1 of a new namespace, like a container's command. */
export async function runSh(script: string, opts: RunOptions = {}): Promise<RunResult> {
  const kernel = new Kernel();
  const cgroup = new Cgroup('/docker/test', kernel.rootCgroup, opts.limits ?? {});
  const fs = new OverlayFs(busyboxRoot().root);
  let stdout = '';
  let stderr = '';
  const dec = [new TextDecoder(), new TextDecoder()];
  const fds = new FdTable();
  if (opts.stdin !== undefined) {
    const pipe = new Pipe(Math.max(65536, opts.stdin.length));
    pipe.writers++;
    void pipe.write(new TextEncoder().encode(opts.stdin), (x) => x).then(() => pipe.closeWrite());
    fds.set(0, new PipeReadEnd(pipe));
  } else {
    fds.set(0, new NullFile());
  }
  fds.set(1, new SinkFile((d) => { stdout += dec[0]!.decode(d, { stream: true }); }));
  fds.set(2, new SinkFile((d) => { stderr += dec[1]!.decode(d, { stream: true }); }));
  const userland = new Userland();
  const task = kernel.spawn({
    program: userland.sh,
    argv: opts.argv ?? ['/bin/sh', '-c', script],
    env: new Map(Object.entries({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', ...opts.env })),
    cwd: opts.cwd ?? '/',
    creds: { uid: opts.uid ?? 0, gid: opts.gid ?? opts.uid ?? 0, groups: [] },
    fs, fds, cgroup, uts: { hostname: 'c0ffee123456' }, parent: null, newPidns: true,
  });
  opts.started?.(task, kernel);
  const status = await kernel.waitExit(task);
  return { stdout, stderr, code: status.code, signal: status.signal, task, kernel, cgroup, fs };
}

/** `runSh`'s result as one string: stdout, then `[stderr]…` and `[exit N]` when there are any — what the table-driven tests compare. */
export async function shTranscript(script: string, opts: RunOptions = {}): Promise<string> {
  const r = await runSh(script, opts);
  return r.stdout + (r.stderr ? `[stderr]${r.stderr}` : '') + (r.code !== 0 ? `[exit ${r.code}]` : '');
}
