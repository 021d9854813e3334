// docker export and docker cp: archives of what a container holds, and
// archives unpacked into it, seen from inside with real commands.
import { describe, expect, it } from 'vitest';
import { readTarTree } from '../layer/tar-read.ts';
import type { DirNode } from '../fs/node.ts';
import { exportContainer, getArchive, putArchive } from './archive.ts';
import type { Container } from './container.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';

const dec = new TextDecoder();
const text = (c: Container): string => c.logs.filter((l) => l.stream === 'stdout').map((l) => dec.decode(l.data)).join('');

async function names(tar: Uint8Array): Promise<string[]> {
  const tree = await readTarTree(tar, { whiteouts: false, dest: '/' });
  const out: string[] = [];
  const walk = (d: DirNode, prefix: string): void => {
    for (const [n, e] of d.entries) { out.push(prefix + n + (e.kind === 'dir' ? '/' : '')); if (e.kind === 'dir') walk(e, prefix + n + '/'); }
  };
  walk(tree, '');
  return out;
}

describe('docker export and cp', () => {
  it('export holds the image files and the changes, not /proc', async () => {
    const d = await Daemon.create({ newId: sequentialIds('arc') });
    const { container } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'echo made > /made.txt; rm /etc/group'] });
    const all = await names(await exportContainer(container));
    expect(all).toContain('made.txt');
    expect(all).toContain('bin/busybox');
    expect(all).not.toContain('etc/group');
    expect(all).toContain('proc/');
    expect(all.filter((n) => n.startsWith('proc/') && n !== 'proc/')).toEqual([]);
  });

  it('cp out gives the path under its basename; cp in unpacks into a directory', async () => {
    const d = await Daemon.create({ newId: sequentialIds('arc') });
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sleep', '100'] });
    d.containers.start(c);
    await c.exec(d.kernel, d.userland, ['sh', '-c', 'mkdir -p /app/conf && echo a=1 > /app/conf/x.ini']).done;
    const out = await getArchive(c, '/app/conf');
    expect(out.stat).toMatchObject({ name: 'conf', linkTarget: '' });
    expect(await names(out.tar)).toEqual(['conf/', 'conf/x.ini']);
    await expect(getArchive(c, '/nope')).rejects.toThrow(`Could not find the file /nope in container ${c.name}`);
    // Copy it back in elsewhere and look from inside.
    await putArchive(c, '/tmp', out.tar);
    const outs: string[] = [];
    await c.exec(d.kernel, d.userland, ['sh', '-c', 'cat /tmp/conf/x.ini'], { onStdout: (b) => outs.push(dec.decode(b)) }).done;
    expect(outs.join('')).toBe('a=1\n');
    await expect(putArchive(c, '/app/conf/x.ini', out.tar)).rejects.toThrow('extraction point is not a directory');
    await expect(putArchive(c, '/tmp', new TextEncoder().encode('not a tar at all, just text that is long enough to look like a header block'))).rejects.toThrow('Error processing tar file');
    d.containers.kill(c);
    expect(text(c)).toBe('');
  });
});
