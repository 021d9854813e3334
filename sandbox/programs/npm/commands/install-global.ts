// npm install --global <pkg> (-g): into npm's global prefix, /usr/local in
// the node images — each package in /usr/local/lib/node_modules with its
// dependencies inside it (the `shallow` strategy npm uses for globals), its
// bins linked in /usr/local/bin. The packages already there (npm, corepack)
// stay as they are. No package.json or lock file is written, and npm does
// not audit global installs. Without write access to /usr/local/lib (a
// non-root user) it fails with EACCES, as npm does.
import { loadActual } from '../actual.ts';
import { NpmError } from '../errors.ts';
import { buildIdealTree } from '../ideal.ts';
import { printSummary } from '../project.ts';
import { reify } from '../reify.ts';
import type { Session } from '../session.ts';
import { parseSpec } from '../spec.ts';
import { inventory, PkgNode, type Manifest } from '../tree.ts';

export const GLOBAL_PREFIX = '/usr/local';

/** The tree of the global node_modules, its top-level packages as the root's dependencies. */
export function globalTree(s: Session): { root: PkgNode; pkg: Manifest } {
  const actual = loadActual(s.p.fs, `${GLOBAL_PREFIX}/lib`, {});
  const deps: Record<string, string> = {};
  for (const n of actual.children.values()) deps[n.name] = '*';
  const pkg: Manifest = { dependencies: deps };
  const root = loadActual(s.p.fs, `${GLOBAL_PREFIX}/lib`, pkg);
  return { root, pkg };
}

export async function installGlobal(s: Session, args: string[]): Promise<number> {
  if (args.length === 0) {
    throw new NpmError('EUSAGE', [['', 'npm install --global needs the name of a package to install here (the playground cannot link a project folder globally).']]);
  }
  const specs = args.map(parseSpec);
  const saved = s.prefix;
  s.prefix = `${GLOBAL_PREFIX}/lib`;
  try {
    const { root: ideal, pkg } = globalTree(s);
    for (const spec of specs) pkg.dependencies![spec.name] = spec.rawSpec.trim() || '*';
    ideal.resetEdges();
    await buildIdealTree(ideal, {
      registry: s.registry, explicit: new Set(specs.map((x) => x.name)), shallow: true,
      log: (l) => s.log(l), warn: (t, m) => void s.warn(t, m), tick: () => s.p.tick(),
    });
    const actual = loadActual(s.p.fs, s.prefix, pkg);
    const result = await reify(s, ideal, actual, {
      omit: new Set(), dryRun: s.config.bool('dry-run'), writeLock: false, binLinks: s.config.bool('bin-links'),
      globalBins: { binDir: `${GLOBAL_PREFIX}/bin`, fromBinDir: '../lib/node_modules' },
    });
    s.log(`silly global now holds ${inventory(ideal).filter((n) => n.parent?.isRoot).map((n) => n.id).join(', ')}`);
    await printSummary(s, result, pkg, { audit: false });
  } finally {
    s.prefix = saved;
  }
  return 0;
}
