// /dev inside a container: the device files every image expects (null,
// zero, full, random, urandom, tty) and the links into /proc/self/fd. Opening
// a device is handled by vfs.ts; these entries make them visible to ls/test.
import { synth, SyntheticFs, type SynthEntry } from '../fs/synthetic.ts';

export function devFs(now: () => number): SyntheticFs {
  const dev = (): SynthEntry => synth.file(() => '', 0o666);
  return new SyntheticFs(() => synth.dir(() => new Map<string, SynthEntry>([
    ['console', dev()], ['full', dev()], ['null', dev()], ['random', dev()], ['tty', dev()], ['urandom', dev()], ['zero', dev()],
    ['fd', synth.link(() => '/proc/self/fd')],
    ['stdin', synth.link(() => '/proc/self/fd/0')],
    ['stdout', synth.link(() => '/proc/self/fd/1')],
    ['stderr', synth.link(() => '/proc/self/fd/2')],
    ['pts', synth.dir(() => new Map(), 0o755)],
    ['shm', synth.dir(() => new Map(), 0o1777)],
    ['mqueue', synth.dir(() => new Map(), 0o1777)],
  ]), 0o755), { now });
}
