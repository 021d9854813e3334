// VOLUME ["/data"]   |   VOLUME /var/log /var/db
import { setOwn, sortedCopy } from '../../image/own-props.ts';
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import { goList } from '../go-format.ts';
import type { VolumeInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchVolume(d: DispatchContext, ins: VolumeInstruction): Promise<void> {
  const vars = d.state.vars();
  // Both forms substitute (BuildKit expands each path, JSON or not).
  const paths = ins.paths.map((p) => expandWord(p, vars, d.escape));
  const volumes = sortedCopy(d.state.config.Volumes ?? {});
  for (const p of paths) {
    if (p.trim() === '') throw new BuildError('VOLUME specified can not be an empty string');
    setOwn(volumes, p, {});
  }
  d.state.config.Volumes = volumes;
  await commitMetadata(d, `VOLUME ${goList(paths)}`);
}
