// Test helpers for builds: a daemon with a fixed clock and predictable
// container IDs (so whole outputs are reproducible), contexts from plain
// objects, and a build call that returns the output text and the outcome.
import { MemoryFs } from '../../fs/memory.ts';
import type { DirNode } from '../../fs/node.ts';
import type { Image } from '../../image/store.ts';
import { Daemon } from '../daemon.ts';
import { sequentialIds } from '../ids.ts';
import type { DaemonBuildOptions } from '../daemon.ts';

export const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/**
 * A daemon whose clock stands still and whose container IDs count up: image
 * IDs then depend only on what was built, so golden files stay put when the
 * engine reads the clock more or less often.
 */
export async function testDaemon(): Promise<Daemon> {
  return Daemon.create({ now: () => T0, newId: sequentialIds() });
}

export type FileSpec = string | { content: string | Uint8Array; mode?: number; mtimeMs?: number } | { symlink: string };

/** A context tree from `{ 'path': 'content' | {content, mode} | {symlink} }`. */
export function contextOf(files: Record<string, FileSpec>): DirNode {
  const fs = new MemoryFs({ now: () => T0 });
  for (const [path, spec] of Object.entries(files)) {
    const abs = '/' + path.replace(/^\/+/, '');
    fs.mkdirSync(abs.slice(0, abs.lastIndexOf('/')) || '/', { recursive: true });
    if (typeof spec === 'string') fs.writeFileSync(abs, spec);
    else if ('symlink' in spec) fs.symlinkSync(spec.symlink, abs);
    else fs.writeFileSync(abs, spec.content, { mode: spec.mode ?? 0o644, mtimeMs: spec.mtimeMs ?? T0 });
  }
  return fs.root;
}

export interface BuildOutcome {
  output: string;
  image?: Image;
  error?: string;
}

export async function buildWith(d: Daemon, files: Record<string, FileSpec>, opts: Partial<DaemonBuildOptions> = {}): Promise<BuildOutcome> {
  let output = '';
  try {
    const r = await d.build({ context: contextOf(files), ...opts, onOutput: (s) => { output += s; } });
    return { output, image: r.image };
  } catch (e) {
    return { output, error: (e as Error).message };
  }
}

/** Lines of a build output that say whether each step used the cache. */
export function cacheTrace(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('Step ')) out.push(line.replace(/^Step \d+\/\d+ : /, ''));
    else if (line === ' ---> Using cache') out[out.length - 1] += '  [cached]';
  }
  return out;
}

/** Reads a file from an image's root filesystem. */
export function readFromImage(d: Daemon, image: Image, path: string): string {
  return new TextDecoder().decode(new MemoryFs({ root: d.layers.rootOf(image.top) }).readFileSync(path));
}

export function imageFs(d: Daemon, image: Image): MemoryFs {
  return new MemoryFs({ root: d.layers.rootOf(image.top) });
}

/** What a container wrote to one of its streams, as text. */
export function logText(c: { logs: Array<{ stream: string; data: Uint8Array }> }, stream: 'stdout' | 'stderr' = 'stdout'): string {
  const dec = new TextDecoder();
  return c.logs.filter((l) => l.stream === stream).map((l) => dec.decode(l.data)).join('');
}

/** Lets the simulated processes run until `pred` holds; fails (naming `what`) after many turns. */
export async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error(`timed out waiting for ${what}`);
}
