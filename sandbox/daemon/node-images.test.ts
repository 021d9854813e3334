// The node images. node:20-alpine is installed when first named, as a pull would fetch it:
// the engine starts without it, a FROM or a run brings it, and its binaries
// carry the versions its image ships; what they lack says so.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { buildWith, logText } from './testing/harness.ts';

describe('node:20-alpine', () => {
  it('is not there at start; FROM installs it; node and npm say their versions', async () => {
    const d = await Daemon.create({ newId: sequentialIds('lazy') });
    expect(d.images.resolve('node:20-alpine')).toBeUndefined();
    const b = await buildWith(d, { Dockerfile: 'FROM node:20-alpine\nRUN node --version && npm --version\n' });
    expect(b.error).toBeUndefined();
    expect(b.output).toContain('Step 1/2 : FROM node:20-alpine\n');
    expect(d.images.resolve('node:20-alpine')?.config.config.Env).toContain('NODE_VERSION=20.20.2');
    const img = d.images.resolve('node:20-alpine')!;
    const { container } = await d.run({ image: img, cmd: ['sh', '-c', 'node --version; npm --version; node -p process.versions.node; readlink /proc/self/exe'] });
    expect(logText(container)).toBe('v20.20.2\n10.8.2\n20.20.2\n/bin/busybox\n');
    const { container: c22 } = await d.run({ image: d.images.mustResolve('node:22-alpine'), cmd: ['sh', '-c', 'node --version; npm --version'] });
    expect(logText(c22)).toBe('v22.14.0\n10.9.2\n');
  });

  it('an unknown node tag is still "manifest unknown"', async () => {
    const d = await Daemon.create({ newId: sequentialIds('lazy') });
    const b = await buildWith(d, { Dockerfile: 'FROM node:19-alpine\n' });
    expect(b.error).toMatch(/manifest for node:19-alpine not found: manifest unknown/);
  });
});

describe('what the node images do not have', () => {
  it('yarn and corepack say so and point to npm, instead of failing to parse a bundle', async () => {
    const d = await Daemon.create({ newId: sequentialIds('yarn') });
    const { container } = await d.run({ image: d.images.mustResolve('node'), cmd: ['sh', '-c', 'yarn install; echo "rc=$?"; corepack enable; echo "rc=$?"'] });
    expect(logText(container)).toBe('rc=1\nrc=1\n');
    expect(logText(container, 'stderr')).toBe(
      "yarn: yarn is not available in the playground: use npm instead (npm install, npm ci, npm run <script>), which installs from the playground's offline package store\n"
      + 'corepack: corepack is not available in the playground (it downloads package managers, and the playground is offline): use npm\n');
  });
});
