// The guest side of a `node` process: one QuickJS runtime (its own WASM
// instance, so no guest reaches another's heap) running Node's built-ins
// (lib/*.js) and the program, and the event loop that drives it.
//
// The guest code calls __host(op, …). Ops that are the runtime's own
// business (compiling modules, timers' wake-up time, text encoding) are
// answered here; the rest are system calls to the engine through GuestSys
// (a NodeSystem in this thread, or across a worker channel). The loop: run
// the main module, then promise jobs and nextTick callbacks until both are
// empty (then the promises left rejected with no handler: rejections.ts),
// then libuv's phases — poll() for I/O and signals, immediates, timers —
// until nothing keeps the process alive. Between turns the CPU time is settled
// (cpu.max throttles); in a worker, a turn that never ends is also throttled
// from the interrupt handler and can always be killed.
//
// Memory: what the process holds is its WASM linear memory, charged to the
// cgroup as it grows — each grow asks the kernel first, and one that does
// not fit is refused (the memory's maximum, the cgroup's limit, bounds it
// anyway). QuickJS then fails to allocate, and the process is the OOM
// killer's (137), as a process whose memory cannot be had — never an
// exception the program could catch and carry on from.
//
// The built-in modules come compiled in the runtime's snapshot (snapshot.ts)
// when there is one; else each is compiled on its first require().
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { moduleSyntax } from './cjs-lexer.ts';
import { EsmHost, ESM_PRELUDE } from './esm-host.ts';
import { urlOfPath } from './esm-resolve.ts';
import { HostCrypto } from './host-crypto.ts';
import { urlCall } from './host-url.ts';
import { WASM_PAGE } from './quickjs.ts';
import { LIB_BUILTINS, LIB_MODULES } from './lib.gen.ts';
import { RejectionTracker, type RejectionEvent } from './rejections.ts';
import type { GuestVM } from './snapshot.ts';
import type { ModuleSource, Resolution } from './system.ts';
import { GuestKilled, SysCallError } from './sys-error.ts';

export { GuestKilled, SysCallError };

/** How the program was given: a file, -e code, -p code, or a script on stdin (`--input-type`: what code given as a string is). */
export interface MainSpec { kind: 'file' | 'eval' | 'print' | 'stdin'; arg: string; inputType?: 'module' | 'commonjs'; imports?: string[] }

export type GuestEvent = [kind: string, a?: unknown, b?: unknown, c?: unknown];

/** The system as the guest reaches it. */
export interface GuestSys {
  /** A system call; throws a SysCallError for what libuv would report. */
  call(op: string, args: unknown[]): unknown;
  /** Waits for events until `deadline` (ms on now()'s clock; null: none). */
  poll(deadline: number | null): Promise<{ events: GuestEvent[]; now: number }> | { events: GuestEvent[]; now: number };
  /** Between turns: charge CPU, maybe wait (cpu.max). */
  settleCpu(): Promise<void> | void;
  /** Inside a long turn (the interrupt handler): throttles where it can block (a worker). */
  busyCheck?(): void;
  /** The kernel's monotonic clock (ms). */
  now(): number;
  /** The signal the process was killed by, if it was (checked between guest steps). */
  killed(): number | null;
  /** Output flushed, sockets closed: the program is over. */
  finish(): Promise<void> | void;
  /** Package files this process compiled (path, source), for the engine's code cache (code-cache.ts). */
  reportCompiled?(files: Array<[string, string]>): void;
}



export const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';
/** The global the snapshot keeps the compiled built-ins in (taken away before the bootstrap runs). */
const LIB_TABLE = '__nodeLibCompiled';
/**
 * Built-ins left out of the snapshot, compiled when first required: what
 * few programs load (fetch and its classes, unhandled rejections' handling)
 * would make every process's heap bigger — its start and its teardown slower.
 */
