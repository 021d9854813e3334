import { describe, expect, it } from 'vitest';
import type { WorkspaceEntry } from '../engine/protocol.ts';
import { createEntry, deleteEntry, MAX_UPLOAD_BYTES, renameEntry, uploadFiles, type WorkspaceFs } from './workspace-ops.ts';

/** Records the file operations, and fails the ones on paths in `failing`. */
function recordingFs(failing: string[] = []) {
  const ops: string[] = [];
  const op = (name: string, path: string): void => {
    if (failing.includes(path)) throw new Error(`EACCES: permission denied, ${name} '${path}'`);
    ops.push(`${name} ${path}`);
  };
  const fs: WorkspaceFs = {
    writeFile: async (p, d) => op(`write(${typeof d === 'string' ? d.length : d.length})`, p),
    mkdir: async (p) => op('mkdir', p),
    rename: async (a, b) => op('rename', `${a} → ${b}`),
    remove: async (p) => op('remove', p),
  };
  return { fs, ops };
}

const entries: WorkspaceEntry[] = [
  { path: 'Dockerfile', type: 'file', size: 10, mtimeMs: 1 },
  { path: 'site', type: 'dir', size: 0, mtimeMs: 1 },
  { path: 'site/index.html', type: 'file', size: 10, mtimeMs: 1 },
];

describe('createEntry', () => {
  it('creates an empty file, making its folder when it does not exist', async () => {
    const { fs, ops } = recordingFs();
    expect(await createEntry(fs, entries, 'file', 'site/about.html')).toEqual({ ok: true, path: 'site/about.html' });
    expect(await createEntry(fs, entries, 'file', 'app/server.js')).toEqual({ ok: true, path: 'app/server.js' });
    expect(ops).toEqual(['write(0) site/about.html', 'mkdir app', 'write(0) app/server.js']);
  });
  it('creates a folder', async () => {
    const { fs, ops } = recordingFs();
    expect(await createEntry(fs, entries, 'dir', './app/')).toEqual({ ok: true, path: 'app' });
    expect(ops).toEqual(['mkdir app']);
  });
  it('refuses bad names and existing paths without touching the workspace', async () => {
    const { fs, ops } = recordingFs();
    expect(await createEntry(fs, entries, 'file', '')).toEqual({ ok: false, error: 'empty' });
    expect(await createEntry(fs, entries, 'file', '../x')).toEqual({ ok: false, error: 'dots' });
    expect(await createEntry(fs, entries, 'dir', 'site')).toEqual({ ok: false, error: 'exists', path: 'site' });
    expect(ops).toEqual([]);
  });
  it('reports the engine\'s error', async () => {
    const { fs } = recordingFs(['x']);
    expect(await createEntry(fs, entries, 'file', 'x')).toEqual({ ok: false, error: 'failed', path: 'x', message: "EACCES: permission denied, write(0) 'x'" });
  });
});

describe('renameEntry', () => {
  it('renames and moves, making the target folder', async () => {
    const { fs, ops } = recordingFs();
    expect(await renameEntry(fs, entries, 'site', 'www')).toEqual({ ok: true, path: 'www' });
    expect(await renameEntry(fs, entries, 'Dockerfile', 'docker/Dockerfile')).toEqual({ ok: true, path: 'docker/Dockerfile' });
    expect(ops).toEqual(['rename site → www', 'mkdir docker', 'rename Dockerfile → docker/Dockerfile']);
  });
  it('does nothing for the same name, and refuses overwriting or moving a folder into itself', async () => {
    const { fs, ops } = recordingFs();
    expect(await renameEntry(fs, entries, 'site', 'site/')).toEqual({ ok: true, path: 'site' });
    expect(await renameEntry(fs, entries, 'Dockerfile', 'site/index.html')).toEqual({ ok: false, error: 'exists', path: 'site/index.html' });
    expect(await renameEntry(fs, entries, 'site', 'site/inner')).toEqual({ ok: false, error: 'intoItself', path: 'site/inner' });
    expect(ops).toEqual([]);
  });
});

it('deleteEntry removes a path and reports failures', async () => {
  const { fs, ops } = recordingFs(['locked']);
  expect(await deleteEntry(fs, 'site')).toEqual({ ok: true, path: 'site' });
  expect((await deleteEntry(fs, 'locked')).ok).toBe(false);
  expect(ops).toEqual(['remove site']);
});

describe('uploadFiles', () => {
  const picked = (name: string, size: number) => ({ name, size, arrayBuffer: async () => new ArrayBuffer(size) });
  it('writes picked files into the folder, refusing huge ones and odd names', async () => {
    const { fs, ops } = recordingFs();
    const r = await uploadFiles(fs, 'site', [picked('logo.png', 3), picked('huge.iso', MAX_UPLOAD_BYTES + 1), picked('..', 1)]);
    expect(r.written).toEqual(['site/logo.png']);
    expect(r.refused.map((x) => [x.name, x.reason])).toEqual([['huge.iso', 'too-large'], ['..', 'dots']]);
    expect(ops).toEqual(['write(3) site/logo.png']);
  });
  it('writes to the root for the root folder', async () => {
    const { fs, ops } = recordingFs();
    await uploadFiles(fs, '', [picked('notes.txt', 2)]);
    expect(ops).toEqual(['write(2) notes.txt']);
  });
});
