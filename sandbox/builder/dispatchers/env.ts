// ENV <key>=<value> [<key>=<value> ...]   |   ENV <key> <value>
// Every value is substituted against the environment as it was before this
// instruction (so `ENV A=1 B=$A` gives B the old A).
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { EnvInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchEnv(d: DispatchContext, ins: EnvInstruction): Promise<void> {
  const vars = d.state.vars();
  const parts: string[] = [];
  for (const [rawKey, rawValue] of ins.pairs) {
    const key = expandWord(rawKey, vars, d.escape);
    if (key === '') throw new BuildError('ENV names can not be blank');
    const value = expandWord(rawValue, vars, d.escape);
    d.state.setEnv(key, value);
    parts.push(`${key}=${value}`);
  }
  await commitMetadata(d, `ENV ${parts.join(' ')}`);
}
