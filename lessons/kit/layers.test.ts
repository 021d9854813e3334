// Reading an image's layers from its docker save archive: which layer holds
// a file's bytes, which one only hides them with a whiteout, and what the
// final filesystem shows.
import { describe, expect, it } from 'vitest';
import { defineChecks } from './checks.ts';
import { finalPaths, imageLayers } from './layers.ts';
import { PracticeMachine } from './runner.ts';
import { parseScript } from './script.ts';

describe('imageLayers', () => {
  it('lists each layer bottom first with what it adds and what it deletes', async () => {
    const m = await PracticeMachine.boot();
    try {
      m.writeFiles(new Map([['Dockerfile', 'FROM busybox\nRUN mkdir /d && echo hola > /d/a && echo x > /b\nRUN rm -r /d\nENV X=1\nRUN rm -f /bin/wget\n']]));
      await m.play(parseScript('docker build -t capas .', 't').actions, defineChecks([]), () => '');
      const layers = (await imageLayers(m.context(), 'capas'))!;
      const inspect = await m.client.json<{ RootFS: { Layers: string[] } }>('GET', '/images/capas/json');
      expect(layers.map((l) => l.diffId)).toEqual(inspect.RootFS.Layers);
      expect(layers).toHaveLength(4);
      expect(layers[0]!.entries.some((e) => e.path === 'bin/busybox' && e.kind === 'file' && e.size > 0)).toBe(true);
      expect(layers[1]!.entries.filter((e) => e.kind !== 'dir')).toEqual([{ path: 'b', kind: 'file', size: 2 }, { path: 'd/a', kind: 'file', size: 5 }]);
      expect(layers[2]).toMatchObject({ entries: [], deleted: ['d'] });
      expect(layers[3]!.deleted).toEqual(['bin/wget']);
      const final = finalPaths(layers);
      expect(final.has('b')).toBe(true);
      expect(final.has('d/a')).toBe(false);
      expect(final.has('bin/wget')).toBe(false);
      expect(final.has('bin/sh')).toBe(true);
      expect(await imageLayers(m.context(), 'nosuch')).toBeNull();
    } finally {
      await m.dispose();
    }
  });
});
