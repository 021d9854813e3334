import { describe, expect, it } from 'vitest';
import { engineImages, familiar, repositoriesOf, tagsOf } from './local-images.ts';

const images = [
  { RepoTags: ['nginx:alpine', 'nginx:latest'] },
  { RepoTags: ['docker.io/library/busybox:1.36'] },
  { RepoTags: ['localhost:5000/app:v1'] },
  { RepoTags: ['<none>:<none>'] },
  { RepoTags: null },
];

describe('local images for completion', () => {
  it('familiar names drop docker.io/library', () => {
    expect(familiar('docker.io/library/nginx')).toBe('nginx');
    expect(familiar('library/nginx')).toBe('nginx');
    expect(familiar('localhost:5000/app')).toBe('localhost:5000/app');
  });
  it('tags of a repository, however it is spelled', () => {
    expect(tagsOf(images, 'nginx')).toEqual(['alpine', 'latest']);
    expect(tagsOf(images, 'library/busybox')).toEqual(['1.36']);
    expect(tagsOf(images, 'localhost:5000/app')).toEqual(['v1']);
    expect(tagsOf(images, 'redis')).toEqual([]);
  });
  it('repositories, without dangling images', () => {
    expect(repositoriesOf(images)).toEqual(['busybox', 'localhost:5000/app', 'nginx']);
  });
  it('asks the engine through GET /images/json, and gives nothing when that fails', async () => {
    const calls: string[] = [];
    const ok = engineImages({ json: async <T,>(m: string, p: string) => { calls.push(`${m} ${p}`); return images as T; } });
    expect(await ok.getTags('nginx')).toEqual(['alpine', 'latest']);
    expect(calls).toEqual(['GET /images/json']);
    const down = engineImages({ json: async () => { throw new Error('engine not started'); } });
    expect(await down.getTags('nginx')).toEqual([]);
    expect(await down.repositories()).toEqual([]);
  });
});
