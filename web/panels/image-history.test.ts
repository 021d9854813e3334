// The Images panel's history logic: readable instructions, which row made
// which layer, shared layers, and cache hit/miss from the build's window.
import { describe, expect, it } from 'vitest';
import { assignLayers, buildSeen, buildWindow, cacheVerdict, familiarTag, layerUsers, chainKeys, readableCreatedBy, stepCount, type HistoryRow } from './image-history.ts';

const row = (CreatedBy: string, Size = 0, Id = '<missing>', Tags: string[] | null = null): HistoryRow => ({ Id, Created: 0, CreatedBy, Tags, Size, Comment: '' });

describe('readableCreatedBy', () => {
  it('shows the instruction of the classic builder rows', () => {
    expect(readableCreatedBy('/bin/sh -c #(nop)  CMD ["x"]')).toBe('CMD ["x"]');
    expect(readableCreatedBy('/bin/sh -c echo hi')).toBe('RUN echo hi');
    expect(readableCreatedBy('/bin/sh -c #(nop) COPY file:7e90 in /app ')).toBe('COPY file:7e90 in /app');
    expect(readableCreatedBy('|2 A=1 B=x /bin/sh -c make all')).toBe('RUN make all');
    expect(readableCreatedBy('/bin/bash -o pipefail -c curl x | sh')).toBe('RUN curl x | sh');
  });

  it('shows the instruction of BuildKit rows', () => {
    expect(readableCreatedBy('RUN /bin/sh -c apk add --no-cache curl # buildkit')).toBe('RUN apk add --no-cache curl');
    expect(readableCreatedBy('RUN |1 V=2 /bin/sh -c make # buildkit')).toBe('RUN make');
    expect(readableCreatedBy('COPY docker-entrypoint.sh / # buildkit')).toBe('COPY docker-entrypoint.sh /');
    expect(readableCreatedBy('CMD ["/bin/sh"]')).toBe('CMD ["/bin/sh"]');
  });

  it('leaves a docker commit row (the container\'s command) as it is', () => {
    expect(readableCreatedBy('nginx -g daemon off;')).toBe('nginx -g daemon off;');
  });
});

describe('assignLayers', () => {
  // Newest first, as GET /images/{id}/history answers.
  const rows = [
    row('/bin/sh -c #(nop)  CMD ["sh"]', 0, 'sha256:c', ['app:latest']),
    row('/bin/sh -c mkdir /data', 0, 'sha256:b'),
    row('/bin/sh -c echo hi', 0, 'sha256:a'),
    row('CMD ["/bin/sh"]', 0, 'sha256:base', ['alpine:latest']),
    row('ADD rootfs.tar.gz / # buildkit', 7_000_000),
  ];

  it('uses each step image\'s layer count, and RUN/COPY/ADD rows where none is known', () => {
    // `echo hi` changed nothing (no layer); `mkdir /data` made a layer of size 0.
    const known = new Map([[0, 2], [1, 2], [2, 1], [3, 1]]);
    expect(assignLayers(rows, known)).toEqual([null, 1, null, null, 0]);
  });

  it('gives RUN/COPY/ADD rows the layers when their count matches', () => {
    expect(assignLayers(rows, new Map([[0, 3]]))).toEqual([null, 2, 1, null, 0]);
  });

  it('says "unknown" where the counts cannot be matched', () => {
    const known = new Map([[0, 2]]);
    expect(assignLayers(rows, known)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('shared layers', () => {
  it('counts images by layer chain, not by diff alone', () => {
    const users = layerUsers([
      { id: 'alpine', diffIds: ['d1'] },
      { id: 'app', diffIds: ['d1', 'd2'] },
      { id: 'other', diffIds: ['d0', 'd2'] },
    ]);
    const [base, app] = chainKeys(['d1', 'd2']);
    expect(users.get(base!)).toBe(2);
    expect(users.get(app!)).toBe(1);
  });
});

describe('cache hit or miss', () => {
  const builds = [{ at: 1_000, tags: ['app'] }, { at: 5_000, tags: ['app'] }, { at: 9_000, tags: ['app'] }];

  it('finds the build that tagged the image, even after a later failed build', () => {
    const tags = [{ imageId: 'sha256:x', name: 'app:latest', at: 6_000 }, { imageId: 'sha256:old', name: 'app:latest', at: 2_000 }];
    expect(buildWindow('sha256:x', tags, builds)).toEqual({ start: 5_000, end: 6_000, tag: 'app:latest' });
    expect(buildWindow('sha256:old', tags, builds)).toEqual({ start: 1_000, end: 2_000, tag: 'app:latest' });
  });

  it('ignores tag events no build explains (docker tag)', () => {
    const tags = [{ imageId: 'sha256:x', name: 'copy:1', at: 7_000 }];
    expect(buildWindow('sha256:x', tags, builds)).toBeNull();
  });

  it('tells a hit (created before the build) from a miss (created during it)', () => {
    const w = { start: 5_000, end: 6_000, tag: 'app:latest' };
    expect(cacheVerdict(4_999, w)).toBe('hit');
    expect(cacheVerdict(5_500, w)).toBe('miss');
    expect(cacheVerdict(7_000, w)).toBeNull();
    expect(cacheVerdict(5_500, null)).toBeNull();
  });

  it('counts the build\'s own steps down to the FROM image', () => {
    expect(stepCount([row('x', 0, 'sha256:c', ['app:latest']), row('y', 0, 'sha256:b'), row('z', 0, 'sha256:base', ['alpine:3']), row('w')])).toBe(2);
    expect(stepCount([row('w')])).toBe(0);
  });

  it('reads the builds and their tags from the API traffic', () => {
    const e = { method: 'POST', path: '/v1.50/build', query: 't=app&t=app%3Av2&q=0', status: 200, at: 42 };
    expect(buildSeen(e)).toEqual({ at: 42, tags: ['app', 'app:v2'] });
    expect(buildSeen({ ...e, path: '/v1.50/build/prune' })).toBeNull();
    expect(buildSeen({ ...e, status: 400 })).toBeNull();
  });

  it('compares tags in their familiar form', () => {
    expect(familiarTag('app')).toBe('app:latest');
    expect(familiarTag('docker.io/library/app:1')).toBe('app:1');
    expect(familiarTag('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
});
