// npm uninstall <pkg>... (un, remove, rm, r, unlink): takes each package
// out of every dependency list of package.json (unless --no-save), then
// removes from node_modules whatever nothing needs any more, and writes the
// lock files. A package that was not there is no error: npm just says it is
// up to date. -g removes a global package and its bins.
import { loadActual } from '../actual.ts';
import { NpmError } from '../errors.ts';
import { buildIdealTree, pruneExtraneous } from '../ideal.ts';
import { DEP_TYPES, writePackageJson } from '../pkg-json.ts';
import { printSummary, readLock, readProject, startTree, lockFormat } from '../project.ts';
import { reify } from '../reify.ts';
import type { Session } from '../session.ts';
import { GLOBAL_PREFIX, globalTree } from './install-global.ts';

/** The package name an argument names (`x@1` → x, `@s/x@1` → @s/x). */
function nameOf(arg: string): string {
  const at = arg.indexOf('@', arg.startsWith('@') ? 1 : 0);
  return at < 0 ? arg : arg.slice(0, at);
}

export async function uninstall(s: Session, args: string[]): Promise<number> {
  const names = args.map(nameOf);
  if (s.config.bool('global')) return uninstallGlobal(s, names);
  if (names.length === 0) throw new NpmError('', [['', 'Must provide a package name to remove']]);
  const save = s.config.bool('save') && !s.config.bool('dry-run');
  const file = readProject(s, false) ?? { content: {}, indent: '  ', newline: '\n' };
  const pkg = structuredClone(file.content);
  for (const type of DEP_TYPES) for (const name of names) if (pkg[type]) delete pkg[type]![name];
  const lock = s.config.bool('package-lock') ? readLock(s) : null;
  const { tree: ideal, fromDisk, suspect } = startTree(s, pkg, lock?.data ?? null);
  await buildIdealTree(ideal, {
    registry: s.registry, log: (l) => s.log(l), warn: (t, m) => void s.warn(t, m), tick: () => s.p.tick(), fromDisk, suspect, mutated: true,
  });
  const actual = loadActual(s.p.fs, s.prefix, pkg);
  const result = await reify(s, ideal, actual, {
    omit: s.config.omit(), dryRun: s.config.bool('dry-run'), writeLock: save && s.config.bool('package-lock'),
    lockFormat: lockFormat(lock ?? file),
  });
  if (save && readProject(s, false)) writePackageJson(s.p.fs, s.prefix, { ...file, content: pkg }, s.uid, s.gid);
  await printSummary(s, result, pkg);
  return 0;
}

async function uninstallGlobal(s: Session, names: string[]): Promise<number> {
  const saved = s.prefix;
  s.prefix = `${GLOBAL_PREFIX}/lib`;
  try {
    const { root: ideal, pkg } = globalTree(s);
    for (const name of names) delete pkg.dependencies![name];
    ideal.resetEdges();
    pruneExtraneous(ideal);
    const actual = loadActual(s.p.fs, s.prefix, pkg);
    const result = await reify(s, ideal, actual, {
      omit: new Set(), writeLock: false, globalBins: { binDir: `${GLOBAL_PREFIX}/bin`, fromBinDir: '../lib/node_modules' },
    });
    await printSummary(s, result, pkg, { audit: false });
  } finally {
    s.prefix = saved;
  }
  return 0;
}
