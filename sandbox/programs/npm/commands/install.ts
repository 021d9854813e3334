// npm install [<pkg>[@spec] ...] (aliases i, add, …): with no packages,
// installs what package.json asks (keeping what package-lock.json pins
// while it still satisfies package.json) and runs the project's install
// lifecycle; with packages, adds each to the dependency list it belongs in
// (the one it is already in, or as --save-dev / -D, --save-optional,
// --save-peer say; dependencies otherwise) and saves `^<version>` (or the
// range given, when narrower; the exact version with -E). --no-save leaves
// package.json and package-lock.json alone. package-lock.json is written
// beside package.json; node_modules/.package-lock.json always.
import semver from 'semver';
import { loadActual } from '../actual.ts';
import { buildIdealTree } from '../ideal.ts';
import { writePackageJson, type PackageFile } from '../pkg-json.ts';
import { installLifecycle, printSummary, readLock, readProject, startTree, warnEngines, lockFormat } from '../project.ts';
import { reify } from '../reify.ts';
import type { Session } from '../session.ts';
import { parseSpec } from '../spec.ts';
import { aliasOf, inventory, type Manifest, type PkgNode } from '../tree.ts';
import { installGlobal } from './install-global.ts';

type DepType = 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';
const INFER_ORDER: DepType[] = ['devDependencies', 'optionalDependencies', 'dependencies', 'peerDependencies'];

/** The list a --save-* flag names, or null. */
function flagType(s: Session): DepType | null {
  const c = s.config;
  if (c.bool('save-dev')) return 'devDependencies';
  if (c.bool('save-optional')) return 'optionalDependencies';
  if (c.bool('save-peer')) return 'peerDependencies';
  if (c.bool('save-prod')) return 'dependencies';
  return null;
}

/** The list a requested package goes in: the flag's, else the one it is in already, else dependencies (inferSaveType). */
function saveTypeOf(s: Session, pkg: Manifest, name: string): DepType {
  return flagType(s) ?? INFER_ORDER.find((t) => pkg[t]?.[name] !== undefined) ?? 'dependencies';
}

/** Puts `name` in its list (and out of the lists it cannot share), as add-rm-pkg-deps.add does; the warnings npm logs. */
function addDep(pkg: Manifest, type: DepType, name: string, rawSpec: string): string[] {
  const moved: string[] = [];
  const drop = (t: DepType): void => {
    if (pkg[t]?.[name] === undefined) return;
    delete pkg[t]![name];
    moved.push(`Removing ${t}.${name} in favor of ${type}.${name}`);
  };
  if (type === 'dependencies') { drop('devDependencies'); drop('peerDependencies'); }
  else if (type === 'devDependencies') drop('dependencies');
  else if (type === 'optionalDependencies') drop('peerDependencies');
  else { drop('dependencies'); drop('optionalDependencies'); }
  const deps = (pkg[type] ??= {});
  if (rawSpec !== '*' || deps[name] === undefined) deps[name] = rawSpec;
  // "Affordance for previous npm versions": an optional dependency is listed in dependencies too (dropped again on save).
  if (type === 'optionalDependencies') (pkg.dependencies ??= {})[name] = deps[name]!;
  return moved;
}

/** Writes the saved spec where reify's #saveIdealTree writes it: the flag's list, else every list that has the package. */
function saveSpec(pkg: Manifest, flag: DepType | null, name: string, spec: string): void {
  if (flag) {
    pkg[flag]![name] = spec;
    if (flag === 'dependencies' && pkg.optionalDependencies) delete pkg.optionalDependencies[name];
    return;
  }
  const has = (t: DepType): boolean => pkg[t]?.[name] !== undefined;
  const differs = (t: DepType): boolean => !semver.intersects(spec, pkg[t]![name]!, { loose: true });
  if (has('dependencies')) pkg.dependencies![name] = spec;
  if (has('devDependencies')) {
    pkg.devDependencies![name] = spec;
    for (const t of ['peerDependencies', 'optionalDependencies'] as const) if (has(t) && safe(() => differs(t))) pkg[t]![name] = spec;
  } else {
    for (const t of ['peerDependencies', 'optionalDependencies'] as const) if (has(t)) pkg[t]![name] = spec;
  }
}