const NOT_IN_SNAPSHOT = /^node:internal\/(fetch\/|webstreams\.js|blob\.js|promises\.js)/;
/** fs calls that change nothing (others may make what was read ahead stale). */
const READ_ONLY_FS = new Set(['stat', 'exists', 'access', 'readFile', 'readdir', 'readlink', 'realpath', 'close', 'read', 'fstat']);

/** Thrown out of a host call to end the guest's turn at once (exit, kill). */
class StopGuest extends Error {}

export class NodeGuest {
  private readonly rt: QuickJSRuntime;
  private readonly ctx: QuickJSContext;
  private bootstrap: { runMain: QuickJSHandle; dispatch: QuickJSHandle; uvException: QuickJSHandle; esmBridge: QuickJSHandle; esmTypeless: QuickJSHandle } | null = null;
  /** ES modules: QuickJS's module loader (esm-host.ts). */
  private esm: EsmHost | null = null;
  private exitCode: number | null = null;
  /** When the next timer is due (loop time, ms; -1: none), whether immediates wait, and whether either keeps the loop alive. */
  private timerDue = -1;
  private immediates = false;
  private wakeRef = false;
  private pending: GuestEvent[] = [];
  /** libuv's loop time: whole milliseconds, updated once per loop iteration (what timers are scheduled from). */
  private loopTime = 0;
  private heapKilled = false;
  /** A grow of the memory was refused: the next allocation failure is the OOM killer's. */
  private growRefused = false;
  private readonly memory: WebAssembly.Memory;
  /** The built-ins compiled in the snapshot (module id → function) and the package files cached there (path → function), or null. */
  private precompiled: QuickJSHandle | null = null;
  /** The versions of the package files compiled in the snapshot (code-cache.ts), by path. */
  private readonly cachedVersions: Map<string, number>;
  /** Package files compiled here, not yet reported for the code cache. */
  private compiledCold: Array<[string, string]> = [];
  private abCheck: QuickJSHandle | null = null;
  private evalSource: string | null = null;
  private wrapperLength = WRAPPER.length;
  private readonly crypto = new HostCrypto();
  /** Resolutions the engine sent ahead ('from\0request' → file), and sources of files not yet required. */
  private readonly ahead = new Map<string, string>();
  private readonly aheadSources = new Map<string, ModuleSource>();
  /** Files whose text the engine said is a version of its code cache, until compiled. */
  private readonly versions = new Map<string, number>();
  private versionsTold = false;
  /** Facts that do not change under the process unless it changes them (the engine is asked once). */
  private procInfo: Record<string, unknown> | null = null;
  private cwd: string | null = null;
  private readonly ttys = new Map<number, unknown>();
  /** QuickJS's reports of promises rejected with no handler (null: this build's runtime could not take a tracker). */
  private readonly rejections: RejectionTracker | null;

  constructor(private readonly sys: GuestSys, vm: GuestVM) {
    this.rt = vm.runtime;
    this.ctx = vm.context;
    this.memory = vm.memory;
    this.cachedVersions = new Map(vm.snapshot?.versions ?? []);
    this.rt.setMaxStackSize(1024 * 1024);
    if (vm.restored) this.precompiled = this.ctx.unwrapResult(this.ctx.evalCode(`(() => { const t = globalThis.${LIB_TABLE}; delete globalThis.${LIB_TABLE}; return t; })()`, 'node:internal/host'));
    this.boundMemory();
    let polls = 0;
    this.rejections = RejectionTracker.attach(vm, () => this.rt.setInterruptHandler(() => {
      if (this.exitCode !== null || this.heapKilled || this.sys.killed() !== null) return true;
      if (this.growRefused) this.oomKill();
      if ((++polls & 63) === 0) this.sys.busyCheck?.();
      return this.heapKilled || this.sys.killed() !== null;
    }));
  }

