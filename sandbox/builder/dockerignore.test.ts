import { describe, expect, it } from 'vitest';
import { DockerIgnore } from './dockerignore.ts';

describe('.dockerignore', () => {
  const ignore = new DockerIgnore(`
# comment
node_modules
*.log
/build
docs/**/*.md
!docs/keep/README.md
temp?
**/.git
secret*
!secret.public
`);
  it.each([
    ['node_modules', true], ['node_modules/express/index.js', true], ['src/node_modules', false],
    ['app.log', true], ['logs/app.log', false], ['build/out.js', true], ['src/build', false],
    ['docs/a.md', true], ['docs/x/y/z.md', true], ['docs/keep/README.md', false], ['docs/a.txt', false],
    ['temp1', true], ['temp12', false], ['.git/config', true], ['sub/.git/HEAD', true],
    ['secret.key', true], ['secret.public', false], ['Dockerfile', false],
  ])('%s ignored: %s', (path, want) => {
    expect(ignore.ignores(path)).toBe(want);
  });

  it('treats the last matching line as the verdict', () => {
    const d = new DockerIgnore('*\n!src\nsrc/*.tmp');
    expect(d.ignores('README.md')).toBe(true);
    expect(d.ignores('src/a.ts')).toBe(false);
    expect(d.ignores('src/a.tmp')).toBe(true);
  });
});
