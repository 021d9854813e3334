// Writing a lesson's files into the student's workspace without losing the
// student's work: a file that is missing, already the same, or still what
// the playground itself wrote there (the first visit's sample site, an
// earlier lesson's starter file, a copied block — `pristine`) is written;
// a file the student has changed is a conflict. Conflicts are settled by
// the policy: 'ask' writes nothing and returns them (the page asks, then
// calls again with the answer), 'keep-copy' moves the student's version
// aside (Dockerfile → Dockerfile.bak, Dockerfile.bak-2, …) and writes the
// lesson's, 'keep-mine' leaves the student's version and writes the rest.

export type ConflictPolicy = 'ask' | 'keep-copy' | 'keep-mine';

/** The workspace as this module needs it: paths relative to its root. */
export interface WorkspaceIo {
  /** 'file', 'dir' (or anything else that is not a regular file: 'other'), or null when nothing is there. */
  kind(path: string): 'file' | 'dir' | 'other' | null;
  /** A file's text (UTF-8). */
  read(path: string): string;
  /** Writes a file, creating its folders. */
  write(path: string, text: string): void;
  rename(from: string, to: string): void;
}

export interface PlaceOutcome {
  /** Written now (missing, pristine, or the lesson's after a conflict). */
  written: string[];
  /** Already as the lesson has them. */
  unchanged: string[];
  /** The student's versions: with 'ask', nothing was written; with 'keep-mine', these were left alone. */
  conflicts: string[];
  /** With 'keep-copy': where each student's version was moved, [path, copy]. */
  copies: Array<[string, string]>;
}

/** The most copies of one file kept side by side (.bak … .bak-50). */
const MAX_COPIES = 50;

/**
 * Places `files` ([path, text], in order) by `policy`; `pristine(path, text)`
 * says whether a file's present text is one the playground wrote itself.
 * @example placeFiles(io, [['Dockerfile', 'FROM nginx\n']], (p, t) => known.get(p) === hashText(t), 'ask')
 */
export function placeFiles(io: WorkspaceIo, files: ReadonlyArray<readonly [string, string]>, pristine: (path: string, text: string) => boolean, policy: ConflictPolicy): PlaceOutcome {
  const out: PlaceOutcome = { written: [], unchanged: [], conflicts: [], copies: [] };
  const toWrite: Array<readonly [string, string]> = [];
  for (const [path, text] of files) {
    const kind = io.kind(path);
    if (kind === null) { toWrite.push([path, text]); continue; }
    if (kind === 'file') {
      const now = io.read(path);
      if (now === text) { out.unchanged.push(path); continue; }
      if (pristine(path, now)) { toWrite.push([path, text]); continue; }
    }
    out.conflicts.push(path);
  }
  if (policy === 'ask' && out.conflicts.length > 0) return out;
  if (policy === 'keep-copy') {
    for (const path of out.conflicts) {
      const copy = freeName(io, path);
      io.rename(path, copy);
      out.copies.push([path, copy]);
      toWrite.push([path, files.find(([p]) => p === path)![1]]);
    }
    out.conflicts = [];
  }
  for (const [path, text] of toWrite) { io.write(path, text); out.written.push(path); }
  return out;
}

/** The first of path.bak, path.bak-2, … that is free. */
function freeName(io: WorkspaceIo, path: string): string {
  for (let i = 1; i <= MAX_COPIES; i++) {
    const name = i === 1 ? `${path}.bak` : `${path}.bak-${i}`;
    if (io.kind(name) === null) return name;
  }
  throw new Error(`${path}: there are already ${MAX_COPIES} copies of it (${path}.bak…); remove some first`);
}