  /**
   * Compiles every built-in module into `ctx`'s global LIB_TABLE, for a
   * snapshot (snapshot.ts), leaving no handle alive; `breathe` is awaited
   * between modules (the thread has other work).
   */
  static async precompile(ctx: QuickJSContext, breathe: () => Promise<void>, files: ReadonlyArray<readonly [string, string]> = []): Promise<void> {
    const table = ctx.newObject();
    try {
      const sources: Array<readonly [string, string]> = [
        ...[...LIB_MODULES].filter(([id]) => !NOT_IN_SNAPSHOT.test(id)).map(([id, mod]) => [id, mod.source] as const),
        ...files.map(([path, source]) => [path, moduleText(source)] as const),
      ];
      for (const [id, source] of sources) {
        const result = ctx.evalCode(`${WRAPPER}${source}\n})`, id, { type: 'global', strict: false });
        // A file that no longer compiles is left out (it compiles, and fails, in the process as before).
        if (result.error) result.error.dispose();
        else {
          ctx.setProp(table, id, result.value);
          result.value.dispose();
        }
        await breathe();
      }
      const global = ctx.unwrapResult(ctx.evalCode('globalThis'));
      ctx.setProp(global, LIB_TABLE, table);
      global.dispose();
    } finally {
      table.dispose();
    }
  }

  /** Runs the program to its end; resolves to its exit status. */
  async run(main: MainSpec): Promise<number> {
    try {
      this.installHost();
      this.loopTime = Math.floor(this.sys.now());
      if (!this.sys.call('grow', [this.memory.buffer.byteLength])) this.oomKill();
      this.checkKilled();
      this.loadBootstrap();
      this.installEsm();
      this.callGuest(this.bootstrap!.runMain, [main.kind, main.arg, main.inputType, main.imports ?? null]);
      await this.drain();
      this.reportCompiled();
      await this.loop();
      this.reportCompiled();
      await this.sys.finish();
      await this.sys.settleCpu();
      return this.exitCode ?? 0;
    } finally {
      this.dispose();
    }
  }

  // ---- the event loop -----------------------------------------------------------

  private alive(): boolean {
    return this.wakeRef || this.pending.length > 0 || this.sys.call('alive', []) === true;
  }

  /**
   * The event loop as libuv's uv_run (Node runs it again after 'beforeExit'
   * while something keeps it alive): whether the loop is alive is decided
   * first; the timers already due run before the first wait; then each
   * iteration polls — without waiting when nothing keeps the loop alive any
   * more — delivers what came (I/O, caught signals), runs the immediates
   * (the check phase), then the timers due, and ends the loop when nothing
   * keeps it alive. So a signal the program sent itself from a timer that
   * was already due is still handled, as in Node, and one sent with nothing
   * left to wait for is not.
   */
  private async loop(): Promise<void> {
    while (this.exitCode === null) {
      let alive = this.alive();
      let waiting = alive;
      if (alive) {
        this.loopTime = Math.floor(this.sys.now());
        await this.phase('timers');
        waiting = this.alive();
      }
      while (alive && this.exitCode === null) {
        const deadline = !waiting || this.immediates ? this.loopTime : this.timerDue < 0 ? null : this.timerDue;
        const { events, now } = this.pending.length > 0 ? { events: [], now: this.sys.now() } : await this.sys.poll(deadline);
        this.checkKilled();
        this.loopTime = Math.floor(now);
        const batch = this.pending.concat(events);
        this.pending = [];
        for (const [kind, a, b, c] of batch) {
          if (this.exitCode !== null) break;
          // A terminal's size changes with SIGWINCH.
          if (kind === 'signal') this.ttys.clear();
          this.dispatch(kind, a, b, c);
          await this.drain();
        }
        await this.phase('check');
        await this.phase('timers');
        alive = waiting = this.alive();
      }
      if (this.exitCode !== null) break;
      this.dispatch('beforeExit');
      await this.drain();
      if (this.exitCode !== null || this.alive()) continue;
      this.dispatch('exit');
      break;
    }
  }

  /** The timers due at the loop's time, or the immediates queued (the check phase), when there are any. */
  private async phase(which: 'timers' | 'check'): Promise<void> {
    if (this.exitCode !== null) return;
    if (which === 'check' ? !this.immediates : this.timerDue < 0 || this.timerDue > this.loopTime) return;
    this.dispatch('timers', this.loopTime, which);
    await this.drain();
  }

