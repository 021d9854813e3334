// The host side of a `node` process: one QuickJS runtime (its own WASM
// instance, so one guest's heap is never another's) bound to one Process.
//
// The guest code (lib/*.js) calls __host(op, …) for everything it needs
// from the system; this file answers those calls. The event loop is ours:
// run the main module, then repeatedly run promise jobs and nextTick
// callbacks, and wait — for the next timer, a signal or I/O — until nothing
// keeps the process alive. Between guest turns the process settles its CPU
// time (cpu.max throttles it) and its QuickJS heap is charged to the cgroup:
// the guest's malloc limit is what memory.max leaves, so a program that
// outgrows it is killed by the OOM killer like any other process (137).
//
// Limitation, said plainly: a guest stuck in a loop that never returns to
// the host (`while (true) {}`) is not preempted while it spins in this
// thread; it is charged, and killed, when it next comes back.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { KERNEL, ONLINE_CPUS } from '../../kernel/procfs.ts';
import type { Process } from '../../kernel/process.ts';
import { SIGNALS } from '../../kernel/signals.ts';
import { Interrupted, Killed } from '../../kernel/task.ts';
import { accountFields, nameOf } from '../applets/info-lib.ts';
import { HostFs, sourceLine, UvError } from './host-fs.ts';
import { LIB_BUILTINS, LIB_MODULES } from './lib.gen.ts';
import { resolveModule } from './resolve.ts';
import { NetHost } from './host-net.ts';
import { OutputQueue } from './output-queue.ts';
import { SysError } from '../../kernel/errno.ts';

export const NODE_VERSION = 'v22.14.0';
const VERSIONS = {
  node: '22.14.0', acorn: '8.14.0', ada: '2.9.2', ares: '1.34.4', brotli: '1.1.0', cjs_module_lexer: '1.4.1', cldr: '46.0',
  icu: '76.1', llhttp: '9.2.1', modules: '127', napi: '10', nghttp2: '1.64.0', openssl: '3.0.15+quic', simdjson: '3.10.1',
  simdutf: '6.0.3', tz: '2024b', undici: '6.21.1', unicode: '16.0', uv: '1.49.2', uvwasi: '0.0.21', v8: '12.4.254.21-node.22', zlib: '1.3.0.1-motley-82a5fec',
};

/** How the program was given: a file, -e code, -p code, or a script on stdin. */
export interface MainSpec { kind: 'file' | 'eval' | 'print' | 'stdin'; arg: string }

const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';
/** Heap above what the cgroup allows, so QuickJS's own failure comes after the OOM killer's. */
const MALLOC_SLACK = 256 * 1024;
/** With no memory.max anywhere, a guest heap still stops here. */
const HEAP_CAP = 2 * 1024 * 1024 * 1024 - 1;
const MEMORY_SAMPLE_MS = 5;

type Event = [kind: string, a?: unknown, b?: unknown, c?: unknown];

/** Thrown out of a host call to end the guest's turn at once (exit, kill). */
class StopGuest extends Error {}

export class NodeRuntime {
  private readonly rt: QuickJSRuntime;
  private readonly ctx: QuickJSContext;
  private readonly fsCalls: HostFs;
  private bootstrap: { runMain: QuickJSHandle; dispatch: QuickJSHandle; uvException: QuickJSHandle } | null = null;
  private exitCode: number | null = null;
  private wakeAt = -1;
  private wakeRef = false;
  private events: Event[] = [];
  private notify: (() => void) | null = null;
  private readonly writers = new Map<number, OutputQueue>();
  private readonly net: NetHost;
  /** I/O that keeps the loop alive (stdin being read), by name. */
  private readonly refs = new Set<string>();
  private stdinReader: { paused: boolean; resume: (() => void) | null; stopped: boolean } | null = null;
  private charged = 0;
  /** libuv's loop time: whole milliseconds, updated once per loop iteration (what timers are scheduled from). */
  private loopTime = 0;
  private lastSample = -Infinity;
  private readonly startedAt: number;

