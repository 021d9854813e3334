// What the install-like commands share: the project's package.json and lock
// file, the tree a build starts from (the lock's, else what node_modules
// holds — as Arborist's buildIdealTree starts), the root lifecycle scripts
// `npm install` and `npm ci` run after reifying, and the closing summary
// they print (reify-output.ts) over the tree actually installed.
import { loadActual } from './actual.ts';
import { NpmError, ScriptExit } from './errors.ts';
import { engineOk } from './packuments.ts';
import { parseLock, treeFromLock, type LockData } from './lockfile.ts';
import { formatOf, readPackageJson, type PackageFile } from './pkg-json.ts';
import { fundingCount, reifyOutput, type ReifySummary } from './reify-output.ts';
import type { ReifyResult } from './reify.ts';
import { runScript } from './scripts.ts';
import type { Session } from './session.ts';
import { inventory, PkgNode, type Manifest } from './tree.ts';

const dec = new TextDecoder();

export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** The folder name npm uses for a project without a name. */
export function folderName(s: Session): string {
  return s.prefix.split('/').filter(Boolean).pop() ?? '';
}

/** package.json of the project; null when it is missing and `required` is false. */
export function readProject(s: Session, required = true): PackageFile | null {
  try {
    return readPackageJson(s.p.fs, s.prefix);
  } catch (e) {
    if (!required && e instanceof NpmError && e.code === 'ENOENT') return null;
    throw e;
  }
}

/** npm-shrinkwrap.json or package-lock.json (as npm prefers them), with its file's indent and newline. */
export function readLock(s: Session): { data: LockData; indent: string; newline: string } | null {
  const base = s.prefix === '/' ? '' : s.prefix;
  for (const name of ['npm-shrinkwrap.json', 'package-lock.json']) {
    let text: string;
    try { text = dec.decode(s.p.fs.readFileSync(`${base}/${name}`)); } catch { continue; }
    const data = parseLock(text);
    if (!data) { s.log(`verbose shrinkwrap ${name} has no "packages" (an npm 6 lock file): ignored`); continue; }
    return { data, ...formatOf(text) };
  }
  return null;
}

/** The format lock files are written in: the lock's own, else package.json's — two spaces and \n where that says none (Shrinkwrap's defaults). */
export function lockFormat(from: { indent: string; newline: string }): { indent: string; newline: string } {
  return { indent: from.indent || '  ', newline: from.newline || '\n' };
}

/** The project's root node. */
export function rootNode(s: Session, pkg: Manifest): PkgNode {
  return new PkgNode(pkg.name ?? folderName(s), pkg, null, null, true);
}

/** The tree an ideal build starts from: the lock's when there is one, else node_modules; and how it bears on pruning (ideal.ts). */
export function startTree(s: Session, pkg: Manifest, lock: LockData | null): { tree: PkgNode; fromDisk: boolean; suspect: boolean } {
  if (lock) {
    const tree = treeFromLock(rootNode(s, pkg), lock);
    // Arborist's #checkRootEdges: the lock's idea of the project's dependencies differs from package.json's.
    const locked = new PkgNode('', (lock.packages?.[''] ?? {}) as Manifest, null, null, true);
    const key = (n: PkgNode): string => [...n.edgesOut.values()].map((e) => `${e.name}\0${e.type}\0${e.spec}`).sort().join('\n');
    return { tree, fromDisk: true, suspect: key(locked) !== key(tree) };
  }
  const hidden = s.p.fs.existsSync(`${s.prefix === '/' ? '' : s.prefix}/node_modules/.package-lock.json`);
  return { tree: loadActual(s.p.fs, s.prefix, pkg), fromDisk: hidden, suspect: true };
}

/** `npm warn EBADENGINE` for each package whose engines do not accept this Node (checkEngine over the ideal tree). */
export async function warnEngines(s: Session, root: PkgNode): Promise<void> {
  for (const n of inventory(root)) {
    const engines = n.pkg.engines;
    if (!engines || engineOk({ ...n.pkg, engines } as never, s.nodeVersion)) continue;
    const required = Object.entries(engines).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: '${v}'`).join(', ');
    await s.warn('EBADENGINE', `Unsupported engine {\n  package: '${n.id}',\n  required: { ${required} },\n  current: { node: 'v${s.nodeVersion}', npm: '${s.npmVersion}' }\n}`);
  }
}

/** Runs the root's install lifecycle (npm install / npm ci with no package named), unless --ignore-scripts. */
export async function installLifecycle(s: Session, pkg: Manifest): Promise<void> {
  if (s.config.bool('ignore-scripts')) return;
  for (const event of INSTALL_SCRIPTS) {
    try {
      await runScript(s, { pkg, event, path: s.prefix });
    } catch (e) {
      if (e instanceof ScriptExit) throw e.asError();
      throw e;
    }
  }
}

/** Prints what changed, the funding count and the audit, over what node_modules now holds. */
export async function printSummary(s: Session, result: ReifyResult, pkg: Manifest, opts: { audit?: boolean } = {}): Promise<void> {
  if (s.silent) return;
  const installed = loadActual(s.p.fs, s.prefix, pkg);
  const audit = (opts.audit ?? true) && s.config.bool('audit') && !s.config.bool('dry-run') && !s.config.bool('package-lock-only');
  const summary: ReifySummary = {
    ...result,
    audited: audit ? inventory(installed).length + 1 : 0,
    funding: s.config.bool('fund') ? fundingCount(installed) : 0,
  };
  await s.p.write(1, reifyOutput(summary, s.p.now() - s.started, s.p.tty(1) !== null));
}
