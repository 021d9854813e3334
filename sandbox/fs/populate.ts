// Writing files into a tree the way image definitions and package installs
// do: parents made as needed (0755, root), generated content sized like the
// real files, program binaries, and symlinks that replace what was there.
import { GeneratedContent } from './content.ts';
import { programBinary } from './executable.ts';
import { dirname } from './path.ts';
import type { TreeFs } from './tree-fs.ts';

/** Writes a file, making parent directories (0755, root) as needed. */
export function put(fs: TreeFs, path: string, content: string | Uint8Array | GeneratedContent, mode = 0o644, uid = 0, gid = 0): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, content, { mode, uid, gid });
}

/** A generated file of `size` bytes (a library or data file's stand-in). */
export function blob(fs: TreeFs, path: string, size: number, mode = 0o644): void {
  put(fs, path, new GeneratedContent(`file:${path}`, size), mode);
}

/** A binary that runs the built-in program `program`. */
export function binary(fs: TreeFs, path: string, program: string, size: number, mode = 0o755, version?: string): void {
  put(fs, path, programBinary(program, size, path, version), mode);
}

/** A symlink at `path` (replacing what is there). */
export function link(fs: TreeFs, target: string, path: string): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  if (fs.existsSync(path) || exists(fs, path)) fs.unlinkSync(path);
  fs.symlinkSync(target, path);
}

function exists(fs: TreeFs, path: string): boolean {
  try { fs.lstatSync(path); return true; } catch { return false; }
}
