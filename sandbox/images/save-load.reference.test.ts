// Differential test against a real engine (opt-in: `npm run test:reference`,
// after ../shared/tools/reference-engine.sh). Our `docker save` archives load
// into it with the same image IDs, history and config.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveImages } from '../image/archive-save.ts';
import { loadImages } from '../image/archive-load.ts';
import { MemoryFs } from '../fs/memory.ts';
import { ImageStore } from '../image/store.ts';
import { LayerStore } from '../layer/store.ts';
import { concat } from '../layer/testing/tar.ts';
import { installBuiltinImages } from './install.ts';

const HOST = process.env.REFERENCE_DOCKER_HOST ?? 'tcp://127.0.0.1:23750';
const docker = (...args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: HOST, DOCKER_BUILDKIT: '0' } });

describe('docker save archives in a real engine', () => {
  it.each(['busybox:latest', 'alpine:3.21', 'nginx:alpine'])('%s loads with the same ID, history and config', async (ref) => {
    const layers = new LayerStore();
    const images = new ImageStore(layers);
    await installBuiltinImages(images, layers);
    const image = images.mustResolve(ref);
    const parts: Uint8Array[] = [];
    await saveImages([{ image, tags: [`ref-test/${ref.replace(':', '-')}:latest`] }], (c) => parts.push(c.slice()));
    const file = join(mkdtempSync(join(tmpdir(), 'save-')), 'image.tar');
    writeFileSync(file, concat(parts));
    docker('load', '-i', file);
    const tag = `ref-test/${ref.replace(':', '-')}:latest`;
    expect(docker('image', 'inspect', '-f', '{{.Id}}', tag).trim()).toBe(image.id);
    const history = docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', tag).split('\n').map((l) => l.trim()).filter(Boolean);
    // (the CLI's output is trimmed, and with it the trailing space legacy ADD lines have)
    expect(history).toEqual(image.config.history.map((h) => h.created_by!.trim()).reverse());
    const config = JSON.parse(docker('image', 'inspect', '-f', '{{json .Config}}', tag));
    expect(config.Env).toEqual(image.config.config.Env);
    expect(config.Cmd).toEqual(image.config.config.Cmd);
    docker('rmi', tag);
  });
});

describe('a real engine\'s docker save archives in ours', () => {
  it('busybox from the reference engine loads with its ID and runs-ready files', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'save-')), 'busybox.tar');
    docker('save', '-o', file, 'busybox:latest');
    const layers = new LayerStore();
    const images = new ImageStore(layers);
    const [loaded] = await loadImages(new Uint8Array(readFileSync(file)), images, layers);
    expect(loaded!.image.id).toBe(docker('image', 'inspect', '-f', '{{.Id}}', 'busybox:latest').trim());
    const fs = new MemoryFs({ root: layers.rootOf(loaded!.image.top) });
    expect(fs.statSync('/bin/busybox').type).toBe('file');
    expect(fs.readlinkSync('/bin/sh')).toBe('busybox');
  });
});