  constructor(private readonly p: Process, private readonly mod: QuickJSWASMModule, private readonly execArgv: string[], private readonly argv: string[]) {
    this.rt = mod.newRuntime();
    this.rt.setMaxStackSize(1024 * 1024);
    this.ctx = this.rt.newContext();
    this.fsCalls = new HostFs(p);
    this.net = new NetHost(p, (e) => this.push(e));
    this.startedAt = p.now();
    let polls = 0;
    this.rt.setInterruptHandler(() => {
      if (this.exitCode !== null || this.p.task.killedBy !== null || this.p.task.state !== 'running') return true;
      if ((++polls & 63) === 0) this.sampleMemory(false);
      return this.p.task.killedBy !== null;
    });
    this.updateMemoryLimit();
  }

  /** Runs the program to its end; resolves to its exit status. */
  async run(main: MainSpec): Promise<number> {
    try {
      this.installHost();
      this.loopTime = Math.floor(this.p.now());
      this.loadBootstrap();
      this.callGuest(this.bootstrap!.runMain, [main.kind, main.arg]);
      await this.drain();
      await this.loop();
      await this.flushAll();
      await this.p.settleCpu();
      return this.exitCode ?? 0;
    } finally {
      this.dispose();
    }
  }

  // ---- the event loop -----------------------------------------------------------

  private alive(): boolean {
    return this.wakeRef || this.refs.size > 0 || this.events.length > 0 || this.net.alive || [...this.writers.values()].some((w) => w.busy);
  }

  private async loop(): Promise<void> {
    while (this.exitCode === null) {
      if (!this.alive()) {
        this.dispatch('beforeExit');
        await this.drain();
        if (this.exitCode !== null) break;
        if (this.alive()) continue;
        this.dispatch('exit');
        break;
      }
      if (this.events.length === 0) {
        const due = this.wakeAt < 0 ? null : this.wakeAt - this.p.now();
        if (due === null || due > 0) {
          const event = new Promise<void>((resolve) => { this.notify = resolve; });
          try {
            await this.p.waitAny(event, due);
          } catch (e) {
            if (!(e instanceof Interrupted)) throw e;
          } finally {
            this.notify = null;
          }
        }
      }
      this.loopTime = Math.floor(this.p.now());
      for (const sig of this.p.takeSignals()) this.events.push(['signal', sig]);
      const batch = this.events.splice(0);
      for (const [kind, a, b, c] of batch) {
        if (this.exitCode !== null) break;
        this.dispatch(kind, a, b, c);
        await this.drain();
      }
      if (this.exitCode === null && this.wakeAt >= 0 && this.wakeAt <= this.loopTime) {
        this.dispatch('timers', this.loopTime);
        await this.drain();
      }
    }
  }

  private push(event: Event): void {
    this.events.push(event);
    this.notify?.();
  }

  /** Promise jobs, then nextTick callbacks they queued, until both are empty; then the CPU is settled. */
  private async drain(): Promise<void> {
    for (let round = 0; this.exitCode === null; round++) {
      const jobs = this.rt.executePendingJobs();
      let ran = 0;
      if (jobs.error) {
        // A job threw outside any promise (the guest's own code catches the rest).
        const detail = this.ctx.dump(jobs.error);
        jobs.error.dispose();
        this.guestFailed(detail);
      } else {
        ran = jobs.value;
      }
      if (ran === 0) break;
      this.dispatch('ticks');
      if ((round & 15) === 15) await this.p.settleCpu();
    }
    this.sampleMemory(true);
    await this.p.settleCpu();
  }

  private dispatch(kind: string, a?: unknown, b?: unknown, c?: unknown): void {
    if (this.exitCode !== null || !this.bootstrap) return;
    this.callGuest(this.bootstrap.dispatch, [kind, a, b, c]);
  }

  private callGuest(fn: QuickJSHandle, args: unknown[]): void {
    const handles = args.map((a) => this.toGuest(a));
    const result = this.ctx.callFunction(fn, this.ctx.undefined, ...handles);
    for (const h of handles) if (h.alive && !this.isStatic(h)) h.dispose();
    if (result.error) {
      const detail = this.ctx.dump(result.error);
      result.error.dispose();
      this.guestFailed(detail);
    } else {
      result.value.dispose();
    }
    if (this.p.task.killedBy !== null) throw new Killed(this.p.task.killedBy);
  }

