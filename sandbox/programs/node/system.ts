// The engine's side of a `node` process: every system call its guest makes
// (files, sockets, the standard streams, signals, process and os facts),
// the events it waits for (poll), and the accounting of its WASM memory
// (memory.max) and CPU time (cpu.max) to the process's cgroup. The guest may
// run in this thread or in a worker; either way it reaches the system only
// through call() and poll().
import type { Process } from '../../kernel/process.ts';
import { KERNEL, ONLINE_CPUS } from '../../kernel/procfs.ts';
import { SIGNALS } from '../../kernel/signals.ts';
import { Interrupted, Killed } from '../../kernel/task.ts';
import { SysError } from '../../kernel/errno.ts';
import { accountFields, nameOf } from '../applets/info-lib.ts';
import { HostFs, sourceLine, UvError } from './host-fs.ts';
import { NetHost } from './host-net.ts';
import { OutputQueue } from './output-queue.ts';
import { cachedVersion } from './code-cache.ts';
import { LIB_BUILTINS } from './lib.gen.ts';
import { resolveModule, staticRequires, type PackageCache } from './resolve.ts';
import { esmAnswer } from './esm-load.ts';
import { fileFormat, packageScope, type EsmResolver } from './esm-resolve.ts';
import { ownVersion } from '../own-version.ts';

/** The release a node binary without a stamped version is (node:22-alpine's). */
export const DEFAULT_NODE_RELEASE = '22.14.0';
/** Module ABI by major release (process.versions.modules: packages check it). */
const MODULE_ABI = new Map([['18', '108'], ['20', '115'], ['22', '127'], ['24', '137']]);

/** `node --version` of the binary `p` runs: the release its image ships (programs/own-version.ts). */
export function nodeVersionOf(p: Process): string {
  return `v${ownVersion(p, DEFAULT_NODE_RELEASE)}`;
}

/** process.versions: the Node release it behaves as (and its module ABI), and the engine it really runs on. */
function versionsFor(release: string): Record<string, string> {
  return { node: release, modules: MODULE_ABI.get(release.split('.')[0]!) ?? '127', quickjs: '2025-09-13' };
}

/** With no memory.max anywhere, a guest's memory still stops here (what a 32-bit emscripten build addresses). */
export const HEAP_CAP = 2 * 1024 * 1024 * 1024;
/** Above memory.max, a guest's linear memory may reach this much more (the size it starts at), so the cgroup's limit, not the memory's maximum, is what a process meets. */
export const RUNTIME_SLACK = 16 * 1024 * 1024;

export type GuestEvent = [kind: string, a?: unknown, b?: unknown, c?: unknown];

/** Source sent ahead with one resolution, at most. */
const AHEAD_BYTES = 8 * 1024 * 1024;
/** Names that are Node's own modules (they win over node_modules). */
const BUILTIN_NAMES: ReadonlySet<string> = new Set([...LIB_BUILTINS.keys(), 'module']);
/** The built-in names programs may import (internal/* are the runtime's own). */
const PUBLIC_BUILTINS: ReadonlySet<string> = new Set([...BUILTIN_NAMES].filter((name) => !name.startsWith('internal/')));

/**
 * A module's source as sent to the guest: the text, or the version of the
 * engine's code cache that text is (code-cache.ts: the guest may hold it
 * compiled).
 */
export type ModuleSource = string | number;

/**
 * A resolution: the file, its source the first time (else null), and, for a
 * package's file, what its literal requires resolve to and their sources;
 * 'module' last for an ES module (.mjs, .js under "type": "module"), which
 * require() loads as Node 20.19+/22.12+ do.
 */
export type Resolution = [file: string, source: ModuleSource | null, ahead?: Array<[from: string, request: string, file: string]> | null, sources?: Array<[file: string, source: ModuleSource]> | null, format?: 'module'];

