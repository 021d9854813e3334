// npx <cmd> [args] and npm exec [--package=<pkg>] [-c '<cmd>'] -- <cmd>
// [args] (libnpmexec): a bin of the project itself or in node_modules/.bin
// (of the project or a folder above) runs at once, as does a global one in
// /usr/local/bin; a package not installed is installed first into npx's
// cache, ~/.npm/_npx/<hash>/, from the playground's store — after asking
// on a terminal ("Need to install the following packages: … Ok to
// proceed?"), with a warning otherwise, as npx does. The command runs as a
// script would (npm's environment, node_modules/.bin on PATH) in the
// current folder, without a banner.
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ancestors } from '../../../fs/path.ts';
import { loadActual } from '../actual.ts';
import { NpmError, ScriptExit } from '../errors.ts';
import { normalizeBin } from '../normalize-bin.ts';
import { readProject } from '../project.ts';
import { runScript } from '../scripts.ts';
import type { Session } from '../session.ts';
import { parseSpec } from '../spec.ts';
import { satisfiesSpec, type Manifest } from '../tree.ts';
import { install } from './install.ts';

const enc = new TextEncoder();

/** The bin to run for a package (getBinFromManifest): its only bin, or the one named like it. */
function binOf(m: Manifest & { name?: string }): string {
  const bins = normalizeBin(m) ?? {};
  if (new Set(Object.values(bins)).size === 1) return Object.keys(bins)[0]!;
  const name = (m.name ?? '').replace(/^@[^/]+\//, '');
  if (bins[name]) return name;
  throw new NpmError('', [['', 'could not determine executable to run']]);
}

function exists(s: Session, path: string): boolean {
  return s.p.fs.existsSync(path);
}

/** Reads a line typed at the terminal (for npx's question); '' at end of input. */
async function readLine(s: Session): Promise<string> {
  let line = '';
  for (let i = 0; i < 4096; i++) {
    const chunk = await s.p.read(0, 1);
    if (!chunk || chunk.length === 0) break;
    const c = String.fromCharCode(chunk[0]!);
    if (c === '\n' || c === '\r') break;
    line += c;
  }
  return line;
}

/** Runs `npx`/`npm exec`: `packages` from --package, `call` from -c, `args` the command and its arguments. */
export async function exec(s: Session, args: string[], packages: string[], call: string): Promise<number> {
  const cwd = s.p.cwd;
  const base = s.prefix === '/' ? '' : s.prefix;
  const binPaths: string[] = [];
  const run = async (): Promise<number> => {
    const [cmd, ...rest] = call ? [call] : args;
    const project = readProject(s, false)?.content ?? {};
    try {
      await runScript(s, { pkg: project, event: 'npx', path: cwd, cmd: cmd!, args: call ? [] : rest, banner: false, binPaths });
    } catch (e) {
      if (e instanceof ScriptExit) return e.status;
      throw e;
    }
    return 0;
  };
  if (!call && args.length === 0 && packages.length === 0) {
    throw new NpmError('EUSAGE', [['', 'npx needs a command to run: npx <command> [args]']]);
  }
  const wanted = [...packages];
  if (args.length > 0 && wanted.length === 0) {
    const cmd = args[0]!;
    const own = readProject(s, false)?.content;
    if (own && normalizeBin(own)?.[cmd]) return run();
    for (const dir of ancestors(base || '/')) {
      const binDir = `${dir === '/' ? '' : dir}/node_modules/.bin`;
      if (exists(s, `${binDir}/${cmd}`)) { binPaths.push(binDir); return run(); }
    }
    if (exists(s, `/usr/local/bin/${cmd}`)) return run();
    wanted.push(cmd);
  }
  const specs = wanted.map(parseSpec);
  const local = loadActual(s.p.fs, s.prefix, {});
  const toInstall: string[] = [];
  let first: Manifest | null = null;
  for (const spec of specs) {
    const node = [...local.children.values()].find((n) => (n.pkg.name ?? n.name) === spec.name && (spec.type !== 'tag' || spec.fetchSpec === 'latest') && satisfiesSpec(n.version, spec.fetchSpec));
    const m: Manifest = node ? node.pkg : (await s.registry.manifest(spec)) as unknown as Manifest;
    if (!node) toInstall.push(`${spec.name}@${m.version}`);
    first ??= m;
  }
  if (args.length > 0 && packages.length === 0) args[0] = binOf(first!);
  if (toInstall.length > 0) {
    const hash = bytesToHex(sha512(enc.encode(wanted.slice().sort((a, b) => a.localeCompare(b, 'en')).join('\n')))).slice(0, 16);
    const dir = `${s.cacheDir}/_npx/${hash}`;
    const installed = loadActual(s.p.fs, dir, {});
    const missing = toInstall.filter((id) => {
      const at = id.lastIndexOf('@');
      return installed.children.get(id.slice(0, at))?.version !== id.slice(at + 1);
    });
    if (missing.length > 0) {
      if (!s.config.bool('yes')) {
        if (s.p.tty(0) && s.p.tty(1)) {
          await s.p.write(1, `Need to install the following packages:\n${missing.join('\n')}\nOk to proceed? (y) `);
          const answer = (await readLine(s)).trim().toLowerCase() || 'y';
          if (!answer.startsWith('y')) throw new NpmError('', [['', 'canceled']]);
        } else {
          await s.warn('exec', `The following package${missing.length === 1 ? ' was' : 's were'} not found and will be installed: ${missing.join(', ')}`);
        }
      }
      if (!exists(s, dir)) s.p.fs.mkdirSync(dir, { recursive: true, mode: 0o755, uid: s.uid, gid: s.gid });
      const saved = s.prefix;
      s.prefix = dir;
      try { await install(s, missing, { quiet: true }); } finally { s.prefix = saved; }
    }
    binPaths.push(`${dir}/node_modules/.bin`);
  }
  return run();
}
