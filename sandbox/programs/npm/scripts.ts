// Running a package script as @npmcli/run-script does: the `> name@version
// event` banner and the command on stdout, then `sh -c '<script> <args>'`
// in the package's folder, with node_modules/.bin of that folder and of
// every folder above it first on PATH, and npm's environment
// (npm_lifecycle_event, npm_package_name, npm_config_*, INIT_CWD, NODE…).
// While it runs, SIGINT and SIGTERM sent to npm go to the script (npm's
// signal-manager); a script killed by a signal makes npm kill itself with
// that signal — and when npm is a container's PID 1, which ignores it, npm
// fails with `command failed` / `signal SIGTERM` half a second later, as
// real npm does.
import { ancestors } from '../../fs/path.ts';
import { Interrupted, type Task } from '../../kernel/task.ts';
import { SIGINT, SIGNALS, SIGTERM } from '../../kernel/signals.ts';
import { runCommand } from '../applets/spawn-hook.ts';
import { NpmError, ScriptExit } from './errors.ts';
import { packageId } from './pkg-json.ts';
import type { Session } from './session.ts';
import type { Manifest } from './tree.ts';

export interface ScriptRun {
  pkg: Manifest;
  event: string;
  /** The folder it runs in. */
  path: string;
  args?: string[];
  /** The command, when not the package's script (npx). */
  cmd?: string;
  /** Print the `> id event` banner (npm does for scripts it runs in the foreground). */
  banner?: boolean;
  /** Folders put first on PATH (npx's cache). */
  binPaths?: string[];
}

/** The command npm runs for an event: the script, or npm's default (`node server.js` for start when server.js exists). */
export function scriptFor(s: Session, pkg: Manifest, event: string, path: string): string | null {
  const cmd = pkg.scripts?.[event];
  if (typeof cmd === 'string') return cmd;
  if (event === 'start' && s.p.fs.existsSync(`${path === '/' ? '' : path}/server.js`)) return 'node server.js';
  return null;
}

/** An argument as promise-spawn quotes it for sh. */
export function shQuote(arg: string): string {
  return /^[A-Za-z0-9_/:=.,+@%-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** npm's environment for a script: npm_package_* from a few package.json fields, then npm's own. */
export function scriptEnv(s: Session, run: ScriptRun, cmd: string): Map<string, string> {
  const env = new Map(s.p.env);
  const put = (vals: unknown, prefix: string): void => {
    if (vals === undefined) return;
    if (vals === null || vals === false) { env.set(prefix.replace(/_$/, ''), ''); return; }
    if (Array.isArray(vals)) { vals.forEach((v, i) => put(v, `${prefix}${i}_`)); return; }
    if (typeof vals === 'object') { for (const [k, v] of Object.entries(vals as Record<string, unknown>)) put(v, `${prefix}${k}_`); return; }
    env.set(prefix.replace(/_$/, ''), String(vals));
  };
  for (const key of ['name', 'version', 'config', 'engines', 'bin'] as const) put(run.pkg[key], `npm_package_${key}_`);
  const bins: string[] = [...(run.binPaths ?? [])];
  for (const dir of ancestors(run.path)) bins.push(`${dir === '/' ? '' : dir}/node_modules/.bin`);
  const npmDir = '/usr/local/lib/node_modules/npm';
  bins.push(`${npmDir}/node_modules/@npmcli/run-script/lib/node-gyp-bin`);
  const path = env.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  env.set('PATH', [...bins, path].join(':'));
  const home = env.get('HOME') ?? '/root';
  const set: Array<[string, string]> = [
    ['npm_package_json', `${run.path === '/' ? '' : run.path}/package.json`], ['npm_lifecycle_event', run.event], ['npm_lifecycle_script', cmd],
    ['npm_config_node_gyp', `${npmDir}/node_modules/node-gyp/bin/node-gyp.js`], ['npm_command', s.command],
    ['npm_config_cache', s.cacheDir], ['npm_config_global_prefix', '/usr/local'], ['npm_config_globalconfig', '/usr/local/etc/npmrc'],
    ['npm_config_init_module', `${home}/.npm-init.js`], ['npm_config_local_prefix', s.prefix], ['npm_config_noproxy', ''],
    ['npm_config_npm_version', s.npmVersion], ['npm_config_prefix', '/usr/local'], ['npm_config_userconfig', `${home}/.npmrc`],
    ['npm_config_user_agent', `npm/${s.npmVersion} node/v${s.nodeVersion} linux x64 workspaces/false`],
    ['npm_execpath', `${npmDir}/bin/npm-cli.js`], ['npm_node_execpath', '/usr/local/bin/node'], ['NODE', '/usr/local/bin/node'],
    ['INIT_CWD', s.p.cwd], ['COLOR', s.p.tty(1) ? '1' : '0'], ['EDITOR', env.get('EDITOR') ?? 'vi'],
  ];
  for (const [k, v] of set) env.set(k, v);
  return env;
}

/** Runs one event's script in the foreground; resolves when it exits 0, throws ScriptExit / NpmError otherwise. */
export async function runScript(s: Session, run: ScriptRun): Promise<void> {
  const cmd = run.cmd ?? scriptFor(s, run.pkg, run.event, run.path);
  if (cmd === null) return;
  const args = run.args ?? [];
  if (run.banner !== false && !s.silent) {
    const id = packageId(run.pkg);
    await s.out(`\n> ${id ? `${id} ` : ''}${run.event}\n> ${cmd.trim().replace(/\n/g, '\n> ')}${args.length ? ` ${args.join(' ')}` : ''}\n`);
  }
  const script = [cmd, ...args.map(shQuote)].join(' ');
  s.log(`info run ${packageId(run.pkg) ?? ''} ${run.event} ${run.path} ${cmd}`);
  const p = s.p;
  const before = new Set(p.task.children);
  const env = scriptEnv(s, run, cmd);
  const savedCwd = p.cwd;
  p.cwd = run.path;
  let done: Promise<number>;
  try {
    done = runCommand(p, ['sh', '-c', script], env);
  } finally {
    p.cwd = savedCwd;
  }
  const child: Task | undefined = [...p.task.children].find((t) => !before.has(t));
  let settled = false;
  const watched = done.finally(() => { settled = true; });
  for (const sig of [SIGINT, SIGTERM]) p.setDisposition(sig, 'catch');
  try {
    for (let i = 0; !settled && i < 1_000_000; i++) {
      try {
        await p.waitAny(watched, null);
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        for (const sig of p.takeSignals()) if (child && child.state === 'running') p.kill(child.pidIn(p.task.pidns), sig);
      }
    }
  } finally {
    for (const sig of [SIGINT, SIGTERM]) p.setDisposition(sig, 'default');
  }
  const code = await watched;
  const signal = child?.status?.signal ?? null;
  s.log(`info run ${packageId(run.pkg) ?? ''} ${run.event} ${run.path} ${cmd} exit ${code}${signal ? ` (${signalName(signal)})` : ''}`);
  if (signal) {
    // run-script-pkg: send the signal back to ourselves so npm exits as the script did.
    try { p.kill(p.pid, signal); } catch { /* gone */ }
    await p.sleep(500);
    throw new NpmError('', [['', 'command failed']], [['signal', signalName(signal)], ['command', 'sh', '-c', script]]).with('path', run.path);
  }
  if (code !== 0) throw new ScriptExit(code, script, run.path);
}

export function signalName(sig: number): string {
  for (const [name, n] of Object.entries(SIGNALS)) if (n === sig) return name;
  return `SIG${sig}`;
}