  /** An error escaped the guest's own handling: an interrupt (exit, kill), the heap limit, or our bug. */
  private guestFailed(detail: unknown): void {
    if (this.exitCode !== null || this.p.task.killedBy !== null) return;
    const message = typeof detail === 'object' && detail !== null ? String((detail as { message?: unknown }).message) : String(detail);
    if (message === 'out of memory') {
      this.oomKill();
      return;
    }
    const stack = typeof detail === 'object' && detail !== null ? String((detail as { stack?: unknown }).stack ?? '') : '';
    this.queueWrite(2, `node: internal error: ${message}\n${stack}`);
    this.exitCode = 70;
  }

  private abCheck: QuickJSHandle | null = null;

  private isArrayBuffer(h: QuickJSHandle): boolean {
    this.abCheck ??= this.ctx.unwrapResult(this.ctx.evalCode('(x) => x instanceof ArrayBuffer', 'node:internal/host'));
    const r = this.ctx.callFunction(this.abCheck, this.ctx.undefined, h);
    if (r.error) { r.error.dispose(); return false; }
    const yes = this.ctx.typeof(r.value) === 'boolean' && this.ctx.dump(r.value) === true;
    r.value.dispose();
    return yes;
  }

  private isStatic(h: QuickJSHandle): boolean {
    return h === this.ctx.undefined || h === this.ctx.null || h === this.ctx.true || h === this.ctx.false;
  }

  // ---- memory -------------------------------------------------------------------

  /** Charges the QuickJS heap's growth (or returns its shrinkage) to the cgroup. */
  private sampleMemory(force: boolean): void {
    const now = this.p.now();
    if (!force && now - this.lastSample < MEMORY_SAMPLE_MS) return;
    this.lastSample = now;
    const used = this.heapUsed();
    try {
      if (used > this.charged) this.p.charge(used - this.charged);
      else if (used < this.charged) this.p.uncharge(this.charged - used);
      this.charged = used;
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
      return;
    }
    this.updateMemoryLimit();
  }

  private heapUsed(): number {
    const h = this.rt.computeMemoryUsage();
    const used = this.ctx.getNumber(this.ctx.getProp(h, 'memory_used_size'));
    h.dispose();
    return used;
  }

  private updateMemoryLimit(): void {
    const room = this.p.memoryHeadroom();
    this.rt.setMemoryLimit(Math.min(HEAP_CAP, Number.isFinite(room) ? this.charged + room + MALLOC_SLACK : HEAP_CAP));
  }

  /** QuickJS could not allocate: the heap reached what memory.max allows. */
  private oomKill(): void {
    try {
      this.p.charge(this.p.memoryHeadroom() + MALLOC_SLACK);
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
    }
  }

  // ---- the host function ------------------------------------------------------------

  private installHost(): void {
    const fn = this.ctx.newFunction('__host', (opHandle, ...argHandles) => {
      const op = this.ctx.getString(opHandle);
      try {
        const args = argHandles.map((h) => this.fromGuest(h));
        return this.toGuest(this.hostCall(op, args));
      } catch (e) {
        if (e instanceof UvError) return { error: this.uvError(e) };
        if (e instanceof GuestThrow) return { error: e.handle };
        if (e instanceof StopGuest) return { error: this.ctx.newError('process exiting') };
        if (e instanceof Killed) return { error: this.ctx.newError('killed') };
        throw e;
      }
    });
    this.ctx.setProp(this.ctx.global, '__host', fn);
    fn.dispose();
  }

