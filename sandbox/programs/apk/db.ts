// Alpine packages as the sandbox knows them, and apk's installed database
// (/lib/apk/db/installed) rendered from them. A package's files are written
// into a layer by `installPackages`, and the database lists exactly those
// files, so `apk info -L` and the filesystem agree.
import { dirname, basename } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { binary, blob, link, put } from '../../fs/populate.ts';

export interface PkgFile {
  path: string;
  /** Generated content of this size (a library, a data file). */
  size?: number;
  /** Literal text content. */
  text?: string;
  /** Runs this built-in program. */
  program?: string;
  /** A symlink to this target. */
  link?: string;
  mode?: number;
}

export interface ApkPackage {
  name: string;
  version: string;
  description: string;
  url: string;
  license: string;
  origin?: string;
  depends?: string[];
  provides?: string[];
  files: PkgFile[];
  /** Build time, seconds since epoch. */
  buildTime: number;
  maintainer?: string;
}

export function installedSize(p: ApkPackage): number {
  let n = 0;
  for (const f of p.files) n += f.size ?? (f.text !== undefined ? new TextEncoder().encode(f.text).length : 0);
  // apk rounds installed sizes up to 4 KiB blocks per file.
  return Math.max(4096, Math.ceil(n / 4096) * 4096);
}

/** Writes a package's files into `fs`. */
export function writePackageFiles(fs: TreeFs, p: ApkPackage): void {
  for (const f of p.files) {
    const path = '/' + f.path;
    if (f.link !== undefined) link(fs, f.link, path);
    else if (f.program !== undefined) binary(fs, path, f.program, f.size ?? 100_000, f.mode ?? 0o755);
    else if (f.text !== undefined) put(fs, path, f.text, f.mode ?? 0o644);
    else blob(fs, path, f.size ?? 0, f.mode ?? 0o644);
  }
}

/** One package's record in /lib/apk/db/installed. */
export function installedRecord(p: ApkPackage): string {
  const isize = installedSize(p);
  const lines = [
    `P:${p.name}`,
    `V:${p.version}`,
    'A:x86_64',
    `S:${Math.round(isize * 0.42)}`,
    `I:${isize}`,
    `T:${p.description}`,
    `U:${p.url}`,
    `L:${p.license}`,
    `o:${p.origin ?? p.name}`,
    `m:${p.maintainer ?? 'Natanael Copa <ncopa@alpinelinux.org>'}`,
    `t:${p.buildTime}`,
  ];
  if (p.depends?.length) lines.push(`D:${p.depends.join(' ')}`);
  if (p.provides?.length) lines.push(`p:${p.provides.join(' ')}`);
  let currentDir: string | null = null;
  for (const f of [...p.files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const dir = dirname('/' + f.path).slice(1);
    if (dir !== currentDir) { lines.push(`F:${dir}`); currentDir = dir; }
    lines.push(`R:${basename(f.path)}`);
    if (f.link !== undefined) lines.push('a:0:0:777');
    else if ((f.mode ?? (f.program ? 0o755 : 0o644)) !== 0o644) lines.push(`a:0:0:${(f.mode ?? 0o755).toString(8)}`);
  }
  return lines.join('\n') + '\n\n';
}

/**
 * Installs `added` on top of the already installed `before` (as one
 * `apk add` does): writes the new files, then rewrites apk's database (all
 * packages) and world file. Returns the new installed set.
 */
export function installPackages(fs: TreeFs, before: ApkPackage[], added: ApkPackage[], world: string[]): ApkPackage[] {
  for (const p of added) writePackageFiles(fs, p);
  const all = [...before, ...added];
  put(fs, '/lib/apk/db/installed', all.map(installedRecord).join(''));
  put(fs, '/etc/apk/world', [...world].sort().join('\n') + '\n');
  return all;
}
