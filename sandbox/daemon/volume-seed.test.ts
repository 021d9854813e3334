// When dockerd fills a volume from the image: every time a volume is mounted
// while it is empty, with what the image has at the mount point (moby's
// copyExistingContents), not only at its first mount; a volume with files is
// left as it is.
import { expect, it } from 'vitest';
import { Daemon } from './daemon.ts';

const out = (c: { logs: Array<{ data: Uint8Array }> }): string => c.logs.map((l) => new TextDecoder().decode(l.data)).join('');

it('an empty volume is filled by a later mount over the image\'s files, a volume with files is not', async () => {
  const d = await Daemon.create();
  const busybox = d.images.mustResolve('busybox');
  const nginx = d.images.mustResolve('nginx');
  // First mounted where busybox has nothing: stays empty.
  const first = await d.run({ image: busybox, mounts: [{ type: 'volume', source: 'paginas', target: '/paginas' }], cmd: ['ls', '/paginas'] });
  expect(out(first.container)).toBe('');
  // Still empty when mounted over nginx's html: filled from the image.
  const second = await d.run({ image: nginx, mounts: [{ type: 'volume', source: 'paginas', target: '/usr/share/nginx/html' }], cmd: ['ls', '/usr/share/nginx/html'] });
  expect(out(second.container)).toBe('50x.html\nindex.html\n');
  // A volume that has a file of its own keeps just that.
  await d.run({ image: busybox, mounts: [{ type: 'volume', source: 'notas', target: '/n' }], cmd: ['touch', '/n/nota.txt'] });
  const third = await d.run({ image: nginx, mounts: [{ type: 'volume', source: 'notas', target: '/usr/share/nginx/html' }], cmd: ['ls', '/usr/share/nginx/html'] });
  expect(out(third.container)).toBe('nota.txt\n');
});
