// What the file tree's commands do to the workspace: create a file or a
// folder, rename (move) one, delete one, upload files from the computer.
// Each checks the typed path and the current listing first (nothing is
// overwritten by accident, a folder is not moved into itself) and reports
// a reason the page can translate, instead of throwing.
import type { EngineConnection } from '../engine/connection.ts';
import type { WorkspaceEntry } from '../engine/protocol.ts';
import { cleanPath, isWithin, joinPath, parentPath, type PathError } from './paths.ts';

export type WorkspaceFs = Pick<EngineConnection, 'mkdir' | 'rename' | 'remove'> & { writeFile(path: string, data: Uint8Array | string): Promise<unknown> };

export type OpError = PathError | 'exists' | 'intoItself' | 'failed';
export type OpResult = { ok: true; path: string } | { ok: false; error: OpError; path?: string; message?: string };

/** Uploads larger than this (per file) are refused: the workspace lives in the tab's memory. */
export const MAX_UPLOAD_BYTES = 32_000_000;
/** At most this many files per upload. */
export const MAX_UPLOAD_FILES = 200;

const failed = (e: unknown, path?: string): OpResult => ({ ok: false, error: 'failed', ...(path !== undefined && { path }), message: e instanceof Error ? e.message : String(e) });

function isDir(entries: readonly WorkspaceEntry[], path: string): boolean {
  return path === '' || entries.some((e) => e.path === path && e.type === 'dir');
}

/**
 * Creates an empty file or a folder at the typed path (folders on the way
 * are made). `createEntry(fs, entries, 'file', 'site/about.html')`.
 */
export async function createEntry(fs: WorkspaceFs, entries: readonly WorkspaceEntry[], kind: 'file' | 'dir', typed: string): Promise<OpResult> {
  const clean = cleanPath(typed);
  if ('error' in clean) return { ok: false, error: clean.error };
  const path = clean.path;
  if (entries.some((e) => e.path === path)) return { ok: false, error: 'exists', path };
  try {
    if (kind === 'dir') await fs.mkdir(path);
    else {
      const parent = parentPath(path);
      if (!isDir(entries, parent)) await fs.mkdir(parent);
      await fs.writeFile(path, new Uint8Array(0));
    }
    return { ok: true, path };
  } catch (e) {
    return failed(e, path);
  }
}

/**
 * Renames (or moves) `from` to the typed path. Renaming to itself is a
 * success that does nothing. `renameEntry(fs, entries, 'site', 'www')`.
 */
export async function renameEntry(fs: WorkspaceFs, entries: readonly WorkspaceEntry[], from: string, typed: string): Promise<OpResult> {
  const clean = cleanPath(typed);
  if ('error' in clean) return { ok: false, error: clean.error };
  const to = clean.path;
  if (to === from) return { ok: true, path: to };
  if (isWithin(to, from)) return { ok: false, error: 'intoItself', path: to };
  if (entries.some((e) => e.path === to)) return { ok: false, error: 'exists', path: to };
  try {
    const parent = parentPath(to);
    if (!isDir(entries, parent)) await fs.mkdir(parent);
    await fs.rename(from, to);
    return { ok: true, path: to };
  } catch (e) {
    return failed(e, to);
  }
}

/** Deletes a file, or a folder with everything in it. */
export async function deleteEntry(fs: WorkspaceFs, path: string): Promise<OpResult> {
  try {
    await fs.remove(path);
    return { ok: true, path };
  } catch (e) {
    return failed(e, path);
  }
}

/** A file picked on the computer (the DOM's File, narrowed for tests). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface UploadResult {
  written: string[];
  refused: Array<{ name: string; reason: 'too-large' | 'too-many' | OpError; message?: string }>;
}

/**
 * Writes picked files into folder `dir` ('' for the root), replacing files
 * of the same name (as copying onto a folder does).
 */
export async function uploadFiles(fs: WorkspaceFs, dir: string, files: readonly PickedFile[]): Promise<UploadResult> {
  const result: UploadResult = { written: [], refused: [] };
  for (const [i, file] of files.entries()) {
    if (i >= MAX_UPLOAD_FILES) { result.refused.push({ name: file.name, reason: 'too-many' }); continue; }
    if (file.size > MAX_UPLOAD_BYTES) { result.refused.push({ name: file.name, reason: 'too-large' }); continue; }
    const clean = cleanPath(file.name);
    if ('error' in clean || clean.path.includes('/')) { result.refused.push({ name: file.name, reason: 'error' in clean ? clean.error : 'invalid' }); continue; }
    const path = joinPath(dir, clean.path);
    try {
      await fs.writeFile(path, new Uint8Array(await file.arrayBuffer()));
      result.written.push(path);
    } catch (e) {
      result.refused.push({ name: file.name, reason: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}