  /**
   * Promise jobs, then nextTick callbacks they queued, until both are empty;
   * then the promises rejected with no handler meanwhile (Node's
   * processTicksAndRejections), and again while that queues more; then the
   * CPU is settled.
   */
  private async drain(): Promise<void> {
    for (let round = 0; this.exitCode === null; round++) {
      const ran = this.runPendingJobs();
      this.checkKilled();
      if (ran === 0) {
        if (!this.rejections?.pending) break;
        this.dispatch('rejections', this.rejections.take());
        continue;
      }
      this.dispatch('ticks');
      if ((round & 15) === 15) await this.sys.settleCpu();
    }
    this.checkKilled();
    await this.sys.settleCpu();
  }

  /** QuickJS's pending promise jobs, run now: how many ran (a job's uncaught throw fails the guest). */
  private runPendingJobs(): number {
    const jobs = this.rt.executePendingJobs();
    if (!jobs.error) return jobs.value;
    const detail = this.ctx.dump(jobs.error);
    jobs.error.dispose();
    this.guestFailed(detail);
    return 0;
  }

  /** Node's runNextTicks inside a turn (between two timers' callbacks): the promise jobs now, and what the rejection tracker saw meanwhile. */
  private runMicrotasks(): [ran: number, rejections: RejectionEvent[] | null] {
    const ran = this.runPendingJobs();
    if (this.exitCode !== null || this.heapKilled || this.sys.killed() !== null) throw new StopGuest();
    return [ran, this.rejections?.pending ? this.rejections.take() : null];
  }

  private checkKilled(): void {
    if (this.growRefused) this.oomKill();
    const sig = this.sys.killed();
    if (sig !== null) throw new GuestKilled(sig);
    if (this.heapKilled) throw new GuestKilled(9);
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
    this.checkKilled();
  }

  /** An error escaped the guest's own handling: an interrupt (exit, kill), the heap limit, or our bug. */
  private guestFailed(detail: unknown): void {
    if (this.exitCode !== null || this.heapKilled || this.sys.killed() !== null) return;
    const message = typeof detail === 'object' && detail !== null ? String((detail as { message?: unknown }).message) : String(detail);
    if (message === 'out of memory') {
      this.oomKill();
      return;
    }
    const stack = typeof detail === 'object' && detail !== null ? String((detail as { stack?: unknown }).stack ?? '') : '';
    this.sys.call('write', [2, `node: internal error: ${message}\n${stack}`, 0]);
    this.exitCode = 70;
  }

  private isStatic(h: QuickJSHandle): boolean {
    return h === this.ctx.undefined || h === this.ctx.null || h === this.ctx.true || h === this.ctx.false;
  }

  private isArrayBuffer(h: QuickJSHandle): boolean {
    this.abCheck ??= this.ctx.unwrapResult(this.ctx.evalCode('(x) => x instanceof ArrayBuffer', 'node:internal/host'));
    const r = this.ctx.callFunction(this.abCheck, this.ctx.undefined, h);
    if (r.error) { r.error.dispose(); return false; }
    const yes = this.ctx.typeof(r.value) === 'boolean' && this.ctx.dump(r.value) === true;
    r.value.dispose();
    return yes;
  }

  // ---- memory -------------------------------------------------------------------

  /**
   * Every grow of the linear memory asks the kernel first ('grow': the
   * memory's new size, charged to the cgroup if it fits). A refused grow
   * fails like a maximum reached: emscripten tries a smaller one, and when
   * none fits malloc fails inside QuickJS.
   */
  private boundMemory(): void {
    const memory = this.memory;
    const grow = memory.grow.bind(memory);
    memory.grow = (delta: number): number => {
      if (this.heapKilled) throw new RangeError('WebAssembly.Memory.grow(): the process is being killed');
      const size = memory.buffer.byteLength + delta * WASM_PAGE;
      if (this.sys.call('grow', [size]) !== true) {
        this.growRefused = true;
        throw new RangeError('WebAssembly.Memory.grow(): over the cgroup\'s memory.max');
      }
      this.growRefused = false;
      try {
        return grow(delta);
      } catch (e) {
        // The memory's own maximum (a limit raised since the process started is not its to use): the charge is the size it has.
        this.sys.call('grow', [memory.buffer.byteLength]);
        this.growRefused = true;
        throw e;
      }
    };
  }