  private uvError(e: UvError): QuickJSHandle {
    if (e.code === 'ERR_FS_EISDIR') {
      const err = this.ctx.newError({ name: 'SystemError', message: e.message });
      this.ctx.setProp(err, 'code', this.ctx.newString('ERR_FS_EISDIR'));
      return err;
    }
    if (!this.bootstrap) return this.ctx.newError(`${e.code}: ${e.syscall} ${e.path ?? ''}`);
    const args = [e.code, e.syscall, e.path, e.dest].map((a) => this.toGuest(a));
    const result = this.ctx.callFunction(this.bootstrap.uvException, this.ctx.undefined, ...args);
    for (const h of args) if (h.alive && !this.isStatic(h)) h.dispose();
    if (result.error) return result.error;
    return result.value;
  }

  private fromGuest(h: QuickJSHandle): unknown {
    const type = this.ctx.typeof(h);
    if (type === 'string') return this.ctx.getString(h);
    if (type === 'number') return this.ctx.getNumber(h);
    if (type === 'undefined') return undefined;
    if (type === 'object' && this.isArrayBuffer(h)) {
      const lifetime = this.ctx.getArrayBuffer(h);
      const copy = lifetime.value.slice();
      lifetime.dispose();
      return copy;
    }
    return this.ctx.dump(h);
  }

