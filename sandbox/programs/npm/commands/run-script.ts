// npm run-script <name> [-- <args>] (run, rum, urn) and the lifecycle
// shortcuts npm start, npm test, npm stop, npm restart: runs pre<name>,
// <name> (with the extra arguments) and post<name> from package.json, each
// under its `> id name` banner. start without a script runs `node
// server.js` when there is a server.js; restart without one runs `npm stop
// --if-present && npm start`. A missing script is npm's "Missing script"
// error with suggestions (--if-present makes it quiet); a failing script
// ends npm with its status and nothing more, as npm does for commands that
// only shell out. `npm run` alone lists the scripts.
import { didYouMean } from '../did-you-mean.ts';
import { NpmError } from '../errors.ts';
import { packageId } from '../pkg-json.ts';
import { readProject } from '../project.ts';
import { runScript, scriptFor } from '../scripts.ts';
import type { Session } from '../session.ts';
import type { Manifest } from '../tree.ts';

const LIFECYCLE = ['prepare', 'prepublishOnly', 'prepack', 'postpack', 'dependencies', 'preinstall', 'install', 'postinstall',
  'prepublish', 'publish', 'postpublish', 'prerestart', 'restart', 'postrestart', 'prestart', 'start', 'poststart',
  'prestop', 'stop', 'poststop', 'pretest', 'test', 'posttest', 'preuninstall', 'uninstall', 'postuninstall',
  'preversion', 'version', 'postversion'];

export async function runScriptCommand(s: Session, args: string[]): Promise<number> {
  const file = readProject(s);
  if (args.length === 0) {
    await list(s, file!.content);
    return 0;
  }
  const pkg = file!.content;
  const [event, ...rest] = args as [string, ...string[]];
  const scripts: Record<string, string> = { ...(typeof pkg.scripts === 'object' && pkg.scripts ? pkg.scripts : {}) };
  if (event === 'restart' && !scripts.restart) scripts.restart = 'npm stop --if-present && npm start';
  else if (event === 'env' && !scripts.env) scripts.env = 'env';
  const withScripts: Manifest = { ...pkg, scripts };
  if (scriptFor(s, withScripts, event, s.prefix) === null) {
    if (s.config.bool('if-present')) return 0;
    throw new NpmError('', [['', `Missing script: "${event}"${didYouMean(pkg, event)}\n\nTo see a list of scripts, run:\n  npm run`]]);
  }
  const events: Array<[string, string[]]> = [[event, rest]];
  if (!s.config.bool('ignore-scripts')) {
    if (scripts[`pre${event}`]) events.unshift([`pre${event}`, []]);
    if (scripts[`post${event}`]) events.push([`post${event}`, []]);
  }
  for (const [ev, evArgs] of events) await runScript(s, { pkg: withScripts, event: ev, path: s.prefix, args: evArgs });
  return 0;
}

/** `npm run` with no script: the lifecycle scripts, then the others, each with its command. */
async function list(s: Session, pkg: Manifest): Promise<void> {
  const entries = Object.entries(typeof pkg.scripts === 'object' && pkg.scripts ? pkg.scripts : {});
  if (s.silent || entries.length === 0) return;
  if (s.config.bool('json')) { await s.out(JSON.stringify(pkg.scripts, null, 2)); return; }
  if (s.config.bool('parseable')) { await s.out(entries.map(([k, v]) => `${k}:${v}`).join('\n').trim()); return; }
  const color = s.p.tty(1) !== null;
  const paint = (code: string, end: string) => (t: string): string => (color ? `\x1b[${code}m${t}\x1b[${end}m` : t);
  const [bold, cyan, dim, blue] = [paint('1', '22'), paint('36', '39'), paint('2', '22'), paint('34', '39')];
  const title = (t: string): string => (color ? `\x1b[0m${bold(t)}\x1b[0m` : t);
  const cmds = entries.filter(([k]) => LIFECYCLE.includes(k));
  const others = entries.filter(([k]) => !LIFECYCLE.includes(k));
  const pkgId = `in ${cyan(packageId(pkg) ?? pkg.name ?? '')}`;
  const lines: string[] = [];
  if (cmds.length) {
    lines.push(`${title('Lifecycle scripts')} included ${pkgId}:`);
    for (const [k, v] of cmds) lines.push(`  ${k}`, `    ${dim(String(v))}`);
  }
  if (others.length) {
    const via = `via \`${blue('npm run-script')}\`:`;
    lines.push(cmds.length ? `available ${via}` : `${title('Scripts')} available ${pkgId} ${via}`);
    for (const [k, v] of others) lines.push(`  ${k}`, `    ${dim(String(v))}`);
  }
  await s.out(lines.join('\n'));
}
