// The engine's code cache for node processes: the package files (under
// node_modules) that processes compiled, by path, to be compiled once into
// the next runtime snapshot — as V8's code cache spares Node recompiling
// what it ran before. Each cached text has a version number, unique in this
// thread; a snapshot records the versions it compiled. When the engine
// finds a file whose text is the cached one, it sends the guest that
// version instead of the text: a guest whose snapshot holds that version
// takes the compiled function (a changed file, or another package at the
// same path, has another text, so it is sent and compiled as usual).
// Bounded: what fits CODE_CACHE_CHARS of source, first come; a newer text
// for a cached path replaces it.

/** Source, in characters, a cache holds at most (compiled, ~2-3 times that in the snapshot's heap). */
export const CODE_CACHE_CHARS = 3 * 1024 * 1024;

/** A cached file: path, text, version. */
export type CachedFile = readonly [path: string, source: string, version: number];

let lastVersion = 0;
/** Every cache's current entries in this thread (the engine's), by path. */
const current = new Map<string, { source: string; version: number }>();

/** The version of the cached text of `path` when `source` is that text, else null. */
export function cachedVersion(path: string, source: string): number | null {
  const entry = current.get(path);
  return entry && entry.source === source ? entry.version : null;
}

export class CodeCache {
  private readonly files = new Map<string, { source: string; version: number }>();
  private chars = 0;
  /** Changed since take() was last called. */
  private dirty = false;

  /** Adds files a process compiled; says whether anything changed. */
  add(files: ReadonlyArray<readonly [string, string]>): boolean {
    let changed = false;
    for (const [path, source] of files) {
      const old = this.files.get(path);
      if (old?.source === source) continue;
      const grown = this.chars - (old?.source.length ?? 0) + source.length;
      if (grown > CODE_CACHE_CHARS) continue;
      const known = current.get(path);
      const entry = known?.source === source ? known : { source, version: ++lastVersion };
      this.files.set(path, entry);
      current.set(path, entry);
      this.chars = grown;
      changed = true;
    }
    if (changed) this.dirty = true;
    return changed;
  }

  /** Whether there is something new to compile into a snapshot. */
  get pending(): boolean {
    return this.dirty;
  }

  /** The snapshot asked for was not taken: what it was to hold is pending again. */
  retry(): void {
    if (this.files.size > 0) this.dirty = true;
  }

  /** What to compile into the next snapshot (clears `pending`). */
  take(): CachedFile[] {
    this.dirty = false;
    return [...this.files].map(([path, { source, version }]) => [path, source, version] as const);
  }
}
