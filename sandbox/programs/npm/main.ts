// The `npm` and `npx` programs of the node images (npm 10.9.2, as the
// official node:22-alpine ships it), built in: argv is read as npm reads it
// (config.ts), the command found as npm finds it (commands-list.ts), the
// project's folder is the nearest one up from the working directory with a
// package.json or node_modules, and each command runs in commands/.
// Packages come from the playground's offline store (store.ts). Errors are
// printed as npm prints them, with a debug log in ~/.npm/_logs.
import { ancestors } from '../../fs/path.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';
import { didYouMean } from './did-you-mean.ts';
import { COMMANDS, deref } from './commands-list.ts';
import { audit } from './commands/audit.ts';
import { cache } from './commands/cache.ts';
import { ci } from './commands/ci.ts';
import { exec } from './commands/exec.ts';
import { init } from './commands/init.ts';
import { install } from './commands/install.ts';
import { ls } from './commands/ls.ts';
import { outdated } from './commands/outdated.ts';
import { pkg } from './commands/pkg.ts';
import { runScriptCommand } from './commands/run-script.ts';
import { uninstall } from './commands/uninstall.ts';
import { Config, parseArgs, parseNpmrc } from './config.ts';
import { NpmError, ScriptExit } from './errors.ts';
import { parsePackageJson } from './pkg-json.ts';
import { ownVersion } from '../own-version.ts';
import { NPM_VERSION, Session } from './session.ts';
import { usageOf } from './usage.ts';

const dec = new TextDecoder();

function readText(p: Process, path: string): string | null {
  try { return dec.decode(p.fs.readFileSync(path)); } catch { return null; }
}

/** npm's localPrefix: the nearest folder up from cwd holding package.json or node_modules (cwd when none does). */
export function findPrefix(p: Process, cwd: string): string {
  for (const dir of ancestors(cwd)) {
    const base = dir === '/' ? '' : dir;
    if (p.fs.existsSync(`${base}/package.json`) || p.fs.existsSync(`${base}/node_modules`)) return dir;
  }
  return cwd;
}

function npmUsage(home: string, version: string): string {
  // npm-usage.js's cmdNames, at its 60 columns.
  const out = [''];
  let l = 0;
  for (const c of COMMANDS.keys()) {
    if (out[l]!.length + c.length + 2 < 60) out[l] += ', ' + c;
    else { out[l++] += ','; out[l] = c; }
  }
  const wrapped = out.join('\n').slice(2).split('\n');
  return `npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\n`
    + `npm test           run this project's tests\nnpm run <foo>      run the script named <foo>\nnpm <command> -h   quick help on <command>\n`
    + `npm -l             display usage info for all commands\nnpm help <term>    search for help on <term>\nnpm help npm       more involved overview\n\n`
    + `All commands:\n\n${wrapped.map((l) => `    ${l}`).join('\n')}\n\nSpecify configs in the ini-formatted file:\n    ${home}/.npmrc\n`
    + `or on the command line via: npm <command> --key=value\n\nMore configuration info: npm help config\nConfiguration fields: npm help 7 config\n\n`
    + `npm@${version} /usr/local/lib/node_modules/npm\n`;
}

const PLAYGROUND_COMMANDS = 'install, ci, uninstall, run, start, test, stop, restart, exec (npx), init, ls, outdated, audit, pkg, cache, prefix, root, help';

