// The `nginx` program: -v/-V/-t/-T/-c/-g/-s as nginx takes them; a master
// process that listens, writes its pid file and starts worker processes
// (as the configured user) which accept and serve; SIGQUIT/SIGTERM/SIGINT
// stop it, SIGHUP re-reads the configuration. Without `daemon off` it goes
// to the background, so a container whose command is plain `nginx` exits.
import { normalizePath } from '../../fs/path.ts';
import { SysError } from '../../kernel/errno.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { SIGHUP, SIGINT, SIGNALS, SIGTERM } from '../../kernel/signals.ts';
import { Interrupted, type Task } from '../../kernel/task.ts';
import { openPath } from '../../kernel/vfs.ts';
import { KERNEL } from '../../kernel/procfs.ts';
import { accountFields } from '../applets/info-lib.ts';
import { resolveHost } from '../applets/net-lib.ts';
import { ConfigError, parseConfig, parseConfigText, type Directive } from './config.ts';
import { handleConnection, NGINX_VERSION } from './serve.ts';
import { siteOf, type Site } from './site.ts';

const SIGQUIT = SIGNALS.SIGQUIT;

function stamp(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Opens a log file for appending (a symlink to /dev/stdout or /dev/stderr reaches the container's streams). */
function openLog(p: Process, path: string): number | null {
  try {
    return p.open(openPath(p.fs, normalizePath(path, '/'), { write: true, create: true, append: true }, p.task.creds, p.fds));
  } catch {
    return null;
  }
}

/** Reads the configuration; proxy_pass hosts are resolved now, as nginx does (an unknown one is fatal). */
function loadSite(p: Process, confFile: string, globals: string): Site {
  const g: Directive[] = globals ? parseConfigText(p.fs, globals, 'command line') : [];
  const site = siteOf(parseConfig(p.fs, confFile), g);
  for (const s of site.servers) {
    for (const loc of s.locations) {
      if (!loc.proxy) continue;
      loc.proxy.addr = resolveHost(p, loc.proxy.host);
      if (!loc.proxy.addr) throw new ConfigError(`host not found in upstream "${loc.proxy.name}" in ${loc.proxy.where}`);
    }
  }
  return site;
}

function userCreds(p: Process, name: string): { uid: number; gid: number } | null {
  const f = accountFields(p, '/etc/passwd', name);
  return f ? { uid: Number(f[2]), gid: Number(f[3]) } : null;
}

function worker(site: Site, listeners: Array<{ fd: number; port: number }>, logFd: number | null, errFd: number): Program {
  return async (p) => {
    p.task.argv = ['nginx: worker process'];
    p.setDisposition(SIGINT, 'ignore');
    const log = async (line: string): Promise<void> => { if (logFd !== null) { try { await p.write(logFd, line); } catch { /* log gone */ } } };
    let served = 0;
    await Promise.all(listeners.map(async ({ fd, port }) => {
      for (;;) {
        const conn = await p.accept(fd);
        const n = ++served;
        const errorLog = async (msg: string): Promise<void> => { try { await p.write(errFd, `${stamp()} [error] ${p.pid}#${p.pid}: *${n} ${msg}\n`); } catch { /* log gone */ } };
        const remote = ((p.fds.get(conn) as unknown as { remote?: string }).remote ?? '-').replace(/:\d+$/, '');
        void handleConnection(p, conn, site, port, remote, log, errorLog);
        const t = p.tick();
        if (t) await t;
      }
    }));
    return 0;
  };
}

async function master(p: Process, site: Site, confFile: string, globals: string, cmdline: string): Promise<number> {
  const errLog = openLog(p, site.errorLog) ?? 2;
  const notice = (msg: string): Promise<number> => p.write(errLog, `${stamp()} [notice] ${p.pid}#${p.pid}: ${msg}\n`);
  const listeners: Array<{ fd: number; port: number }> = [];
  for (const port of [...new Set(site.servers.flatMap((s) => s.ports))]) {
    try {
      listeners.push({ fd: p.listen('0.0.0.0', port), port });
    } catch (e) {
      const why = e instanceof SysError && e.errno === 'EADDRINUSE' ? '98: Address in use' : e instanceof SysError && e.errno === 'ENETUNREACH' ? '99: Cannot assign requested address' : String(e);
      await p.write(errLog, `${stamp()} [emerg] ${p.pid}#${p.pid}: bind() to 0.0.0.0:${port} failed (${why})\n`);
      await p.write(2, `nginx: [emerg] bind() to 0.0.0.0:${port} failed (${why})\n`);
      return 1;
    }
  }
  try { p.fs.mkdirSync(normalizePath(site.pidFile, '/').replace(/\/[^/]*$/, '') || '/', { recursive: true }); p.fs.writeFileSync(site.pidFile, `${p.pid}\n`); } catch { /* read-only */ }
  p.task.argv = [`nginx: master process ${cmdline}`];
  await notice('using the "epoll" event method');
  await notice(`nginx/${NGINX_VERSION}`);
  await notice('built by gcc 14.2.0 (Alpine 14.2.0) ');
  await notice(`OS: ${KERNEL.sysname} ${KERNEL.release}`);
  await notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  await notice('start worker processes');
  const accessFd = site.accessLog ? openLog(p, site.accessLog) : null;
  const creds = userCreds(p, site.user);
  let workers: Task[] = [];
  const startWorkers = async (s: Site): Promise<void> => {
    for (let i = 0; i < s.workers; i++) {
      const t = p.spawn(worker(s, listeners, accessFd, errLog), { argv: ['nginx: worker process'], ...(p.uid === 0 && creds && { creds: { uid: creds.uid, gid: creds.gid, groups: [] } }) });
      workers.push(t);
      await notice(`start worker process ${t.pidIn(p.task.pidns)}`);
    }
  };
  await startWorkers(site);
  for (const sig of [SIGQUIT, SIGTERM, SIGINT, SIGHUP]) p.setDisposition(sig, 'catch');
  for (;;) {
    try {
      await p.sleep(3_600_000);
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
    }
    for (const sig of p.takeSignals()) {
      if (sig === SIGHUP) {
        await notice('signal 1 (SIGHUP) received from 0, reconfiguring');
        let next: Site;
        try { next = loadSite(p, confFile, globals); } catch (e) {
          await p.write(errLog, `${stamp()} [emerg] ${p.pid}#${p.pid}: ${(e as Error).message}\n`);
          continue;
        }
        for (const w of workers) p.kill(w.pidIn(p.task.pidns), SIGQUIT);
        workers = [];
        await startWorkers(next);
        continue;
      }
      const name = sig === SIGQUIT ? 'SIGQUIT' : sig === SIGTERM ? 'SIGTERM' : 'SIGINT';
      await notice(`signal ${sig} (${name}) received, ${sig === SIGQUIT ? 'shutting down' : 'exiting'}`);
      for (const w of workers) { try { p.kill(w.pidIn(p.task.pidns), SIGQUIT); } catch { /* gone */ } }
      for (const w of workers) {
        await p.waitChild(w).catch(() => undefined);
        await notice(`signal 17 (SIGCHLD) received from ${w.pidIn(p.task.pidns)}`);
        await notice(`worker process ${w.pidIn(p.task.pidns)} exited with code 0`);
      }
      await notice('exit');
      try { p.fs.unlinkSync(site.pidFile); } catch { /* gone */ }
      return 0;
    }
  }
}

export const nginx: Program = async (p) => {
  const argv = p.argv.slice(1);
  let conf = '/etc/nginx/nginx.conf';
  let globals = '';
  let test = false;
  let dump = false;
  let signal: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v') { await p.write(2, `nginx version: nginx/${NGINX_VERSION}\n`); return 0; }
    if (a === '-V') { await p.write(2, `nginx version: nginx/${NGINX_VERSION}\nbuilt by gcc 14.2.0 (Alpine 14.2.0) \nbuilt with OpenSSL 3.3.3 11 Feb 2025\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --conf-path=/etc/nginx/nginx.conf\n`); return 0; }
    if (a === '-t' || a === '-T') { test = true; dump = a === '-T'; continue; }
    if (a === '-q') continue;
    if (a === '-c') { conf = normalizePath(argv[++i] ?? '', p.cwd); continue; }
    if (a === '-g') { globals = argv[++i] ?? ''; continue; }
    if (a === '-s') { signal = argv[++i] ?? ''; continue; }
    if (a === '-h' || a === '-?') {
      await p.write(2, `nginx version: nginx/${NGINX_VERSION}\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n`);
      return 0;
    }
    await p.write(2, `nginx: invalid option: "${a.replace(/^-/, '')}"\n`);
    return 1;
  }
  let site: Site;
  try {
    site = loadSite(p, conf, globals);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    await p.write(2, `${stamp()} [emerg] ${p.pid}#${p.pid}: ${e.message}\nnginx: [emerg] ${e.message}\n`);
    if (test) await p.write(2, `nginx: configuration file ${conf} test failed\n`);
    return 1;
  }
  if (test) {
    if (dump) await p.write(1, `# configuration file ${conf}:\n${new TextDecoder().decode(p.fs.readFileSync(conf))}`);
    await p.write(2, `nginx: the configuration file ${conf} syntax is ok\nnginx: configuration file ${conf} test is successful\n`);
    return 0;
  }
  if (signal !== null) {
    const sigs = new Map([['stop', SIGTERM], ['quit', SIGQUIT], ['reload', SIGHUP], ['reopen', SIGNALS.SIGUSR1]]);
    const sig = sigs.get(signal);
    if (sig === undefined) { await p.write(2, `nginx: invalid option: "-s ${signal}"\n`); return 1; }
    let pid: number;
    try { pid = Number(new TextDecoder().decode(p.fs.readFileSync(site.pidFile)).trim()); } catch {
      await p.write(2, `${stamp()} [error] ${p.pid}#${p.pid}: open() "${site.pidFile}" failed (2: No such file or directory)\nnginx: [error] open() "${site.pidFile}" failed (2: No such file or directory)\n`);
      return 1;
    }
    try { p.kill(pid, sig); } catch {
      await p.write(2, `nginx: [alert] kill(${pid}, ${sig}) failed (3: No such process)\n`);
      return 1;
    }
    if (signal === 'reload') await p.write(2, `${stamp()} [notice] ${p.pid}#${p.pid}: signal process started\n`);
    return 0;
  }
  const cmdline = ['nginx', ...argv].join(' ');
  if (site.daemon) {
    // Daemonize: the master runs on in the background; this process returns at once.
    p.spawn((child) => master(child, site, conf, globals, cmdline), { argv: p.argv });
    return 0;
  }
  return master(p, site, conf, globals, cmdline);
};
