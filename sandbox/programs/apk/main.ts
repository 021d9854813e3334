// The `apk` program (apk-tools 2.14) over the package index the sandbox
// ships: add (with dependencies, in order), del (and what is no longer
// needed), info, list, search, update. It works offline; the index holds
// only packages whose programs the sandbox can run. apk prints the `fetch`
// lines it would print for its repositories: here the index they name is
// the copy shipped with the sandbox (nothing goes out to the network).
import type { Process, Program } from '../../kernel/process.ts';
import { installedRecord, installedSize, writePackageFiles, type ApkPackage } from './db.ts';
import { blob } from '../../fs/populate.ts';
import { hexOf, sha256Of } from '../../layer/digest.ts';
import { ALPINE_VERSION, BASE_PACKAGES, EXTRA_PACKAGES, NGINX_PACKAGES, NODE_RUNTIME_PACKAGES } from './packages.ts';

const DB = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const REPOS = ['https://dl-cdn.alpinelinux.org/alpine/v3.21/main', 'https://dl-cdn.alpinelinux.org/alpine/v3.21/community'];
/**
 * Where apk keeps the repositories' indexes it fetched (unless --no-cache):
 * one APKINDEX.<8 hex of the URL>.tar.gz per repository, sized like v3.21's
 * x86_64 indexes. They are why `RUN apk add curl` leaves ~2.5 MB more in a
 * layer than `RUN apk add --no-cache curl`.
 */
const INDEX_CACHE = '/var/cache/apk';
const INDEX_SIZES = [527_134, 2_236_716];
const cachedIndexes = REPOS.map((r, i) => ({ path: `${INDEX_CACHE}/APKINDEX.${hexOf(sha256Of(`${r}/x86_64`)).slice(0, 8)}.tar.gz`, size: INDEX_SIZES[i]! }));
const dec = new TextDecoder();

/** Every package the index lists, by name (those whose programs exist here). */
export function packageIndex(canRun: (program: string) => boolean): Map<string, ApkPackage> {
  const all = [...BASE_PACKAGES, ...NODE_RUNTIME_PACKAGES, ...NGINX_PACKAGES, ...EXTRA_PACKAGES];
  return new Map(all.filter((p) => p.files.every((f) => f.program === undefined || canRun(f.program))).map((p) => [p.name, p]));
}

const depName = (dep: string): string => dep.replace(/[<>=~].*$/, '');

function read(p: Process, path: string): string {
  try { return dec.decode(p.fs.readFileSync(path)); } catch { return ''; }
}

function installedNames(p: Process): string[] {
  return read(p, DB).split('\n').filter((l) => l.startsWith('P:')).map((l) => l.slice(2));
}

/** Whether `pkg` satisfies `dep` (by name, by what it provides — so:libx.so matches so:libx.so.4 — or by a file). */
function satisfies(pkg: ApkPackage, dep: string): boolean {
  const name = depName(dep);
  if (pkg.name === name) return true;
  if (pkg.provides?.some((x) => { const n = depName(x); return n === name || (n.startsWith('so:') && name.startsWith(n + '.')); })) return true;
  return name.startsWith('/') && pkg.files.some((f) => '/' + f.path === name);
}

/** The package that satisfies `dep`, preferring one already installed. */
function provider(index: Map<string, ApkPackage>, dep: string, installed: string[] = []): ApkPackage | null {
  const byName = index.get(depName(dep));
  if (byName) return byName;
  let found: ApkPackage | null = null;
  for (const pkg of index.values()) {
    if (!satisfies(pkg, dep)) continue;
    if (installed.includes(pkg.name)) return pkg;
    found ??= pkg;
  }
  return found;
}

const mib = (bytes: number): number => Math.round(bytes / (1024 * 1024));

