// docker system df as dockerd and docker/cli work it out: a layer several
// images share is stored and counted once (LayersSize), each image's
// SharedSize is the part of it other images use too, and -v lists SHARED
// SIZE and UNIQUE SIZE per image; containers' and volumes' sizes are the
// bytes they hold. (The stock CLI prints the same tables from our
// /system/df: checked by hand against docker 28.2.)
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli/testing/run-cli.ts';
import { createEngine, inProcessClient, MemoryFs, type EngineClient } from './index.ts';

interface Df {
  LayersSize: number;
  Images: Array<{ RepoTags: string[]; Size: number; SharedSize: number; Containers: number }>;
  Containers: Array<{ Names: string[]; SizeRw: number }>;
  Volumes: Array<{ Name: string; UsageData: { Size: number; RefCount: number } }>;
}

describe('docker system df', () => {
  let client: EngineClient;
  const files = new MemoryFs();
  const build = (dir: string, dockerfile: string, tag: string) => {
    files.mkdirSync(`/w/${dir}`, { recursive: true });
    files.writeFileSync(`/w/${dir}/Dockerfile`, dockerfile);
    return runCli(client, ['build', '-q', '-t', tag, dir], { files, cwd: '/w' });
  };

  beforeEach(async () => {
    client = inProcessClient(await createEngine());
  });

  it('counts a shared layer once and splits each image into shared and unique parts', async () => {
    const df = await client.json<Df>('GET', '/system/df');
    const byTag = (t: string) => df.Images.find((i) => i.RepoTags.includes(t))!;
    const alpine = byTag('alpine:latest');
    const nginx = byTag('nginx:alpine');
    const node = byTag('node:22-alpine');
    const busybox = byTag('busybox:latest');
    const redis = byTag('redis:7-alpine');
    // alpine's one layer is at the bottom of nginx, node and redis: shared by the four, stored once.
    expect(alpine.SharedSize).toBe(alpine.Size);
    expect(nginx.SharedSize).toBe(alpine.Size);
    expect(node.SharedSize).toBe(alpine.Size);
    expect(redis.SharedSize).toBe(alpine.Size);
    expect(busybox.SharedSize).toBe(0);
    expect(df.LayersSize).toBe(busybox.Size + alpine.Size + (nginx.Size - alpine.Size) + (node.Size - alpine.Size) + (redis.Size - alpine.Size));
  });

  it('lists built images, not the intermediate ones a build leaves, and shares their base', async () => {
    expect(await build('a', 'FROM alpine\nRUN echo uno > /uno\nRUN echo dos > /dos\n', 'dos-capas')).toMatchObject({ code: 0 });
    expect(await build('b', 'FROM alpine\nRUN echo uno > /uno\nCMD ["cat", "/uno"]\n', 'una-capa')).toMatchObject({ code: 0 });
    const df = await client.json<Df>('GET', '/system/df');
    expect(df.Images).toHaveLength(7);
    const dos = df.Images.find((i) => i.RepoTags.includes('dos-capas:latest'))!;
    const una = df.Images.find((i) => i.RepoTags.includes('una-capa:latest'))!;
    // The same first RUN on the same parent came from the cache: alpine's layer and /uno are shared.
    expect(una.SharedSize).toBe(una.Size);
    expect(dos.Size - dos.SharedSize).toBe(4);
    const v = await runCli(client, ['system', 'df', '-v']);
    expect(v.out).toMatch(/^Images space usage:\n\nREPOSITORY +TAG +IMAGE ID +CREATED +SIZE +SHARED SIZE +UNIQUE SIZE +CONTAINERS\n/);
    expect(v.out).toMatch(/\ndos-capas +latest +[0-9a-f]{12} +.+ ago +7\.84MB +7\.844MB +4B +0\n/);
    expect(v.out).toContain('\n\nContainers space usage:\n\nCONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES\n');
    expect(v.out).toMatch(/\nBuild cache usage: 0B\n\nCACHE ID +CACHE TYPE +SIZE +CREATED +LAST USED +USAGE +SHARED\n$/);
  });

  it('sizes containers\' writable layers and volumes in bytes; what is unused is reclaimable', async () => {
    expect(await runCli(client, ['run', '-d', '--name', 'vivo', '-v', 'datos:/d', 'busybox', 'sh', '-c', 'echo hola > /d/x; echo hola > /x; sleep 1000'])).toMatchObject({ code: 0 });
    expect(await runCli(client, ['run', '--name', 'muerto', 'busybox', 'sh', '-c', 'echo adios > /y'])).toMatchObject({ code: 0 });
    await new Promise((r) => setTimeout(r, 50));
    const df = await client.json<Df>('GET', '/system/df');
    expect(df.Containers.map((c) => [c.Names[0], c.SizeRw]).sort()).toEqual([['/muerto', 6], ['/vivo', 5]]);
    expect(df.Volumes).toMatchObject([{ Name: 'datos', UsageData: { Size: 5, RefCount: 1 } }]);
    const out = (await runCli(client, ['system', 'df'])).out.split('\n');
    expect(out[0]).toMatch(/^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE$/);
    // busybox is in use: all but its 4.52MB could go.
    expect(out[1]).toMatch(/^Images +5 +1 +235\.9MB +231\.4MB \(98%\)$/);
    expect(out[2]).toMatch(/^Containers +2 +1 +11B +6B \(54%\)$/);
    expect(out[3]).toMatch(/^Local Volumes +1 +1 +5B +0B \(0%\)$/);
    await runCli(client, ['rm', '-f', 'vivo']);
  });
});