  private heapUsed(): number {
    const h = this.rt.computeMemoryUsage();
    const used = this.ctx.getNumber(this.ctx.getProp(h, 'memory_used_size'));
    h.dispose();
    return used;
  }

  /** Memory could not be had: the OOM killer decides (this process, or a bigger one in its cgroup). */
  private oomKill(): void {
    this.growRefused = false;
    let survived = false;
    try {
      survived = this.sys.call('oom', []) === true;
    } catch {
      // Expected: this process was the OOM killer's victim.
    }
    if (!survived && this.sys.killed() === null) this.heapKilled = true;
  }

  // ---- the host function ------------------------------------------------------------

  private installHost(): void {
    const fn = this.ctx.newFunction('__host', (opHandle, ...argHandles) => {
      const op = this.ctx.getString(opHandle);
      try {
        const args = argHandles.map((h) => this.fromGuest(h));
        return this.toGuest(this.hostCall(op, args));
      } catch (e) {
        if (e instanceof SysCallError) return { error: this.uvError(e) };
        if (e instanceof GuestThrow) return { error: e.handle };
        if (e instanceof StopGuest) return { error: this.ctx.newError('process exiting') };
        return { error: this.ctx.newError(e instanceof Error ? e.message : String(e)) };
      }
    });
    this.ctx.setProp(this.ctx.global, '__host', fn);
    fn.dispose();
  }

