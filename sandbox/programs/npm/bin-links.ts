// Package bins in node_modules/.bin, as npm's bin-links makes them: a
// relative symlink per bin in the .bin folder beside the package
// (`.bin/mocha -> ../mocha/bin/mocha.js`), the target made executable
// (0777 less the umask) and a CRLF shebang line turned into LF. A link
// owned by another package is replaced, a real file is left alone; when a
// package goes, the links into it go too.
import type { TreeFs } from '../../fs/tree-fs.ts';
import { normalizeBin } from './normalize-bin.ts';
import type { PkgNode } from './tree.ts';

const dec = new TextDecoder();

/** The folder of a node, below the project's folder. */
export function nodeDir(prefix: string, node: PkgNode): string {
  return `${prefix === '/' ? '' : prefix}/${node.location}`;
}

/** The .bin folder a node's bins go in: node_modules/.bin of the folder holding it. */
export function binDirOf(prefix: string, node: PkgNode): string {
  const holder = node.parent && !node.parent.isRoot ? `${nodeDir(prefix, node.parent)}` : prefix === '/' ? '' : prefix;
  return `${holder}/node_modules/.bin`;
}

function lexists(fs: TreeFs, path: string): boolean {
  try { fs.lstatSync(path); return true; } catch { return false; }
}

/** Where a global package's bins go: /usr/local/bin, linking to ../lib/node_modules/<name>/… */
export interface GlobalBins { binDir: string; fromBinDir: string }

/** Links a node's bins; returns how many were linked. */
export function linkBins(fs: TreeFs, prefix: string, node: PkgNode, creds: { uid: number; gid: number }, global: GlobalBins | null = null, umask = 0o022): number {
  const bins = normalizeBin({ name: node.pkg.name ?? node.name, bin: node.pkg.bin });
  if (!bins) return 0;
  const binDir = global?.binDir ?? binDirOf(prefix, node);
  const from = global?.fromBinDir ?? '..';
  let linked = 0;
  for (const [name, rel] of Object.entries(bins)) {
    const target = `${nodeDir(prefix, node)}/${rel}`;
    if (!fs.existsSync(target)) continue;
    if (!fs.existsSync(binDir)) fs.mkdirSync(binDir, { recursive: true, mode: 0o777 & ~umask, uid: creds.uid, gid: creds.gid });
    const link = `${binDir}/${name}`;
    if (lexists(fs, link)) {
      if (fs.lstatSync(link).type !== 'symlink') continue;
      fs.unlinkSync(link);
    }
    fs.symlinkSync(`${from}/${node.name}/${rel}`, link, { uid: creds.uid, gid: creds.gid });
    fs.chmodSync(target, 0o777 & ~umask);
    fixShebang(fs, target);
    linked++;
  }
  return linked;
}

/** `#!/usr/bin/env node\r\n` → `\n` (bin-links' dos2Unix on the hashbang line). */
function fixShebang(fs: TreeFs, path: string): void {
  const bytes = fs.readFileSync(path);
  if (bytes[0] !== 0x23 || bytes[1] !== 0x21) return;
  const head = dec.decode(bytes.subarray(0, 2048));
  const m = /^#![^\n]+\r\n/.exec(head);
  if (!m) return;
  const fixed = new Uint8Array(bytes.length - 1);
  fixed.set(bytes.subarray(0, m[0].length - 2));
  fixed.set(bytes.subarray(m[0].length - 1), m[0].length - 2);
  fs.writeFileSync(path, fixed);
}

/** Removes the .bin links that point into a node's folder (it is going away). */
export function unlinkBins(fs: TreeFs, prefix: string, node: PkgNode, global: GlobalBins | null = null): void {
  const bins = normalizeBin({ name: node.pkg.name ?? node.name, bin: node.pkg.bin });
  if (!bins) return;
  const binDir = global?.binDir ?? binDirOf(prefix, node);
  const from = global?.fromBinDir ?? '..';
  for (const name of Object.keys(bins)) {
    const link = `${binDir}/${name}`;
    try {
      if (fs.lstatSync(link).type !== 'symlink') continue;
      if (fs.readlinkSync(link).startsWith(`${from}/${node.name}/`)) fs.unlinkSync(link);
    } catch { /* not there */ }
  }
}
