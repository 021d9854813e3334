// The engine's code cache for node processes: the package files (under
// node_modules) that processes compiled, by path, to be compiled once into
// the next runtime snapshot — as V8's code cache spares Node recompiling
// what it ran before. A process finds its file there only when the source
// it read is the very text cached (a changed or different package at the
// same path compiles as usual). Bounded: what fits CODE_CACHE_CHARS of
// source, first come; a newer source for a cached path replaces it.

/** Source, in characters, the cache holds at most (compiled, ~2-3 times that in the snapshot's heap). */
export const CODE_CACHE_CHARS = 3 * 1024 * 1024;

export class CodeCache {
  private readonly sources = new Map<string, string>();
  private chars = 0;
  /** Changed since list() was last taken. */
  private dirty = false;

  /** Adds files a process compiled; says whether anything changed. */
  add(files: ReadonlyArray<readonly [string, string]>): boolean {
    let changed = false;
    for (const [path, source] of files) {
      const old = this.sources.get(path);
      if (old === source) continue;
      const grown = this.chars - (old?.length ?? 0) + source.length;
      if (grown > CODE_CACHE_CHARS) continue;
      this.sources.set(path, source);
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
    if (this.sources.size > 0) this.dirty = true;
  }

  /** What to compile into the next snapshot (clears `pending`). */
  take(): Array<[string, string]> {
    this.dirty = false;
    return [...this.sources];
  }
}