/** Runs npm with `argv` (what follows `npm`); `npx` gives its own split of options and command. */
async function main(p: Process, argv: string[], npx: { args: string[] } | null): Promise<number> {
  const { positional, cli } = parseArgs(argv);
  if (cli.get('version') === true) { await p.write(1, `${ownVersion(p, NPM_VERSION)}\n`); return 0; }
  const home = p.env.get('HOME') ?? '/root';
  const word = npx ? 'exec' : positional[0];
  if (!word) {
    await p.write(1, npmUsage(home, ownVersion(p, NPM_VERSION)));
    return cli.get('usage') === true ? 0 : 1;
  }
  const command = deref(word);
  const cwd = p.cwd;
  const userconfig = typeof cli.get('userconfig') === 'string' ? String(cli.get('userconfig')) : `${home}/.npmrc`;
  const prefixArg = cli.get('prefix');
  const prefix = typeof prefixArg === 'string' && prefixArg ? prefixArg.replace(/\/+$/, '') || '/' : findPrefix(p, cwd);
  const files = [`${prefix === '/' ? '' : prefix}/.npmrc`, userconfig, '/usr/local/etc/npmrc'].map((f) => parseNpmrc(readText(p, f) ?? ''));
  const config = new Config(cli, p.env, files);
  if (!command) {
    const pkg = (() => { try { return parsePackageJson(readText(p, `${prefix === '/' ? '' : prefix}/package.json`) ?? '', '').content; } catch { return null; } })();
    const hint = didYouMean(pkg, word);
    await p.write(1, `Unknown command: "${word}"${hint}\n\nTo see a list of supported npm commands, run:\n  npm help\n`);
    return 1;
  }
  const args = npx ? npx.args : positional.slice(1);
  if (config.bool('usage') && !npx) {
    const usage = usageOf(command);
    await p.write(1, `${usage ?? COMMANDS.get(command) ?? command}\n`);
    return 0;
  }
  const cacheDir = config.str('cache') || `${home}/.npm`;
  const s = new Session(p, config, prefix, cacheDir, command, argv, (p.env.get('NODE_VERSION') ?? '22.14.0').replace(/^v/, ''));
  try {
    if (config.bool('force')) await s.warn('using --force', 'Recommended protections disabled.');
    const code = await dispatch(s, command, args);
    s.writeLog(code);
    return code;
  } catch (e) {
    if (e instanceof Killed) throw e;
    if (e instanceof ScriptExit) { s.writeLog(e.status); return e.status; }
    if (e instanceof NpmError) return s.error(e);
    const err = new NpmError('', [['', (e as Error)?.message ?? String(e)]]);
    s.log(`verbose stack ${(e as Error)?.stack ?? ''}`);
    return s.error(err);
  }
}

async function dispatch(s: Session, command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'install': return install(s, args);
    case 'ci': return ci(s);
    case 'uninstall': return uninstall(s, args);
    case 'run-script': return runScriptCommand(s, args);
    case 'start': case 'test': case 'stop': case 'restart': return runScriptCommand(s, [command, ...args]);
    case 'install-test': case 'install-ci-test': {
      const code = command === 'install-test' ? await install(s, args) : await ci(s);
      return code || runScriptCommand(s, ['test']);
    }
    case 'exec': {
      const pkgs = s.config.list('package');
      return exec(s, args, pkgs, s.config.str('call'));
    }
    case 'init': return init(s, args);
    case 'ls': case 'll': return ls(s, args);
    case 'cache': return cache(s, args);
    case 'audit': return audit(s, args);
    case 'outdated': return outdated(s, args);
    case 'pkg': return pkg(s, args);
    case 'prefix': await s.out(s.config.bool('global') ? '/usr/local' : s.prefix); return 0;
    case 'root': await s.out(s.config.bool('global') ? '/usr/local/lib/node_modules' : `${s.prefix === '/' ? '' : s.prefix}/node_modules`); return 0;
    case 'help': {
      const topic = args[0] ? deref(args[0]) : undefined;
      const usage = topic ? usageOf(topic) : null;
      await s.p.write(1, usage ? `${usage}\n` : npmUsage(s.p.env.get('HOME') ?? '/root', s.npmVersion));
      return 0;
    }
    default:
      throw new NpmError('ENOTSUP', [['', `\`npm ${command}\` is not available in the playground's npm.`]],
        [['', `The playground is offline and its npm has: ${PLAYGROUND_COMMANDS}.`]]);
  }
}

/** `npm …` */
export const npm: Program = (p) => main(p, p.argv.slice(1), null);

/** `npx [options] <command> [args…]`: options stop at the command, whose arguments are its own. */
export const npx: Program = (p) => {
  const argv = p.argv.slice(1);
  let i = 0;
  const withValue = new Set(['-p', '--package', '-c', '--call', '--cache', '--prefix', '-C', '--userconfig', '--loglevel', '--registry']);
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-')) break;
    if (withValue.has(a)) i++;
  }
  const opts = argv.slice(0, Math.min(i, argv.length)).filter((a) => a !== '--');
  return main(p, opts, { args: argv.slice(i) });
};
