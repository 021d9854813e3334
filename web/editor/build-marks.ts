// Build results shown on a Dockerfile's lines: the public, Monaco-free
// entry point for whoever follows a build (the terminal's `docker build`,
// a lesson, a panel). They call `showBuildMarks(...)`; the editor pane —
// loaded later or not at all — subscribes and decorates the lines
// ("12.3 kB · cached" after the line, a coloured gutter bar, and for an
// error a red line it scrolls to). Importing this module costs a few
// hundred bytes and never pulls the editor in.

export type BuildMarkKind = 'cached' | 'built' | 'error';

export interface BuildMark {
  /** 1-based line of the Dockerfile (an instruction's first line). */
  line: number;
  /** Shown after the line: `'12.3 kB · cached'`, `'0.4 s'`, an error's message. */
  text: string;
  kind: BuildMarkKind;
}

/** The marks of one file, as the editor reads them. */
export interface BuildMarkSet {
  /** Workspace-relative path of the Dockerfile: `'Dockerfile'`, `'api/Dockerfile'`. */
  path: string;
  marks: readonly BuildMark[];
  /** Grows with every call, so a repeated error is revealed again. */
  revision: number;
}

/** At most this many marks per file are kept (a build has one per instruction). */
export const MAX_BUILD_MARKS = 2000;
/** Longer texts are cut (with an ellipsis). */
export const MAX_MARK_TEXT = 300;

const sets = new Map<string, BuildMarkSet>();
const listeners = new Set<(set: BuildMarkSet) => void>();
let revision = 0;

const KINDS: ReadonlySet<string> = new Set<BuildMarkKind>(['cached', 'built', 'error']);

function normalizePath(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/^\/home\/student\//, '').replace(/^\/+/, '');
}

/**
 * Shows `marks` on a Dockerfile's lines, replacing the marks that file had.
 * ```ts
 * showBuildMarks([
 *   { line: 1, text: 'nginx:alpine', kind: 'cached' },
 *   { line: 2, text: '1.2 kB · 0.1 s', kind: 'built' },
 *   { line: 3, text: 'RUN exited with 127', kind: 'error' },
 * ]);                                           // on ./Dockerfile
 * showBuildMarks(marks, { path: 'api/Dockerfile' });
 * ```
 * An error mark opens the file in the editor and scrolls to its line.
 * Throws RangeError for a line that is not a positive integer or an unknown kind.
 */
export function showBuildMarks(marks: readonly BuildMark[], options: { path?: string } = {}): void {
  const path = normalizePath(options.path ?? 'Dockerfile');
  if (path === '') throw new RangeError('showBuildMarks: empty path');
  const kept: BuildMark[] = [];
  for (const m of marks.slice(0, MAX_BUILD_MARKS)) {
    if (!Number.isInteger(m.line) || m.line < 1) throw new RangeError(`showBuildMarks: line must be a positive integer, got ${String(m.line)}`);
    if (!KINDS.has(m.kind)) throw new RangeError(`showBuildMarks: unknown kind ${String(m.kind)}`);
    const text = String(m.text);
    kept.push({ line: m.line, kind: m.kind, text: text.length > MAX_MARK_TEXT ? `${text.slice(0, MAX_MARK_TEXT - 1)}…` : text });
  }
  publish({ path, marks: kept, revision: ++revision });
}

/** Removes the marks of one file (default: ./Dockerfile), or of every file when `path` is null. */
export function clearBuildMarks(path: string | null = 'Dockerfile'): void {
  const paths = path === null ? [...sets.keys()] : [normalizePath(path)];
  for (const p of paths) if (sets.has(p)) publish({ path: p, marks: [], revision: ++revision });
}

/** The marks a file has now (what the editor shows when it opens the file). */
export function buildMarksFor(path: string): BuildMarkSet | undefined {
  return sets.get(normalizePath(path));
}

/** Calls `fn` with each file's new marks; returns the unsubscribe function. */
export function onBuildMarks(fn: (set: BuildMarkSet) => void): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}

/**
 * The editor keeps the store in step with edits: an edited line loses its
 * mark (it no longer is the line that was built) and the others follow
 * their lines. Listeners are not told — nothing new was built.
 */
export function keepBuildMarks(path: string, marks: readonly BuildMark[]): void {
  const set = sets.get(normalizePath(path));
  if (!set) return;
  if (marks.length === 0) sets.delete(set.path);
  else sets.set(set.path, { ...set, marks });
}

/** The first error mark of a set, if any. */
export function firstError(set: BuildMarkSet): BuildMark | undefined {
  return set.marks.find((m) => m.kind === 'error');
}

/**
 * Keeps marks with their file when the tree renames it or a folder holding
 * it (`to` null: the file or folder was deleted, its marks go too).
 */
export function moveBuildMarks(from: string, to: string | null): void {
  for (const set of [...sets.values()]) {
    const moved = movedPath(set.path, from);
    if (moved === undefined) continue;
    publish({ path: set.path, marks: [], revision: ++revision });
    if (to !== null) publish({ path: to + moved, marks: set.marks, revision: ++revision });
  }
}

/** The part of `path` after `dir` ('' for `dir` itself), or undefined when `path` is outside `dir`. */
function movedPath(path: string, dir: string): string | undefined {
  return path === dir ? '' : path.startsWith(`${dir}/`) ? path.slice(dir.length) : undefined;
}

function publish(set: BuildMarkSet): void {
  if (set.marks.length === 0) sets.delete(set.path);
  else sets.set(set.path, set);
  for (const fn of [...listeners]) fn(set);
}
