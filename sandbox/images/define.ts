// How a built-in base image is described: its history steps, each of which
// may write a layer, and its runtime config. Layers are written into an
// overlay on the steps before, exactly like a build step, so each layer is
// the change set the real image's step made (parents copied up, deletions
// whited out). Content is text where people read it (/etc/os-release,
// nginx.conf) and generated, sized like the real binaries, elsewhere.
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
  /** Installed when first named (run, FROM, pull), not when the engine starts. */
  lazy?: boolean;
  steps: BuiltinStep[];
  config: RunConfig;
}

export { blob, binary, link, put } from '../fs/populate.ts';

export function dirs(fs: OverlayFs, paths: string[], mode = 0o755): void {
  for (const p of paths) {
    fs.mkdirSync(p, { recursive: true, mode });
    fs.chmodSync(p, mode);
  }
}

export const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
