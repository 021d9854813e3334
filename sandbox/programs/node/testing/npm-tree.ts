// Test helper: node_modules trees for build contexts, laid out as `npm
// install` lays them out, from the project's own node_modules. The packages
// come from the registry's tarballs, installed as aliased devDependencies
// (`npm-store-express` is express 5.3.0, `npm-store-express4` express 4 —
// both installed as `express`): a package and every package it
// needs — found by Node's resolution from where each one is installed, so
// nested versions (express 4's debug 2) stay nested — are copied under
// node_modules/ with the alias dropped, and their `bin` entries linked in
// node_modules/.bin as npm links them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeBin } from '../../npm/normalize-bin.ts';

export type TreeFile = string | { content: Uint8Array; mode: number } | { symlink: string };

const PROJECT = fileURLToPath(new URL('../../../../', import.meta.url));
const MODULES = join(PROJECT, 'node_modules');
const ALIAS = 'npm-store-';

interface PackageJson { name?: string; bin?: string | Record<string, string>; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Where `name` is found from package directory `from` (Node's node_modules lookup, within the project). */
function findDependency(name: string, from: string): string | null {
  for (let dir = from; dir.startsWith(MODULES); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  const root = join(MODULES, name);
  return existsSync(join(root, 'package.json')) ? root : null;
}

/** The install path (below node_modules/) of a package directory of the project, under the package's own name. */
function installPath(dir: string): string {
  const [first, ...rest] = relative(MODULES, dir).split('\\').join('/').split('/');
  const name = first!.startsWith(ALIAS) ? readPackage(join(MODULES, first!)).name ?? first! : first!;
  return [name, ...rest].join('/');
}

function copyDir(dir: string, to: string, out: Record<string, TreeFile>): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) copyDir(path, `${to}/${name}`, out);
    else out[`${to}/${name}`] = { content: readFileSync(path), mode: st.mode & 0o777 };
  }
}

/**
 * The files of `node_modules/` holding `packages` (by their aliases without
 * `npm-store-`: 'express', 'express4', 'mocha') and all they depend on,
 * keyed by path in the context.
 * @example contextFiles = { ...npmTree(['express']), 'server.js': '…' }
 */
export function npmTree(packages: string[]): Record<string, TreeFile> {
  const out: Record<string, TreeFile> = {};
  const seen = new Set<string>();
  const queue = packages.map((name) => {
    const dir = join(MODULES, `${ALIAS}${name}`);
    if (!existsSync(dir)) throw new Error(`${name}: not among the project's ${ALIAS}* packages`);
    return dir;
  });
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    copyDir(dir, `node_modules/${installPath(dir)}`, out);
    const pkg = readPackage(dir);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = findDependency(dep, dir);
      if (found) queue.push(found);
      else if (!pkg.optionalDependencies?.[dep]) throw new Error(`${installPath(dir)}: dependency ${dep} is not installed`);
    }
  }
  for (const name of packages) {
    const pkg = readPackage(join(MODULES, `${ALIAS}${name}`));
    // A string bin is named after the package, not the alias it was installed under (nanoid6 links .bin/nanoid).
    for (const [bin, target] of Object.entries(normalizeBin({ name: pkg.name ?? name, bin: pkg.bin }) ?? {})) {
      out[`node_modules/.bin/${bin}`] = { symlink: `../${pkg.name ?? name}/${target}` };
    }
  }
  return out;
}
