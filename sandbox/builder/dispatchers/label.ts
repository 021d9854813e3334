// LABEL <key>=<value> [<key>=<value> ...]
import { setOwn, sortedCopy } from '../../image/own-props.ts';
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { LabelInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchLabel(d: DispatchContext, ins: LabelInstruction): Promise<void> {
  const vars = d.state.vars();
  const labels = sortedCopy(d.state.config.Labels ?? {});
  const parts: string[] = [];
  for (const [rawKey, rawValue] of ins.pairs) {
    const key = expandWord(rawKey, vars, d.escape);
    if (key === '') throw new BuildError('LABEL names can not be blank');
    const value = expandWord(rawValue, vars, d.escape);
    setOwn(labels, key, value);
    parts.push(`${key}=${value}`);
  }
  d.state.config.Labels = labels;
  await commitMetadata(d, `LABEL ${parts.join(' ')}`);
}
