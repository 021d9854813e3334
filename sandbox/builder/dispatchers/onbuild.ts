// ONBUILD <INSTRUCTION>   (runs when another build uses this image in FROM)
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { OnbuildInstruction } from '../instructions.ts';

export async function dispatchOnbuild(d: DispatchContext, ins: OnbuildInstruction): Promise<void> {
  d.state.config.OnBuild = [...(d.state.config.OnBuild ?? []), ins.trigger];
  await commitMetadata(d, `ONBUILD ${ins.trigger}`);
}
