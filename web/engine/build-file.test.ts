// Which workspace file a build read: by content, and among copies the one
// whose directory was the context.
import { describe, expect, it } from 'vitest';
import { pickBuiltFile, type WorkspaceFiles } from './build-file.ts';

const enc = new TextEncoder();
function workspace(files: Record<string, string>): WorkspaceFiles {
  const bytes = new Map(Object.entries(files).map(([p, t]) => [p, enc.encode(t)]));
  return { files: [...bytes].map(([path, b]) => ({ path, size: b.length })), read: (p) => bytes.get(p) ?? null };
}
const DF = 'FROM busybox\nCOPY a.txt /\n';

describe('pickBuiltFile', () => {
  it('the file with exactly that text', () => {
    const ws = workspace({ Dockerfile: 'FROM alpine\n', 'api/Dockerfile': DF, 'api/a.txt': 'a' });
    expect(pickBuiltFile({ name: 'Dockerfile', text: DF, files: [] }, ws)).toBe('api/Dockerfile');
  });

  it('none: the file changed since, or the Dockerfile came from stdin', () => {
    expect(pickBuiltFile({ name: '.dockerfile.0a1b', text: DF, files: [] }, workspace({ Dockerfile: `${DF}# edited\n` }))).toBeNull();
  });

  it('a BOM the engine dropped still matches', () => {
    expect(pickBuiltFile({ name: 'Dockerfile', text: DF, files: [] }, workspace({ Dockerfile: `\uFEFF${DF}` }))).toBe('Dockerfile');
  });

  it('copies: the one at the context’s name for it, in the directory holding the context’s files', () => {
    const ws = workspace({ 'one/Dockerfile': DF, 'one/a.txt': 'one', 'two/Dockerfile': DF, 'two/a.txt': 'two!', 'notes/df.txt': DF });
    const context = (a: string) => ({ name: 'Dockerfile', text: DF, files: [{ path: 'Dockerfile', size: DF.length }, { path: 'a.txt', size: a.length }] });
    expect(pickBuiltFile(context('two!'), ws)).toBe('two/Dockerfile');
    expect(pickBuiltFile(context('one'), ws)).toBe('one/Dockerfile');
  });

  it('copies that nothing tells apart: the shallowest, then the first by name', () => {
    const ws = workspace({ 'b/Dockerfile': DF, 'a/Dockerfile': DF, 'x/y/Dockerfile': DF });
    expect(pickBuiltFile({ name: 'Dockerfile', text: DF, files: [] }, ws)).toBe('a/Dockerfile');
    expect(pickBuiltFile({ name: '.dockerfile.ff', text: DF, files: [] }, workspace({ 'x/y/z.Dockerfile': DF, 'w.Dockerfile': DF }))).toBe('w.Dockerfile');
  });
});
