// Test helper: the CLI's workspace over the real filesystem (node:fs), so
// that our CLI and the stock docker CLI read the very same directory.
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync, type Stats } from 'node:fs';
import type { WorkspaceFs } from '../io.ts';

const info = (s: Stats): ReturnType<WorkspaceFs['statSync']> => ({
  type: s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'file', mode: s.mode & 0o7777, size: s.size, mtimeMs: s.mtimeMs,
});

export const nodeWorkspace: WorkspaceFs = {
  statSync: (p) => info(statSync(p)),
  lstatSync: (p) => info(lstatSync(p)),
  readdirSync: (p) => readdirSync(p),
  readFileSync: (p) => new Uint8Array(readFileSync(p)),
  readlinkSync: (p) => readlinkSync(p),
  writeFileSync: (p, data) => writeFileSync(p, data),
};
