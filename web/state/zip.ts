// The workspace as a zip archive: export for the student to keep, import to
// bring work back (every entry's path checked; directories implied; entries
// that are not files skipped).
import { unzipSync, zipSync } from 'fflate';
import { checkFiles, MAX_TOTAL_BYTES, type WorkspaceFile } from './workspace-files.ts';

export function exportZip(files: WorkspaceFile[]): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[f.path] = f.data;
  return zipSync(tree, { level: 6 });
}

export function importZip(bytes: Uint8Array): WorkspaceFile[] {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      // Refuse a zip bomb before inflating it.
      filter: (f) => { total += f.originalSize; if (total > MAX_TOTAL_BYTES) throw new Error('too large'); return !f.name.endsWith('/'); },
    });
  } catch (e) {
    throw new Error((e as Error).message === 'too large' ? `the archive unpacks to more than ${MAX_TOTAL_BYTES / 1024 / 1024} MB` : 'this file is not a zip archive (or it is damaged)');
  }
  return checkFiles(Object.entries(entries).map(([path, data]) => ({ path, data })));
}
