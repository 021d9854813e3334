// Placing files without losing the student's work: missing, unchanged and
// pristine files are written; a changed one is asked about, copied aside
// (.bak, .bak-2, …) or kept, by the policy.
import { describe, expect, it } from 'vitest';
import { placeFiles, type WorkspaceIo } from './starter-files.ts';

function workspace(files: Record<string, string>, dirs: string[] = []): WorkspaceIo & { files: Map<string, string> } {
  const map = new Map(Object.entries(files));
  return {
    files: map,
    kind: (p) => (map.has(p) ? 'file' : dirs.includes(p) ? 'dir' : null),
    read: (p) => map.get(p)!,
    write: (p, t) => { map.set(p, t); },
    rename: (from, to) => { if (dirs.includes(from)) { dirs.push(to); dirs.splice(dirs.indexOf(from), 1); return; } map.set(to, map.get(from)!); map.delete(from); },
  };
}

const LESSON: Array<[string, string]> = [['Dockerfile', 'FROM nginx\n'], ['site/index.html', '<h1>hi</h1>\n'], ['app.js', 'x\n']];
const pristine = (p: string, t: string): boolean => p === 'Dockerfile' && t === 'FROM seed\n';

describe('placing lesson files', () => {
  it('writes missing, unchanged and pristine files without asking', () => {
    const ws = workspace({ Dockerfile: 'FROM seed\n', 'app.js': 'x\n' });
    expect(placeFiles(ws, LESSON, pristine, 'ask')).toEqual({ written: ['Dockerfile', 'site/index.html'], unchanged: ['app.js'], conflicts: [], copies: [] });
    expect(ws.files.get('Dockerfile')).toBe('FROM nginx\n');
  });

  it('asks about the student\'s changes, writing nothing until answered', () => {
    const ws = workspace({ Dockerfile: 'FROM mine\n' });
    expect(placeFiles(ws, LESSON, pristine, 'ask')).toEqual({ written: [], unchanged: [], conflicts: ['Dockerfile'], copies: [] });
    expect([...ws.files.keys()]).toEqual(['Dockerfile']);
  });

  it('keeps the student\'s version: as a copy beside the lesson\'s, or in place', () => {
    const ws = workspace({ Dockerfile: 'FROM mine\n', 'Dockerfile.bak': 'older\n' }, ['app.js']);
    expect(placeFiles(ws, LESSON, pristine, 'keep-copy')).toEqual({ written: ['site/index.html', 'Dockerfile', 'app.js'], unchanged: [], conflicts: [], copies: [['Dockerfile', 'Dockerfile.bak-2'], ['app.js', 'app.js.bak']] });
    expect([ws.files.get('Dockerfile'), ws.files.get('Dockerfile.bak'), ws.files.get('Dockerfile.bak-2')]).toEqual(['FROM nginx\n', 'older\n', 'FROM mine\n']);
    const mine = workspace({ Dockerfile: 'FROM mine\n' });
    expect(placeFiles(mine, LESSON, pristine, 'keep-mine')).toMatchObject({ written: ['site/index.html', 'app.js'], conflicts: ['Dockerfile'] });
    expect(mine.files.get('Dockerfile')).toBe('FROM mine\n');
  });
});