export class NodeSystem {
  private readonly fsCalls: HostFs;
  private readonly net: NetHost;
  private readonly writers = new Map<number, OutputQueue>();
  private readonly refs = new Set<string>();
  private stdinReader: { paused: boolean; resume: (() => void) | null; stopped: boolean } | null = null;
  private events: GuestEvent[] = [];
  private notify: (() => void) | null = null;
  private charged = 0;
  /** The smallest grow refused since the last one that fitted (0: none). */
  private refused = 0;
  private readonly packages: PackageCache = new Map();
  /** The code cache versions the guest's runtime holds compiled, by path (it says so on its first resolution). */
  private guestVersions = new Map<string, number>();
  /** Module files whose source went to the guest with their resolution. */
  private readonly served = new Set<string>();
  readonly startedAt: number;

  constructor(
    readonly p: Process, private readonly execArgv: string[], private readonly argv: string[], readonly wrapperLength: number,
    /** NODE_OPTIONS' options (`--flag` or `--flag=value`): in force, but not in execArgv. */
    private readonly nodeOptions: string[] = [],
  ) {
    this.fsCalls = new HostFs(p);
    this.net = new NetHost(p, (e) => this.push(e));
    this.startedAt = p.now();
  }

  private push(event: GuestEvent): void {
    this.events.push(event);
    this.notify?.();
  }

  /** Whether anything on this side keeps the event loop alive (I/O, pending output, queued events). */
  alive(): boolean {
    return this.refs.size > 0 || this.events.length > 0 || this.net.alive || [...this.writers.values()].some((w) => w.busy);
  }

  /**
   * Waits for events until `deadline` (kernel clock ms; null: no timeout).
   * Caught signals arrive as events; a kill ends the wait with Killed.
   */
  async poll(deadline: number | null): Promise<{ events: GuestEvent[]; now: number }> {
    if (this.events.length === 0) {
      const ms = deadline === null ? null : deadline - this.p.now();
      if (ms === null || ms > 0) {
        const event = new Promise<void>((resolve) => { this.notify = resolve; });
        try {
          await this.p.waitAny(event, ms);
        } catch (e) {
          if (!(e instanceof Interrupted)) throw e;
        } finally {
          this.notify = null;
        }
      }
    }
    for (const sig of this.p.takeSignals()) this.events.push(['signal', sig]);
    return { events: this.events.splice(0), now: this.p.now() };
  }

  /**
   * The most the guest's linear memory may ever reach: the lowest memory.max
   * from its cgroup up (the root's is the machine's memory) plus what the
   * runtime starts with — its WebAssembly.Memory's maximum.
   */
  memoryCeiling(): number {
    let max = Infinity;
    for (const c of this.p.task.cgroup.lineage()) if (c.limits.memoryMax !== null) max = Math.min(max, c.limits.memoryMax);
    return Number.isFinite(max) ? Math.min(HEAP_CAP, max + RUNTIME_SLACK) : HEAP_CAP;
  }

  /**
   * The guest's linear memory is to grow to `size` bytes: charged to the
   * cgroup when it fits (true); refused, with nothing charged, when it would
   * pass a memory.max (false: a smaller grow may still fit). A smaller size
   * than charged (a grow that failed after all) gives the difference back.
   */
  grow(size: number): boolean {
    const more = size - this.charged;
    if (more < 0) {
      this.p.uncharge(-more);
      this.charged = size;
    }
    if (more <= 0) return true;
    if (more > this.p.memoryHeadroom()) {
      this.refused = this.refused === 0 ? size : Math.min(this.refused, size);
      return false;
    }
    this.refused = 0;
    this.p.charge(more);
    this.charged = size;
    return true;
  }

  /**
   * The guest could not get memory: as Linux does when a charge fails, the
   * OOM killer runs in the cgroup that is full and ends the task holding the
   * most there — this one (Killed is thrown) or a bigger one, whose memory
   * is then free (true: this process lives on).
   */
  oom(): boolean {
    const wanted = this.refused - this.charged;
    this.refused = 0;
    const room = this.p.memoryHeadroom();
    if (wanted > 0 && wanted <= room) return true;
    const more = wanted > 0 ? wanted : room + 1;
    this.p.charge(more);
    this.p.uncharge(more);
    return true;
  }

