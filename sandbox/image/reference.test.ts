import { describe, expect, it } from 'vitest';
import { familiarString, fullName, normalizeTagged, parseReference, withDefaultTag } from './reference.ts';

describe('image references', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['docker.io/library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['index.docker.io/user/app:v1', 'docker.io/user/app:v1', 'user/app:v1'],
    ['user/app', 'docker.io/user/app:latest', 'user/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest', 'localhost:5000/app:latest'],
    ['quay.io/org/tool:1.2.3', 'quay.io/org/tool:1.2.3', 'quay.io/org/tool:1.2.3'],
    ['my-app_2.x', 'docker.io/library/my-app_2.x:latest', 'my-app_2.x:latest'],
  ])('%s normalises to %s', (input, full, familiar) => {
    const ref = withDefaultTag(parseReference(input));
    expect(fullName(ref)).toBe(full);
    expect(familiarString(ref)).toBe(familiar);
    expect(normalizeTagged(input)).toBe(full);
  });

  it('keeps digests', () => {
    const d = 'sha256:' + 'a'.repeat(64);
    expect(fullName(withDefaultTag(parseReference(`alpine@${d}`)))).toBe(`docker.io/library/alpine@${d}`);
  });

  it.each([
    ['Busybox', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['user/App:1', 'invalid reference format: repository name (user/App) must be lowercase'],
    ['a b', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['app:', 'invalid reference format'],
    ['app:-bad', 'invalid reference format'],
    ['-app', 'invalid reference format'],
    ['app//x', 'invalid reference format'],
    ['app@sha256:xyz', 'invalid reference format'],
  ])('rejects %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
  });
});
