// redis-server at run time: the log, the clients (each connection read,
// its pipelined requests run in order, the replies written back), the
// cron (active expiry, save points, memory), snapshots (SAVE in-process,
// BGSAVE from a forked child that shows up in `ps` and `docker top`), the
// AOF, and the shutdown on SIGTERM/SIGINT or SHUTDOWN with the final save.
import { normalizePath } from '../../fs/path.ts';
import type { Process } from '../../kernel/process.ts';
import { KERNEL } from '../../kernel/procfs.ts';
import { SIGINT, SIGTERM } from '../../kernel/signals.ts';
import { Interrupted, type Task } from '../../kernel/task.ts';
import { openPath } from '../../kernel/vfs.ts';
import type { ClientState, ServerState } from './call.ts';
import { runCommand, type RunContext } from './commands.ts';
import { applyDirective, configMatching, configPairs, type Config } from './config.ts';
import { appendBinary, reason, sizeOf, writeAs, writeAtomically } from './disk.ts';
import { infoText } from './info.ts';
import { Keyspace } from './keyspace.ts';
import { loadData } from './load.ts';
import { AofWriter, aofNames, dumpText, type DumpMeta } from './persist.ts';
import { bytesOf, error, OK, ProtocolError, RequestReader, status } from './resp.ts';
import { REDIS_VERSION } from './version.ts';

/** used_memory of a fresh redis 7.4 (no keys, no clients), and the RSS the process holds besides its dataset. */
const USED_MEMORY_STARTUP = 946_128;
const RSS_BASE = 3_620_864;
const CLIENT_MEMORY = 20_496;
const CRON_MS = 100;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LEVELS = { debug: 0, verbose: 1, notice: 2, warning: 3, nothing: 4 } as const;
const MARK = { debug: '.', verbose: '-', notice: '*', warning: '#', nothing: '' } as const;
type Level = Exclude<keyof typeof LEVELS, 'nothing'>;

/** redis's log timestamp: "14 Feb 2025 20:41:07.123". */
export function logStamp(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

function hex40(): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += '0123456789abcdef'[Math.floor(Math.random() * 16)];
  return s;
}

export interface StartInfo {
  /** The config file named on the command line ('' for none) and whether anything was configured. */
  configFile: string;
  configured: boolean;
}

export class RedisServer implements ServerState {
  readonly keyspace = new Keyspace(() => this.now());
  readonly clients = new Set<ClientState>();
  dirty = 0;
  lastSave: number;
  private nextClientId = 3;
  private logFd = 1;
  private readonly runId = hex40();
  private readonly replId = hex40();
  private readonly startedAt = Date.now();
  private charged = 0;
  private peak = USED_MEMORY_STARTUP;
  private stats = { connections: 0, commands: 0, netIn: 0, netOut: 0, rejected: 0, forks: 0, errors: 0, rdbSaves: 0 };
  private readonly errorStats = new Map<string, number>();
  private bgsaveChild: Task | null = null;
  private bgsaveDirty = 0;
  private lastBgsaveOk = true;
  private lastBgsaveSecs = -1;
  private loaded = { keys: 0, expired: 0 };
  private aof: { writer: AofWriter; incr: string; pending: string } | null = null;
  private shuttingDown = false;
  private exitCode: number | null = null;
  private wake: () => void = () => {};
  private listener = -1;

  constructor(readonly p: Process, readonly conf: Config, private readonly start: StartInfo) {
    this.lastSave = Math.floor(this.now() / 1000);
    this.keyspace.onExpire = (db, key) => this.propagate(db, ['DEL', key]);
  }

  now(): number { return Date.now(); }

  // ---- the log ---------------------------------------------------------------

  /** Writes a log line: `pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`. */
  async log(level: Level, msg: string, role = 'M', p: Process = this.p): Promise<void> {
    if (LEVELS[level] < LEVELS[this.conf.loglevel]) return;
    try { await p.write(this.logFd, `${p.pid}:${role} ${logStamp(this.now())} ${MARK[level]} ${msg}\n`); } catch { /* log gone */ }
  }

  // ---- ServerState (what commands use) -------------------------------------------

  config(name: string): string | undefined {
    return configPairs(this.conf, this.p.cwd).find(([k]) => k === name)?.[1];
  }

  configGet(pattern: string): Array<[string, string]> {
    return configMatching(this.conf, this.p.cwd, pattern);
  }