export function apkProgram(canRun: (program: string) => boolean): Program {
  return async (p) => {
    const index = packageIndex(canRun);
    const out = (s: string): Promise<number> => p.write(1, s);
    const args = p.argv.slice(1);
    const flags = new Set(args.filter((a) => a.startsWith('-')));
    const words = args.filter((a) => !a.startsWith('-'));
    // --virtual NAME / -t NAME takes a value.
    let virtual: string | null = null;
    for (let i = 0; i < args.length; i++) if (args[i] === '--virtual' || args[i] === '-t') { virtual = args[i + 1] ?? null; words.splice(words.indexOf(args[i + 1]!), 1); }
    const cmd = words.shift();
    const quiet = flags.has('-q') || flags.has('--quiet');
    if (flags.has('-V') || flags.has('--version')) { await out('apk-tools 2.14.6, compiled for x86_64.\n'); return 0; }
    if (!cmd) {
      await out('apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n\nInstallation and removal commands:\n  add        Add packages to WORLD and commit changes\n  del        Remove packages from WORLD and commit changes\n\nQuerying package information:\n  info       Give detailed information about packages or repositories\n  list       List packages matching a pattern or other criteria\n  search     Search for packages by name or description\n\nRepository maintenance:\n  update     Update repository indexes\n');
      return 1;
    }
    const noCache = flags.has('--no-cache');
    const haveIndexes = (): boolean => cachedIndexes.every((f) => p.fs.existsSync(f.path));
    /** Fetches the indexes (printing apk's `fetch` lines) and, without --no-cache, keeps them in /var/cache/apk. */
    const fetchIndexes = async (): Promise<void> => {
      if (!quiet) for (const r of REPOS) await out(`fetch ${r}/x86_64/APKINDEX.tar.gz\n`);
      if (!noCache) for (const f of cachedIndexes) blob(p.fs, f.path, f.size);
    };
    /** `apk add` fetches the indexes only when it has none kept (or -U asks for fresh ones). */
    const fetchLines = async (): Promise<void> => {
      if (noCache || flags.has('-U') || flags.has('--update-cache') || !haveIndexes()) await fetchIndexes();
    };
    const writes = cmd === 'add' || cmd === 'del' || cmd === 'update';
    if (writes && p.uid !== 0) {
      await p.write(2, 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
      return 99;
    }
    const installed = installedNames(p);
    const world = read(p, WORLD).split('\n').filter(Boolean);
    const summary = async (names: string[]): Promise<void> => {
      const size = names.reduce((n, name) => n + (index.get(name) ? installedSize(index.get(name)!) : 0), 0);
      await out(`OK: ${mib(size)} MiB in ${names.length} packages\n`);
    };
    const commit = (names: string[], newWorld: string[]): void => {
      p.fs.writeFileSync(DB, names.map((n) => index.get(n)).filter((x): x is ApkPackage => !!x).map(installedRecord).join(''));
      p.fs.writeFileSync(WORLD, [...new Set(newWorld)].sort().join('\n') + '\n');
    };
    switch (cmd) {
      case 'update':
        await fetchIndexes();
        for (const r of REPOS) await out(`v${ALPINE_VERSION}-0-g0000000000 [${r}]\n`);
        await out(`OK: ${index.size} distinct packages available\n`);
        return 0;
      case 'add': {
        if (words.length === 0 && !virtual) { await p.write(2, 'ERROR: no packages specified\n'); return 1; }
        await fetchLines();
        const missing = words.filter((w) => !provider(index, w));
        if (missing.length) {
          await p.write(2, `ERROR: unable to select packages:\n${missing.map((m) => `  ${m} (no such package):\n    required by: world[${m}]\n`).join('')}`);
          return missing.length;
        }
        const have = new Set(installed);
        const order: ApkPackage[] = [];
        const seen = new Set<string>();
        const visit = (pkg: ApkPackage, depth: number): void => {
          if (have.has(pkg.name) || seen.has(pkg.name) || depth > 64) return;
          seen.add(pkg.name);
          for (const dep of pkg.depends ?? []) {
            const d = provider(index, dep, installed);
            if (d && !installed.some((n) => n === d.name)) visit(d, depth + 1);
          }
          order.push(pkg);
        };
        for (const w of words) visit(provider(index, w)!, 0);
        const total = order.length + (virtual ? 1 : 0);
        let k = 0;
        for (const pkg of order) {
          if (!quiet) await out(`(${++k}/${total}) Installing ${pkg.name} (${pkg.version})\n`);
          writePackageFiles(p.fs, pkg);
          const t = p.tick();
          if (t) await t;
        }
        if (virtual && !quiet) await out(`(${++k}/${total}) Installing ${virtual} (20250101.000000)\n`);
        const names = [...installed, ...order.map((x) => x.name)];
        commit(names, [...world, ...(virtual ? [virtual] : words.map((w) => provider(index, w)!.name))]);
        if (!quiet && order.some((x) => x.files.some((f) => /^(usr\/)?s?bin\//.test(f.path)))) await out('Executing busybox-1.37.0-r12.trigger\n');
        if (!quiet) await summary(names);
        return 0;
      }
      case 'del': {
        const gone = words.filter((w) => !world.includes(w));
        for (const g of gone) await p.write(2, `WARNING: ${g} is not in world\n`);
        const newWorld = world.filter((w) => !words.includes(w));
        // Keep what the remaining world needs; purge the rest.
        const keep = new Set<string>();
        const need = (name: string, depth: number): void => {
          const pkg = index.get(name);
          if (!pkg || keep.has(name) || depth > 64) return;
          keep.add(name);
          // Every installed package that satisfies a dependency stays (busybox and busybox-binsh both give /bin/sh).
          for (const dep of pkg.depends ?? []) for (const n of installed) { const q = index.get(n); if (q && satisfies(q, dep)) need(n, depth + 1); }
        };
        for (const w of newWorld) need(w, 0);
        const purge = installed.filter((n) => !keep.has(n) && index.has(n)).reverse();
        let k = 0;
        for (const name of purge) {
          const pkg = index.get(name)!;
          if (!quiet) await out(`(${++k}/${purge.length}) Purging ${pkg.name} (${pkg.version})\n`);
          for (const f of pkg.files) { try { p.fs.unlinkSync('/' + f.path); } catch { /* already gone */ } }
        }
        const names = installed.filter((n) => !purge.includes(n));
        commit(names, newWorld);
        if (!quiet) await summary(names);
        return 0;
      }
      case 'info': {
        if (words.length === 0) { await out(installed.map((n) => n + '\n').join('')); return 0; }
        let status = 0;
        for (const w of words) {
          const pkg = index.get(w);
          const isInstalled = installed.includes(w);
          if (flags.has('-e')) { if (isInstalled) await out(`${w}\n`); else status = 1; continue; }
          if (!pkg) continue;
          const id = `${pkg.name}-${pkg.version}`;
          if (flags.has('-L')) {
            if (!isInstalled) { status = 1; continue; }
            await out(`${id} contains:\n${[...pkg.files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => f.path + '\n').join('')}\n`);
            continue;
          }
          await out(`${id} description:\n${pkg.description}\n\n${id} webpage:\n${pkg.url}\n\n${id} installed size:\n${Math.round(installedSize(pkg) / 1024)} KiB\n\n`);
        }
        return status;
      }
      case 'list': case 'search': {
        const onlyInstalled = flags.has('-I') || flags.has('--installed');
        const pattern = words[0] ?? '';
        const rows = [...index.values()]
          .filter((pkg) => (!onlyInstalled || installed.includes(pkg.name)) && (pattern === '' || pkg.name.includes(pattern.replace(/\*/g, ''))))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
        for (const pkg of rows) {
          await out(cmd === 'search' ? `${pkg.name}-${pkg.version}\n`
            : `${pkg.name}-${pkg.version} x86_64 {${pkg.origin ?? pkg.name}} (${pkg.license})${installed.includes(pkg.name) ? ' [installed]' : ''}\n`);
        }
        return 0;
      }
      default:
        await p.write(2, `apk: applet '${cmd}' not found\n`);
        return 1;
    }
  };
}