  /** Output flushed, sockets closed, heap returned: the program is over. */
  async finish(): Promise<void> {
    this.net.closeAll();
    for (const q of this.writers.values()) await q.flush();
    this.release();
  }

  release(): void {
    if (this.charged > 0) this.p.uncharge(this.charged);
    this.charged = 0;
  }

  /** One system call. */
  call(op: string, a: unknown[]): unknown {
    switch (op) {
      case 'resolve':
        if (Array.isArray(a[2])) this.guestVersions = new Map(a[2] as Array<[string, number]>);
        return this.resolve(String(a[0]), String(a[1]));
      case 'esmResolve': return esmAnswer(this.esmResolver(), String(a[0]), String(a[1]), (path) => String(this.fsCalls.call('readFile', [path, 'utf8', 'r'])));
      case 'packageScope': {
        // The package.json a .js file found to be an ES module by its syntax left untyped (Node warns), outside node_modules.
        const path = String(a[0]);
        return path.includes('/node_modules/') ? null : packageScope(this.p.fs, path, this.packages)?.file ?? null;
      }
      case 'readSource': return this.fsCalls.call('readFile', [String(a[0]), 'utf8', 'r']);
      case 'sourceLine': return sourceLine(this.p, String(a[0]), Number(a[1]));
      case 'proc': return this.procInfo();
      case 'os': return this.osInfo();
      case 'hrnow': return this.p.now();
      case 'tty': {
        // null: no such descriptor; else whether it is a terminal, and its size if so.
        const fd = Number(a[0]);
        if (!Number.isInteger(fd) || !this.p.task.fds.has(fd)) return null;
        const tty = this.p.tty(fd);
        return tty ? { tty: true, columns: tty.size.cols, rows: tty.size.rows } : { tty: false };
      }
      case 'cwd': return this.p.cwd;
      case 'chdir': return this.chdir(String(a[0]));
      case 'umask': return 0o022;
      case 'write': return this.write(Number(a[0]), a[1], Number(a[2]));
      case 'signal':
        this.p.setDisposition(Number(a[0]), a[1] === true ? 'catch' : 'default');
        return undefined;
      case 'kill': return this.kill(Number(a[0]), Number(a[1]));
      case 'headroom': {
        const room = this.p.memoryHeadroom();
        return Number.isFinite(room) ? room : HEAP_CAP - this.charged;
      }
      case 'cpu': return { user: Math.round(this.p.task.cpuMs * 1000), system: 0 };
      case 'stdin': return this.stdin(String(a[0]), Number(a[1]));
      case 'alive': return this.alive();
      case 'grow': return this.grow(Number(a[0]));
      case 'oom': return this.oom();
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

  /**
   * require() resolution: [file, its source] the first time a JavaScript file
   * is found (the guest compiles it next — one call instead of two), [file,
   * null] after that or when it cannot be read here; null when nothing is
   * found. A file inside node_modules comes with its package graph ahead:
   * what the literal requires below it resolve to and the sources of the
   * files they reach (JavaScript and JSON, under node_modules, not sent
   * before) — so a framework's hundred files cost one call, not a hundred.
   */
  private resolve(request: string, from: string): Resolution | null {
    const found = resolveModule(this.p.fs, request, from, this.packages);
    if (found === null) return null;
    if (this.isModule(found)) return [found, this.served.has(found) ? null : this.readSource(found), null, null, 'module'];
    if (this.served.has(found) || !/\.c?js$/.test(found)) return [found, null];
    const source = this.readSource(found);
    if (source === null) return [found, null];
    if (!found.includes('/node_modules/')) return [found, source];
    const sources: Array<[string, ModuleSource]> = [];
    let budget = AHEAD_BYTES;
    const ahead = staticRequires(this.p.fs, found, source, BUILTIN_NAMES, (file) => {
      if (this.served.has(file) || !file.includes('/node_modules/') || !/\.(c?js|json)$/.test(file) || budget <= 0 || this.isModule(file)) return null;
      const text = this.readSource(file);
      if (text === null) return null;
      const version = this.compiledThere(file, text);
      if (version === null) budget -= text.length;
      sources.push([file, version ?? text]);
      return file.endsWith('.json') ? null : text;
    }, this.packages);
    const sent = this.compiledThere(found, source) ?? source;
    // ES modules are left out of what is resolved ahead: their require() asks (and learns they are modules).
    const cjs = ahead.filter((r) => !this.isModule(r.file));
    return cjs.length > 0 ? [found, sent, cjs.map((r) => [r.from, r.request, r.file]), sources] : [found, sent];
  }

  /** Whether require() finds an ES module in `file`: .mjs, or .js under "type": "module". */
  private isModule(file: string): boolean {
    if (file.endsWith('.mjs')) return true;
    if (!file.endsWith('.js')) return false;
    try { return fileFormat(this.p.fs, file, this.packages) === 'module'; } catch { return false; }
  }

  private esmResolver(): EsmResolver {
    return { fs: this.p.fs, builtins: PUBLIC_BUILTINS, node20: nodeVersionOf(this.p).startsWith('v20.'), cache: this.packages };
  }

  /** The code cache version `text` is, when the guest holds that version compiled (else null: the text is sent). */
  private compiledThere(file: string, text: string): number | null {
    const version = this.guestVersions.get(file);
    return version !== undefined && cachedVersion(file, text) === version ? version : null;
  }

  /** A module's source, read as the process (null when it cannot be); remembered as sent. */
  private readSource(file: string): string | null {
    try {
      const text = String(this.fsCalls.call('readFile', [file, 'utf8', 'r']));
      this.served.add(file);
      return text;
    } catch {
      return null;
    }
  }

  private isRegularFd(fd: number): boolean {
    try { return this.p.fds.get(fd).kind === 'file'; } catch { return true; }
  }

  // ---- process -----------------------------------------------------------------------

  private procInfo(): Record<string, unknown> {
    const p = this.p;
    const stdio = [0, 1, 2].map((fd) => {
      const tty = p.tty(fd);
      let kind = 'pipe';
      try { kind = p.fds.get(fd).kind === 'file' ? 'fs' : 'pipe'; } catch { kind = 'closed'; }
      return tty ? { tty: true, kind: 'tty', columns: tty.size.cols, rows: tty.size.rows } : { tty: false, kind };
    });
    return {
      argv: ['/usr/local/bin/node', ...this.argv],
      argv0: p.argv[0] ?? 'node',
      execArgv: this.execArgv,
      nodeOptions: this.nodeOptions,
      execPath: '/usr/local/bin/node',
      env: Object.fromEntries(p.env),
      pid: p.pid, ppid: p.ppid, uid: p.uid, gid: p.gid, groups: [p.gid, ...p.task.creds.groups.filter((g) => g !== p.gid)],
      version: nodeVersionOf(p), versions: versionsFor(nodeVersionOf(p).slice(1)),
      signals: SIGNALS,
      stdio,
      startedAt: this.startedAt,
      memoryLimit: p.task.cgroup.limits.memoryMax ?? 0,
      wrapperLength: this.wrapperLength,
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

  // ---- output -----------------------------------------------------------------------------

  private write(fd: number, data: unknown, id: number): boolean {
    const q = this.queueWrite(fd, typeof data === 'string' ? new TextEncoder().encode(data) : data as Uint8Array);
    if (id > 0) q.onDrain = () => this.push(['io', id, 'drain']);
    return q.write(new Uint8Array(0));
  }

  queueWrite(fd: number, data: Uint8Array | string): OutputQueue {
    let q = this.writers.get(fd);
    if (!q) {
      q = new OutputQueue(this.p, fd);
      this.writers.set(fd, q);
    }
    q.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return q;
  }

  // ---- stdin ---------------------------------------------------------------------------------

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
      while (!reader.stopped) {
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
    } catch (e) {
      if (!(e instanceof Killed)) this.push(['io', id, 'end']);
    } finally {
      this.refs.delete('stdin');
      this.notify?.();
    }
  }
}
