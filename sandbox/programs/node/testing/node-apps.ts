// Test helper: a Node.js program run by the host's real Node.js over the
// files a test also builds into an image, so the test can ask the
// container (node:22 on QuickJS) for the same output. Files are a context
// map (npm-tree.ts gives node_modules/), written to a fresh directory with
// the build context's modification time (the harness's T0), so that what
// depends on it (express.static's ETag and Last-Modified) agrees.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TreeFile } from './npm-tree.ts';

export interface Ran { out: string; err: string; code: number; oom: boolean }

/** Writes `files` into a new directory on the host (mtime: the build context's); returns it. */
export function writeTree(files: Record<string, TreeFile>, mtimeMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-app-'));
  const when = mtimeMs / 1000;
  for (const [path, spec] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof spec === 'string') writeFileSync(abs, spec);
    else if ('symlink' in spec) { symlinkSync(spec.symlink, abs); continue; }
    else writeFileSync(abs, spec.content, { mode: spec.mode });
    utimesSync(abs, when, when);
  }
  return dir;
}

/** Runs `cmd` (its first word `node` or `sh`) on the host in a directory holding `files`. */
export async function runOnHost(files: Record<string, TreeFile>, cmd: string[], opts: { env?: Record<string, string>; mtimeMs: number }): Promise<Ran> {
  const dir = writeTree(files, opts.mtimeMs);
  try {
    return await new Promise<Ran>((resolve) => {
      execFile(cmd[0]!, cmd.slice(1), {
        cwd: dir, timeout: 60_000, maxBuffer: 16 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...opts.env },
      }, (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
        resolve({ out: stdout, err: stderr, code, oom: false });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