function safe(f: () => boolean): boolean {
  try { return f(); } catch { return true; }
}

/** What npm saves for an installed package, given the spec the project asked for: the save prefix + version, unless that range is narrower. */
export function savedSpec(name: string, asked: string, version: string, prefix: string): string {
  const alias = aliasOf(asked);
  if (alias) return `npm:${alias.name}@${savedSpec(alias.name, alias.range, version, prefix)}`;
  const prefixRange = `${prefix}${version}`;
  const spec = parseSpec(`${name}@${asked}`);
  if (spec.type !== 'range' || spec.fetchSpec === '*') return prefixRange;
  return semver.subset(prefixRange, spec.fetchSpec, { loose: true }) ? prefixRange : spec.rawSpec;
}

/** `quiet`: no lifecycle scripts and no summary (npx installing into its cache). */
export async function install(s: Session, args: string[], opts: { quiet?: boolean } = {}): Promise<number> {
  if (s.config.bool('global') && !opts.quiet) return installGlobal(s, args);
  const specs = args.map(parseSpec);
  const save = s.config.bool('save') && !s.config.bool('dry-run');
  const usePackageLock = s.config.bool('package-lock');
  const file: PackageFile = readProject(s, specs.length === 0) ?? { content: {}, indent: '  ', newline: '\n' };
  const pkg: Manifest = structuredClone(file.content);
  const lock = usePackageLock ? readLock(s) : null;
  const explicit = new Set<string>();
  for (const spec of specs) {
    for (const w of addDep(pkg, saveTypeOf(s, file.content, spec.name), spec.name, spec.rawSpec.trim() || '*')) await s.warn('idealTree', w);
    explicit.add(spec.name);
  }
  const { tree: ideal, fromDisk, suspect } = startTree(s, pkg, lock?.data ?? null);
  const warnings: Array<[string, string]> = [];
  await buildIdealTree(ideal, {
    registry: s.registry, explicit, log: (l) => s.log(l), warn: (t, m) => warnings.push([t, m]), tick: () => s.p.tick(),
    fromDisk, suspect, mutated: specs.length > 0,
  });
  for (const [t, m] of warnings) await s.warn(t, m);
  await warnEngines(s, ideal);
  const prefix = s.config.bool('save-exact') ? '' : s.config.str('save-prefix');
  for (const spec of specs) {
    const child = ideal.children.get(spec.name);
    if (!child) continue;
    const edge = ideal.edgesOut.get(spec.name);
    if (!edge) continue;
    saveSpec(pkg, flagType(s), spec.name, savedSpec(spec.name, edge.spec, child.version, prefix));
  }
  ideal.resetEdges();
  const actual = loadActual(s.p.fs, s.prefix, pkg);
  const result = await reify(s, ideal, actual, {
    omit: s.config.omit(), dryRun: s.config.bool('dry-run'), writeLock: save && usePackageLock,
    binLinks: s.config.bool('bin-links'), lockFormat: lockFormat(lock ?? file),
  });
  if (save && specs.length > 0) writePackageJson(s.p.fs, s.prefix, { ...file, content: pkg }, s.uid, s.gid);
  if (opts.quiet) return 0;
  if (specs.length === 0) await installLifecycle(s, file.content);
  if (s.config.bool('dry-run')) await printDryRun(s, ideal, actual);
  await printSummary(s, result, pkg);
  return 0;
}

/** The diff lines `--dry-run` prints before the summary. */
async function printDryRun(s: Session, ideal: PkgNode, actual: PkgNode): Promise<void> {
  const have = new Map(inventory(actual).map((n) => [n.location, n]));
  const want = new Map(inventory(ideal).map((n) => [n.location, n]));
  for (const [loc, n] of have) if (!want.has(loc)) await s.out(`remove ${n.name} ${n.version}`);
  for (const [loc, n] of want) {
    const a = have.get(loc);
    if (!a) await s.out(`add ${n.name} ${n.version}`);
    else if (a.version !== n.version) await s.out(`change ${n.name} ${a.version} => ${n.version}`);
  }
}
