// Exec routes: create an exec instance in a running container, start it
// attached (a hijacked connection: output out, stdin in, exit code kept for
// inspect) or detached, resize its terminal, inspect it.
import type { HijackedConnection } from '../../api/types.ts';
import type { Container } from '../../daemon/container.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import { ExecOptions, ExecStartOptions } from '../api-structs.ts';
import type { GoValue } from '../go-json.ts';
import { ApiError, jsonBody, queryAtoi, type Router } from '../router.ts';
import { muxFrame } from './containers.ts';

type ExecConfig = GoValue<typeof ExecOptions>;

interface ExecInstance {
  id: string;
  container: Container;
  config: ExecConfig;
  running: boolean;
  exitCode: number | null;
  pid: number;
  resize: ((rows: number, cols: number) => void) | null;
}

function newExecId(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function execRoutes(r: Router, d: Daemon): void {
  const execs = new Map<string, ExecInstance>();
  const find = (id: string): ExecInstance => {
    const e = execs.get(id) ?? [...execs.values()].find((x) => x.id.startsWith(id));
    if (!e) throw new ApiError(404, `No such exec instance: ${id}`);
    return e;
  };

  r.add('POST', '/containers/{id}/exec', (req, p) => {
    // dockerd reads and checks the request before it looks for the container.
    const config = jsonBody(req, ExecOptions);
    if (!config.Cmd || config.Cmd.length === 0) throw new ApiError(400, 'No exec command specified');
    const c = d.containers.get(p.get('id')!);
    if (!c.state.Running) throw new ApiError(409, `container ${c.id} is not running`);
    if (c.state.Paused) throw new ApiError(409, `container ${c.id} is paused, unpause the container before exec`);
    const e: ExecInstance = { id: newExecId(), container: c, config, running: false, exitCode: null, pid: 0, resize: null };
    execs.set(e.id, e);
    return { status: 201, json: { Id: e.id } };
  });

  r.add('POST', '/exec/{id}/start', (req, p) => {
    const body = jsonBody(req, ExecStartOptions);
    const e = find(p.get('id')!);
    if (e.running || e.exitCode !== null) throw new ApiError(409, `exec ${e.id} has already been started`);
    const tty = body.Tty ?? e.config.Tty ?? false;
    const start = (onOut: (stream: 'stdout' | 'stderr', data: Uint8Array) => void): ReturnType<Container['exec']> => {
      const run = e.container.exec(d.kernel, d.userland, e.config.Cmd!, {
        ...(e.config.User && { user: e.config.User }), ...(e.config.Env && { env: e.config.Env }),
        ...(e.config.WorkingDir && { workdir: e.config.WorkingDir }), tty, openStdin: e.config.AttachStdin ?? false,
        onStdout: (data) => onOut('stdout', data), onStderr: (data) => onOut('stderr', data),
      });
      e.running = true;
      e.pid = run.task.pid;
      e.resize = (rows, cols) => run.stdio.resize({ rows, cols });
      void run.done.then((code) => { e.running = false; e.exitCode = code; });
      return run;
    };
    if (body.Detach) {
      try {
        start(() => {});
      } catch (err) {
        throw new ApiError(409, (err as Error).message);
      }
      return { status: 200, body: '' };
    }
    return {
      status: 101,
      headers: { 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream', Connection: 'Upgrade', Upgrade: 'tcp' },
      hijack: (conn) => attachExec(e, conn, tty, start),
    };
  });

  r.add('POST', '/exec/{id}/resize', (req, p) => {
    const rows = queryAtoi(req, 'h');
    const cols = queryAtoi(req, 'w');
    const e = find(p.get('id')!);
    // 16-bit sizes, as a terminal's struct winsize holds them.
    e.resize?.(rows & 0xffff, cols & 0xffff);
    return { status: 201, body: '' };
  });

  r.add('GET', '/exec/{id}/json', (_req, p) => {
    const e = find(p.get('id')!);
    const [entrypoint = '', ...args] = e.config.Cmd ?? [];
    return {
      status: 200,
      json: {
        CanRemove: false, ContainerID: e.container.id, DetachKeys: e.config.DetachKeys ?? '', ExitCode: e.exitCode, ID: e.id,
        OpenStderr: e.config.AttachStderr ?? false, OpenStdin: e.config.AttachStdin ?? false, OpenStdout: e.config.AttachStdout ?? false,
        ProcessConfig: { arguments: args, entrypoint, privileged: e.config.Privileged ?? false, tty: e.config.Tty ?? false, ...(e.config.User && { user: e.config.User }) },
        Running: e.running, Pid: e.pid,
      },
    };
  });
}

async function attachExec(e: ExecInstance, conn: HijackedConnection, tty: boolean, start: (onOut: (s: 'stdout' | 'stderr', d: Uint8Array) => void) => ReturnType<Container['exec']>): Promise<void> {
  const writes: Promise<void>[] = [];
  let run: ReturnType<Container['exec']>;
  try {
    run = start((stream, data) => {
      if ((stream === 'stdout' && e.config.AttachStdout === false) || (stream === 'stderr' && e.config.AttachStderr === false)) return;
      writes.push(conn.write(tty ? data : muxFrame(stream, data)).catch(() => {}));
    });
  } catch (err) {
    // Docker reports a command that cannot start in the stream, and its code on inspect.
    const message = `OCI runtime exec failed: exec failed: ${(err as Error).message.replace(/^failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: /, '')}\r\n`;
    e.exitCode = (err as { exitCode?: number }).exitCode ?? 126;
    await conn.write(tty ? new TextEncoder().encode(message) : muxFrame('stdout', new TextEncoder().encode(message))).catch(() => {});
    conn.close();
    return;
  }
  if (e.config.AttachStdin) {
    void (async () => {
      for (;;) {
        const chunk = await conn.read();
        if (chunk === null) { run.stdio.closeInput(); break; }
        run.stdio.input(chunk);
      }
    })().catch(() => {});
  }
  try {
    await Promise.race([run.done, conn.closed]);
    await run.done.catch(() => {});
  } finally {
    await Promise.all(writes);
    conn.close();
  }
}
