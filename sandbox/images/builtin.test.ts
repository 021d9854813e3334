// The built-in base images: deterministic, pinned digests that match their
// bytes, sizes within ±20% of the real images, configs like the real ones.
import { describe, expect, it } from 'vitest';
import { ImageStore } from '../image/store.ts';
import { LayerStore } from '../layer/store.ts';
import { MemoryFs } from '../fs/memory.ts';
import { programOf } from '../fs/executable.ts';
import { computePins, installBuiltinImages } from './install.ts';
import pinned from './pinned-digests.json';

async function install(verify = false) {
  const layers = new LayerStore();
  const images = new ImageStore(layers);
  const built = await installBuiltinImages(images, layers, { verify, all: true });
  return { layers, images, built };
}

describe('built-in images', () => {
  it('pinned digests equal the sha256 of the layer bytes (run `npm run images:pin` after a change)', async () => {
    const layers = new LayerStore();
    expect(await computePins(new ImageStore(layers), layers)).toEqual(pinned);
  });

  it('build deterministically: the same image IDs every time, verified or pinned', async () => {
    const a = await install();
    const b = await install(true);
    for (const [name, image] of a.built) expect(b.built.get(name)!.id, name).toBe(image.id);
  });

  it.each([
    // docker images sizes of the real images (amd64): busybox:1.37.0 4.28MB, alpine:3.21.3 7.83MB,
    // node:22.14.0-alpine3.21 157MB, nginx:1.27.4-alpine 47.9MB, redis:7.4.2-alpine about 41MB,
    // node:20-alpine about 135MB
    ['busybox', 4.28e6], ['alpine', 7.83e6], ['node', 157e6], ['nginx', 47.9e6], ['redis', 41e6], ['node20', 135e6],
  ])('%s is within ±20%% of the real size', async (name, real) => {
    const { built } = await install();
    const size = built.get(name as string)!.size;
    expect(size).toBeGreaterThan(real * 0.8);
    expect(size).toBeLessThan(real * 1.2);
  });

  it('are tagged as Docker names them', async () => {
    const { images } = await install();
    for (const ref of ['busybox', 'alpine', 'alpine:3.21', 'node:22-alpine', 'node', 'nginx', 'nginx:alpine', 'redis:7-alpine', 'redis', 'node:20-alpine', 'node:20']) {
      expect(images.resolve(ref), ref).toBeDefined();
    }
    expect(images.resolve('alpine')!.top!.parent).toBeNull();
    expect(images.resolve('node')!.config.rootfs.diff_ids[0]).toBe(images.resolve('alpine')!.config.rootfs.diff_ids[0]);
  });

  it('carry the real images\' configs', async () => {
    const { images } = await install();
    expect(images.resolve('busybox')!.config.config).toEqual({ Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] });
    expect(images.resolve('alpine')!.config.config.Cmd).toEqual(['/bin/sh']);
    const node = images.resolve('node')!.config;
    expect(node.config.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(node.config.Cmd).toEqual(['node']);
    expect(node.config.Env).toContain('NODE_VERSION=22.14.0');
    const nginx = images.resolve('nginx')!.config;
    expect(nginx.config.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(nginx.config.StopSignal).toBe('SIGQUIT');
    expect(nginx.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.history.filter((h) => !h.empty_layer)).toHaveLength(nginx.rootfs.diff_ids.length);
    const redis = images.resolve('redis:7-alpine')!.config;
    expect(redis.config).toMatchObject({
      Entrypoint: ['docker-entrypoint.sh'], Cmd: ['redis-server'], ExposedPorts: { '6379/tcp': {} }, Volumes: { '/data': {} }, WorkingDir: '/data',
    });
    expect(redis.config.Env).toContain('REDIS_VERSION=7.4.2');
    expect(redis.history.filter((h) => !h.empty_layer)).toHaveLength(redis.rootfs.diff_ids.length);
  });

  it('hold the files people look at', async () => {
    const { images } = await install();
    const fsOf = (ref: string) => new MemoryFs({ root: images.rootOf(images.resolve(ref)!) });
    const alpine = fsOf('alpine');
    expect(new TextDecoder().decode(alpine.readFileSync('/etc/alpine-release'))).toBe('3.21.3\n');
    expect(new TextDecoder().decode(alpine.readFileSync('/etc/os-release'))).toContain('PRETTY_NAME="Alpine Linux v3.21"');
    const db = new TextDecoder().decode(alpine.readFileSync('/lib/apk/db/installed'));
    expect(db).toContain('P:busybox\nV:1.37.0-r12\n');
    expect(db).toContain('P:musl\n');
    expect(alpine.readlinkSync('/bin/sh')).toBe('/bin/busybox');
    expect(programOf(alpine.readContentSync('/bin/ls'))).toBe('busybox');
    expect(programOf(fsOf('busybox').readContentSync('/bin/sh'))).toBe('busybox');
    const node = fsOf('node');
    expect(programOf(node.readContentSync('/usr/local/bin/node'))).toBe('node');
    expect(node.statSync('/home/node')).toMatchObject({ uid: 1000, gid: 1000 });
    expect(new TextDecoder().decode(node.readFileSync('/lib/apk/db/installed'))).toContain('P:libstdc++\n');
    const nginx = fsOf('nginx');
    expect(new TextDecoder().decode(nginx.readFileSync('/usr/share/nginx/html/index.html'))).toContain('<h1>Welcome to nginx!</h1>');
    expect(nginx.readlinkSync('/var/log/nginx/access.log')).toBe('/dev/stdout');
    expect(nginx.statSync('/docker-entrypoint.sh').mode).toBe(0o775);
    const redis = fsOf('redis:7-alpine');
    expect(programOf(redis.readContentSync('/usr/local/bin/redis-server'))).toBe('redis-server');
    expect(programOf(redis.readContentSync('/usr/local/bin/redis-cli'))).toBe('redis-cli');
    expect(programOf(redis.readContentSync('/usr/local/bin/gosu'))).toBe('gosu');
    expect(redis.readlinkSync('/usr/local/bin/redis-sentinel')).toBe('redis-server');
    expect(redis.statSync('/data')).toMatchObject({ uid: 999, gid: 1000 });
    expect(new TextDecoder().decode(redis.readFileSync('/etc/passwd'))).toContain('redis:x:999:1000:');
    expect(new TextDecoder().decode(redis.readFileSync('/lib/apk/db/installed'))).toContain('P:tzdata\n');
    expect(redis.statSync('/usr/local/bin/docker-entrypoint.sh').mode).toBe(0o755);
  });
});
