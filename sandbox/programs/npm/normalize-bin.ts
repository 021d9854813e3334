// A package's "bin" as npm links it (npm-normalize-package-bin): a string is
// the package's own command (its scope dropped), an array names each file by
// its basename, and every name is reduced to a basename and every target kept
// inside the package. At publish time (read-package-json), a package with no
// "bin" but a directories.bin gets one command per file of that directory;
// the store's generator passes the tarball's files for that.
import { normalizePath } from '../../fs/path.ts';

/** The package.json fields that make its bin. */
export interface BinFields { name?: unknown; bin?: unknown; directories?: unknown }

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
/** `path.join('/', p).slice(1)`: backslashes as slashes, `.`/`..` resolved, never above the package. */
const inPackage = (p: string): string => normalizePath(p.replace(/\\/g, '/'), '/').slice(1);
/** The last component of a path, '' for `.`/`..` (path.basename, then joined to /). */
const lastName = (p: string): string => {
  const last = p.split('/').filter(Boolean).pop() ?? '';
  return last === '.' || last === '..' ? '' : last;
};

/**
 * The {command: path in the package} map, or undefined when nothing usable is there.
 * @example normalizeBin({ name: '@s/tool', bin: './cli.js' }) // { tool: 'cli.js' }
 */
export function normalizeBin(pkg: BinFields, files: readonly string[] = []): Record<string, string> | undefined {
  let bin: unknown = pkg.bin;
  const dir = isRecord(pkg.directories) ? pkg.directories.bin : undefined;
  if (!bin && typeof dir === 'string' && files.length > 0) {
    const root = inPackage(dir);
    const under = files.filter((f) => root === '' || f.startsWith(`${root}/`)).map((f) => (root ? f.slice(root.length + 1) : f));
    bin = Object.fromEntries(under.filter((f) => f && !f.startsWith('.')).map((f) => [lastName(f), root ? `${root}/${f}` : f]));
  }
  if (typeof bin === 'string') bin = typeof pkg.name === 'string' && pkg.name ? { [pkg.name]: bin } : undefined;
  else if (Array.isArray(bin)) bin = Object.fromEntries(bin.filter((k): k is string => typeof k === 'string').map((k) => [lastName(k), k]));
  if (!isRecord(bin)) return undefined;
  const clean: Record<string, string> = {};
  for (const [key, target] of Object.entries(bin)) {
    const base = lastName(key.replace(/\\|:/g, '/'));
    if (typeof target !== 'string' || !base) continue;
    const to = inPackage(target);
    if (to) clean[base] = to;
  }
  return Object.keys(clean).length ? clean : undefined;
}