  private toGuest(v: unknown): QuickJSHandle {
    const ctx = this.ctx;
    if (v === undefined) return ctx.undefined;
    if (v === null) return ctx.null;
    if (v === true) return ctx.true;
    if (v === false) return ctx.false;
    if (typeof v === 'number') return ctx.newNumber(v);
    if (typeof v === 'string') return ctx.newString(v);
    if (v instanceof Uint8Array) return ctx.newArrayBuffer(v.byteOffset === 0 && v.byteLength === v.buffer.byteLength ? v.buffer : v.slice().buffer);
    if (isHandle(v)) return v;
    if (Array.isArray(v)) {
      const arr = ctx.newArray();
      v.forEach((item, i) => {
        const h = this.toGuest(item);
        ctx.setProp(arr, i, h);
        if (!this.isStatic(h)) h.dispose();
      });
      return arr;
    }
    if (typeof v === 'object') {
      const obj = ctx.newObject();
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        const h = this.toGuest(item);
        ctx.setProp(obj, k, h);
        if (!this.isStatic(h)) h.dispose();
      }
      return obj;
    }
    return ctx.undefined;
  }

  /** One system call from the guest. */
  private hostCall(op: string, a: unknown[]): unknown {
    if (this.exitCode !== null && op !== 'exit') throw new StopGuest();
    switch (op) {
      case 'lib': return this.compileLib(String(a[0]));
      case 'builtins': return Object.fromEntries(LIB_BUILTINS);
      case 'resolve': return resolveModule(this.p.fs, String(a[0]), String(a[1]));
      case 'compile': return this.compileFile(String(a[0]));
      case 'eval': return this.evalScript(String(a[0]), String(a[1]));
      case 'sourceLine': {
        const file = String(a[0]);
        if (file === '[eval]' || file === '[stdin]') return this.evalSource?.split('\n')[Number(a[1]) - 1] ?? null;
        return sourceLine(this.p, file, Number(a[1]));
      }
      case 'proc': return this.procInfo();
      case 'os': return this.osInfo();
      case 'now': return this.loopTime;
      case 'hrnow': return this.p.now();
      case 'wallNow': return Date.now();
      case 'cwd': return this.p.cwd;
      case 'chdir': return this.chdir(String(a[0]));
      case 'umask': return 0o022;
      case 'write': return this.write(Number(a[0]), a[1], Number(a[2]));
      case 'exit': return this.exit(Number(a[0]));
      case 'fatal': return this.fatal(String(a[0]));
      case 'abort': return this.abort();
      case 'wake':
        this.wakeAt = Number(a[0]);
        if (this.wakeAt === 0) this.wakeAt = this.loopTime;
        this.wakeRef = a[1] === true;
        return undefined;
      case 'signal':
        this.p.setDisposition(Number(a[0]), a[1] === true ? 'catch' : 'default');
        return undefined;
      case 'kill': return this.kill(Number(a[0]), Number(a[1]));
      case 'memory': return this.memoryInfo();
      case 'cpu': {
        const us = Math.round(this.p.task.cpuMs * 1000);
        return { user: us, system: 0 };
      }
      case 'stdin': return this.stdin(String(a[0]), Number(a[1]));
      case 'random': {
        const bytes = new Uint8Array(Math.min(65536, Math.max(0, Number(a[0]))));
        crypto.getRandomValues(bytes);
        return bytes;
      }
      case 'utf8encode': return new TextEncoder().encode(String(a[0]));
      case 'utf8decode': {
        try {
          return new TextDecoder('utf-8', { fatal: a[1] === true }).decode(a[0] as Uint8Array);
        } catch {
          throw new UvError('ERR_ENCODING_INVALID_ENCODED_DATA', 'decode');
        }
      }
      case 'net': return this.net.call(String(a[0]), a.slice(1));
      case 'fs': {
        const sub = String(a[0]);
        const args = a.slice(1);
        if (sub === 'write' && !this.isRegularFd(Number(args[0]))) {
          const bytes = args[1] instanceof Uint8Array ? args[1] : new TextEncoder().encode(String(args[1]));
          this.queueWrite(Number(args[0]), bytes);
          return bytes.length;
        }
        if (sub === 'writeFile' && typeof args[1] === 'string') args[1] = new TextEncoder().encode(args[1]);
        return this.fsCalls.call(sub, args);
      }
      default:
        throw new UvError('ENOSYS', op);
    }
  }

  private isRegularFd(fd: number): boolean {
    try { return this.p.fds.get(fd).kind === 'file'; } catch { return true; }
  }

  // ---- modules ------------------------------------------------------------------------

  private loadBootstrap(): void {
    const id = LIB_BUILTINS.get('internal/bootstrap')!;
    const [fn] = this.compileLib(id) as [QuickJSHandle, unknown];
    const exportsObj = this.ctx.newObject();
    const moduleObj = this.ctx.newObject();
    this.ctx.setProp(moduleObj, 'exports', exportsObj);
    const args = [exportsObj, this.ctx.null, moduleObj, this.ctx.newString(id), this.ctx.newString('node:internal')];
    const result = this.ctx.callFunction(fn, this.ctx.undefined, ...args);
    fn.dispose();
    if (result.error) {
      const detail = this.ctx.dump(result.error);
      result.error.dispose();
      throw new Error(`node bootstrap failed: ${JSON.stringify(detail)}`);
    }
    result.value.dispose();
    const exported = this.ctx.getProp(moduleObj, 'exports');
    this.bootstrap = {
      runMain: this.ctx.getProp(exported, 'runMain'),
      dispatch: this.ctx.getProp(exported, 'dispatch'),
      uvException: this.ctx.getProp(exported, 'uvException'),
    };
    exported.dispose();
    exportsObj.dispose();
    moduleObj.dispose();
    args[3]!.dispose();
    args[4]!.dispose();
  }

  /** A built-in module's wrapper function and its resolved requires. */
  private compileLib(id: string): [QuickJSHandle, Record<string, string | null>] {
    const mod = LIB_MODULES.get(id);
    if (!mod) throw new UvError('ENOENT', 'open', id);
    const fn = this.evalOrThrow(`${WRAPPER}${mod.source}\n})`, id);
    return [fn, Object.fromEntries(mod.requires)];
  }

  /** A file of the program, compiled as a CommonJS module (SyntaxErrors thrown to the guest). */
  private compileFile(path: string): QuickJSHandle {
    let text: string;
    try {
      text = this.fsCalls.call('readFile', [path, 'utf8', 'r']) as string;
    } catch (e) {
      if (e instanceof UvError) throw e;
      throw e;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.startsWith('#!')) text = `//${text.slice(2)}`;
    return this.evalOrThrow(`${WRAPPER}${text}\n})`, path);
  }

  private evalSource: string | null = null;

  private evalScript(code: string, filename: string): QuickJSHandle {
    this.evalSource = code;
    return this.evalOrThrow(code, filename);
  }

  private evalOrThrow(code: string, filename: string): QuickJSHandle {
    const result = this.ctx.evalCode(code, filename, { type: 'global', strict: false });
    if (result.error) throw new GuestThrow(result.error);
    return result.value;
  }

  // ---- process ----------------------------------------------------------------------

  private procInfo(): Record<string, unknown> {
    const p = this.p;
    const stdio = [0, 1, 2].map((fd) => {
      const tty = p.tty(fd);
      let kind = 'pipe';
      try { kind = p.fds.get(fd).kind === 'file' ? 'fs' : 'pipe'; } catch { kind = 'closed'; }
      return tty ? { tty: true, kind: 'tty', columns: tty.size.cols, rows: tty.size.rows } : { tty: false, kind };
    });
    const cg = p.task.cgroup.limits.memoryMax;
    return {
      argv: ['/usr/local/bin/node', ...this.argv],
      argv0: p.argv[0] ?? 'node',
      execArgv: this.execArgv,
      execPath: '/usr/local/bin/node',
      env: Object.fromEntries(p.env),
      pid: p.pid, ppid: p.ppid, uid: p.uid, gid: p.gid, groups: [p.gid, ...p.task.creds.groups.filter((g) => g !== p.gid)],
      version: NODE_VERSION, versions: VERSIONS,
      signals: SIGNALS,
      stdio,
      startedAt: this.startedAt,
      memoryLimit: cg ?? 0,
      wrapperLength: WRAPPER.length,
    };
  }

  private memoryInfo(): Record<string, number> {
    const used = this.heapUsed();
    const room = this.p.memoryHeadroom();
    return {
      rss: used + 24 * 1024 * 1024, heapTotal: used + 512 * 1024, heapUsed: used, external: 0, arrayBuffers: 0,
      available: Number.isFinite(room) ? room : HEAP_CAP,
    };
  }

  private osInfo(): Record<string, unknown> {
    const p = this.p;
    let total = 0;
    let free = 0;
    try {
      const meminfo = new TextDecoder().decode(p.fs.readFileSync('/proc/meminfo'));
      total = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? 0) * 1024;
      free = Number(/MemFree:\s+(\d+)/.exec(meminfo)?.[1] ?? 0) * 1024;
    } catch { /* no /proc */ }
    let uptime = 0;
    try { uptime = Number(new TextDecoder().decode(p.fs.readFileSync('/proc/uptime')).split(' ')[0]); } catch { /* no /proc */ }
    const interfaces: Record<string, unknown[]> = {};
    try {
      for (const i of p.net.interfaces()) {
        const mask = i.prefixLen === 0 ? 0 : (0xffffffff << (32 - i.prefixLen)) >>> 0;
        (interfaces[i.name] ??= []).push({
          address: i.address, netmask: [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.'), family: 'IPv4',
          mac: i.mac, internal: i.name === 'lo', cidr: `${i.address}/${i.prefixLen}`,
        });
      }
    } catch { /* no network namespace */ }
    const name = nameOf(p, '/etc/passwd', p.uid);
    const passwd = name === null ? null : accountFields(p, '/etc/passwd', name);
    const user = passwd
      ? { uid: p.uid, gid: p.gid, username: passwd[0] ?? String(p.uid), homedir: passwd[5] ?? '/', shell: passwd[6] ?? null }
      : { uid: p.uid, gid: p.gid, username: String(p.uid), homedir: '/', shell: null };
    const cpuTimes = { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 };
    return {
      hostname: p.hostname, release: KERNEL.release, version: KERNEL.version, uptime, loadavg: [0, 0, 0],
      totalmem: total, freemem: free, homedir: user.homedir, user, interfaces,
      cpus: Array.from({ length: ONLINE_CPUS }, () => ({ model: 'Playground Virtual CPU', speed: 2400, times: cpuTimes })),
    };
  }

  private chdir(dir: string): void {
    const st = this.fsCalls.call('stat', [dir, true]) as { mode: number };
    if ((st.mode & 0o170000) !== 0o040000) throw new UvError('ENOTDIR', 'chdir', dir);
    this.p.cwd = this.p.fs.realpathSync(dir.startsWith('/') ? dir : `${this.p.cwd}/${dir}`);
  }

  private kill(pid: number, sig: number): void {
    try {
      this.p.kill(pid, sig);
    } catch (e) {
      if (e instanceof SysError) throw new UvError(e.errno, 'kill');
      throw e;
    }
  }

  private exit(code: number): void {
    if (this.exitCode === null) this.exitCode = code & 0xff;
    throw new StopGuest();
  }

  private fatal(text: string): void {
    // Out of memory shows up here when the guest caught it: the OOM killer comes first.
    this.sampleMemory(true);
    if (this.p.task.killedBy !== null) throw new Killed(this.p.task.killedBy);
    this.queueWrite(2, text);
  }

  private abort(): never {
    this.queueWrite(2, '');
    this.exitCode = 134;
    throw new StopGuest();
  }

  // ---- output --------------------------------------------------------------------------

  private write(fd: number, data: unknown, id: number): boolean {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data as Uint8Array;
    const q = this.queueWrite(fd, bytes);
    q.onDrain = () => this.push(['io', id, 'drain']);
    return q.write(new Uint8Array(0));
  }

  private queueWrite(fd: number, data: Uint8Array | string): OutputQueue {
    let q = this.writers.get(fd);
    if (!q) {
      q = new OutputQueue(this.p, fd);
      this.writers.set(fd, q);
    }
    q.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return q;
  }

  private async flushAll(): Promise<void> {
    this.net.closeAll();
    for (const q of this.writers.values()) await q.flush();
  }

  // ---- stdin ---------------------------------------------------------------------------

  private stdin(op: string, id: number): void {
    switch (op) {
      case 'start':
        if (this.stdinReader) return;
        this.stdinReader = { paused: false, resume: null, stopped: false };
        this.refs.add('stdin');
        void this.readStdin(id, this.stdinReader);
        return;
      case 'pause':
        if (this.stdinReader) this.stdinReader.paused = true;
        return;
      case 'resume':
        if (this.stdinReader) {
          this.stdinReader.paused = false;
          this.stdinReader.resume?.();
        }
        return;
      case 'stop':
        if (this.stdinReader) this.stdinReader.stopped = true;
        this.refs.delete('stdin');
        return;
      case 'unref': this.refs.delete('stdin'); return;
      case 'ref': if (this.stdinReader && !this.stdinReader.stopped) this.refs.add('stdin'); return;
      default: throw new UvError('EINVAL', 'stdin');
    }
  }

  private async readStdin(id: number, reader: { paused: boolean; resume: (() => void) | null; stopped: boolean }): Promise<void> {
    try {
      while (!reader.stopped && this.exitCode === null) {
        if (reader.paused) {
          await new Promise<void>((resolve) => { reader.resume = resolve; });
          reader.resume = null;
          continue;
        }
        const chunk = await this.p.read(0, 65536);
        if (chunk === null) {
          this.push(['io', id, 'end']);
          break;
        }
        this.push(['io', id, 'data', chunk]);
      }
    } catch {
      this.push(['io', id, 'end']);
    } finally {
      this.refs.delete('stdin');
      this.notify?.();
    }
  }

  private dispose(): void {
    try {
      if (this.charged > 0) this.p.uncharge(this.charged);
      this.charged = 0;
      if (this.bootstrap) for (const h of Object.values(this.bootstrap)) h.dispose();
      this.abCheck?.dispose();
      this.bootstrap = null;
      this.ctx.dispose();
      this.rt.dispose();
    } catch {
      // A runtime interrupted mid-call may refuse a clean teardown; its WASM instance is dropped with it.
    }
    void this.mod;
  }
}

/** A guest exception raised while the host compiled something for it. */
class GuestThrow extends Error {
  constructor(readonly handle: QuickJSHandle) { super('guest exception'); }
}

function isHandle(v: unknown): v is QuickJSHandle {
  return typeof v === 'object' && v !== null && 'alive' in v && 'dispose' in v && 'owner' in v;
}

export { GuestThrow };
