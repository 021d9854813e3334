// Appending to a big file (issue 7): 64 MiB in 4 KiB write(2)s, the way
// `dd bs=4k`, `yes > f` or a logging loop grows a file. Measured twice: at the
// system call (an open file on a container's writable layer, charged to the
// engine's disk, as every write of a program is) and end to end (`dd` in a
// busybox container, through the shell, the kernel's pipes and fds). A write
// path that copies the file on each write is O(n²) and falls far behind; a
// run slower than its time budget stops early and reports the rate so far.
// Run alone: node --import tsx bench/fs-append.ts
import { Daemon } from '../sandbox/daemon/daemon.ts';
import { EngineDisk } from '../sandbox/daemon/disk.ts';
import { dirNode, metaOf } from '../sandbox/fs/node.ts';
import { OverlayFs } from '../sandbox/fs/overlay.ts';
import { RegularFile } from '../sandbox/kernel/vfs.ts';

const TOTAL = 64 * 1024 * 1024;
const CHUNK = 4096;
const BUDGET_MS = 20_000;

const rate = (bytes: number, ms: number): string => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s`;

/** write(2) of 4 KiB chunks at the end of a file on an overlay charged to the disk. */
function syscallLevel(): { bytes: number; ms: number } {
  const disk = new EngineDisk({ capacity: 2 * TOTAL, layerBytes: 2 * TOTAL });
  const fs = new OverlayFs(dirNode(metaOf(0o755, 0)), { ledger: disk.writableLayer(), now: () => 0 });
  fs.writeFileSync('/big', new Uint8Array(0));
  const file = new RegularFile(fs, '/big', { write: true });
  const chunk = new Uint8Array(CHUNK).fill(0x79);
  const t = performance.now();
  let bytes = 0;
  while (bytes < TOTAL) {
    bytes += file.writeSync(chunk);
    if ((bytes & 0xfffff) === 0 && performance.now() - t > BUDGET_MS) break;
  }
  const ms = performance.now() - t;
  if (fs.statSync('/big').size !== bytes) throw new Error('size mismatch');
  return { bytes, ms };
}

export async function benchAppend(): Promise<void> {
  console.log('Append 64 MiB in 4 KiB writes (issue 7)');
  const s = syscallLevel();
  console.log(`  write(2) on a container's writable layer: ${rate(s.bytes, s.ms)}${s.bytes < TOTAL ? ` (stopped after ${(s.ms / 1000).toFixed(0)} s at ${(s.bytes / 1024 / 1024).toFixed(1)} MiB)` : ` (${(s.ms / 1000).toFixed(2)} s)`}`);
  const daemon = await Daemon.create();
  const c = daemon.containers.create({ image: daemon.images.mustResolve('busybox'), cmd: ['dd', 'if=/dev/zero', 'of=/big', 'bs=4k', `count=${TOTAL / CHUNK}`] });
  const t = performance.now();
  daemon.containers.start(c);
  const timer = setTimeout(() => daemon.containers.kill(c), BUDGET_MS);
  await c.wait();
  clearTimeout(timer);
  const ms = performance.now() - t;
  const bytes = c.fs.statSync('/big').size;
  daemon.containers.remove(c, true);
  console.log(`  dd if=/dev/zero of=/big bs=4k count=16384 in a busybox container: ${rate(bytes, ms)}${bytes < TOTAL ? ` (killed after ${(ms / 1000).toFixed(0)} s at ${(bytes / 1024 / 1024).toFixed(1)} MiB)` : ` (${(ms / 1000).toFixed(2)} s)`}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAppend();
  process.exit(0);
}
