// For curl's tests: `sh -c` in a busybox root with /usr/bin/curl, on a
// loopback network where a scripted HTTP server answers on 127.0.0.1:8080,
// in virtual time (curl's retry waits and timeouts take no real time).
import { programBinary } from '../../fs/executable.ts';
import { OverlayFs } from '../../fs/overlay.ts';
import { Cgroup } from '../../kernel/cgroup.ts';
import { hostClock, type Clock } from '../../kernel/clock.ts';
import { FdTable, NullFile, SinkFile } from '../../kernel/fd.ts';
import { Kernel } from '../../kernel/kernel.ts';
import type { Program } from '../../kernel/process.ts';
import { NetworkFabric } from '../../net/fabric.ts';
import { Userland } from '../registry.ts';
import { busyboxRoot } from '../testing/run.ts';

const host = hostClock();
const macrotask = (): Promise<void> => host.yieldToHost();

/** Time that moves only when every process waits: then the earliest timer fires. */
class VirtualClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Set<{ due: number; seq: number; fire: () => void }>();
  now(): number { return this.t; }
  wallNow(): number { return Date.UTC(2026, 2, 2, 10) + this.t; }
  sleep(ms: number): { promise: Promise<void>; cancel(): void } {
    let timer!: { due: number; seq: number; fire: () => void };
    const promise = new Promise<void>((resolve) => { timer = { due: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve }; });
    this.timers.add(timer);
    return { promise, cancel: () => { this.timers.delete(timer); timer.fire(); } };
  }
  yieldToHost(): Promise<void> { return macrotask(); }
  /** Fires the earliest timer; false when there is none. */
  fireNext(): boolean {
    let next: { due: number; seq: number; fire: () => void } | null = null;
    for (const x of this.timers) if (!next || x.due < next.due || (x.due === next.due && x.seq < next.seq)) next = x;
    if (!next) return false;
    this.timers.delete(next);
    this.t = Math.max(this.t, next.due);
    next.fire();
    return true;
  }
}

/** One answer of the scripted server: a status (and headers, body); `hang` to accept and never answer; `stallAfter` to send that many body bytes and no more. */
export interface Reply { status?: number; headers?: string[]; body?: string; hang?: boolean; stallAfter?: number }

export interface CurlRun {
  out: string;
  err: string;
  code: number;
  /** The requests the server got: request line, headers, body. */
  requests: string[];
  /** Virtual milliseconds the script took. */
  elapsed: number;
}

const REASONS = new Map([[200, 'OK'], [404, 'Not Found'], [408, 'Request Timeout'], [429, 'Too Many Requests'], [500, 'Internal Server Error'], [502, 'Bad Gateway'], [503, 'Service Unavailable'], [504, 'Gateway Timeout']]);

/** Answers connection N with replies[N] (the last one once they run out). */
function scriptedServer(replies: Reply[], requests: string[]): Program {
  const dec = new TextDecoder();
  return async (p) => {
    const l = p.listen('127.0.0.1', 8080);
    for (let n = 0; ; n++) {
      const fd = await p.accept(l);
      let req = '';
      while (!req.includes('\r\n\r\n')) { const c = await p.read(fd); if (!c) break; req += dec.decode(c); }
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(req)?.[1] ?? 0);
      while (req.length - req.indexOf('\r\n\r\n') - 4 < length) { const c = await p.read(fd); if (!c) break; req += dec.decode(c); }
      requests.push(req);
      const r = replies[Math.min(n, replies.length - 1)]!;
      if (r.hang) continue;
      const body = r.body ?? '';
      const status = r.status ?? 200;
      const head = [`HTTP/1.1 ${status} ${REASONS.get(status) ?? 'Status'}`, ...(r.headers ?? []), `Content-Length: ${body.length}`, '', ''].join('\r\n');
      await p.write(fd, head + body.slice(0, r.stallAfter ?? body.length));
      if (r.stallAfter === undefined) p.close(fd);
    }
  };
}

/** Runs `sh -c script` with the server up; resolves when the shell exits. */
export async function curlRun(script: string, replies: Reply[] = [{ status: 200, body: 'ok\n' }], env: Record<string, string> = {}): Promise<CurlRun> {
  const clock = new VirtualClock();
  const kernel = new Kernel({ clock });
  const fabric = new NetworkFabric(() => Math.random().toString(16).slice(2), () => clock.wallNow());
  const root = busyboxRoot();
  root.writeFileSync('/usr/bin/curl', programBinary('curl', 250_000), { mode: 0o755 });
  const fs = new OverlayFs(root.root);
  const cgroup = new Cgroup('/docker/curl', kernel.rootCgroup, {});
  const requests: string[] = [];
  const sink = (into: { s: string }): SinkFile => { const d = new TextDecoder(); return new SinkFile((b) => { into.s += d.decode(b, { stream: true }); }); };
  const base = { env: new Map([['PATH', '/usr/bin:/bin'], ...Object.entries(env)]), cwd: '/tmp', creds: { uid: 0, gid: 0, groups: [] }, fs, cgroup, uts: { hostname: 'c0ffee123456' }, parent: null, netns: fabric.host };
  const quiet = new FdTable();
  quiet.set(0, new NullFile()); quiet.set(1, new NullFile()); quiet.set(2, new NullFile());
  const server = kernel.spawn({ ...base, program: scriptedServer(replies, requests), argv: ['server'], fds: quiet, newPidns: true });
  for (let i = 0; i < 20; i++) await macrotask();
  const out = { s: '' };
  const err = { s: '' };
  const fds = new FdTable();
  fds.set(0, new NullFile()); fds.set(1, sink(out)); fds.set(2, sink(err));
  const task = kernel.spawn({ ...base, program: new Userland().sh, argv: ['/bin/sh', '-c', script], fds, newPidns: true });
  let code: number | null = null;
  void kernel.waitExit(task).then((s) => { code = s.code; });
  // Timers fire only when the processes are idle; with none due, real time passes (a program's module still loading).
  for (let idle = 0; code === null; ) {
    for (let i = 0; i < 50 && code === null; i++) await macrotask();
    if (code !== null) break;
    await host.sleep(1).promise;
    for (let i = 0; i < 50 && code === null; i++) await macrotask();
    if (code !== null || clock.fireNext()) continue;
    if (++idle > 2000) throw new Error(`the script never finished: ${out.s}${err.s}`);
  }
  kernel.kill(server, 9);
  return { out: out.s, err: err.s, code: code!, requests, elapsed: clock.now() };
}