  private uvError(e: SysCallError): QuickJSHandle {
    if (e.code === 'ERR_FS_EISDIR') {
      const err = this.ctx.newError({ name: 'SystemError', message: `Path is a directory: rm returned EISDIR (is a directory) ${e.path}` });
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

  /** One call from the guest: the runtime's own ops here, the rest to the system. */
  private hostCall(op: string, a: unknown[]): unknown {
    if (this.exitCode !== null && op !== 'exit') throw new StopGuest();
    if (this.growRefused) this.oomKill();
    if (this.heapKilled) throw new StopGuest();
    // What was read ahead may be stale once this process changes files; its descriptors, once it opens or closes one.
    if (op === 'fs' && !READ_ONLY_FS.has(String(a[0]))) {
      this.ahead.clear();
      this.aheadSources.clear();
      this.versions.clear();
    }
    if (op === 'fs' && (a[0] === 'open' || a[0] === 'close')) this.ttys.clear();
    switch (op) {
      case 'lib': return this.compileLib(String(a[0]));
      case 'builtins': return Object.fromEntries(LIB_BUILTINS);
      case 'compile': return this.compileFile(String(a[0]), typeof a[1] === 'string' ? a[1] : null);
      case 'resolve': return this.resolve(String(a[0]), String(a[1]));
      case 'eval': return this.evalScript(String(a[0]), String(a[1]));
      case 'esmUrl': return urlOfPath(String(a[0]));
      case 'esmForce': return this.esm!.forceModule(String(a[0]), a[1] === true);
      case 'esmEval':
        this.evalSource = String(a[0]);
        return this.esm!.evalModule(String(a[0]));
      case 'esmRequire': {
        const r = this.esm!.requireModule(String(a[0]));
        if (r === 'async') return r;
        if ('error' in r) throw new GuestThrow(r.error);
        return r.value;
      }
      case 'esmMetaResolve': {
        const r = this.esm!.metaResolve(String(a[0]), String(a[1]));
        if (typeof r === 'string') return r;
        throw new GuestThrow(r.error);
      }
      case 'esmResolveFrom': {
        const r = this.esm!.resolveUrl(String(a[0]), String(a[1]));
        if (typeof r === 'string') return r;
        throw new GuestThrow(r.error);
      }
      case 'esmExportError': return this.esm!.exportError(String(a[0]), String(a[1]));
      case 'esmUnsettled': return this.esm!.unsettled(String(a[0]));
      case 'sourceLine': {
        const file = String(a[0]);
        if (file === '[eval]' || file === '[stdin]') return this.evalSource?.split('\n')[Number(a[1]) - 1] ?? null;
        return this.sys.call('sourceLine', a);
      }
      case 'proc': {
        this.procInfo ??= this.sys.call('proc', []) as Record<string, unknown>;
        return { ...this.procInfo, wrapperLength: this.wrapperLength, esmPreludeLength: ESM_PRELUDE.length };
      }
      case 'cwd': return this.cwd ??= String(this.sys.call('cwd', []));
      case 'chdir':
        this.cwd = null;
        return this.sys.call('chdir', a);
      case 'tty': {
        const fd = Number(a[0]);
        if (!this.ttys.has(fd)) this.ttys.set(fd, this.sys.call('tty', a));
        return this.ttys.get(fd);
      }
      case 'microtasks': return this.runMicrotasks();
      case 'now': return this.loopTime;
      case 'hrnow': return this.sys.now();
      case 'wallNow': return Date.now();
      case 'exit': return this.exit(Number(a[0]));
      case 'fatal': return this.fatal(String(a[0]));
      case 'abort': return this.abort();
      case 'wake':
        this.timerDue = Number(a[0]);
        this.immediates = a[2] === true;
        this.wakeRef = a[1] === true;
        return undefined;
      case 'memory': {
        // What this process holds is its linear memory (what the cgroup is charged), its heap QuickJS's: no invented V8 figures.
        const used = this.heapUsed();
        return { rss: this.memory.buffer.byteLength, heapTotal: used, heapUsed: used, external: 0, arrayBuffers: 0, available: this.sys.call('headroom', []) };
      }
      case 'random': {
        const bytes = new Uint8Array(Math.min(65536, Math.max(0, Number(a[0]))));
        crypto.getRandomValues(bytes);
        return bytes;
      }
      case 'crypto': return this.crypto.call(String(a[0]), a.slice(1));
      case 'url': return urlCall(String(a[0]), a.slice(1));
      case 'utf8encode': return new TextEncoder().encode(String(a[0]));
      case 'utf8decode': {
        try {
          return new TextDecoder('utf-8', { fatal: a[1] === true }).decode(a[0] as Uint8Array);
        } catch {
          throw new SysCallError('ERR_ENCODING_INVALID_ENCODED_DATA', 'decode');
        }
      }
      default:
        return this.sys.call(op, a);
    }
  }

  // ---- modules ------------------------------------------------------------------------

  /** require() resolution: from what the engine sent ahead, else asked (keeping what comes ahead with the answer). */
  private resolve(request: string, from: string): [string, string | null, 'module'?] | null {
    const known = this.ahead.get(`${from}\0${request}`);
    if (known !== undefined) {
      const source = this.aheadSources.get(known) ?? null;
      this.aheadSources.delete(known);
      return [known, this.sourceText(known, source)];
    }
    // The first call tells the engine which code cache versions this runtime holds compiled.
    const r = this.sys.call('resolve', this.versionsTold ? [request, from] : [request, from, [...this.cachedVersions]]) as Resolution | null;
    this.versionsTold = true;
    if (r === null) return null;
    const [file, source, ahead, sources, format] = r;
    if (ahead) for (const [dir, req, found] of ahead) this.ahead.set(`${dir}\0${req}`, found);
    if (sources) for (const [f, text] of sources) this.aheadSources.set(f, text);
    return format === 'module' ? [file, this.sourceText(file, source), format] : [file, this.sourceText(file, source)];
  }

  /** A source for the bootstrap: a code cache version is kept here (compileFile takes it), the text passed on. */
  private sourceText(file: string, source: ModuleSource | null): string | null {
    if (typeof source !== 'number') return source;
    this.versions.set(file, source);
    return null;
  }

  private loadBootstrap(): void {
    const id = LIB_BUILTINS.get('internal/bootstrap')!;
    const [fn] = this.compileLib(id);
    const exportsObj = this.ctx.newObject();
    const moduleObj = this.ctx.newObject();
    this.ctx.setProp(moduleObj, 'exports', exportsObj);
    const idHandle = this.ctx.newString(id);
    const dirHandle = this.ctx.newString('node:internal');
    const result = this.ctx.callFunction(fn, this.ctx.undefined, exportsObj, this.ctx.null, moduleObj, idHandle, dirHandle);
    fn.dispose();
    idHandle.dispose();
    dirHandle.dispose();
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
      esmBridge: this.ctx.getProp(exported, 'esmBridge'),
      esmTypeless: this.ctx.getProp(exported, 'esmTypeless'),
    };
    exported.dispose();
    exportsObj.dispose();
    moduleObj.dispose();
  }

  /** QuickJS's module loader, through which every import goes (esm-host.ts); the guest's ESM side loads on first use. */
  private installEsm(): void {
    this.esm = new EsmHost(this.ctx, this.rt, this.sys, {
      bridge: () => this.guestResult(this.bootstrap!.esmBridge, []),
      error: (detail, where) => {
        const b = this.guestResult(this.bootstrap!.esmBridge, []);
        const fn = this.ctx.getProp(b, 'error');
        const err = this.guestResult(fn, [...detail, where], b);
        fn.dispose();
        b.dispose();
        return err;
      },
      cwd: () => String(this.hostCall('cwd', [])),
      failed: (e) => (e instanceof SysCallError ? this.uvError(e) : this.ctx.newError(e instanceof Error ? e.message : String(e))),
      typeless: (url, pkg) => this.guestResult(this.bootstrap!.esmTypeless, [url, pkg]).dispose(),
      text: moduleText,
      thrown: (error) => this.rejections?.forget((reason) => this.ctx.eq(reason, error)),
    });
    this.esm.install();
  }

  /** Calls a guest function from the host's side; its value (a guest exception comes back as the value). */
  private guestResult(fn: QuickJSHandle, args: unknown[], self: QuickJSHandle = this.ctx.undefined): QuickJSHandle {
    const handles = args.map((a) => this.toGuest(a));
    const r = this.ctx.callFunction(fn, self, ...handles);
    for (const h of handles) if (h.alive && !this.isStatic(h)) h.dispose();
    return r.error ?? r.value;
  }

  /** A built-in module's wrapper function and its resolved requires. */
  private compileLib(id: string): [QuickJSHandle, Record<string, string | null>] {
    const mod = LIB_MODULES.get(id);
    if (!mod) throw new SysCallError('ENOENT', 'open', id);
    const ready = this.precompiled && this.ctx.getProp(this.precompiled, id);
    if (ready && this.ctx.typeof(ready) === 'function') return [ready, Object.fromEntries(mod.requires)];
    ready?.dispose();
    const fn = this.evalOrThrow(`${WRAPPER}${mod.source}\n})`, id);
    return [fn, Object.fromEntries(mod.requires)];
  }

  /** A file of the program (its source if the guest has it already), compiled as a CommonJS module (SyntaxErrors thrown to the guest). */
  private compileFile(path: string, source: string | null): QuickJSHandle {
    const version = this.versions.get(path);
    this.versions.delete(path);
    if (source === null && version !== undefined && this.precompiled && this.cachedVersions.get(path) === version) {
      // Compiled in the snapshot from the very text the engine found: taken once (a second load compiles afresh).
      this.cachedVersions.delete(path);
      const fn = this.ctx.getProp(this.precompiled, path);
      if (this.ctx.typeof(fn) === 'function') {
        this.ctx.setProp(this.precompiled, path, this.ctx.undefined);
        return fn;
      }
      fn.dispose();
    }
    const raw = source ?? String(this.sys.call('readSource', [path]));
    const text = moduleText(raw);
    const result = this.ctx.evalCode(`${WRAPPER}${text}\n})`, path, { type: 'global', strict: false });
    if (result.error) {
      // A .js file that is no CommonJS but has ES module syntax is an ES module (Node's detection, on by default in 20.19+ and 22.7+).
      if (!path.endsWith('.cjs') && this.isSyntaxError(result.error) && moduleSyntax(text, true)) {
        result.error.dispose();
        throw new GuestThrow(this.esmDetected());
      }
      throw new GuestThrow(result.error);
    }
    if (path.includes('/node_modules/')) this.compiledCold.push([path, raw]);
    return result.value;
  }

  private isSyntaxError(error: QuickJSHandle): boolean {
    const name = this.ctx.getProp(error, 'name');
    const yes = this.ctx.typeof(name) === 'string' && this.ctx.getString(name) === 'SyntaxError';
    name.dispose();
    return yes;
  }

  /** What tells the bootstrap a file or -e code it gave as CommonJS is an ES module. */
  private esmDetected(): QuickJSHandle {
    const err = this.ctx.newError('ES module syntax detected');
    const code = this.ctx.newString('ERR_ESM_SYNTAX_DETECTED');
    this.ctx.setProp(err, 'code', code);
    code.dispose();
    return err;
  }

  /** Tells the engine which package files this process compiled (its code cache may keep them compiled). */
  private reportCompiled(): void {
    if (this.compiledCold.length === 0 || !this.sys.reportCompiled) return;
    this.sys.reportCompiled(this.compiledCold);
    this.compiledCold = [];
  }

  private evalScript(code: string, filename: string): QuickJSHandle {
    this.evalSource = code;
    const result = this.ctx.evalCode(code, filename, { type: 'global', strict: false });
    if (result.error) {
      if (this.isSyntaxError(result.error) && moduleSyntax(code, true)) {
        result.error.dispose();
        throw new GuestThrow(this.esmDetected());
      }
      throw new GuestThrow(result.error);
    }
    return result.value;
  }

  private evalOrThrow(code: string, filename: string): QuickJSHandle {
    const result = this.ctx.evalCode(code, filename, { type: 'global', strict: false });
    if (result.error) throw new GuestThrow(result.error);
    return result.value;
  }

  // ---- exit ----------------------------------------------------------------------------

  private exit(code: number): void {
    if (this.exitCode === null) this.exitCode = code & 0xff;
    throw new StopGuest();
  }

  private fatal(text: string): void {
    // Out of memory shows up here when the guest caught it: the OOM killer comes first.
    if (this.growRefused) this.oomKill();
    if (this.heapKilled) throw new StopGuest();
    this.sys.call('write', [2, text, 0]);
  }

  private abort(): never {
    this.exitCode = 134;
    throw new StopGuest();
  }

  private dispose(): void {
    try {
      this.esm?.dispose();
      this.rejections?.dispose();
      if (this.bootstrap) for (const h of Object.values(this.bootstrap)) h.dispose();
      this.bootstrap = null;
      this.abCheck?.dispose();
      this.precompiled?.dispose();
      this.ctx.dispose();
      this.rt.dispose();
    } catch {
      // A runtime interrupted mid-call may refuse a clean teardown; its WASM instance goes with it.
    }
  }
}

/** A module's text as compiled: without a byte order mark, a #! line made a comment. */
function moduleText(source: string): string {
  let text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text.startsWith('#!')) text = `//${text.slice(2)}`;
  return text;
}

/** A guest exception raised while the host compiled something for it. */
class GuestThrow extends Error {
  constructor(readonly handle: QuickJSHandle) { super('guest exception'); }
}

function isHandle(v: unknown): v is QuickJSHandle {
  return typeof v === 'object' && v !== null && 'alive' in v && 'dispose' in v && 'owner' in v;
}
