// MAINTAINER <name>   (deprecated: use LABEL org.opencontainers.image.authors)
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { MaintainerInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchMaintainer(d: DispatchContext, ins: MaintainerInstruction): Promise<void> {
  const name = expandWord(ins.maintainer, d.state.vars(), d.escape);
  d.state.author = name;
  await commitMetadata(d, `MAINTAINER ${name}`);
}