  async configSet(name: string, value: string): Promise<string | null> {
    const mutable = new Set(['save', 'loglevel', 'maxmemory', 'maxmemory-policy', 'requirepass', 'dbfilename', 'maxclients', 'timeout', 'hz', 'appendfsync']);
    if (!configPairs(this.conf, '').some(([k]) => k === name)) return `Unknown option or number of arguments for CONFIG SET - '${name}'`;
    if (!mutable.has(name)) return "can't set immutable config";
    try {
      applyDirective(this.conf, name === 'save' ? ['save', ...(value.trim() ? value.trim().split(/\s+/) : [''])] : [name, value]);
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  }

  info(sections: string[]): string {
    return infoText({
      keyspace: this.keyspace, pid: this.p.pid, port: this.conf.port, runId: this.runId, replId: this.replId,
      executable: normalizePath(this.p.argv[0] ?? 'redis-server', this.p.cwd), configFile: this.start.configFile,
      startedAt: this.startedAt, now: this.now(), kernel: `${KERNEL.sysname} ${KERNEL.release} ${KERNEL.machine}`,
      connectedClients: this.clients.size, maxclients: this.conf.maxclients, usedMemory: this.usedMemory(), usedMemoryPeak: this.peak,
      usedMemoryStartup: USED_MEMORY_STARTUP, rss: this.charged, totalSystemMemory: 2 * 1024 ** 3, maxmemory: this.conf.maxmemory,
      maxmemoryPolicy: this.conf.maxmemoryPolicy, loading: false, dirty: this.dirty, bgsaveInProgress: this.bgsaveChild !== null,
      lastSave: this.lastSave, lastBgsaveOk: this.lastBgsaveOk, lastBgsaveSecs: this.lastBgsaveSecs, rdbSaves: this.stats.rdbSaves,
      loadedKeys: this.loaded.keys, loadedExpired: this.loaded.expired, aofEnabled: this.aof !== null,
      aofSize: this.aof ? sizeOf(this.p, this.aof.incr) : 0, totalConnections: this.stats.connections, totalCommands: this.stats.commands,
      netIn: this.stats.netIn, netOut: this.stats.netOut, rejectedConnections: this.stats.rejected, keyspaceHits: this.keyspace.hits,
      keyspaceMisses: this.keyspace.misses, totalForks: this.stats.forks, errorReplies: this.stats.errors, errorStats: this.errorStats,
      cpuMs: this.p.task.cpuMs, childCpuMs: 0,
    }, sections);
  }

  private usedMemory(): number {
    return USED_MEMORY_STARTUP + this.keyspace.used + this.clients.size * CLIENT_MEMORY;
  }

  /** Charges the container's cgroup for what the server holds now (the OOM killer may end it). */
  private account(): void {
    const used = this.usedMemory();
    if (used > this.peak) this.peak = used;
    const want = RSS_BASE + this.keyspace.used + this.clients.size * CLIENT_MEMORY;
    if (want > this.charged) this.p.charge(want - this.charged);
    else if (want < this.charged) this.p.uncharge(this.charged - want);
    this.charged = want;
  }

  // ---- persistence ------------------------------------------------------------------

  private meta(aofBase = 0): DumpMeta {
    return { 'redis-ver': REDIS_VERSION, 'redis-bits': 64, ctime: Math.floor(this.now() / 1000), 'used-mem': this.usedMemory(), 'aof-base': aofBase };
  }

  /** rdbSave: the snapshot, written now from this process. */
  private async saveNow(): Promise<boolean> {
    try {
      await writeAtomically(this.p, this.conf.dbfilename, dumpText(this.keyspace, this.meta()));
    } catch (e) {
      await this.log('warning', `Failed opening the RDB file ${this.conf.dbfilename} (in server root dir ${this.p.cwd}) for saving: ${reason(e)}`);
      return false;
    }
    await this.log('notice', 'DB saved on disk');
    this.dirty = 0;
    this.lastSave = Math.floor(this.now() / 1000);
    this.stats.rdbSaves++;
    return true;
  }

  async save(): Promise<string> {
    if (this.bgsaveChild) return error('ERR Background save already in progress');
    return (await this.saveNow()) ? OK : error('ERR');
  }

  bgsave(schedule: boolean): string {
    if (this.bgsaveChild) return schedule ? status('Background saving scheduled') : error('ERR Background save already in progress');
    this.forkSave();
    return status('Background saving started');
  }

  /** BGSAVE: a child process writes the dataset as it was at the fork. */
  private forkSave(): void {
    const text = dumpText(this.keyspace, this.meta());
    const file = this.conf.dbfilename;
    const started = this.now();
    const logAs = (cp: Process, level: Level, msg: string): Promise<void> => this.log(level, msg, 'C', cp);
    const child = this.p.spawn(async (cp) => {
      cp.task.argv = ['redis-rdb-bgsave'];
      try {
        await writeAtomically(cp, file, text);
      } catch (e) {
        await logAs(cp, 'warning', `Failed opening the RDB file ${file} (in server root dir ${cp.cwd}) for saving: ${reason(e)}`);
        return 1;
      }
      await logAs(cp, 'notice', 'DB saved on disk');
      await logAs(cp, 'notice', 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB');
      return 0;
    }, { argv: ['redis-rdb-bgsave'] });
    this.bgsaveChild = child;
    this.bgsaveDirty = this.dirty;
    this.stats.forks++;
    void this.log('notice', `Background saving started by pid ${child.pidIn(this.p.task.pidns)}`);
    void this.p.waitChild(child).then(async (st) => {
      this.bgsaveChild = null;
      this.lastBgsaveSecs = Math.round((this.now() - started) / 1000);
      this.lastBgsaveOk = st.code === 0 && st.signal === null;
      if (this.lastBgsaveOk) {
        this.dirty = Math.max(0, this.dirty - this.bgsaveDirty);
        this.lastSave = Math.floor(this.now() / 1000);
        this.stats.rdbSaves++;
        await this.log('notice', 'Background saving terminated with success');
      } else {
        await this.log('warning', st.signal !== null ? `Background saving terminated by signal ${st.signal}` : 'Background saving error');
      }
    }, () => { this.bgsaveChild = null; });
  }

  /** Logs a change for the AOF (written before the replies go out). */
  propagate(db: number, argv: string[]): void {
    if (this.aof) this.aof.pending += this.aof.writer.record(db, argv);
  }

  private async flushAof(): Promise<void> {
    if (!this.aof || !this.aof.pending) return;
    const data = this.aof.pending;
    this.aof.pending = '';
    try {
      await appendBinary(this.p, this.aof.incr, data);
    } catch (e) {
      await this.log('warning', `Error writing to the AOF file: ${reason(e)}`);
    }
  }

  // ---- shutdown -------------------------------------------------------------------

  async shutdown(save: boolean | null, fromSignal = false): Promise<string | null> {
    if (this.shuttingDown) return null;
    this.shuttingDown = true;
    await this.log('notice', 'User requested shutdown...');
    if (this.bgsaveChild) {
      await this.log('warning', 'There is a child saving an .rdb. Killing it!');
      try { this.p.kill(this.bgsaveChild.pidIn(this.p.task.pidns), 9); } catch { /* gone */ }
    }
    if (this.aof) {
      await this.flushAof();
      await this.log('notice', 'Calling fsync() on the AOF file.');
    }
    if ((this.conf.save.length > 0 && save !== false) || save === true) {
      await this.log('notice', 'Saving the final RDB snapshot before exiting.');
      if (!(await this.saveNow())) {
        await this.log('warning', "Error trying to save the DB, can't exit.");
        if (fromSignal) await this.log('warning', 'SIGTERM received but errors trying to shut down the server, check the logs for more information');
        this.shuttingDown = false;
        return error('ERR Errors trying to SHUTDOWN. Check logs.');
      }
    }
    if (this.conf.pidfile) {
      await this.log('notice', 'Removing the pid file.');
      try { this.p.fs.unlinkSync(normalizePath(this.conf.pidfile, this.p.cwd)); } catch { /* gone */ }
    }
    await this.log('warning', 'Redis is now ready to exit, bye bye...');
    this.exitCode = 0;
    this.wake();
    return null;
  }

  // ---- clients ----------------------------------------------------------------------

  private async serve(fd: number): Promise<void> {
    const p = this.p;
    const sock = p.fds.get(fd) as unknown as { remote?: string; local?: string };
    const now = this.now();
    const client: ClientState = {
      id: this.nextClientId++, addr: sock.remote ?? '?:0', laddr: sock.local ?? `?:${this.conf.port}`, db: 0, name: '',
      authed: false, since: now, lastCommand: 'NULL', closeAfterReply: false,
    };
    this.clients.add(client);
    const ctx: RunContext = {
      server: this, client, needsAuth: this.conf.requirepass !== '',
      propagate: (db, argv) => this.propagate(db, argv),
    };
    const reader = new RequestReader();
    try {
      this.account();
      for (;;) {
        const chunk = await p.read(fd, 16 * 1024);
        if (!chunk) break;
        this.stats.netIn += chunk.length;
        reader.feed(chunk);
        let out = '';
        let close = false;
        for (;;) {
          let argv: string[] | null;
          try {
            argv = reader.next();
          } catch (e) {
            if (!(e instanceof ProtocolError)) throw e;
            out += error(`ERR ${e.message}`);
            this.countError('ERR');
            close = true;
            break;
          }
          if (!argv) break;
          ctx.needsAuth = this.conf.requirepass !== '';
          const o = await runCommand(ctx, argv);
          if (o.executed) this.stats.commands++;
          if (o.errorKind) this.countError(o.errorKind);
          out += o.reply;
          if (client.closeAfterReply || this.exitCode !== null) { close = true; break; }
          const t = p.tick();
          if (t) await t;
        }
        await this.flushAof();
        if (out) {
          this.stats.netOut += out.length;
          await p.write(fd, bytesOf(out));
        }
        this.account();
        if (close) break;
      }
    } catch {
      /* the client went away, or the server is ending */
    } finally {
      this.clients.delete(client);
      try { p.close(fd); } catch { /* closed */ }
      try { this.account(); } catch { /* ending */ }
    }
  }

  private countError(kind: string): void {
    this.stats.errors++;
    this.errorStats.set(kind, (this.errorStats.get(kind) ?? 0) + 1);
  }

  private async acceptLoop(): Promise<void> {
    for (;;) {
      const fd = await this.p.accept(this.listener);
      this.stats.connections++;
      if (this.clients.size >= this.conf.maxclients) {
        this.stats.rejected++;
        try { await this.p.write(fd, '-ERR max number of clients reached\r\n'); } catch { /* gone */ }
        this.p.close(fd);
        continue;
      }
      void this.serve(fd);
    }
  }

  // ---- the cron -------------------------------------------------------------------

  private async cron(): Promise<void> {
    this.keyspace.expireSome();
    if (!this.bgsaveChild && this.dirty > 0 && !this.shuttingDown) {
      const since = this.now() / 1000 - this.lastSave;
      for (const [secs, changes] of this.conf.save) {
        if (this.dirty >= changes && since >= secs) {
          await this.log('notice', `${changes} changes in ${secs} seconds. Saving...`);
          this.forkSave();
          break;
        }
      }
    }
    await this.flushAof();
    this.account();
  }

  // ---- start and run ----------------------------------------------------------------

  /** Starts up (logs, listens, loads the data), serves until shutdown; the exit status. */
  async run(): Promise<number> {
    const p = this.p;
    if (this.conf.logfile) {
      try {
        this.logFd = p.open(openPath(p.fs, normalizePath(this.conf.logfile, p.cwd), { write: true, create: true, append: true }, p.task.creds, p.fds));
      } catch (e) {
        await p.write(2, `Can't open the log file: ${reason(e)}\n`);
        return 1;
      }
    }
    await this.log('notice', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', 'C');
    await this.log('notice', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=${p.pid}, just started`, 'C');
    if (this.start.configured) await this.log('notice', 'Configuration loaded', 'C');
    else await this.log('warning', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf', 'C');
    await this.log('notice', 'monotonic clock: POSIX clock_gettime');
    try {
      this.listener = p.listen('0.0.0.0', this.conf.port);
    } catch (e) {
      await this.log('warning', `Warning: Could not create server TCP listening socket *:${this.conf.port}: bind: ${reason(e)}`);
      await this.log('warning', `Failed listening on port ${this.conf.port} (tcp), aborting.`);
      return 1;
    }
    // redis sets its process title: what ps and docker top show.
    p.task.argv = [`redis-server *:${this.conf.port}`];
    await this.log('notice', `Running mode=standalone, port=${this.conf.port}.`);
    await this.log('notice', 'Server initialized');
    const loaded = await loadData(this, (level, msg) => this.log(level, msg));
    if (loaded === null) return 1;
    this.loaded = { keys: loaded.keys, expired: loaded.expired };
    if (loaded.aofIncr !== null) this.aof = { writer: new AofWriter(), incr: loaded.aofIncr, pending: '' };
    if (this.conf.pidfile) { try { await writeAs(p, this.conf.pidfile, `${p.pid}\n`); } catch { /* not fatal */ } }
    await this.log('notice', 'Ready to accept connections tcp');
    this.account();
    for (const sig of [SIGTERM, SIGINT]) p.setDisposition(sig, 'catch');
    this.acceptLoop().catch(() => { /* the process is ending */ });
    let last = p.now();
    while (this.exitCode === null) {
      const woke = new Promise<void>((resolve) => { this.wake = resolve; });
      try {
        await p.waitAny(woke, CRON_MS);
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
      }
      for (const sig of p.takeSignals()) {
        const name = sig === SIGTERM ? 'SIGTERM' : 'SIGINT';
        try { await p.write(this.logFd, `${p.pid}:signal-handler (${Math.floor(this.now() / 1000)}) Received ${name} scheduling shutdown...\n`); } catch { /* log gone */ }
        await this.shutdown(null, true);
      }
      if (this.exitCode === null && p.now() - last >= CRON_MS) {
        last = p.now();
        await this.cron();
      }
    }
    try { p.close(this.listener); } catch { /* closed */ }
    return this.exitCode;
  }
}
