// How a built-in base image is described: its history steps, each of which
// may write a layer, and its runtime config. Layers are written into an
// overlay on the steps before, exactly like a build step, so each layer is
// the change set the real image's step made (parents copied up, deletions
// whited out). Content is text where people read it (/etc/os-release,
// nginx.conf) and generated, sized like the real binaries, elsewhere.
import { GeneratedContent } from '../fs/content.ts';
import { programBinary } from '../fs/executable.ts';
import { dirname } from '../fs/path.ts';
import type { OverlayFs } from '../fs/overlay.ts';
import type { RunConfig } from '../image/config.ts';

export interface BuiltinStep {
  createdBy: string;
  /** Writes the step's layer; a step without one is an empty_layer in history. */
  layer?: (fs: OverlayFs) => void;
  comment?: string;
}

export interface BuiltinImage {
  /** Key in the pinned digest table, e.g. `alpine`. */
  name: string;
  /** References it is available under (`alpine:3.21`, `alpine:latest`). */
  tags: string[];
  /** Build time (ms since epoch); every mtime and `created` of its own steps. */
  created: number;
  base?: BuiltinImage;
  steps: BuiltinStep[];
  config: RunConfig;
}

/** Writes a file, making parent directories (0755, root) as needed. */
export function put(fs: OverlayFs, path: string, content: string | Uint8Array | GeneratedContent, mode = 0o644, uid = 0, gid = 0): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, content, { mode, uid, gid });
}

/** A generated file of `size` bytes (a library or data file's stand-in). */
export function blob(fs: OverlayFs, path: string, size: number, mode = 0o644): void {
  put(fs, path, new GeneratedContent(`file:${path}`, size), mode);
}

/** A binary that runs the built-in program `program`. */
export function binary(fs: OverlayFs, path: string, program: string, size: number, mode = 0o755): void {
  put(fs, path, programBinary(program, size, path), mode);
}

export function link(fs: OverlayFs, target: string, path: string): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  if (fs.existsSync(path) || safeLstat(fs, path)) fs.unlinkSync(path);
  fs.symlinkSync(target, path);
}

function safeLstat(fs: OverlayFs, path: string): boolean {
  try { fs.lstatSync(path); return true; } catch { return false; }
}

export function dirs(fs: OverlayFs, paths: string[], mode = 0o755): void {
  for (const p of paths) {
    fs.mkdirSync(p, { recursive: true, mode });
    fs.chmodSync(p, mode);
  }
}

export const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
