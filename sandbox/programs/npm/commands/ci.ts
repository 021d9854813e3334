// npm ci (clean-install, ic, install-clean): installs exactly what the lock
// file pins. Without package-lock.json (or npm-shrinkwrap.json) it is a
// usage error; when package.json wants something the lock does not have
// (or a version it does not accept), npm ci lists the differences — the
// `Missing: x@1.2.3 from lock file` / `Invalid: lock file's x@1.0.0 does
// not satisfy x@2.0.0` lines of validate-lockfile.js — and stops. Otherwise
// it empties node_modules, installs the lock's tree (less --omit'ed kinds),
// runs the install lifecycle, and never writes package.json or the lock.
import { NpmError, usageError } from '../errors.ts';
import { buildIdealTree } from '../ideal.ts';
import { treeFromLock } from '../lockfile.ts';
import { installLifecycle, printSummary, readLock, readProject, rootNode, warnEngines, lockFormat } from '../project.ts';
import { reify } from '../reify.ts';
import type { Session } from '../session.ts';
import { inventory } from '../tree.ts';
import { usageOf } from '../usage.ts';

const NO_LOCK = 'The `npm ci` command can only install with an existing package-lock.json or\n'
  + 'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or\n'
  + 'later to generate a package-lock.json file, then try again.';

export async function ci(s: Session): Promise<number> {
  const usage = usageOf('ci')!;
  if (s.config.bool('global')) throw new NpmError('ECIGLOBAL', [['', '`npm ci` does not work for global packages']]);
  const lock = readLock(s);
  let file = null;
  try { file = readProject(s); } catch { /* npm ci says the lock is missing */ }
  if (!lock || !file) throw usageError(NO_LOCK, usage);
  const virtual = new Map(inventory(treeFromLock(rootNode(s, file.content), lock.data)).map((n) => [n.location, n]));
  const ideal = treeFromLock(rootNode(s, structuredClone(file.content)), lock.data);
  await buildIdealTree(ideal, { registry: s.registry, log: (l) => s.log(l), warn: (t, m) => void s.warn(t, m), tick: () => s.p.tick(), fromDisk: true });
  const errors: string[] = [];
  for (const n of inventory(ideal)) {
    const locked = virtual.get(n.location);
    if (!locked) errors.push(`Missing: ${n.pkg.name ?? n.name}@${n.version} from lock file`);
    else if (locked.version !== n.version) errors.push(`Invalid: lock file's ${locked.pkg.name ?? locked.name}@${locked.version} does not satisfy ${n.pkg.name ?? n.name}@${n.version}`);
  }
  if (errors.length) {
    throw usageError('`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. '
      + 'Please update your lock file with `npm install` before continuing.\n\n' + errors.join('\n'), usage);
  }
  await warnEngines(s, ideal);
  const dryRun = s.config.bool('dry-run');
  const nm = `${s.prefix === '/' ? '' : s.prefix}/node_modules`;
  if (!dryRun) {
    let entries: string[] = [];
    try { entries = s.p.fs.readdirSync(nm); } catch { /* none yet */ }
    for (const e of entries) s.p.fs.rmSync(`${nm}/${e}`, { recursive: true, force: true });
  }
  const empty = rootNode(s, file.content);
  const result = await reify(s, ideal, empty, {
    omit: s.config.omit(), dryRun, writeLock: false, binLinks: s.config.bool('bin-links'), lockFormat: lockFormat(lock),
  });
  await installLifecycle(s, file.content);
  await printSummary(s, result, file.content);
  return 0;
}
