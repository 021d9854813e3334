import { describe, expect, it } from 'vitest';
import { cleanPath, isDockerfile, isWithin, languageFor, movedPath, parentPath, shownDir } from './paths.ts';

describe('cleanPath', () => {
  it('normalizes what was typed into a workspace path', () => {
    expect(cleanPath(' ./site//new.html ')).toEqual({ path: 'site/new.html' });
    expect(cleanPath('/Dockerfile')).toEqual({ path: 'Dockerfile' });
    expect(cleanPath('~/app/server.js')).toEqual({ path: 'app/server.js' });
  });
  it('refuses empty names, dot segments, backslashes and overlong paths', () => {
    expect(cleanPath('   ')).toEqual({ error: 'empty' });
    expect(cleanPath('./')).toEqual({ error: 'empty' });
    expect(cleanPath('../etc/passwd')).toEqual({ error: 'dots' });
    expect(cleanPath('site/../x')).toEqual({ error: 'dots' });
    expect(cleanPath('a\\b')).toEqual({ error: 'invalid' });
    expect(cleanPath('a'.repeat(5000))).toEqual({ error: 'tooLong' });
  });
});

describe('path helpers', () => {
  it('parent, containment and moves', () => {
    expect(parentPath('site/css/a.css')).toBe('site/css');
    expect(parentPath('Dockerfile')).toBe('');
    expect(isWithin('site/a', 'site')).toBe(true);
    expect(isWithin('site', 'site')).toBe(true);
    expect(isWithin('sites/a', 'site')).toBe(false);
    expect(movedPath('site/a.css', 'site', 'www')).toBe('www/a.css');
    expect(movedPath('Dockerfile', 'Dockerfile', 'Dockerfile.dev')).toBe('Dockerfile.dev');
    expect(movedPath('other', 'site', 'www')).toBeUndefined();
    expect(shownDir('')).toBe('~');
    expect(shownDir('site')).toBe('~/site');
  });
});

describe('languageFor', () => {
  it('knows Dockerfiles by their usual names', () => {
    for (const p of ['Dockerfile', 'api/Dockerfile', 'Dockerfile.dev', 'web.Dockerfile', 'Containerfile', 'dockerfile']) {
      expect(isDockerfile(p), p).toBe(true);
      expect(languageFor(p)).toBe('dockerfile');
    }
    expect(isDockerfile('Dockerfiles/readme.md')).toBe(false);
  });
  it('maps the playground\'s other files to the languages the editor loads', () => {
    expect(languageFor('compose.yaml')).toBe('yaml');
    expect(languageFor('docker-compose.yml')).toBe('yaml');
    expect(languageFor('app/server.js')).toBe('javascript');
    expect(languageFor('package.json')).toBe('json');
    expect(languageFor('site/index.html')).toBe('html');
    expect(languageFor('site/style.css')).toBe('css');
    expect(languageFor('start.sh')).toBe('shell');
    expect(languageFor('.bashrc')).toBe('shell');
    expect(languageFor('README.md')).toBe('markdown');
    expect(languageFor('nginx.conf')).toBe('plaintext');
    expect(languageFor('.env')).toBe('plaintext');
  });
});
